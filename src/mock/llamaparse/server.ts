import http from "node:http";
import { randomUUID } from "node:crypto";
import { seededRandom } from "../random.js";
import { listen, readBody, sendJson, type MockServer } from "../http.js";
import { pageMarkdown, parseDocument } from "./local-parse.js";

/** Settings of {@link startLlamaParseMock}. */
export interface LlamaParseMockSettings {
  /** Keys accepted; empty accepts any non-empty key. @defaultValue `[]` */
  apiKeys: readonly string[];
  /** Time a job waits before it runs. @defaultValue `0` */
  queueMs: number;
  /** Processing time per page (a job's result is ready after queueMs + pages × msPerPage). @defaultValue `0` */
  msPerPage: number;
  /** Uploads per key within `windowMs` before 429 (LlamaParse: 50 per 10 s). @defaultValue `50` */
  uploadsPerWindow: number;
  /** @defaultValue `10000` */
  windowMs: number;
  /** Whether a 429 carries Retry-After (LlamaParse does not promise it). @defaultValue `true` */
  retryAfter: boolean;
  /** Pages a key may parse in all; past it uploads get 402. 0: unlimited. @defaultValue `0` */
  creditPages: number;
  /** Probability that a job fails although its file is fine. @defaultValue `0` */
  failRate: number;
  /** @defaultValue `1` */
  seed: number;
}

export const DEFAULT_LLAMAPARSE_MOCK: LlamaParseMockSettings = {
  apiKeys: [],
  queueMs: 0,
  msPerPage: 0,
  uploadsPerWindow: 50,
  windowMs: 10_000,
  retryAfter: true,
  creditPages: 0,
  failRate: 0,
  seed: 1,
};

interface Job {
  id: string;
  createdAt: number;
  runsAt: number;
  readyAt: number;
  pages: string[];
  error: string | undefined;
  tier: string;
}

export interface LlamaParseMock extends MockServer {
  /** Base URL for LLAMA_CLOUD_BASE_URL. */
  url: string;
  /** Uploads received (file name and size), in order. */
  uploads: Array<{ name: string; bytes: number; api: "v1" | "v2" }>;
  /** The next `times` jobs fail (error_message says the stand-in failed them). */
  failNextJobs(times?: number): void;
}

const PROJECT = "proj-jobscout-mock";

/** Start the LlamaParse-compatible stand-in (v2 parse and v1 parsing APIs). */
export async function startLlamaParseMock(
  settings: Partial<LlamaParseMockSettings> = {},
  port = 0,
  host = "127.0.0.1",
): Promise<LlamaParseMock> {
  const s = { ...DEFAULT_LLAMAPARSE_MOCK, ...settings };
  const random = seededRandom(s.seed);
  const jobs = new Map<string, Job>();
  const recent = new Map<string, number[]>();
  const spent = new Map<string, number>();
  const uploads: LlamaParseMock["uploads"] = [];
  let failNext = 0;

  const status = (job: Job): "PENDING" | "RUNNING" | "COMPLETED" | "FAILED" => {
    const now = Date.now();
    if (now < job.runsAt) return "PENDING";
    if (now < job.readyAt) return "RUNNING";
    return job.error ? "FAILED" : "COMPLETED";
  };
  const v1Status = (job: Job) =>
    ({ PENDING: "PENDING", RUNNING: "PENDING", COMPLETED: "SUCCESS", FAILED: "ERROR" })[status(job)];

  const upload = async (
    req: http.IncomingMessage,
    res: http.ServerResponse,
    key: string,
    api: "v1" | "v2",
  ) => {
    const now = Date.now();
    const times = (recent.get(key) ?? []).filter((t) => t > now - s.windowMs);
    if (times.length >= s.uploadsPerWindow) {
      const wait = Math.ceil((times[0]! + s.windowMs - now) / 1000);
      res.writeHead(429, {
        "content-type": "application/json",
        ...(s.retryAfter ? { "retry-after": String(Math.max(1, wait)) } : {}),
      });
      res.end(
        JSON.stringify({
          detail: "Too many requests: the rate limit for uploads was exceeded. Try again later.",
        }),
      );
      return;
    }
    const form = await new Request("http://mock/", {
      method: "POST",
      headers: { "content-type": req.headers["content-type"] ?? "" },
      body: await readBody(req),
    })
      .formData()
      .catch(() => undefined);
    const file = form?.get("file");
    if (!form || !file || typeof file === "string") {
      sendJson(res, 422, {
        detail: [{ type: "missing", loc: ["body", "file"], msg: "Field required", input: null }],
      });
      return;
    }
    let tier = "fast";
    const configuration = form.get("configuration");
    if (typeof configuration === "string" && configuration) {
      try {
        const asked = (JSON.parse(configuration) as { tier?: unknown }).tier;
        if (typeof asked === "string") tier = asked;
      } catch {
        sendJson(res, 422, {
          detail: [{ type: "json_invalid", loc: ["body", "configuration"], msg: "Invalid JSON" }],
        });
        return;
      }
    }
    const bytes = Buffer.from(await file.arrayBuffer());
    const parsed = await parseDocument(bytes);
    const pages = parsed.ok ? parsed.pages : [];
    const used = spent.get(key) ?? 0;
    if (s.creditPages > 0 && used + Math.max(1, pages.length) > s.creditPages) {
      sendJson(res, 402, {
        detail: "You have exhausted your credits. Please upgrade your plan or add credits to continue.",
      });
      return;
    }
    recent.set(key, [...times, now]);
    spent.set(key, used + Math.max(1, pages.length));
    uploads.push({ name: file.name, bytes: bytes.length, api });
    const forced = failNext > 0 || random() < s.failRate;
    if (failNext > 0) failNext--;
    const runsAt = now + s.queueMs;
    const job: Job = {
      id: randomUUID(),
      createdAt: now,
      runsAt,
      readyAt: runsAt + Math.max(1, pages.length) * s.msPerPage,
      pages,
      error: !parsed.ok
        ? parsed.error
        : forced
          ? "Internal error while parsing the document (injected by the stand-in)"
          : undefined,
      tier,
    };
    jobs.set(job.id, job);
    if (api === "v1") sendJson(res, 200, { id: job.id, status: v1Status(job) });
    else sendJson(res, 200, v2Job(job));
  };

  const v2Job = (job: Job) => ({
    id: job.id,
    project_id: PROJECT,
    status: status(job),
    tier: job.tier,
    error_message: status(job) === "FAILED" ? job.error : null,
    created_at: new Date(job.createdAt).toISOString(),
    updated_at: new Date(Math.min(Date.now(), job.readyAt)).toISOString(),
  });

  const v2Get = (url: URL, res: http.ServerResponse, job: Job) => {
    const expand = url.searchParams.getAll("expand").flatMap((e) => e.split(","));
    const done = status(job) === "COMPLETED";
    const body: Record<string, unknown> = { job: v2Job(job) };
    if (done && expand.includes("markdown"))
      body.markdown = {
        pages: job.pages.map((t, i) => ({ page_number: i + 1, success: true, markdown: pageMarkdown(t) })),
      };
    if (done && expand.includes("text"))
      body.text = { pages: job.pages.map((t, i) => ({ page_number: i + 1, text: t })) };
    if (done && expand.includes("markdown_full"))
      body.markdown_full = job.pages.map(pageMarkdown).join("\n\n---\n\n");
    if (done && expand.includes("text_full")) body.text_full = job.pages.join("\n\n");
    sendJson(res, 200, body);
  };

  const v1Result = (res: http.ServerResponse, job: Job, kind: string) => {
    const state = v1Status(job);
    if (state !== "SUCCESS") {
      sendJson(res, state === "ERROR" ? 400 : 404, {
        detail: state === "ERROR" ? `Job failed: ${job.error}` : "Job not completed yet",
      });
      return;
    }
    const meta = { job_metadata: { job_pages: job.pages.length, job_is_cache_hit: false } };
    if (kind === "markdown")
      sendJson(res, 200, { markdown: job.pages.map(pageMarkdown).join("\n\n---\n\n"), ...meta });
    else if (kind === "text") sendJson(res, 200, { text: job.pages.join("\n\n"), ...meta });
    else if (kind === "json")
      sendJson(res, 200, {
        pages: job.pages.map((t, i) => ({ page: i + 1, text: t, md: pageMarkdown(t) })),
        ...meta,
      });
    else sendJson(res, 404, { detail: "Not Found" });
  };

  const server = http.createServer((req, res) => {
    const url = new URL(req.url ?? "/", "http://mock");
    const key = (req.headers.authorization ?? "").replace(/^Bearer\s+/i, "").trim();
    const handle = async () => {
      if (!key || (s.apiKeys.length > 0 && !s.apiKeys.includes(key)))
        return sendJson(res, 401, { detail: "Invalid authentication credentials" });
      const path = url.pathname.replace(/\/+$/, "");
      if (req.method === "POST" && path === "/api/v2/parse/upload") return upload(req, res, key, "v2");
      if (req.method === "POST" && path === "/api/v1/parsing/upload") return upload(req, res, key, "v1");
      const m = /^\/api\/(v2\/parse|v1\/parsing\/job)\/([\w-]+)(?:\/result\/(\w+))?$/.exec(path);
      const job = m ? jobs.get(m[2]!) : undefined;
      if (req.method !== "GET" || !m) return sendJson(res, 404, { detail: "Not Found" });
      if (!job) return sendJson(res, 404, { detail: "Job not found" });
      if (m[1] === "v2/parse") return v2Get(url, res, job);
      if (m[3]) return v1Result(res, job, m[3]);
      return sendJson(res, 200, {
        id: job.id,
        status: v1Status(job),
        ...(job.error && v1Status(job) === "ERROR" ? { error_message: job.error } : {}),
      });
    };
    handle().catch((err: unknown) =>
      sendJson(res, 500, { detail: `stand-in failed: ${err instanceof Error ? err.message : String(err)}` }),
    );
  });
  const base = await listen(server, port, host);
  return {
    ...base,
    url: base.origin,
    uploads,
    failNextJobs: (times = 1) => {
      failNext += times;
    },
  };
}
