import path from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { HnswVectorIndex } from "../../src/search/hnsw.index.js";
import { tempDir } from "../contract/search-fixtures.js";

// Exact ranking of a candidate list (very selective filters) reads the vectors hnswlib stores; there
// is no second copy. Hand-made 4-dimensional vectors, distances worked out by hand (cosine distance
// 1 − cos): the query [3, 0, 0, 0] points along the first axis.
const VECTORS: Array<[number, number[]]> = [
  [1, [1, 0, 0, 0]], // cos 1 → 0
  [2, [1, 1, 0, 0]], // cos 1/√2 → 0.29289
  [3, [0, 1, 0, 0]], // cos 0 → 1
  [4, [-1, 0, 0, 0]], // cos −1 → 2
  [5, [2, 0.2, 0, 0]], // cos 2/√4.04 = 0.99504 → 0.00496
  [6, [1, 0, 1, 0]], // as far as 2: ties go to the smaller label
  [0xffffffff, [0, 0, 0, 1]], // the largest label hnswlib takes, far from the others: cos 0 → 1
];
const QUERY = new Float32Array([3, 0, 0, 0]);

describe("HnswVectorIndex exact ranking of candidates", () => {
  let dir: string;
  let cleanup: () => Promise<void>;
  let file: string;

  beforeEach(async () => {
    ({ dir, cleanup } = await tempDir());
    file = path.join(dir, "index", "jobs.hnsw");
  });
  afterEach(() => cleanup());

  function built(): HnswVectorIndex {
    const index = HnswVectorIndex.create({ file, dim: 4, initialCapacity: 16 });
    for (const [label, v] of VECTORS) index.upsert(label, new Float32Array(v));
    return index;
  }

  const ranked = (index: HnswVectorIndex, k: number, labels: number[]) =>
    index.searchAmong(QUERY, k, labels).map((h) => [h.label, Number(h.distance.toFixed(5))]);

  it("ranks the candidates exactly, nearest first, skipping labels it does not hold", () => {
    const index = built();
    expect(ranked(index, 4, [6, 4, 3, 2, 5, 1, 99])).toEqual([
      [1, 0],
      [5, 0.00496],
      [2, 0.29289],
      [6, 0.29289],
    ]);
    expect(ranked(index, 10, [0xffffffff, 4])).toEqual([
      [0xffffffff, 1],
      [4, 2],
    ]);
    expect(index.searchAmong(QUERY, 3, [])).toEqual([]);
  });

  it("gives the distances hnswlib's own search gives", () => {
    const index = built();
    const approx = index.search(QUERY, 7);
    const exact = index.searchAmong(
      QUERY,
      7,
      VECTORS.map(([label]) => label),
    );
    expect(exact.map((h) => h.label)).toEqual([1, 5, 2, 6, 3, 0xffffffff, 4]);
    const byLabel = new Map(approx.map((h) => [h.label, h.distance]));
    for (const h of exact) expect(h.distance).toBeCloseTo(byLabel.get(h.label)!, 6);
  });

  it("leaves out removed labels and takes them back when they return", () => {
    const index = built();
    index.remove(5);
    index.remove(1);
    expect(ranked(index, 2, [1, 2, 3, 5])).toEqual([
      [2, 0.29289],
      [3, 1],
    ]);
    index.upsert(1, new Float32Array([0, 0, 5, 0])); // back, somewhere else: cos 0 → 1
    expect(ranked(index, 3, [1, 2, 3, 5])).toEqual([
      [2, 0.29289],
      [1, 1],
      [3, 1],
    ]);
  });

  it("ranks the same after a save and a load (the vectors come from the loaded file)", async () => {
    const index = built();
    index.remove(2);
    await index.flush();
    const { index: again, loaded } = await HnswVectorIndex.open({ file, dim: 4 });
    expect(loaded).toBe(true);
    expect(ranked(again, 3, [2, 3, 4, 5, 6, 1])).toEqual([
      [1, 0],
      [5, 0.00496],
      [6, 0.29289],
    ]);
  });
});
