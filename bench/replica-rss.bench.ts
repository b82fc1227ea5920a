// A new search replica started from a published snapshot over a real store (issue #14): the store
// and the flushed index that `bench/search.bench.ts --keep DIR` left in DIR/<n>. Stores `--after`
// re-embedded vectors past the snapshot (the catch-up), then times a fresh replica's start (copy the
// snapshot, sha256 check, hnswlib load + mirror, catch up from the store) and weighs its RSS against
// hnswlib's memory formula, (dim × 4 + M × 2 × 4) bytes per element.
//   npx tsx bench/replica-rss.bench.ts --dir /tmp/scale-bench/1000000 [--after 1000]
import { existsSync, mkdtempSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { embedderKey } from "../src/search/embedder.js";
import { HashingEmbedder } from "../src/search/hashing.embedder.js";
import { IndexSync, indexFileFor } from "../src/search/index-sync.js";
import { openDb } from "../src/store/db.js";
import { VectorsRepo } from "../src/store/vectors.repo.js";

const argv = process.argv.slice(2);
const arg = (name: string): string | undefined => {
  const i = argv.indexOf(`--${name}`);
  return i >= 0 ? argv[i + 1] : undefined;
};
const DIR = arg("dir");
const AFTER = Number(arg("after") ?? 1000);
// As bench/search.bench.ts built it.
const DIM = 384;
const M = 16;
const gc = (globalThis as { gc?: () => void }).gc;
if (!DIR || !gc) {
  console.error(
    "usage: node --expose-gc --import tsx bench/replica-rss.bench.ts --dir DIR/<n> [--after 1000]",
  );
  process.exit(2);
}
const snapshotDir = path.join(DIR, "index");
const key = embedderKey(new HashingEmbedder({ dim: DIM }));
if (!existsSync(`${indexFileFor(snapshotDir, key)}.meta.json`)) {
  console.error(`no flushed index in ${snapshotDir}: run bench/search.bench.ts --keep first`);
  process.exit(2);
}

const mb = (b: number) => `${(b / 1024 / 1024).toFixed(0)} MB`;
const db = await openDb({ file: path.join(DIR, "jobs.sqlite") });
const vectors = new VectorsRepo(db);
const n = await vectors.count(key);
// Postings re-embedded after the snapshot was published: same vectors, new seqs.
const changed = await vectors.since(key, 0, AFTER);
await vectors.put(
  key,
  changed.map((v) => ({ jobId: v.jobId, contentHash: `${v.contentHash}+`, vector: v.vector })),
);
changed.length = 0;

const replicaDir = mkdtempSync(path.join(os.tmpdir(), "jobscout-replica-"));
try {
  gc();
  const rss0 = process.memoryUsage().rss;
  const sync = new IndexSync({ vectors, embedderKey: key, dim: DIM, dir: replicaDir, snapshotDir });
  const cpu = process.cpuUsage();
  const t0 = performance.now();
  const report = await sync.open();
  const wall = (performance.now() - t0) / 1000;
  const used = process.cpuUsage(cpu);
  gc();
  const rss1 = process.memoryUsage().rss;
  const formula = n * (DIM * 4 + M * 2 * 4);
  const grown = rss1 - rss0;
  const load = os.loadavg()[0]!.toFixed(2);
  console.log(`replica start from the snapshot at ${n.toLocaleString("en")} vectors (dim ${DIM}, M ${M}):`);
  console.log(
    `  open (copy + sha256 + load + catch-up): ${wall.toFixed(1)} s wall, ${((used.user + used.system) / 1e6).toFixed(1)} s CPU` +
      ` — loaded ${report.loaded}, from snapshot seq ${report.snapshotSeq ?? "none"}, caught up ${report.added}, size ${report.size}`,
  );
  console.log(`  RSS growth for the replica's index: ${mb(grown)} (process RSS ${mb(rss1)})`);
  console.log(
    `  hnswlib formula n × (dim × 4 + M × 2 × 4): ${mb(formula)} → ${(grown / formula).toFixed(2)}×`,
  );
  console.log(
    `  our estimate (hnswlib level 0 + exact Float32 mirror): ${mb(sync.index.memoryBytes())} → ${(grown / sync.index.memoryBytes()).toFixed(2)}×`,
  );
  console.log(`  load average (1 min) at the end: ${load}`);
} finally {
  rmSync(replicaDir, { recursive: true, force: true });
  await db.close();
}
