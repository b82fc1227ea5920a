// Export benchmark: 10,000 jobs with letters as CSV (streamed) and as XLSX, written to a file; time,
// file size and the process's peak memory above the start, sampled every 5 ms. CSV and XLSX run in
// separate processes (`--format`) so one's garbage does not count against the other.
//
//   node --expose-gc --import tsx bench/export.bench.ts --format csv
//   node --expose-gc --import tsx bench/export.bench.ts --format xlsx
import { createWriteStream, mkdtempSync, rmSync, statSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { performance } from "node:perf_hooks";
import { writeCsv, writeXlsx, type ExportRow } from "../src/jobs/applications/export.js";

const N = Number(process.env.ROWS ?? 10_000);
const format = process.argv.includes("xlsx") ? "xlsx" : "csv";
const letter = (i: number) =>
  `Sehr geehrte Damen und Herren,\n\nhiermit bewerbe ich mich um die Stelle ${i}.\n\n${"Aus meinem Lebenslauf: Built batch and streaming pipelines with Apache Spark, Kafka and Airflow on AWS. ".repeat(8)}\n\nMit freundlichen Grüßen\nJane Doe`;

function* rows(): Generator<ExportRow> {
  for (let i = 0; i < N; i++)
    yield {
      title: `Senior Data Engineer (m/w/d) ${i}`,
      company: `Example ${i % 500} GmbH`,
      place: "Frankfurt am Main, DE (hybrid)",
      link: `https://jobs.example.com/${i}`,
      sources: "arbeitnow, greenhouse",
      score: i % 101,
      reasons: "✓ Python (L4), SQL (L4), Spark (L7); missing: Kubernetes",
      status: i % 3 === 0 ? "letter approved" : "saved",
      letter: i % 2 === 0 ? letter(i) : "",
    };
}

const gc = (globalThis as { gc?: () => void }).gc;
gc?.();
const base = process.memoryUsage();
let peakRss = base.rss;
let peakHeap = base.heapUsed;
const timer = setInterval(() => {
  const m = process.memoryUsage();
  peakRss = Math.max(peakRss, m.rss);
  peakHeap = Math.max(peakHeap, m.heapUsed);
}, 5);
const dir = mkdtempSync(path.join(os.tmpdir(), "export-bench-"));
const file = path.join(dir, `out.${format}`);
const t0 = performance.now();
const n =
  format === "csv"
    ? await writeCsv(rows(), createWriteStream(file))
    : await writeXlsx(rows(), createWriteStream(file));
const ms = performance.now() - t0;
clearInterval(timer);
const mb = (b: number) => (b / 1_048_576).toFixed(1);
console.log(
  `${format}: ${n} rows in ${(ms / 1000).toFixed(2)} s, file ${mb(statSync(file).size)} MB, peak RSS +${mb(peakRss - base.rss)} MB, peak heap +${mb(peakHeap - base.heapUsed)} MB`,
);
rmSync(dir, { recursive: true, force: true });
