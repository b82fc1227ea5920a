// A new search replica started from a published snapshot over a real store (issue #14): the store
// and the flushed index that `bench/search.bench.ts --keep DIR` left in DIR/<n>. Stores `--after`
// re-embedded vectors past the snapshot (the catch-up), then times a fresh replica's start (copy the
// snapshot, sha256 check, hnswlib load, catch up from the store) and weighs its RSS against
// hnswlib's memory formula, (dim × 4 + M × 2 × 4) bytes per element, and against what hnswlib 0.8
// actually allocates per element (level 0 with its link count and label, a mutex, the label map…).
//   npx tsx bench/replica-rss.bench.ts --dir /tmp/scale-bench/1000000 [--after 1000]
import { existsSync, mkdtempSync, readFileSync, rmSync } from "node:fs";
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

// The graph degree the kept index was built with (bench/search.bench.ts --m).
const M = (JSON.parse(readFileSync(`${indexFileFor(snapshotDir, key)}.meta.json`, "utf8")) as { M: number })
  .M;

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
  const m0 = process.memoryUsage();
  const rss0 = m0.rss;
  const sync = new IndexSync({ vectors, embedderKey: key, dim: DIM, dir: replicaDir, snapshotDir });
  const cpu = process.cpuUsage();
  const t0 = performance.now();
  const report = await sync.open();
  const wall = (performance.now() - t0) / 1000;
  const used = process.cpuUsage(cpu);
  gc();
  const m1 = process.memoryUsage();
  const rss1 = m1.rss;
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
  const capacity = (sync.index as unknown as { capacity: number }).capacity;
  const own = hnswlibBytes(report.size, capacity);
  console.log(
    `  hnswlib's own allocations, estimated (capacity ${capacity.toLocaleString("en")}): ${mb(own.total)} → ${(grown / own.total).toFixed(2)}×` +
      ` (level 0 ${mb(own.level0)}, per-element mutex + level + link pointer ${mb(own.perElement)}, label map ${mb(own.labelMap)},` +
      ` upper levels ${mb(own.upper)}, fixed ${mb(own.fixed)})`,
  );
  const js = m1.heapTotal - m0.heapTotal + (m1.external - m0.external);
  console.log(
    `  of the growth: JS heap + external buffers ${mb(js)}, native (hnswlib, malloc arenas) ${mb(grown - js)}; label states ${mb(sync.index.memoryBytes() - capacity * (DIM * 4 + M * 2 * 4 + 4 + 8))}`,
  );
  console.log(`  load average (1 min) at the end: ${load}`);
  console.log(`  formula ratio (the target is ≤ 1.2): ${(grown / formula).toFixed(2)}`);
} finally {
  rmSync(replicaDir, { recursive: true, force: true });
  await db.close();
}

/**
 * What hnswlib 0.8 (hnswlib-node 3) allocates for `n` elements in room for `capacity`: the level-0
 * block (link count + 2M links + vector + label per slot), per slot a std::mutex (40 bytes on
 * x86-64 glibc), a level int and an upper-level pointer, an unordered_map node (~32 bytes with
 * malloc's header) plus a bucket per label, upper-level link lists for the 1/(M−1) of levels above
 * 0, 65,536 label-op mutexes and one visited list (2 bytes per slot).
 */
function hnswlibBytes(n: number, capacity: number) {
  const level0 = capacity * (4 + 2 * M * 4 + DIM * 4 + 8);
  const perElement = capacity * (40 + 4 + 8);
  const labelMap = n * (32 + 8);
  const upper = (n / (M - 1)) * (M * 4 + 4) + (n / M) * 16;
  const fixed = 65_536 * 40 + capacity * 2;
  return {
    level0,
    perElement,
    labelMap,
    upper,
    fixed,
    total: level0 + perElement + labelMap + upper + fixed,
  };
}
