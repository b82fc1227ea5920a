import { readdir, readFile, rm, truncate, writeFile } from "node:fs/promises";
import path from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { HnswVectorIndex } from "../../src/search/hnsw.index.js";
import { randomUnitVectors, tempDir } from "../contract/search-fixtures.js";

const DIM = 24;

describe("HnswVectorIndex persistence", () => {
  let dir: string;
  let cleanup: () => Promise<void>;
  let file: string;

  beforeEach(async () => {
    ({ dir, cleanup } = await tempDir());
    file = path.join(dir, "index", "jobs.hnsw");
  });
  afterEach(() => cleanup());

  async function saved(n = 300): Promise<{ index: HnswVectorIndex; vs: Float32Array[] }> {
    const index = HnswVectorIndex.create({ file, dim: DIM, initialCapacity: 16 });
    const vs = randomUnitVectors(n, DIM, 5);
    vs.forEach((v, i) => index.upsert(i + 1, v));
    index.remove(3);
    index.watermark = 4242;
    await index.flush();
    return { index, vs };
  }

  it("survives a restart: same results, removals kept, watermark kept, no temp files left", async () => {
    const { index, vs } = await saved();
    const queries = randomUnitVectors(20, DIM, 6);
    const before = queries.map((q) => index.search(q, 10));

    const opened = await HnswVectorIndex.open({ file, dim: DIM, ef: index.ef });
    expect(opened).toMatchObject({ loaded: true });
    const again = opened.index;
    expect(again.size()).toBe(299);
    expect(again.watermark).toBe(4242);
    expect(again.has(3)).toBe(false);
    expect(queries.map((q) => again.search(q, 10))).toEqual(before);
    // Exact ranking for selective filters works on the loaded vectors, and knows 3 is gone.
    expect(again.searchAmong(vs[9]!, 1, [10, 11, 3])[0]).toMatchObject({ label: 10 });
    expect(again.searchAmong(vs[2]!, 3, [3]).length).toBe(0);
    // A removed label comes back once after the restart.
    again.upsert(3, vs[2]!);
    expect(again.search(vs[2]!, 5).filter((h) => h.label === 3)).toHaveLength(1);

    const meta = JSON.parse(await readFile(`${file}.meta.json`, "utf8")) as Record<string, unknown>;
    expect(meta).toMatchObject({
      format: 1,
      dim: DIM,
      count: 299,
      M: 16,
      efConstruction: 200,
      watermark: 4242,
    });
    expect(meta.sha256).toMatch(/^[0-9a-f]{64}$/);
    expect((await readdir(path.dirname(file))).sort()).toEqual(["jobs.hnsw", "jobs.hnsw.meta.json"]);
  });

  it("knows after a load which labels were removed: size, has, search, removing and re-adding", async () => {
    const index = HnswVectorIndex.create({ file, dim: DIM, initialCapacity: 16 });
    const vs = randomUnitVectors(200, DIM, 11);
    vs.forEach((v, i) => index.upsert(i + 1, v));
    for (const label of [7, 50, 51, 200]) index.remove(label);
    await index.flush();

    const { index: again, loaded } = await HnswVectorIndex.open({ file, dim: DIM });
    expect(loaded).toBe(true);
    expect(again.size()).toBe(196);
    expect([7, 50, 51, 200, 201, 0].map((l) => again.has(l))).toEqual([
      false,
      false,
      false,
      false,
      false,
      false,
    ]);
    expect([1, 6, 8, 49, 52, 199].map((l) => again.has(l))).toEqual([true, true, true, true, true, true]);
    // Searching with a removed job's own vector finds others, never the removed job.
    for (const label of [7, 50, 51, 200]) {
      const hits = again.search(vs[label - 1]!, 10);
      expect(hits).toHaveLength(10);
      expect(hits.map((h) => h.label)).not.toContain(label);
    }
    expect(again.search(vs[7]!, 1)[0]!.label).toBe(8);
    expect(again.search(vs[0]!, 500)).toHaveLength(196);
    again.remove(7);
    again.remove(8);
    expect(again.size()).toBe(195);
    again.upsert(50, vs[49]!);
    again.upsert(50, vs[49]!);
    expect(again.size()).toBe(196);
    expect(again.search(vs[49]!, 1)[0]!.label).toBe(50);
    expect(again.searchAmong(vs[49]!, 3, [8, 50, 7]).map((h) => h.label)).toEqual([50]);
  });

  it("keeps growing after a load (the loaded capacity is only what was saved)", async () => {
    await saved(40);
    const { index } = await HnswVectorIndex.open({ file, dim: DIM });
    const more = randomUnitVectors(200, DIM, 8);
    more.forEach((v, i) => index.upsert(1000 + i, v));
    expect(index.size()).toBe(239);
    expect(index.search(more[150]!, 1)[0]!.label).toBe(1150);
  });

  it("keeps growing after loading a file saved empty (hnswlib loads it with room for nothing)", async () => {
    await HnswVectorIndex.create({ file, dim: DIM }).flush();
    const { index, loaded } = await HnswVectorIndex.open({ file, dim: DIM });
    expect(loaded).toBe(true);
    const vs = randomUnitVectors(50, DIM, 9);
    vs.forEach((v, i) => index.upsert(i + 1, v));
    expect(index.size()).toBe(50);
    expect(index.search(vs[20]!, 1)[0]!.label).toBe(21);
  });

  it("reports a missing file and starts empty", async () => {
    const r = await HnswVectorIndex.open({ file, dim: DIM });
    expect(r).toMatchObject({ loaded: false, reason: "missing" });
    expect(r.index.size()).toBe(0);
  });

  it.each([
    ["truncated", async (f: string) => truncate(f, 1000)],
    ["overwritten with garbage", async (f: string) => writeFile(f, Buffer.alloc(5000, 0xab))],
    [
      // A flipped bit in a stored vector: hnswlib would load it happily; only the sha256 notices.
      "one flipped byte",
      async (f: string) => {
        const b = await readFile(f);
        const firstVector = 96 + (2 * 16 * 4 + 4); // header + element 0's level-0 links (M 16)
        b[firstVector + 1] = b[firstVector + 1]! ^ 0x40;
        await writeFile(f, b);
      },
    ],
    ["emptied", async (f: string) => writeFile(f, "")],
  ])("reports a %s index file as corrupt without throwing", async (_name, damage) => {
    await saved();
    await damage(file);
    const r = await HnswVectorIndex.open({ file, dim: DIM });
    expect(r).toMatchObject({ loaded: false, reason: "corrupt" });
    expect(r.index.size()).toBe(0);
  });

  it("reports a damaged or missing meta file as corrupt", async () => {
    await saved();
    await writeFile(`${file}.meta.json`, "{not json");
    expect(await HnswVectorIndex.open({ file, dim: DIM })).toMatchObject({
      loaded: false,
      reason: "corrupt",
    });
    await rm(`${file}.meta.json`);
    expect(await HnswVectorIndex.open({ file, dim: DIM })).toMatchObject({
      loaded: false,
      reason: "corrupt",
    });
  });

  it("reports another dimension as a mismatch", async () => {
    await saved();
    const r = await HnswVectorIndex.open({ file, dim: DIM * 2 });
    expect(r).toMatchObject({ loaded: false, reason: "mismatch" });
    expect(r.index.dim).toBe(DIM * 2);
  });

  it("never lets a reader during a flush load a half-written or mispaired index", async () => {
    const { index, vs } = await saved(300);
    // A crashed writer's half-written temp file is ignored.
    await writeFile(`${file}.tmp-99999-deadbeef`, "partial");
    const extra = randomUnitVectors(1500, DIM, 8);
    extra.forEach((v, i) => index.upsert(1000 + i, v));
    let done = false;
    const flushed = Promise.all([index.flush(), index.flush()]).finally(() => (done = true)); // serialized
    const seen: Array<number | string> = [];
    while (!done) {
      const r = await HnswVectorIndex.open({ file, dim: DIM });
      seen.push(r.loaded ? r.index.size() : (r.reason ?? "not loaded"));
    }
    await flushed;
    expect(seen.length).toBeGreaterThan(0);
    // The old index, the new one, or — between the index's rename and its meta's — "corrupt", which
    // makes the reader rebuild from the store. (Readers of a busy index pay that rebuild: the pair
    // is not replaced as one.)
    for (const s of seen) expect([299, 1799, "corrupt"]).toContain(s);
    // While the new index was being written and synced, the old one stayed whole and loadable.
    expect(seen[0]).toBe(299);
    const { index: again } = await HnswVectorIndex.open({ file, dim: DIM });
    expect(again.size()).toBe(1799);
    expect(again.search(vs[9]!, 1)[0]).toMatchObject({ label: 10 });
    expect((await readdir(path.dirname(file))).filter((f) => f.includes(".tmp-"))).toEqual([
      "jobs.hnsw.tmp-99999-deadbeef",
    ]);
  });
});
