// The three ways the vector side of a search honours the filters — exact ranking of the passing
// jobs, overfetch then post-filter, hnswlib's filter callback — over a real store, facet table and
// hnswlib index with more than 1,000 passing jobs (below that every search ranks exactly).
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { embedderKey } from "../../src/search/embedder.js";
import { Facets, type FacetFilter } from "../../src/search/facets.js";
import { chooseVectorPlan, filteredVectorSearch } from "../../src/search/filtered-vector-search.js";
import { HashingEmbedder } from "../../src/search/hashing.embedder.js";
import { IndexSync } from "../../src/search/index-sync.js";
import {
  addJobs,
  BERLIN,
  closeJob,
  FRANKFURT,
  openStore,
  posting,
  tempDir,
  type Store,
} from "../contract/search-fixtures.js";

const OTHER_TITLES = ["Pflegefachkraft", "Buchhalter", "Lagerhelfer", "Erzieherin", "Elektriker", "Koch"];
const TECH = ["Gradle", "Compose", "Coroutines", "Spring", "Ktor", "Room", "Retrofit", "Dagger", "Firebase"];
const K = 30;
const embedder = new HashingEmbedder({ dim: 128 });
let store: Store;
let cleanup: () => Promise<void>;
let sync: IndexSync;
let facets: Facets;
let frankfurtIds: Set<number>;
let kotlinIds: Set<number>;
let closedIds: Set<number>;

beforeAll(async () => {
  let dir: string;
  ({ dir, cleanup } = await tempDir());
  store = await openStore(dir);
  // 1,800 jobs in Frankfurt and 600 in Berlin; every sixth is a Kotlin job (300 and 100).
  const postings = Array.from({ length: 2400 }, (_, i) => {
    const city = i < 1800 ? { city: "Frankfurt am Main", ...FRANKFURT } : { city: "Berlin", ...BERLIN };
    const kotlin = i % 6 === 0;
    return posting(`job-${i}`, {
      title: kotlin ? "Kotlin Developer" : `${OTHER_TITLES[i % OTHER_TITLES.length]} ${i}`,
      description: kotlin
        ? `Kotlin and Android apps with ${TECH[i % 9]}, ${TECH[(i >> 3) % 9]} and ${TECH[(i >> 5) % 9]}.`
        : `Stelle Nummer ${i} im Betrieb.`,
      locations: [{ city: city.city, country: "DE", lat: city.lat, lon: city.lon }],
    });
  });
  const ids = await addJobs(store, embedder, postings);
  frankfurtIds = new Set(ids.slice(0, 1800));
  kotlinIds = new Set(ids.filter((_, i) => i % 6 === 0));
  // Ten Frankfurt Kotlin jobs have closed: no plan may return them.
  closedIds = new Set(ids.filter((_, i) => i % 6 === 0 && i < 60));
  for (const id of closedIds) await closeJob(store, id);
  sync = new IndexSync({
    vectors: store.vectors,
    embedderKey: embedderKey(embedder),
    dim: embedder.dim,
    dir: path.join(dir, "index"),
    hnsw: { efConstruction: 64 },
  });
  await sync.open();
  facets = new Facets(store.jobs);
  await facets.catchUp();
});
afterAll(async () => {
  await store.close();
  await cleanup();
});

const nearFrankfurt: FacetFilter = { place: { ...FRANKFURT, radiusKm: 25 } };

function search(ef: number, filter: FacetFilter, maxOverfetch = 2000) {
  const index = sync.index;
  index.ef = ef;
  const q = embedder.embedOne("Kotlin Developer Android apps");
  const plan = chooseVectorPlan({
    n: index.size(),
    want: K,
    share: facets.estimateShare(filter),
    ef,
    exactBelow: 1000,
    maxOverfetch,
  });
  const hits = filteredVectorSearch(index, facets, q, {
    k: K,
    filter,
    accept: facets.matcher(filter),
    selective: true,
    maxDistance: 0.5,
    exactBelow: 1000,
    maxOverfetch,
  });
  return { plan: plan.kind, ids: hits.map((h) => h.label), distances: hits.map((h) => h.distance) };
}

/** Each hit is an open Kotlin job inside the Frankfurt radius (the nearest jobs that pass). */
function expectOpenKotlinNearFrankfurt(ids: number[]): void {
  for (const id of ids) {
    expect([id, frankfurtIds.has(id), closedIds.has(id), kotlinIds.has(id)]).toEqual([id, true, false, true]);
  }
}

describe("filtered vector search with more than 1,000 passing jobs", () => {
  it("overfetch plan: keeps only open jobs inside the radius, nearest first", () => {
    const res = search(16, nearFrankfurt);
    expect(res.plan).toBe("overfetch");
    expect(res.ids.length).toBeGreaterThanOrEqual(K);
    expectOpenKotlinNearFrankfurt(res.ids);
    expect(res.distances).toEqual([...res.distances].sort((a, b) => a - b));
  });

  it("callback plan: the same guarantees through hnswlib’s own filter", () => {
    // 66 hits would be asked of an unfiltered search; only 50 are allowed.
    const res = search(320, nearFrankfurt, 50);
    expect(res.plan).toBe("callback");
    expect(res.ids).toHaveLength(K);
    expectOpenKotlinNearFrankfurt(res.ids);
  });

  it("exact plan: a radius only 600 jobs pass is ranked exactly over those jobs", () => {
    const berlin = search(16, { place: { ...BERLIN, radiusKm: 25 } });
    expect(berlin.plan).toBe("exact");
    expect(berlin.ids).toHaveLength(K);
    for (const id of berlin.ids) expect(frankfurtIds.has(id)).toBe(false);
  });
});

/**
 * The index as the search sees it, noting each call that reaches hnswlib: an unfiltered search (the
 * overfetch), a search through hnswlib's filter with the beam it ran with (the callback), or an exact
 * ranking over the passing jobs. Every call goes on to the real index.
 */
function noting(calls: string[]) {
  const index = sync.index;
  return new Proxy(index, {
    get(target, prop) {
      if (prop === "search")
        return (q: Float32Array, k: number, accept?: (id: number) => boolean) => {
          calls.push(accept ? `filtered k=${k} ef=${target.ef}` : `unfiltered k=${k}`);
          return target.search(q, k, accept);
        };
      if (prop === "searchAmong")
        return (q: Float32Array, k: number, ids: ArrayLike<number>) => {
          calls.push(`among ${ids.length}`);
          return target.searchAmong(q, k, ids);
        };
      const v: unknown = Reflect.get(target, prop, target);
      return typeof v === "function" ? (v as (...a: unknown[]) => unknown).bind(target) : v;
    },
    set(target, prop, value) {
      return Reflect.set(target, prop, value, target);
    },
  });
}

describe("the plan the cost model chose is the one that runs", () => {
  const q = () => embedder.embedOne("Kotlin Developer Android apps");
  function run(
    ef: number,
    filter: FacetFilter,
    o: { k?: number; selective?: boolean; maxOverfetch?: number } = {},
  ) {
    const calls: string[] = [];
    const index = noting(calls);
    index.ef = ef;
    const hits = filteredVectorSearch(index, facets, q(), {
      k: o.k ?? K,
      filter,
      accept: facets.matcher(filter),
      selective: o.selective ?? true,
      maxDistance: 0.5,
      exactBelow: 1000,
      maxOverfetch: o.maxOverfetch ?? 2000,
    });
    return { calls, hits, efAfter: sync.index.ef };
  }

  it("overfetch: one unfiltered search answers when enough of its hits pass, closed jobs left out", () => {
    // Every open job lies within 600 km of Frankfurt (Berlin is ~420 km away).
    const r = run(16, { place: { ...FRANKFURT, radiusKm: 600 } });
    expect(r.calls).toHaveLength(1);
    expect(r.calls[0]).toMatch(/^unfiltered k=\d+$/);
    expect(r.hits.length).toBeGreaterThanOrEqual(K);
    for (const h of r.hits) expect(closedIds.has(h.label)).toBe(false);
  });

  it("overfetch: falls back on hnswlib's filter when too few of its hits pass (Kotlin jobs in Berlin are as near)", () => {
    const r = run(16, nearFrankfurt);
    expect(r.calls).toHaveLength(2);
    expect(r.calls[0]).toMatch(/^unfiltered k=\d+$/);
    expect(r.calls[1]).toBe(`filtered k=${K} ef=48`);
    expect(r.efAfter).toBe(16);
  });

  it("overfetch: asks for the hits wanted plus the jobs left out, with headroom", () => {
    // Not selective (share 1): 30 wanted + 10 left out = 40; ceil(40 × 1.25) + 16 = 66 hits, and
    // 1.6 × 66 = 105.6 µs beats the callback's 2.4 × 48 = 115.2.
    const leftOut = new Set([...kotlinIds].filter((id) => !closedIds.has(id)).slice(0, 10));
    const r = run(16, { excludeJobIds: leftOut }, { selective: false });
    expect(r.calls).toEqual(["unfiltered k=66"]);
    // Every hit that passes comes back (the search service takes the first `k`).
    expect(r.hits.length).toBeGreaterThanOrEqual(K);
    for (const h of r.hits) expect(leftOut.has(h.label)).toBe(false);
  });

  it("callback: one search through hnswlib's filter, its beam holding as many passing jobs as the index's own would, that beam restored", () => {
    // 1,790 of the 2,400 jobs pass (ten Frankfurt jobs have closed): a beam of 320 over all jobs
    // holds about 320 × 1,790 / 2,400 = 238.7 passing ones.
    const r = run(320, nearFrankfurt, { maxOverfetch: 50 });
    expect(r.calls).toEqual([`filtered k=${K} ef=239`]);
    expect(r.efAfter).toBe(320);
    expect(r.hits).toHaveLength(K);
  });

  it("exact: one ranking over the 600 jobs in the Berlin radius", () => {
    const r = run(16, { place: { ...BERLIN, radiusKm: 25 } });
    expect(r.calls).toEqual(["among 600"]);
    expect(r.hits).toHaveLength(K);
  });

  it("asks the index nothing when no hit is wanted", () => {
    const r = run(16, nearFrankfurt, { k: 0 });
    expect(r).toEqual({ calls: [], hits: [], efAfter: 16 });
  });
});
