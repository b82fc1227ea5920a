// Ingest benchmark: postings per second from the replay server, through the BullMQ flow (fetch →
// normalize → dedupe → embed → index), into SQLite and the hnswlib index — end to end.
//
//   npx tsx bench/ingest.bench.ts [--rows path/to/ba.csv] [--runs 3] [--database-url postgres://…]
//
// Uses the 10,000 real Jobsuche rows from ../shared/data/jobs when present, else the trimmed
// fixture (2,720 rows). Needs Redis on 127.0.0.1:6379 (or TEST_REDIS_URL).
import { existsSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { composeApp } from "../src/compose/app.js";
import { loadConfig } from "../src/config/config.js";
import { createLogger } from "../src/core/logger.js";
import { DEFAULT_BA_CSV, startReplayServer } from "../test/support/replay-server.js";
import { dropPrefix, REDIS_URL, tempDir } from "../test/support/harness.js";

const ROOT = fileURLToPath(new URL("..", import.meta.url));
const SHARED_CSV = path.resolve(ROOT, "../shared/data/jobs/ba-jobsuche-v4-search-bamberg-100km.csv");

function arg(name: string): string | undefined {
  const i = process.argv.indexOf(name);
  return i >= 0 ? process.argv[i + 1] : undefined;
}

async function once(rows: string, round: number) {
  const replay = await startReplayServer({ baRows: rows });
  const tmp = tempDir("jobscout-bench-");
  const prefix = `bench-${process.pid}-${round}`;
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
      // `--database-url postgres://…/db`: the store on PostgreSQL (an empty database per run is
      // the caller's to provide: the bench drops nothing there).
      ...(arg("--database-url") ? { DATABASE_URL: arg("--database-url")! } : {}),
    },
    tmp.dir,
  );
  const app = await composeApp({ config, logger: createLogger("warn"), workers: true });
  const t0 = performance.now();
  try {
    const run = await app.runService.start({
      workspaceId: "bench",
      userId: "bench",
      query: { place: "Bamberg", radiusKm: 300 },
    });
    const done = await app.runService.wait("bench", run.id, { timeoutMs: 600_000 });
    const ms = performance.now() - t0;
    const normalized = done.outcomes.reduce((n, o) => n + o.normalized, 0);
    const fetched = done.outcomes.reduce((n, o) => n + o.fetched, 0);
    // Stage start times as the workers recorded them in the store.
    const order = ["fetch", "normalize", "dedupe", "embed", "index", "done"] as const;
    const at = order.map((st) => Date.parse(done.stageStartedAt[st] ?? ""));
    const stages = order
      .slice(0, -1)
      .map((st, i) => `${st} ${(((at[i + 1] ?? NaN) - (at[i] ?? NaN)) / 1000).toFixed(2)}s`);
    return {
      status: done.status,
      fetched,
      normalized,
      jobs: await app.jobs.count(),
      indexed: app.index.index.size(),
      ms,
      stages,
    };
  } finally {
    await app.close();
    await replay.close();
    await dropPrefix(prefix);
    tmp.remove();
  }
}

async function main() {
  const rows = arg("--rows") ?? (existsSync(SHARED_CSV) ? SHARED_CSV : DEFAULT_BA_CSV);
  if (rows === DEFAULT_BA_CSV)
    console.log("../shared/data/jobs is not here: using the trimmed fixture (2,720 BA rows).");
  const rounds = Number(arg("--runs") ?? 3);
  console.log(
    `rows: ${path.relative(ROOT, rows)}; node ${process.version}; ${rounds} runs, each on an empty data dir\n`,
  );
  console.log("| run | fetched | normalized | jobs | indexed | seconds | postings/s | stages |");
  console.log("|---|---|---|---|---|---|---|---|");
  const rates: number[] = [];
  for (let i = 1; i <= rounds; i++) {
    const r = await once(rows, i);
    const rate = r.normalized / (r.ms / 1000);
    rates.push(rate);
    console.log(
      `| ${i} | ${r.fetched} | ${r.normalized} | ${r.jobs} | ${r.indexed} | ${(r.ms / 1000).toFixed(2)} | ${Math.round(rate)} | ${r.stages.join(", ")} |`,
    );
    if (r.status !== "completed" || r.indexed !== r.jobs)
      throw new Error(`run ${i} did not complete cleanly: ${JSON.stringify(r)}`);
  }
  rates.sort((a, b) => a - b);
  console.log(
    `\nmedian: ${Math.round(rates[Math.floor(rates.length / 2)] ?? 0)} postings/s end to end (target ≥ 1,000)`,
  );
}

await main();
