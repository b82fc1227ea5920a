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

function search(ef: number, filter: FacetFilter) {
  const index = sync.index;
  index.ef = ef;
  const q = embedder.embedOne("Kotlin Developer Android apps");
  const plan = chooseVectorPlan({
    n: index.size(),
    want: K,
    share: facets.estimateShare(filter),
    ef,
    exactBelow: 1000,
    maxOverfetch: 2000,
  });
  const hits = filteredVectorSearch(index, facets, q, {
    k: K,
    filter,
    accept: facets.matcher(filter),
    selective: true,
    maxDistance: 0.5,
    exactBelow: 1000,
    maxOverfetch: 2000,
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
    const res = search(320, nearFrankfurt);
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
