// Replica start: rebuilding the hnswlib index from the store's vectors against copying the published
// snapshot and catching up with the vectors stored after it (issue #14). The store side is served
// from memory (the same rows `VectorsRepo.since` returns), so the figures are the index's own cost.
//   npx tsx bench/replica-start.bench.ts [--n 100000] [--dim 256] [--after 1000]
import { mkdtempSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { IndexSync } from "../src/search/index-sync.js";
import type { StoredVector, VectorsRepo } from "../src/store/vectors.repo.js";
import { randomUnitVectors } from "../test/contract/search-fixtures.js";

const arg = (name: string, dflt: number) => {
  const i = process.argv.indexOf(`--${name}`);
  const v = i >= 0 ? Number(process.argv[i + 1]) : NaN;
  return Number.isFinite(v) ? v : dflt;
};
const N = arg("n", 100_000);
const DIM = arg("dim", 256);
const AFTER = arg("after", 1000);

const vectors = randomUnitVectors(N + AFTER, DIM, 7);
let visible = N;
const store = {
  count: () => Promise.resolve(visible),
  since: (_key: string, after: number, limit: number): Promise<StoredVector[]> => {
    const out: StoredVector[] = [];
    for (let seq = after + 1; seq <= visible && out.length < limit; seq++)
      out.push({ seq, jobId: seq, contentHash: "", vector: vectors[seq - 1]! });
    return Promise.resolve(out);
  },
} as unknown as VectorsRepo;

const dir = mkdtempSync(path.join(os.tmpdir(), "jobscout-replica-bench-"));
const sync = (host: string) =>
  new IndexSync({
    vectors: store,
    embedderKey: "bench",
    dim: DIM,
    dir: path.join(dir, host),
    snapshotDir: path.join(dir, "shared"),
  });
const time = async (fn: () => Promise<unknown>) => {
  const t0 = performance.now();
  await fn();
  return (performance.now() - t0) / 1000;
};
try {
  const worker = sync("worker");
  const rebuild = await time(() => worker.open());
  const publish = await time(() => worker.publish());
  visible = N + AFTER; // postings stored after the snapshot
  const fresh = sync("new-host");
  let report: Awaited<ReturnType<IndexSync["open"]>> | undefined;
  const start = await time(async () => (report = await fresh.open()));
  console.log(
    `replica start at ${N} vectors (dim ${DIM}, M 16, efConstruction 200), ${AFTER} stored after the snapshot:`,
  );
  console.log(`  rebuild from the store:          ${rebuild.toFixed(1)} s`);
  console.log(`  publish snapshot:                ${publish.toFixed(1)} s`);
  console.log(
    `  snapshot copy + load + catch-up: ${start.toFixed(1)} s (caught up ${report?.added ?? 0}, size ${report?.size ?? 0})`,
  );
} finally {
  rmSync(dir, { recursive: true, force: true });
}
