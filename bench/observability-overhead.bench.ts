// What metrics and logs cost per use, with them on and off in one process, alternating rounds:
// a search timed into its histogram against the same call untimed, and a run's log line (a child
// logger with run id and source, JSON to /dev/null) at `info` against `silent`. Set against the
// search and ingest figures in BENCHMARKS.md this bounds their share of a search or a run.
//
//   npx tsx bench/observability-overhead.bench.ts [--n 200000] [--rounds 5]
import { openSync, writeSync } from "node:fs";
import { createLogger, type Logger } from "../src/core/logger.js";
import { processMetrics } from "../src/core/process-metrics.js";

function arg(name: string, fallback: number): number {
  const i = process.argv.indexOf(name);
  return i >= 0 ? Number(process.argv[i + 1]) : fallback;
}

const n = arg("--n", 200_000);
const rounds = arg("--rounds", 5);
const devNull = openSync("/dev/null", "w");

async function nsPer(fn: () => unknown): Promise<number> {
  const t0 = process.hrtime.bigint();
  for (let i = 0; i < n; i++) await fn();
  return Number(process.hrtime.bigint() - t0) / n;
}

const work = () => Promise.resolve(1);
const logged = (l: Logger) => () =>
  l.child({ runId: "0198a4c2-1f6e-7d1b-9a51-2f9c1b7e0c11", source: "ba-jobsuche" }).info("page stored", {
    pages: 3,
    fetched: 300,
  });
const on = createLogger("info", {}, (line) => writeSync(devNull, line + "\n"));
const off = createLogger("silent");

const rows: string[][] = [];
for (let r = 1; r <= rounds; r++) {
  const plain = await nsPer(work);
  const timed = await nsPer(() => processMetrics.time(processMetrics.searchSeconds, work));
  const silent = await nsPer(logged(off));
  const info = await nsPer(logged(on));
  rows.push([String(r), (timed - plain).toFixed(0), (info - silent).toFixed(0), silent.toFixed(0)]);
}
console.log(`node ${process.version}, ${n} calls per measure`);
console.log("round | metrics ns per timed call | log ns per line at info (over silent) | silent ns per line");
for (const r of rows) console.log(r.join(" | "));
