import path from "node:path";
import { IANAZone } from "../core/luxon.js";
import { z } from "zod";
import { isPostgresUrl } from "../core/database-url.js";
import { AppError } from "../core/errors.js";

const intFrom = (min: number, max: number) => z.coerce.number().int().min(min).max(max);

const urlBase = z
  .string()
  .url()
  .transform((u) => u.replace(/\/+$/, ""));

/** A comma-separated list, blanks dropped. */
const commaList = (dflt = "") =>
  z
    .string()
    .default(dflt)
    .transform((s) =>
      s
        .split(",")
        .map((x) => x.trim())
        .filter(Boolean),
    );

/** `name=number,…` (names lower-cased) as a record, e.g. `api.example.com=30,other.org=0`. */
const namedNumbers = (name: RegExp, message: string) =>
  z
    .string()
    .regex(new RegExp(`^\\s*((?:${name.source})=\\d+\\s*(,\\s*|$))*$`), message)
    .default("")
    .transform(
      (s) =>
        Object.fromEntries(
          s
            .split(",")
            .map((p) => p.trim())
            .filter(Boolean)
            .map((p) => {
              const [key = "", n = "0"] = p.split("=");
              return [key.toLowerCase(), Number(n)];
            }),
        ) as Record<string, number>,
    );

const bool = z
  .enum(["1", "0", "true", "false", "yes", "no", "on", "off"])
  .transform((v) => ["1", "true", "yes", "on"].includes(v));

/**
 * Every setting jobscout reads, one field per environment variable. This is the only place that
 * reads `process.env`; everything else receives the parsed {@link Config}.
 */
export const configSchema = z.object({
  /** `JOBSCOUT_DATA_DIR` — folder for everything local (SQLite file, vector index, embedded Redis). @defaultValue `./data` */
  JOBSCOUT_DATA_DIR: z.string().min(1).default("./data"),
  /**
   * `DATABASE_URL` — `postgres://user@host:5432/db` for a shared PostgreSQL store, or `sqlite:path`
   * for another SQLite file. @defaultValue the SQLite file `jobscout.sqlite` in the data dir
   */
  DATABASE_URL: z.string().optional(),
  /** `REDIS_URL` — BullMQ's Redis. Unset: use 127.0.0.1:6379 if it answers, else start a private redis-server. */
  REDIS_URL: z
    .string()
    .regex(/^rediss?:\/\//, "a redis:// or rediss:// URL")
    .optional(),
  /**
   * `JOBSCOUT_QUEUE_PREFIX` — Redis key prefix for all queues and shared state. Unset, it is
   * `jobscout-` plus the first 8 characters of the store's installation id, so installations with
   * their own stores never share queues on one Redis, while every process on one store does. Set,
   * it is used as given, and a second installation (another store) claiming it is refused at
   * start-up. @defaultValue `jobscout-<installation id>`
   */
  JOBSCOUT_QUEUE_PREFIX: z
    .string()
    .regex(/^[A-Za-z0-9_:-]+$/, "letters, digits, '_', ':' or '-'")
    .default("jobscout"),
  /** `JOBSCOUT_WORKER_CONCURRENCY` — jobs each worker process runs at once per stage. @defaultValue `2` */
  JOBSCOUT_WORKER_CONCURRENCY: intFrom(1, 64).default(2),
  /** `JOBSCOUT_JOB_ATTEMPTS` — attempts per stage job before it fails. @defaultValue `3` */
  JOBSCOUT_JOB_ATTEMPTS: intFrom(1, 20).default(3),
  /** `JOBSCOUT_BACKOFF_MS` — first retry delay; doubles each attempt. @defaultValue `1000` */
  JOBSCOUT_BACKOFF_MS: intFrom(0, 600_000).default(1000),
  /**
   * `JOBSCOUT_MAX_RETRY_WAIT_MS` — the longest a run waits to retry a source; a site asking for a
   * longer pause (Retry-After) is left out of that run, so the others' postings are not held up.
   * @defaultValue `60000`
   */
  JOBSCOUT_MAX_RETRY_WAIT_MS: intFrom(0, 3_600_000).default(60_000),
  /**
   * `JOBSCOUT_DB_BUSY_MS` — how long one SQLite write waits for another process's write lock before
   * it fails (pipeline stages then wait and try again). @defaultValue `10000`
   */
  JOBSCOUT_DB_BUSY_MS: intFrom(0, 600_000).default(10_000),
  /** `JOBSCOUT_LOCK_MS` — how long a worker holds a job without renewing before it counts as stalled. @defaultValue `30000` */
  JOBSCOUT_LOCK_MS: intFrom(1000, 600_000).default(30_000),
  /**
   * `JOBSCOUT_WORKER_STOP_MS` — how long a stopping worker waits for the jobs in hand to finish;
   * jobs still running then are left to their locks and another worker retries them. @defaultValue `30000`
   */
  JOBSCOUT_WORKER_STOP_MS: intFrom(100, 3_600_000).default(30_000),
  /**
   * `JOBSCOUT_RUN_WAIT_MS` — how long a chat turn waits for a run it started; 0 answers at once with
   * the run's state (ask "status" later). @defaultValue `300000`
   */
  JOBSCOUT_RUN_WAIT_MS: intFrom(0, 3_600_000).default(300_000),
  /** `JOBSCOUT_CV_MAX_MB` — largest CV file read (PDF, DOCX, text); a larger one is answered with what to send instead. @defaultValue `10` */
  JOBSCOUT_CV_MAX_MB: intFrom(1, 100).default(10),
  /** `JOBSCOUT_CV_PARSER` — who reads PDF and DOCX CVs: `local` (unpdf, mammoth) or `llamaparse` (LlamaCloud; needs LLAMA_CLOUD_API_KEY). Plain text is always read locally. @defaultValue `local` */
  JOBSCOUT_CV_PARSER: z.enum(["local", "llamaparse"]).default("local"),
  /** `LLAMA_CLOUD_API_KEY` — LlamaCloud key (`llx-…`) for JOBSCOUT_CV_PARSER=llamaparse. */
  LLAMA_CLOUD_API_KEY: z.string().min(1).optional(),
  /** `LLAMA_CLOUD_BASE_URL` — LlamaParse endpoint (e.g. `jobscout mock llamaparse` at http://127.0.0.1:8791). @defaultValue LlamaCloud's own */
  LLAMA_CLOUD_BASE_URL: urlBase.optional(),
  /** `JOBSCOUT_CV_WAIT_MS` — how long a chat turn waits for its CV to be parsed (the `parse-cv` stage). @defaultValue `60000` */
  JOBSCOUT_CV_WAIT_MS: intFrom(1000, 600_000).default(60_000),
  /** `JOBSCOUT_MEMORY_CHECKPOINTS` — conversation checkpoints kept per thread, newest first (a turn writes one when it ends; the newest holds the conversation). @defaultValue `4` */
  JOBSCOUT_MEMORY_CHECKPOINTS: intFrom(1, 100_000).default(4),
  /** `JOBSCOUT_MEMORY_IDLE_DAYS` — a conversation with no turn for this many days is forgotten. @defaultValue `30` */
  JOBSCOUT_MEMORY_IDLE_DAYS: intFrom(1, 36_500).default(30),

  /** `JOBSCOUT_SOURCES` — comma-separated sources a run fetches by default. @defaultValue `arbeitnow,ba-jobsuche` */
  JOBSCOUT_SOURCES: commaList("arbeitnow,ba-jobsuche"),
  /** `JOBSCOUT_MAX_ACTIVE_RUNS` — runs one workspace may have queued or running at once. @defaultValue `3` */
  JOBSCOUT_MAX_ACTIVE_RUNS: intFrom(1, 1000).default(3),
  /**
   * `JOBSCOUT_MAX_SOURCES_PER_WORKSPACE` — boards and feeds one workspace may track (each one makes
   * the shared workers fetch another host). @defaultValue `50`
   */
  JOBSCOUT_MAX_SOURCES_PER_WORKSPACE: intFrom(1, 10_000).default(50),
  /**
   * `JOBSCOUT_MAX_SOURCES_PER_USER` — sources one person may add from chat, over all workspaces
   * (a DM is everyone's own workspace, so this is what bounds DMs). @defaultValue `10`
   */
  JOBSCOUT_MAX_SOURCES_PER_USER: intFrom(1, 10_000).default(10),
  /** `ARBEITNOW_BASE_URL` — Arbeitnow API host; the adapter appends `/api/job-board-api`. @defaultValue `https://www.arbeitnow.com` */
  ARBEITNOW_BASE_URL: urlBase.default("https://www.arbeitnow.com"),
  /** `BA_JOBSUCHE_BASE_URL` — Bundesagentur Jobsuche host; the adapter appends `/jobboerse/jobsuche-service/pc/v6/jobs`. @defaultValue `https://rest.arbeitsagentur.de` */
  BA_JOBSUCHE_BASE_URL: urlBase.default("https://rest.arbeitsagentur.de"),
  /** `GREENHOUSE_BASE_URL` — Greenhouse job board API host. @defaultValue `https://boards-api.greenhouse.io` */
  GREENHOUSE_BASE_URL: urlBase.default("https://boards-api.greenhouse.io"),
  /** `LEVER_BASE_URL` — Lever postings API host. @defaultValue `https://api.lever.co` */
  LEVER_BASE_URL: urlBase.default("https://api.lever.co"),
  /** `ASHBY_BASE_URL` — Ashby job board API host. @defaultValue `https://api.ashbyhq.com` */
  ASHBY_BASE_URL: urlBase.default("https://api.ashbyhq.com"),
  /** `SMARTRECRUITERS_BASE_URL` — SmartRecruiters posting API host. @defaultValue `https://api.smartrecruiters.com` */
  SMARTRECRUITERS_BASE_URL: urlBase.default("https://api.smartrecruiters.com"),
  /** `PERSONIO_BASE_URL` — Personio feed host; `{company}` is replaced by the company's subdomain. @defaultValue `https://{company}.jobs.personio.de` */
  PERSONIO_BASE_URL: z
    .string()
    .regex(/^https?:\/\/\S+$/, "an http(s) URL, optionally with {company}")
    .transform((u) => u.replace(/\/+$/, ""))
    .default("https://{company}.jobs.personio.de"),
  /** `DEUTSCHE_BANK_BASE_URL` — Deutsche Bank careers search API host. @defaultValue `https://api-deutschebank.beesite.de` */
  DEUTSCHE_BANK_BASE_URL: urlBase.default("https://api-deutschebank.beesite.de"),
  /** `JOBSCOUT_SOURCES_FILE` — YAML file seeding each workspace's tracked sources. @defaultValue `<data dir>/sources.yaml` when it exists */
  JOBSCOUT_SOURCES_FILE: z.string().min(1).optional(),
  /** `JOBSCOUT_HOST_RATE_LIMITS` — per-host request budgets, `host=perMinute,…` (overrides each source's declared rate). */
  JOBSCOUT_HOST_RATE_LIMITS: namedNumbers(/[A-Za-z0-9.:-]+/, "host=perMinute pairs separated by commas"),
  /** `JOBSCOUT_BREAKER_FAILURES` — consecutive failures after which a source's circuit opens. @defaultValue `5` */
  JOBSCOUT_BREAKER_FAILURES: intFrom(1, 100).default(5),
  /** `JOBSCOUT_BREAKER_COOLDOWN_MS` — how long an open circuit waits before trying the source again. @defaultValue `300000` */
  JOBSCOUT_BREAKER_COOLDOWN_MS: intFrom(1000, 86_400_000).default(300_000),
  /** `JOBSCOUT_FETCH_MAX_PAGES` — pages fetched per source and run. @defaultValue `5` */
  JOBSCOUT_FETCH_MAX_PAGES: intFrom(1, 100).default(5),
  /**
   * `JOBSCOUT_SOURCE_DEADLINE_MS` — how long a run waits for any one source, from when the run began
   * fetching: a source still fetching (or waiting to retry) then is cut off, the run goes on with
   * what arrived, and that source's outcome says so. @defaultValue `120000`
   */
  JOBSCOUT_SOURCE_DEADLINE_MS: intFrom(1000, 3_600_000).default(120_000),
  /** `JOBSCOUT_FETCH_TIMEOUT_MS` — per HTTP request. @defaultValue `20000` */
  JOBSCOUT_FETCH_TIMEOUT_MS: intFrom(100, 300_000).default(20_000),
  /**
   * `JOBSCOUT_ALLOW_PRIVATE_HOSTS` — comma-separated host names (`careers.intranet`, `*.corp.example`),
   * addresses or CIDRs (`10.1.0.0/16`) that tracked sources may fetch although they are private,
   * loopback or link-local (any port). Everything else such a URL, a redirect, a sitemap or
   * robots.txt leads to is refused; the job sources' `*_BASE_URL` hosts are trusted as configured. @defaultValue none
   */
  JOBSCOUT_ALLOW_PRIVATE_HOSTS: commaList(),
  /** `JOBSCOUT_ALLOWED_PORTS` — ports besides 80 and 443 that tracked sources may fetch on public hosts, e.g. `8080,8443`. @defaultValue none */
  JOBSCOUT_ALLOWED_PORTS: z
    .string()
    .regex(/^\s*(\d{1,5}\s*(,\s*|$))*$/, "port numbers separated by commas")
    .default("")
    .transform((s) =>
      s
        .split(",")
        .map((x) => x.trim())
        .filter(Boolean)
        .map(Number),
    ),
  /** `JOBSCOUT_MAX_BODY_BYTES` — largest HTTP response body read (counted before and after decompression); more fails that source for the run. @defaultValue `10485760` (10 MiB) */
  JOBSCOUT_MAX_BODY_BYTES: intFrom(1024, 1_073_741_824).default(10_485_760),
  /** `JOBSCOUT_MAX_BODY_BYTES_BY_KIND` — per kind of source, `api=…,feed=…,page=…` bytes, overriding `JOBSCOUT_MAX_BODY_BYTES`. @defaultValue none */
  JOBSCOUT_MAX_BODY_BYTES_BY_KIND: namedNumbers(
    /api|feed|page/,
    "kind=bytes pairs (kinds api, feed, page) separated by commas",
  ),
  /** `JOBSCOUT_FETCH_MAX_ITEMS` — items kept per fetched page; the rest are dropped and the listing counts as partial. @defaultValue `5000` */
  JOBSCOUT_FETCH_MAX_ITEMS: intFrom(1, 1_000_000).default(5000),
  /** `JOBSCOUT_CONTACT` — contact (URL or e-mail) put in the User-Agent so site operators can reach you. @defaultValue project URL */
  JOBSCOUT_CONTACT: z.string().min(3).default("https://github.com/jobscout/jobscout"),

  /**
   * `JOBSCOUT_EMBEDDER` — `hashing` (offline, no model files) or `openai` (any OpenAI-compatible
   * `/embeddings` endpoint: OPENAI_API_KEY, OPENAI_BASE_URL, OPENAI_EMBEDDING_MODEL). Each has its own
   * index; `jobscout reindex` embeds the stored jobs after a switch. @defaultValue `hashing`
   */
  JOBSCOUT_EMBEDDER: z.enum(["hashing", "openai"]).default("hashing"),
  /** `OPENAI_EMBEDDING_MODEL` — embedding model for `JOBSCOUT_EMBEDDER=openai`. @defaultValue `text-embedding-3-small` */
  OPENAI_EMBEDDING_MODEL: z.string().min(1).default("text-embedding-3-small"),
  /** `JOBSCOUT_EMBEDDING_DIM` — vector length: shortens `text-embedding-3-*` vectors; other models' length is measured. */
  JOBSCOUT_EMBEDDING_DIM: intFrom(8, 8192).optional(),
  /** `JOBSCOUT_HNSW_M` — graph degree. @defaultValue `16` */
  JOBSCOUT_HNSW_M: intFrom(4, 96).default(16),
  /** `JOBSCOUT_HNSW_EF_CONSTRUCTION` — build-time beam width. @defaultValue `200` */
  JOBSCOUT_HNSW_EF_CONSTRUCTION: intFrom(10, 1000).default(200),
  /** `JOBSCOUT_HNSW_EF` — query-time beam width; 320 keeps recall@10 ≥ 0.99 at 100k postings (BENCHMARKS.md). @defaultValue `320` */
  JOBSCOUT_HNSW_EF: intFrom(10, 2000).default(320),

  /** `JOBSCOUT_EXPORT_DIR` — where exports of applications are written (the terminal says the path). @defaultValue `<data dir>/exports` */
  JOBSCOUT_EXPORT_DIR: z.string().min(1).optional(),
  /**
   * `JOBSCOUT_INDEX_SNAPSHOT_DIR` — a directory every search process can read (a shared volume): the
   * index stage publishes the vector index there, and a process starting without a newer local index
   * copies it and catches up from the store instead of rebuilding. Unset: each process keeps its own.
   */
  JOBSCOUT_INDEX_SNAPSHOT_DIR: z.string().min(1).optional(),
  /** `SMTP_URL` — mail server for sending approved applications (`smtp://user:pass@host:587`, `smtps://…`); without it nothing is sent. */
  SMTP_URL: z.string().url().optional(),
  /** `SMTP_FROM` — sender address of application mails (`Jane Doe <jane@example.com>`). */
  SMTP_FROM: z.string().min(3).optional(),
  /** `SMTP_REPLY_TO` — reply-to address of application mails. @defaultValue the sender */
  SMTP_REPLY_TO: z.string().min(3).optional(),
  /** `SMTP_TIMEOUT_MS` — how long to wait for the mail server at each step. @defaultValue `20000` */
  SMTP_TIMEOUT_MS: intFrom(500, 300_000).default(20_000),
  /**
   * `SMTP_SEND_LEASE_MS` — how long a send may stay unfinished before confirming it again sends it
   * anew (its process died mid-send), under the same Message-ID. Keep it above a send's longest
   * run (a few `SMTP_TIMEOUT_MS`). @defaultValue `600000` (10 minutes)
   */
  SMTP_SEND_LEASE_MS: intFrom(0, 86_400_000).default(600_000),

  /** `SLACK_BOT_TOKEN` — Slack bot token (`xoxb-…`); with it, `start` connects to Slack. */
  SLACK_BOT_TOKEN: z.string().min(1).optional(),
  /** `SLACK_APP_TOKEN` — app-level token (`xapp-…`) for Socket Mode; without it Slack uses the HTTP Events API. */
  SLACK_APP_TOKEN: z.string().min(1).optional(),
  /** `SLACK_SIGNING_SECRET` — verifies HTTP Events API requests (needed without Socket Mode). */
  SLACK_SIGNING_SECRET: z.string().min(1).optional(),
  /** `SLACK_PORT` — port of the HTTP Events API receiver. @defaultValue `3000` */
  SLACK_PORT: intFrom(0, 65535).default(3000),
  /** `SLACK_API_URL` — Slack Web API base (enterprise proxies, tests). @defaultValue `https://slack.com/api/` */
  SLACK_API_URL: z
    .string()
    .url()
    .transform((u) => (u.endsWith("/") ? u : `${u}/`))
    .optional(),
  /** `DISCORD_TOKEN` — Discord bot token; with it, `start` connects to Discord. */
  DISCORD_TOKEN: z.string().min(1).optional(),
  /** `DISCORD_APPLICATION_ID` — the bot's application id (slash command registration). */
  DISCORD_APPLICATION_ID: z
    .string()
    .regex(/^\d{5,25}$/, "a numeric Discord id")
    .optional(),
  /** `DISCORD_GUILD_ID` — register slash commands in this guild only (instant) instead of globally. */
  DISCORD_GUILD_ID: z
    .string()
    .regex(/^\d{5,25}$/, "a numeric Discord id")
    .optional(),
  /** `DISCORD_API_URL` — Discord REST base (`rest.api`). @defaultValue `https://discord.com/api` */
  DISCORD_API_URL: z
    .string()
    .url()
    .transform((u) => u.replace(/\/+$/, ""))
    .optional(),

  /** `OPENAI_API_KEY` — set to use an OpenAI-compatible chat model instead of the offline one. */
  OPENAI_API_KEY: z.string().min(1).optional(),
  /** `OPENAI_BASE_URL` — OpenAI-compatible endpoint (Ollama, vLLM, LM Studio…). */
  OPENAI_BASE_URL: z.string().url().optional(),
  /** `OPENAI_MODEL` — chat model name. @defaultValue `gpt-4o-mini` */
  OPENAI_MODEL: z.string().min(1).default("gpt-4o-mini"),
  /**
   * `JOBSCOUT_FIT_VERDICT` — `auto`: when OPENAI_API_KEY is set, each fit score also asks the model
   * for a verdict (at most ±10 points, only with CV citations that check out); `off`: offline
   * scores only. @defaultValue `auto`
   */
  JOBSCOUT_FIT_VERDICT: z.enum(["auto", "off"]).default("auto"),
  /** `JOBSCOUT_FIT_VERDICT_CONCURRENCY` — verdict requests in flight at once per scoring run. @defaultValue `4` */
  JOBSCOUT_FIT_VERDICT_CONCURRENCY: intFrom(1, 64).default(4),
  /** `JOBSCOUT_FIT_VERDICT_RETRIES` — retries of a verdict request (429 waits for retry-after, up to 60 s). @defaultValue `6` */
  JOBSCOUT_FIT_VERDICT_RETRIES: intFrom(0, 20).default(6),
  /**
   * `OPENAI_RPM` — requests per minute this process starts at most for letters, under the provider's
   * limit (0: no pacing; a 429 is still retried after its `retry-after`). @defaultValue `0`
   */
  OPENAI_RPM: intFrom(0, 1_000_000).default(0),
  /** `JOBSCOUT_LETTER_CONCURRENCY` — letters drafted at once for "the top 3". @defaultValue `3` */
  JOBSCOUT_LETTER_CONCURRENCY: intFrom(1, 32).default(3),

  /** `JOBSCOUT_WORKSPACE` — workspace of the terminal chat. @defaultValue `local` */
  JOBSCOUT_WORKSPACE: z.string().min(1).default("local"),
  /** `JOBSCOUT_USER` — user id of the terminal chat. @defaultValue `local-user` */
  JOBSCOUT_USER: z.string().min(1).default("local-user"),
  /**
   * `JOBSCOUT_DASHBOARD_PORT` — port of the dashboard in the browser. `jobscout start` serves it only
   * when this is set; `jobscout dashboard` uses it or 7070.
   */
  JOBSCOUT_DASHBOARD_PORT: intFrom(0, 65_535).optional(),
  /** `JOBSCOUT_DASHBOARD_HOST` — address the dashboard listens on. @defaultValue `127.0.0.1` */
  JOBSCOUT_DASHBOARD_HOST: z.string().min(1).default("127.0.0.1"),
  /**
   * `JOBSCOUT_DASHBOARD_TOKEN` — operator login to the dashboard (every workspace, admin). Unset: only
   * one-time links the bot gives in chat log in.
   */
  JOBSCOUT_DASHBOARD_TOKEN: z.string().min(16, "at least 16 characters").optional(),
  /** `JOBSCOUT_DASHBOARD_URL` — the dashboard's address as browsers reach it, for login links. @defaultValue `http://<host>:<port>` */
  JOBSCOUT_DASHBOARD_URL: urlBase.optional(),
  /** `JOBSCOUT_DASHBOARD_SESSION_MS` — how long a dashboard login lasts. @defaultValue `28800000` (8 h) */
  JOBSCOUT_DASHBOARD_SESSION_MS: intFrom(60_000, 30 * 24 * 3_600_000).default(8 * 3_600_000),
  /** `JOBSCOUT_DASHBOARD_LINK_MS` — how long a one-time login link from chat stays valid. @defaultValue `600000` (10 min) */
  JOBSCOUT_DASHBOARD_LINK_MS: intFrom(10_000, 24 * 3_600_000).default(600_000),
  /** `JOBSCOUT_DASHBOARD_LOGIN_ATTEMPTS` — failed dashboard logins (token or link) one address may make per window before it gets 429. @defaultValue `10` */
  JOBSCOUT_DASHBOARD_LOGIN_ATTEMPTS: intFrom(1, 10_000).default(10),
  /** `JOBSCOUT_DASHBOARD_LOGIN_WINDOW_MS` — that window, from the first failure. @defaultValue `900000` (15 min) */
  JOBSCOUT_DASHBOARD_LOGIN_WINDOW_MS: intFrom(1_000, 24 * 3_600_000).default(900_000),
  /** `JOBSCOUT_WORKER_HEALTH_PORT` — `jobscout worker` serves `/healthz` and `/readyz` here when set (for orchestrators). */
  JOBSCOUT_WORKER_HEALTH_PORT: intFrom(0, 65_535).optional(),
  /** `JOBSCOUT_HEALTH_PORT` — `jobscout slack` and `jobscout discord` serve `/healthz`, `/readyz` and their own `/metrics` here when set. */
  JOBSCOUT_HEALTH_PORT: intFrom(0, 65_535).optional(),
  /** `JOBSCOUT_LOG_LEVEL` — `debug`, `info`, `warn`, `error` or `silent`. @defaultValue `info` for workers, `error` in the chat */
  JOBSCOUT_LOG_LEVEL: z.enum(["debug", "info", "warn", "error", "silent"]).optional(),
  /**
   * `JOBSCOUT_METRICS` — `off` records no Prometheus metrics in this process (no timing of searches,
   * turns, acks or model calls; no Node figures) and `/metrics` answers 404. @defaultValue `on`
   */
  JOBSCOUT_METRICS: bool.default(true),
  /** `JOBSCOUT_PROGRESS` — show run progress in the terminal. @defaultValue `true` */
  JOBSCOUT_PROGRESS: bool.default(true),
  /**
   * `JOBSCOUT_TIME_ZONE` — IANA time zone of terminal alerts (chat platforms use each member's own).
   * @defaultValue the machine's time zone
   */
  JOBSCOUT_TIME_ZONE: z
    .string()
    .refine((tz) => IANAZone.isValidZone(tz), "an IANA time zone such as Europe/Berlin")
    .default(() => Intl.DateTimeFormat().resolvedOptions().timeZone),
  /** `JOBSCOUT_DIGEST_MAX_JOBS` — jobs shown in one digest. @defaultValue `10` */
  JOBSCOUT_DIGEST_MAX_JOBS: intFrom(1, 50).default(10),
  /** `JOBSCOUT_DIGEST_PER_COMPANY` — jobs of one company in one digest. @defaultValue `2` */
  JOBSCOUT_DIGEST_PER_COMPANY: intFrom(1, 50).default(2),
  /** `JOBSCOUT_DIGEST_CONCURRENCY` — digests built at once per process. @defaultValue `4` */
  JOBSCOUT_DIGEST_CONCURRENCY: intFrom(1, 64).default(4),
});

export type RawConfig = z.infer<typeof configSchema>;

/** Typed, resolved configuration handed to every module. */
export interface Config extends RawConfig {
  /** Absolute data dir. */
  dataDir: string;
  /** Absolute SQLite file path (unused when `postgresUrl` is set). */
  sqlitePath: string;
  /** Absolute directory exports are written to. */
  exportDir: string;
  /** Absolute directory of published index snapshots, when `JOBSCOUT_INDEX_SNAPSHOT_DIR` is set. */
  snapshotDir: string | undefined;
  /** The PostgreSQL store's URL when `DATABASE_URL` names one. */
  postgresUrl: string | undefined;
  /**
   * Whether `JOBSCOUT_QUEUE_PREFIX` was set; when not, the roles that open the store replace the
   * default by the installation's own prefix (`withInstallationPrefix`).
   */
  queuePrefixSet: boolean;
}

/** Parse the environment once. A bad value stops start-up with a message naming the variable. */
export function loadConfig(
  env: Record<string, string | undefined> = process.env,
  cwd = process.cwd(),
): Config {
  // Empty strings in .env files mean "unset", as users expect.
  const cleaned = Object.fromEntries(Object.entries(env).filter(([, v]) => v !== undefined && v !== ""));
  const parsed = configSchema.safeParse(cleaned);
  if (!parsed.success) {
    const lines = parsed.error.issues.map((i) => {
      const name = i.path.join(".");
      const got = name in cleaned ? ` (got ${JSON.stringify(cleaned[name])})` : "";
      return `  ${name}: ${i.message}${got}`;
    });
    throw new AppError("config_invalid", `Invalid configuration:\n${lines.join("\n")}`, {
      userMessage: `Invalid configuration:\n${lines.join("\n")}`,
    });
  }
  const raw = parsed.data;
  if (raw.DATABASE_URL && !/^(sqlite|file):/.test(raw.DATABASE_URL) && !isPostgresUrl(raw.DATABASE_URL)) {
    const message = `Invalid configuration:\n  DATABASE_URL: use postgres://user@host:5432/database for PostgreSQL or sqlite:path for a SQLite file (got a ${raw.DATABASE_URL.split(":")[0]}: URL); unset it to use the SQLite file in JOBSCOUT_DATA_DIR`;
    throw new AppError("config_invalid", message, { userMessage: message });
  }
  if (raw.JOBSCOUT_EMBEDDER === "openai" && !raw.OPENAI_API_KEY) {
    const message =
      "Invalid configuration:\n  JOBSCOUT_EMBEDDER: openai needs OPENAI_API_KEY (any value for a local server without keys, such as Ollama, with OPENAI_BASE_URL)";
    throw new AppError("config_invalid", message, { userMessage: message });
  }
  if (raw.JOBSCOUT_CV_PARSER === "llamaparse" && !raw.LLAMA_CLOUD_API_KEY) {
    const message =
      "Invalid configuration:\n  JOBSCOUT_CV_PARSER: llamaparse needs LLAMA_CLOUD_API_KEY (a LlamaCloud key, llx-…; any value for `jobscout mock llamaparse` with LLAMA_CLOUD_BASE_URL)";
    throw new AppError("config_invalid", message, { userMessage: message });
  }
  const dataDir = path.resolve(cwd, raw.JOBSCOUT_DATA_DIR);
  const sqlitePath =
    raw.DATABASE_URL && !isPostgresUrl(raw.DATABASE_URL)
      ? path.resolve(cwd, raw.DATABASE_URL.replace(/^(sqlite|file):(\/\/)?/, ""))
      : path.join(dataDir, "jobscout.sqlite");
  const postgresUrl = raw.DATABASE_URL && isPostgresUrl(raw.DATABASE_URL) ? raw.DATABASE_URL : undefined;
  const exportDir = raw.JOBSCOUT_EXPORT_DIR
    ? path.resolve(cwd, raw.JOBSCOUT_EXPORT_DIR)
    : path.join(dataDir, "exports");
  return {
    ...raw,
    dataDir,
    sqlitePath,
    postgresUrl,
    exportDir,
    snapshotDir: raw.JOBSCOUT_INDEX_SNAPSHOT_DIR
      ? path.resolve(cwd, raw.JOBSCOUT_INDEX_SNAPSHOT_DIR)
      : undefined,
    queuePrefixSet: "JOBSCOUT_QUEUE_PREFIX" in cleaned,
  };
}
