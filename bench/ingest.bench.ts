// Ingest benchmark: postings per second from the replay server, through the BullMQ flow (fetch →
// normalize → dedupe → embed → index), into SQLite and the hnswlib index — end to end.
//
//   npx tsx bench/ingest.bench.ts [--rows path/to/ba.csv] [--runs 3] [--database-url postgres://…]
//
// Uses the 10,000 real Jobsuche rows from ../shared/data/jobs when present, else the trimmed
// fixture (2,720 rows). Needs Redis on 127.0.0.1:6379 (or TEST_REDIS_URL).
import path from "node:path";
import { createLogger } from "../src/core/logger.js";
import { benchRows, ROOT, withIngested } from "./ingest-run.js";

function arg(name: string): string | undefined {
  const i = process.argv.indexOf(name);
  return i >= 0 ? process.argv[i + 1] : undefined;
}

async function main() {
  const rows = benchRows(arg("--rows"));
  const rounds = Number(arg("--runs") ?? 3);
  // `--database-url postgres://…/db`: the store on PostgreSQL (an empty database per run is the
  // caller's to provide: the bench drops nothing there).
  const database = arg("--database-url");
  console.log(
    `rows: ${path.relative(ROOT, rows)}; node ${process.version}; ${rounds} runs, each on an empty data dir\n`,
  );
  console.log("| run | fetched | normalized | jobs | indexed | seconds | postings/s | stages |");
  console.log("|---|---|---|---|---|---|---|---|");
  const rates: number[] = [];
  for (let i = 1; i <= rounds; i++) {
    const r = await withIngested(
      {
        rows,
        tag: String(i),
        logger: createLogger("warn"),
        ...(database ? { env: { DATABASE_URL: database } } : {}),
      },
      (_app, r) => Promise.resolve(r),
    );
    const rate = r.normalized / (r.ms / 1000);
    rates.push(rate);
    console.log(
      `| ${i} | ${r.fetched} | ${r.normalized} | ${r.jobs} | ${r.indexed} | ${(r.ms / 1000).toFixed(2)} | ${Math.round(rate)} | ${r.stages.join(", ")} |`,
    );
  }
  rates.sort((a, b) => a - b);
  console.log(
    `\nmedian: ${Math.round(rates[Math.floor(rates.length / 2)] ?? 0)} postings/s end to end (target ≥ 1,000)`,
  );
}

await main();
