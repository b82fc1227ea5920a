// Ingest at scale: N separate `jobscout worker` processes (the built CLI, each with its own data dir
// and environment) sharing Redis (one queue prefix per run) and one store — a SQLite file in WAL mode
// or a fresh PostgreSQL database — ingest a corpus served by the Greenhouse stand-in.
//
//   nice -n 5 npx tsx bench/ingest-scale.bench.ts [--n 100000] [--boards 20] [--workers 1,2,4]
//     [--stores sqlite,postgres] [--concurrency 2] [--timeout-min 40] [--cpu-prof DIR]
//
// `--cpu-prof DIR` has every worker write a V8 CPU profile into DIR when it stops (where its CPU went).
//
// The corpus is bench/search-corpus.ts `buildCorpus` (the real postings of ../shared/data/jobs, then
// variants keeping their distribution), spread over `--boards` Greenhouse boards (one request lists
// a whole board, as on the real API). Each board is tracked by a workspace of its own and fetched by
// a run of its own, all started at once: the scale-out case of many workspaces' runs in flight
// together (the stages of one run are one queue job each, so a single run cannot use more workers).
// Needs Redis on 127.0.0.1:6379 (TEST_REDIS_URL) and, for PostgreSQL, TEST_PG_URL's server.
import { spawn, type ChildProcess } from "node:child_process";
import { mkdirSync, readFileSync, readdirSync, statSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { sql } from "kysely";
import { composePipelineRole } from "../src/compose/pipeline-role.js";
import { loadConfig } from "../src/config/config.js";
import { createLogger } from "../src/core/logger.js";
import { embedderKey } from "../src/search/embedder.js";
import type { RunView } from "../src/store/runs.repo.js";
import { startAtsServer } from "../test/support/ats-server.js";
import { dropPrefix, REDIS_URL, tempDir } from "../test/support/harness.js";
import { createPgDatabase } from "../test/support/stores.js";
import { greenhouseBoards } from "./ingest-scale-boards.js";
import { ROOT } from "./ingest-run.js";
import { buildCorpus } from "./search-corpus.js";

const arg = (name: string, dflt: string): string => {
  const i = process.argv.indexOf(name);
  return i >= 0 ? (process.argv[i + 1] ?? dflt) : dflt;
};
const n = Number(arg("--n", "100000"));
const boardCount = Number(arg("--boards", "20"));
const workerCounts = arg("--workers", "1,2,4").split(",").map(Number);
const stores = arg("--stores", "sqlite,postgres").split(",") as Array<"sqlite" | "postgres">;
const concurrency = arg("--concurrency", "2");
const timeoutMs = Number(arg("--timeout-min", "40")) * 60_000;
const cpuProf = arg("--cpu-prof", "");
const CLI = path.join(ROOT, "bin/jobscout.js");
const STAGES = ["fetch", "normalize", "dedupe", "embed", "index", "done"] as const;
const TICK = 100; // clock ticks per second of /proc/<pid>/stat (getconf CLK_TCK on this machine)

/** CPU seconds (user + system) a process has used so far, or undefined once it is gone. */
function cpuSeconds(pid: number): number | undefined {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, "utf8");
    const f = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
    return (Number(f[11]) + Number(f[12])) / TICK;
  } catch {
    return undefined;
  }
}

interface Worker {
  child: ChildProcess;
  output: string;
  ready: Promise<void>;
  dataDir: string;
}

function startWorker(env: Record<string, string>, dataDir: string): Worker {
  mkdirSync(dataDir, { recursive: true });
  // Node 20 refuses --cpu-prof in NODE_OPTIONS: it goes on the command line.
  const prof = cpuProf ? ["--cpu-prof", `--cpu-prof-dir=${path.resolve(cpuProf)}`] : [];
  const child = spawn(process.execPath, [...prof, CLI, "worker"], {
    cwd: dataDir,
    env: { PATH: process.env.PATH ?? "", HOME: process.env.HOME ?? "", ...env, JOBSCOUT_DATA_DIR: dataDir },
    stdio: ["ignore", "pipe", "pipe"],
  });
  const w: Worker = { child, output: "", dataDir, ready: Promise.resolve() };
  w.ready = new Promise((resolve, reject) => {
    const on = (d: Buffer) => {
      w.output += d.toString();
      if (w.output.includes("worker ready")) resolve();
    };
    child.stdout?.on("data", on);
    child.stderr?.on("data", on);
    child.once("error", reject);
    child.once("exit", (code) => reject(new Error(`worker exited (${code}) before ready:\n${w.output}`)));
  });
  return w;
}

async function stopWorker(w: Worker): Promise<void> {
  if (w.child.exitCode !== null || w.child.signalCode !== null) return;
  const exited = new Promise<void>((resolve) => w.child.once("exit", () => resolve()));
  w.child.kill("SIGTERM");
  const timer = setTimeout(() => w.child.kill("SIGKILL"), 30_000);
  await exited;
  clearTimeout(timer);
}

const count = async (db: import("../src/store/db.js").Db, q: string): Promise<number> =>
  Number((await sql<{ n: number | string }>`${sql.raw(q)}`.execute(db.kysely)).rows[0]?.n ?? 0);

/** CPU seconds of the PostgreSQL backends serving `database`, sampled while they live. */
function pgBackendCpu(db: import("../src/store/db.js").Db, database: string) {
  const seen = new Map<number, number>();
  let stopped = false;
  const sample = async () => {
    const r = await sql<{
      pid: number;
    }>`SELECT pid FROM pg_stat_activity WHERE datname = ${database}`.execute(db.kysely);
    for (const { pid } of r.rows) {
      const s = cpuSeconds(pid);
      if (s !== undefined) seen.set(pid, Math.max(seen.get(pid) ?? 0, s));
    }
  };
  const loop = (async () => {
    while (!stopped) {
      await sample().catch(() => undefined);
      await new Promise((r) => setTimeout(r, 1000));
    }
  })();
  return {
    async stop(): Promise<{ seconds: number; backends: number }> {
      await sample().catch(() => undefined);
      stopped = true;
      await loop;
      return { seconds: [...seen.values()].reduce((a, b) => a + b, 0), backends: seen.size };
    },
  };
}

function dirBytes(dir: string): number {
  let total = 0;
  try {
    for (const f of readdirSync(dir)) total += statSync(path.join(dir, f)).size;
  } catch {
    return 0;
  }
  return total;
}

interface Result {
  line: string;
  jobs: number;
}

async function once(
  store: "sqlite" | "postgres",
  workers: number,
  atsUrl: string,
  boards: string[],
): Promise<Result> {
  const tag = `${store}-${workers}-${process.pid}-${Date.now()}`;
  const prefix = `bench-scale-${tag}`;
  const tmp = tempDir("jobscout-scale-");
  const pg = store === "postgres" ? await createPgDatabase() : undefined;
  const databaseUrl = pg ? pg.url : `sqlite:${path.join(tmp.dir, "shared.sqlite")}`;
  const env: Record<string, string> = {
    DATABASE_URL: databaseUrl,
    REDIS_URL,
    JOBSCOUT_QUEUE_PREFIX: prefix,
    GREENHOUSE_BASE_URL: atsUrl,
    // The stand-in is ours: lift the politeness budget and body cap so the pipeline is measured.
    JOBSCOUT_HOST_RATE_LIMITS: "127.0.0.1=1000000",
    JOBSCOUT_MAX_BODY_BYTES: String(256 * 1024 * 1024),
    JOBSCOUT_FETCH_MAX_ITEMS: String(n),
    JOBSCOUT_WORKER_CONCURRENCY: concurrency,
    JOBSCOUT_LOG_LEVEL: "info",
  };
  const parentDir = path.join(tmp.dir, "parent");
  // The parent creates the store (migrations) and tracks the boards before any worker starts.
  const role = await composePipelineRole({
    config: loadConfig({ ...env, JOBSCOUT_DATA_DIR: parentDir }, tmp.dir),
    logger: createLogger("warn"),
    workers: false,
  });
  const started: Worker[] = [];
  try {
    for (const [i, board] of boards.entries())
      await role.catalog.track({
        workspaceId: `ws-${i}`,
        // A person per workspace: one person may add at most 10 sources from chat.
        userId: `bench-${i}`,
        kind: "greenhouse",
        params: { board },
      });
    for (let i = 0; i < workers; i++) started.push(startWorker(env, path.join(tmp.dir, `worker-${i}`)));
    await Promise.all(started.map((w) => w.ready));
    const cpu0 = started.map((w) => cpuSeconds(w.child.pid ?? -1) ?? 0);
    const pgCpu = pg ? pgBackendCpu(role.db, new URL(pg.url).pathname.slice(1)) : undefined;
    const load0 = os.loadavg()[0] ?? 0;
    const t0 = performance.now();
    const runs = await Promise.all(
      boards.map((board, i) =>
        role.runService.start({
          workspaceId: `ws-${i}`,
          userId: `bench-${i}`,
          query: {},
          sources: [`greenhouse-${board}`],
        }),
      ),
    );
    let done: RunView[] = [];
    for (;;) {
      done = (await Promise.all(runs.map((r) => role.runs.get(r.workspaceId, r.id)))).filter(
        (r): r is RunView => r !== undefined,
      );
      if (done.every((r) => r.status === "completed" || r.status === "failed")) break;
      if (performance.now() - t0 > timeoutMs) throw new Error(`${tag}: runs not done after ${timeoutMs} ms`);
      await new Promise((r) => setTimeout(r, 1000));
    }
    const wall = (performance.now() - t0) / 1000;
    const load1 = os.loadavg()[0] ?? 0;
    const cpu = started.map((w, i) => (cpuSeconds(w.child.pid ?? -1) ?? NaN) - (cpu0[i] ?? 0));
    const storeCpu = await pgCpu?.stop();
    // Stage wall time summed over the runs (a stage's time includes waiting for a free worker slot).
    const stageSum = new Map<string, number>();
    for (const r of done) {
      for (let s = 0; s < STAGES.length - 1; s++) {
        const a = Date.parse(r.stageStartedAt[STAGES[s]!] ?? "");
        const b = Date.parse(r.stageStartedAt[STAGES[s + 1]!] ?? "");
        // A failed run has no start time for the stages it never reached.
        if (Number.isFinite(a) && Number.isFinite(b))
          stageSum.set(STAGES[s]!, (stageSum.get(STAGES[s]!) ?? 0) + (b - a) / 1000);
      }
    }
    const db = role.db;
    const key = embedderKey(role.embedder);
    const c = {
      items: await count(db, "SELECT count(*) AS n FROM run_items"),
      rejected: await count(db, "SELECT count(*) AS n FROM run_items WHERE reject_reason IS NOT NULL"),
      unassigned: await count(
        db,
        "SELECT count(*) AS n FROM run_items WHERE posting_json IS NOT NULL AND job_id IS NULL",
      ),
      jobs: await count(db, "SELECT count(*) AS n FROM jobs"),
      refs: await count(db, "SELECT count(*) AS n FROM job_sources"),
      orphans: await count(
        db,
        "SELECT count(*) AS n FROM jobs WHERE NOT EXISTS (SELECT 1 FROM job_sources s WHERE s.job_id = jobs.id)",
      ),
      vectors: await count(db, `SELECT count(*) AS n FROM job_vectors WHERE embedder = '${key}'`),
      vectorJobs: await count(
        db,
        `SELECT count(DISTINCT job_id) AS n FROM job_vectors WHERE embedder = '${key}'`,
      ),
    };
    const failed = done.filter((r) => r.status !== "completed");
    const busy = started.reduce((s, w) => s + (w.output.match(/the store is locked/g) ?? []).length, 0);
    const jobFailed = started.reduce(
      (s, w) => s + (w.output.match(/"job failed"|job failed/g) ?? []).length,
      0,
    );
    const checks = [
      c.items === n ? "" : `items ${c.items} ≠ corpus ${n}`,
      c.unassigned === 0 ? "" : `${c.unassigned} normalized items without a job`,
      c.refs === c.items - c.rejected ? "" : `source refs ${c.refs} ≠ normalized ${c.items - c.rejected}`,
      c.orphans === 0 ? "" : `${c.orphans} jobs without a source`,
      c.vectors === c.jobs && c.vectorJobs === c.jobs
        ? ""
        : `vectors ${c.vectors} (${c.vectorJobs} jobs) ≠ jobs ${c.jobs}`,
      failed.length === 0 ? "" : `${failed.length} runs ${failed.map((r) => r.error).join("; ")}`,
    ].filter(Boolean);
    const indexMb = started.map((w) => (dirBytes(path.join(w.dataDir, "index")) / 1e6).toFixed(0));
    const line =
      `| ${store} | ${workers} | ${wall.toFixed(1)} | ${Math.round(n / wall)} | ` +
      `${cpu.map((x) => x.toFixed(0)).join(" / ")} | ${storeCpu ? storeCpu.seconds.toFixed(0) : "in-process"} | ` +
      `${STAGES.slice(0, -1)
        .map((s) => `${s} ${(stageSum.get(s) ?? 0).toFixed(0)}`)
        .join(", ")} | ${c.items} / ${c.rejected} / ${c.jobs} / ${c.vectors} | ${indexMb.join(" / ")} | ` +
      `${busy} / ${jobFailed} | ${load0.toFixed(1)} → ${load1.toFixed(1)} | ${checks.length ? `**${checks.join("; ")}**` : "ok"} |`;
    if (checks.length > 0)
      for (const w of started) process.stderr.write(w.output.split("\n").slice(-40).join("\n"));
    return { line, jobs: c.jobs };
  } finally {
    await Promise.all(started.map(stopWorker));
    await role.close();
    await pg?.drop();
    await dropPrefix(prefix);
    tmp.remove();
  }
}

async function main(): Promise<void> {
  const corpus = buildCorpus(
    n,
    path.resolve(ROOT, "../shared/data/jobs"),
    Date.parse("2026-12-01T00:00:00Z"),
  );
  const boards = greenhouseBoards(corpus.postings, boardCount);
  const ats = await startAtsServer({ boards: { greenhouse: Object.fromEntries(boards) } });
  process.stdout.write(
    `${new Date().toISOString()} node ${process.version}, ${os.cpus().length} cores; corpus ${n} (${corpus.real} real: ${corpus.source}); ` +
      `${boardCount} Greenhouse boards, one run each; worker concurrency ${concurrency}\n\n` +
      "| store | workers | wall s | postings/s | CPU s per worker | store CPU s | stage s summed over runs | items / rejected / jobs / vectors | index MB per worker | store-busy waits / failed attempts | load 1 min | check |\n" +
      "|---|---|---|---|---|---|---|---|---|---|---|---|\n",
  );
  try {
    // Workers outside, stores inside: each pair of stores runs minutes apart, under similar load.
    for (const w of workerCounts) {
      for (const store of stores) {
        const r = await once(store, w, ats.url, [...boards.keys()]);
        process.stdout.write(`${r.line}\n`);
      }
    }
  } finally {
    await ats.close();
  }
}

await main();
