// One behavioural contract for every VectorIndex implementation (run by vector-index.test.ts).
import { afterEach, describe, expect, it } from "vitest";
import { AppError } from "../../src/core/errors.js";
import type { VectorIndex } from "../../src/search/vector-index.js";
import { cosineDistance, randomUnitVectors } from "./search-fixtures.js";

export interface VectorIndexFactory {
  name: string;
  /** A new, empty index of `dim` dimensions with room for only a few vectors (so growth is exercised). */
  create(dim: number): Promise<VectorIndex> | VectorIndex;
  cleanup?(): Promise<void>;
}

const DIM = 32;

function bruteForce(points: ReadonlyMap<number, Float32Array>, q: Float32Array, k: number): number[] {
  return [...points]
    .map(([label, v]) => ({ label, d: cosineDistance(q, v) }))
    .sort((a, b) => a.d - b.d)
    .slice(0, k)
    .map((x) => x.label);
}

export function vectorIndexContract(factory: VectorIndexFactory): void {
  describe(`VectorIndex contract: ${factory.name}`, () => {
    afterEach(async () => {
      await factory.cleanup?.();
    });

    it("finds the true nearest neighbours, nearest first, with cosine distances", async () => {
      const index = await factory.create(DIM);
      const vs = randomUnitVectors(400, DIM, 11);
      const points = new Map(vs.map((v, i) => [1000 + i, v]));
      for (const [label, v] of points) index.upsert(label, v);
      expect(index.size()).toBe(400);
      for (const q of randomUnitVectors(25, DIM, 12)) {
        const hits = index.search(q, 5);
        expect(hits.map((h) => h.label)).toEqual(bruteForce(points, q, 5));
        for (const h of hits) expect(h.distance).toBeCloseTo(cosineDistance(q, points.get(h.label)!), 4);
        for (let i = 1; i < hits.length; i++)
          expect(hits[i]!.distance).toBeGreaterThanOrEqual(hits[i - 1]!.distance);
      }
      // A stored vector is its own nearest neighbour at distance ~0.
      const [self] = index.search(points.get(1007)!, 1);
      expect(self?.label).toBe(1007);
      expect(self?.distance).toBeCloseTo(0, 5);
    });

    it("upsert is idempotent per label: the same label twice is one entry with the newer vector", async () => {
      const index = await factory.create(DIM);
      const [a, b, ...others] = randomUnitVectors(40, DIM, 21);
      others.forEach((v, i) => index.upsert(i + 1, v));
      index.upsert(500, a!);
      index.upsert(500, a!);
      expect(index.size()).toBe(39);
      index.upsert(500, b!); // re-embedded job
      expect(index.size()).toBe(39);
      const hits = index.search(b!, 39);
      expect(hits.filter((h) => h.label === 500)).toHaveLength(1);
      expect(hits[0]).toMatchObject({ label: 500 });
      expect(hits[0]!.distance).toBeCloseTo(0, 5);
      // The old vector is gone: searching for it does not find label 500 at distance 0.
      const old = index.search(a!, 1)[0]!;
      expect(old.label === 500 && old.distance < 1e-4).toBe(false);
      // Many rewrites of one label never make it appear twice.
      for (let i = 0; i < 30; i++) index.upsert(7, others[i % others.length]!);
      const all = index.search(others[0]!, 39).map((h) => h.label);
      expect(new Set(all).size).toBe(all.length);
    });

    it("remove hides a label, and upserting it again brings it back once", async () => {
      const index = await factory.create(DIM);
      const vs = randomUnitVectors(50, DIM, 31);
      vs.forEach((v, i) => index.upsert(i, v));
      index.remove(10);
      index.remove(10);
      index.remove(999); // unknown: no-op
      expect(index.has(10)).toBe(false);
      expect(index.size()).toBe(49);
      expect(index.search(vs[10]!, 49).map((h) => h.label)).not.toContain(10);
      index.upsert(10, vs[10]!);
      expect(index.has(10)).toBe(true);
      expect(index.size()).toBe(50);
      const hits = index.search(vs[10]!, 50);
      expect(hits[0]!.label).toBe(10);
      expect(hits.filter((h) => h.label === 10)).toHaveLength(1);
    });

    it("returns only labels the filter allows, and no more than exist", async () => {
      const index = await factory.create(DIM);
      const vs = randomUnitVectors(200, DIM, 41);
      vs.forEach((v, i) => index.upsert(i, v));
      const even = (l: number) => l % 2 === 0;
      const hits = index.search(vs[1]!, 10, even);
      expect(hits).toHaveLength(10);
      expect(hits.every((h) => even(h.label))).toBe(true);
      const points = new Map([...vs.entries()].filter(([l]) => even(l)));
      expect(hits.map((h) => h.label)).toEqual(bruteForce(points, vs[1]!, 10));
      const three = new Set([3, 77, 150]);
      expect(
        index
          .search(vs[0]!, 10, (l) => three.has(l))
          .map((h) => h.label)
          .sort((x, y) => x - y),
      ).toEqual([3, 77, 150]);
      expect(index.search(vs[0]!, 10, () => false)).toEqual([]);
      expect(index.search(vs[0]!, 1000)).toHaveLength(200);
    });

    it("answers an empty index and k = 0 with no hits", async () => {
      const index = await factory.create(DIM);
      const [v] = randomUnitVectors(1, DIM, 51);
      expect(index.search(v!, 5)).toEqual([]);
      index.upsert(1, v!);
      expect(index.search(v!, 0)).toEqual([]);
    });

    it("rejects vectors of another dimension with a clear error", async () => {
      const index = await factory.create(DIM);
      const [v] = randomUnitVectors(1, DIM, 61);
      index.upsert(1, v!);
      const wrong = new Float32Array(DIM + 1);
      wrong[0] = 1;
      for (const act of [() => index.upsert(2, wrong), () => index.search(wrong, 3)]) {
        let err: unknown;
        try {
          act();
        } catch (e) {
          err = e;
        }
        expect(err).toBeInstanceOf(AppError);
        expect((err as AppError).code).toBe("vector_dim_mismatch");
        expect((err as AppError).message).toMatch(new RegExp(`${DIM + 1}.*${DIM}`));
      }
      expect(index.size()).toBe(1);
    });
  });
}
