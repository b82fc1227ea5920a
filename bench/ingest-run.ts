// One end-to-end ingest on an empty data dir: the replay server as the job sites (Jobsuche rows),
// the BullMQ flow (fetch → normalize → dedupe → embed → index) on the real Redis under its own
// prefix, SQLite or PostgreSQL, and the hnswlib index. Shared by the ingest and observability benches.
import { existsSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { composeApp, type App } from "../src/compose/app.js";
import { loadConfig } from "../src/config/config.js";
import type { Logger } from "../src/core/logger.js";
import { DEFAULT_BA_CSV, startReplayServer } from "../test/support/replay-server.js";
import { dropPrefix, REDIS_URL, tempDir } from "../test/support/harness.js";

export const ROOT = fileURLToPath(new URL("..", import.meta.url));
const SHARED_CSV = path.resolve(ROOT, "../shared/data/jobs/ba-jobsuche-v4-search-bamberg-100km.csv");

/** The 10,000 real Jobsuche rows from ../shared/data/jobs when present, else the trimmed fixture. */
export function benchRows(given: string | undefined): string {
  const rows = given ?? (existsSync(SHARED_CSV) ? SHARED_CSV : DEFAULT_BA_CSV);
  if (rows === DEFAULT_BA_CSV)
    console.log("../shared/data/jobs is not here: using the trimmed fixture (2,720 BA rows).");
  return rows;
}

export interface Ingested {
  status: string;
  fetched: number;
  normalized: number;
  jobs: number;
  indexed: number;
  ms: number;
  /** `<stage> <seconds>s` from the stage start times the workers recorded. */
  stages: string[];
}

/**
 * Ingest `rows` into an empty installation, hand the open app and the figures to `then` (to search
 * it, say), and remove everything afterwards.
 */
export async function withIngested<T>(
  o: { rows: string; tag: string; logger: Logger; env?: Record<string, string> },
  then: (app: App, r: Ingested) => Promise<T>,
): Promise<T> {
  const replay = await startReplayServer({ baRows: o.rows });
  const tmp = tempDir("jobscout-bench-");
  const prefix = `bench-${process.pid}-${o.tag}`;
  const config = loadConfig(
    {
      JOBSCOUT_DATA_DIR: tmp.dir,
      REDIS_URL,
      JOBSCOUT_QUEUE_PREFIX: prefix,
      ARBEITNOW_BASE_URL: replay.url,
      BA_JOBSUCHE_BASE_URL: replay.url,
      JOBSCOUT_FETCH_MAX_PAGES: "100",
      // The replay server is ours: lift the politeness budget so the pipeline itself is measured.
      JOBSCOUT_HOST_RATE_LIMITS: "127.0.0.1=1000000",
      ...o.env,
    },
    tmp.dir,
  );
  const app = await composeApp({ config, logger: o.logger, workers: true });
  try {
    const t0 = performance.now();
    const run = await app.runService.start({
      workspaceId: "bench",
      userId: "bench",
      query: { place: "Bamberg", radiusKm: 300 },
    });
    const done = await app.runService.wait("bench", run.id, { timeoutMs: 600_000 });
    const ms = performance.now() - t0;
    // Stage start times as the workers recorded them in the store.
    const order = ["fetch", "normalize", "dedupe", "embed", "index", "done"] as const;
    const at = order.map((st) => Date.parse(done.stageStartedAt[st] ?? ""));
    const r: Ingested = {
      status: done.status,
      fetched: done.outcomes.reduce((n, x) => n + x.fetched, 0),
      normalized: done.outcomes.reduce((n, x) => n + x.normalized, 0),
      jobs: await app.jobs.count(),
      indexed: app.index.index.size(),
      ms,
      stages: order
        .slice(0, -1)
        .map((st, i) => `${st} ${(((at[i + 1] ?? NaN) - (at[i] ?? NaN)) / 1000).toFixed(2)}s`),
    };
    if (r.status !== "completed" || r.indexed !== r.jobs)
      throw new Error(`ingest ${o.tag} did not complete cleanly: ${JSON.stringify(r)}`);
    return await then(app, r);
  } finally {
    await app.close();
    await replay.close();
    await dropPrefix(prefix);
    tmp.remove();
  }
}
