// What metrics and logs cost, two ways.
//
// Per call (the default), in one process with on and off alternating each round: a search timed
// into its histogram against the same call untimed, and a run's log line (a child logger with run
// id and source, JSON to /dev/null) at `info` against `silent`.
//
//   npx tsx bench/observability-overhead.bench.ts [--n 200000] [--rounds 5]
//
// End to end (`--end-to-end`): the real ingest (replay server → BullMQ flow → SQLite + hnswlib) and
// then the real SearchService on what it stored, with metrics on and logs at `info` (JSON lines to
// /dev/null) against JOBSCOUT_METRICS=off and logs `silent`. Each measure is a fresh child process,
// because a process whose metrics were ever on keeps Node's GC and event-loop observers running;
// the pairs alternate which side goes first, all in the same hour on the same machine.
//
//   nice -n 19 npx tsx bench/observability-overhead.bench.ts --end-to-end [--pairs 3] [--searches 400] [--rows ba.csv] [--on-logs silent]
//
// `--on-logs silent` keeps the logs silent on the "on" side too, so the pairs measure metrics alone.
import { spawn } from "node:child_process";
import { openSync, writeSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { createLogger, type Logger } from "../src/core/logger.js";
import { processMetrics } from "../src/core/process-metrics.js";
import type { SearchRequest } from "../src/search/search.service.js";
import { benchRows, withIngested } from "./ingest-run.js";

function arg(name: string, fallback: number): number {
  const i = process.argv.indexOf(name);
  return i >= 0 ? Number(process.argv[i + 1]) : fallback;
}
const text = (name: string): string | undefined => {
  const i = process.argv.indexOf(name);
  return i >= 0 ? process.argv[i + 1] : undefined;
};

const devNull = openSync("/dev/null", "w");
const toDevNull = (line: string) => writeSync(devNull, line + "\n");

async function perCall(): Promise<void> {
  const n = arg("--n", 200_000);
  const rounds = arg("--rounds", 5);
  const nsPer = async (fn: () => unknown): Promise<number> => {
    const t0 = process.hrtime.bigint();
    for (let i = 0; i < n; i++) await fn();
    return Number(process.hrtime.bigint() - t0) / n;
  };
  const work = () => Promise.resolve(1);
  const logged = (l: Logger) => () =>
    l.child({ runId: "0198a4c2-1f6e-7d1b-9a51-2f9c1b7e0c11", source: "ba-jobsuche" }).info("page stored", {
      pages: 3,
      fetched: 300,
    });
  const on = createLogger("info", {}, toDevNull);
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
  console.log(
    "round | metrics ns per timed call | log ns per line at info (over silent) | silent ns per line",
  );
  for (const r of rows) console.log(r.join(" | "));
}

// Searches a person around Bamberg would make over the Jobsuche rows, with and without a place.
const BAMBERG = { name: "Bamberg", lat: 49.8988, lon: 10.9028, radiusKm: 25 };
const SEARCHES: SearchRequest[] = [
  "Pflegefachkraft",
  "Kaufmann Büromanagement",
  "Lagerhelfer",
  "Elektroniker",
  "Softwareentwickler",
  "Erzieher",
  "Buchhaltung",
  "Mechatroniker",
  "Verkäufer",
  "Reinigungskraft",
].flatMap((t) => [
  { text: t, limit: 10 },
  { text: t, place: BAMBERG, limit: 10 },
]);

interface Measure {
  mode: "on" | "off";
  postingsPerS: number;
  ingestS: number;
  jobs: number;
  p50Ms: number;
  p95Ms: number;
  meanMs: number;
  /** Searches this process's histogram counted (all of them on, none off). */
  counted: number;
}

/** One measure in this (child) process: ingest, then `--searches` searches on what it stored. */
async function child(mode: "on" | "off"): Promise<void> {
  // What `bootstrap` does from JOBSCOUT_METRICS.
  processMetrics.configure(mode === "on");
  const onLogs = text("--on-logs") === "silent" ? "silent" : "info";
  const logger = mode === "on" ? createLogger(onLogs, {}, toDevNull) : createLogger("silent");
  const searches = arg("--searches", 400);
  const m = await withIngested(
    {
      rows: text("--rows") ?? benchRows(undefined),
      tag: `obs-${mode}`,
      logger,
      env: { JOBSCOUT_METRICS: mode },
    },
    async (app, r) => {
      for (const req of SEARCHES) await app.search.search(req); // warm-up
      const ms: number[] = [];
      for (let i = 0; i < searches; i++) {
        const t0 = performance.now();
        await app.search.search(SEARCHES[i % SEARCHES.length]!);
        ms.push(performance.now() - t0);
      }
      ms.sort((a, b) => a - b);
      const counted = (await processMetrics.searchSeconds.get()).values
        .filter((v) => v.metricName?.endsWith("_count"))
        .reduce((n, v) => n + v.value, 0);
      return {
        mode,
        postingsPerS: r.normalized / (r.ms / 1000),
        ingestS: r.ms / 1000,
        jobs: r.jobs,
        p50Ms: ms[Math.floor(ms.length * 0.5)] ?? NaN,
        p95Ms: ms[Math.floor(ms.length * 0.95)] ?? NaN,
        meanMs: ms.reduce((a, b) => a + b, 0) / ms.length,
        counted,
      } satisfies Measure;
    },
  );
  console.log(`RESULT ${JSON.stringify(m)}`);
}

function measure(mode: "on" | "off", rows: string): Promise<Measure> {
  const argv = [...process.execArgv, fileURLToPath(import.meta.url), "--child", mode, "--rows", rows];
  argv.push("--searches", String(arg("--searches", 400)), "--on-logs", text("--on-logs") ?? "info");
  const p = spawn(process.execPath, argv, { stdio: ["ignore", "pipe", "inherit"], env: process.env });
  let out = "";
  p.stdout.on("data", (d: Buffer) => (out += d.toString()));
  return new Promise((resolve, reject) =>
    p.on("exit", (code) => {
      const line = out.split("\n").find((l) => l.startsWith("RESULT "));
      if (code !== 0 || !line) reject(new Error(`measure ${mode} exited ${code}: ${out}`));
      else resolve(JSON.parse(line.slice(7)) as Measure);
    }),
  );
}

async function endToEnd(): Promise<void> {
  const pairs = arg("--pairs", 3);
  const rows = benchRows(text("--rows"));
  console.log(
    `node ${process.version}; ${rows}; ${pairs} pairs; ${arg("--searches", 400)} searches each; logs on the "on" side: ${text("--on-logs") ?? "info"}`,
  );
  console.log(
    "| pair | side | postings/s | ingest s | jobs | search p50 ms | p95 ms | mean ms | searches counted |",
  );
  console.log("|---|---|---|---|---|---|---|---|---|");
  const ratios: Array<{ ingest: number; p50: number; mean: number }> = [];
  for (let i = 1; i <= pairs; i++) {
    const order: Array<"on" | "off"> = i % 2 === 1 ? ["on", "off"] : ["off", "on"];
    const got: Partial<Record<"on" | "off", Measure>> = {};
    for (const mode of order) {
      const m = await measure(mode, rows);
      got[mode] = m;
      console.log(
        `| ${i} | ${mode} | ${Math.round(m.postingsPerS)} | ${m.ingestS.toFixed(2)} | ${m.jobs} | ${m.p50Ms.toFixed(2)} | ${m.p95Ms.toFixed(2)} | ${m.meanMs.toFixed(2)} | ${m.counted} |`,
      );
    }
    const on = got.on!;
    const off = got.off!;
    ratios.push({
      ingest: off.postingsPerS / on.postingsPerS - 1,
      p50: on.p50Ms / off.p50Ms - 1,
      mean: on.meanMs / off.meanMs - 1,
    });
  }
  const pct = (x: number) => `${(x * 100).toFixed(1)} %`;
  const median = (xs: number[]) => xs.sort((a, b) => a - b)[Math.floor(xs.length / 2)] ?? NaN;
  console.log("\ncost of on over off per pair (ingest: throughput lost; search: latency added):");
  for (const [i, r] of ratios.entries())
    console.log(`pair ${i + 1}: ingest ${pct(r.ingest)}, search p50 ${pct(r.p50)}, mean ${pct(r.mean)}`);
  console.log(
    `median: ingest ${pct(median(ratios.map((r) => r.ingest)))}, search p50 ${pct(median(ratios.map((r) => r.p50)))}, mean ${pct(median(ratios.map((r) => r.mean)))}`,
  );
}

const childMode = text("--child");
if (childMode === "on" || childMode === "off") await child(childMode);
else if (process.argv.includes("--end-to-end")) await endToEnd();
else await perCall();
