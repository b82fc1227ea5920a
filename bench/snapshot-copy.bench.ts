// The part of a replica's start that only depends on the snapshot's size: adopting a published
// snapshot (copy to a temp file, sha256 check, rename, meta) through `adoptSnapshot`, for a file as
// large as hnswlib's index of `--n` vectors (level 0: n × (M × 2 × 4 + 4 + dim × 4 + 8) bytes; the
// content is random, as the copy and the check do not read it as a graph). Loading the graph and
// filling the mirror come on top (bench/replica-rss.bench.ts measures the whole start).
//   npx tsx bench/snapshot-copy.bench.ts [--n 1000000] [--dim 384]
import { randomBytes } from "node:crypto";
import { mkdirSync, mkdtempSync, rmSync } from "node:fs";
import { open, writeFile } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { sha256OfFile } from "../src/search/hnsw-file.js";
import { adoptSnapshot } from "../src/search/index-snapshot.js";

const arg = (name: string, dflt: number) => {
  const i = process.argv.indexOf(`--${name}`);
  const v = i >= 0 ? Number(process.argv[i + 1]) : NaN;
  return Number.isFinite(v) ? v : dflt;
};
const N = arg("n", 1_000_000);
const DIM = arg("dim", 384);
const M = 16;
const bytes = 96 + N * (M * 2 * 4 + 4 + DIM * 4 + 8);

const dir = mkdtempSync(path.join(os.tmpdir(), "jobscout-snapshot-bench-"));
try {
  const shared = path.join(dir, "shared");
  mkdirSync(shared);
  const published = path.join(shared, "bench.hnsw");
  const fh = await open(published, "w");
  const chunk = randomBytes(64 << 20);
  for (let left = bytes; left > 0; left -= chunk.length)
    await fh.write(chunk, 0, Math.min(left, chunk.length));
  await fh.sync();
  await fh.close();
  const meta = { format: 1, dim: DIM, count: N, M, efConstruction: 200, watermark: N };
  await writeFile(
    `${published}.meta.json`,
    JSON.stringify({ ...meta, sha256: await sha256OfFile(published) }),
  );
  const cpu = process.cpuUsage();
  const t0 = performance.now();
  const seq = await adoptSnapshot(shared, path.join(dir, "replica", "bench.hnsw"), DIM);
  const wall = (performance.now() - t0) / 1000;
  const used = process.cpuUsage(cpu);
  if (seq !== N) throw new Error(`the snapshot was not adopted (${seq})`);
  console.log(
    `adopt a ${(bytes / 1e9).toFixed(2)} GB snapshot (${N.toLocaleString("en")} × ${DIM} dims): ` +
      `${wall.toFixed(1)} s wall, ${((used.user + used.system) / 1e6).toFixed(1)} s CPU ` +
      `(load average ${os.loadavg()[0]!.toFixed(2)})`,
  );
} finally {
  rmSync(dir, { recursive: true, force: true });
}
