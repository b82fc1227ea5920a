// The meaning side of a search when hnswlib's graph does not lead to a small group of postings in a
// language few others use (seen at a million postings: four Dutch title queries of 300 got none of
// their ten nearest). Sparse graphs over 3,000 German postings and 12 Dutch ones reproduce it at test
// size, on a real store and a real hnswlib index: one that reaches the group from nowhere (M 2,
// efConstruction 8), where the best keyword matches ranked exactly beside hnswlib's answer bring it
// back; and one that reaches it from some of its members' own vectors but not from the query, where
// searching again around the nearest keyword match finds the members that lack a word.
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { postingText } from "../../src/search/embedder.js";
import { ExactVectorIndex } from "../../src/search/exact.index.js";
import { HashingEmbedder } from "../../src/search/hashing.embedder.js";
import {
  addJobs,
  closeJob,
  cosineDistance,
  openStore,
  posting,
  searchOver,
  tempDir,
} from "../contract/search-fixtures.js";
import type { DbDialect } from "../../src/store/db.js";
import { STORES } from "../support/stores.js";

const WORDS = [
  "Lager",
  "Helfer",
  "Pflege",
  "Kraft",
  "Koch",
  "Fahrer",
  "Elektriker",
  "Monteur",
  "Verkäufer",
  "Buchhalter",
  "Erzieher",
  "Sachbearbeiter",
  "Kaufmann",
  "Techniker",
  "Ingenieur",
  "Berater",
  "Entwickler",
  "Analyst",
  "Manager",
  "Assistent",
];
const QUERY = "Werkstudent koeltechnieker";

/** A store of 3,000 German postings (words drawn by a fixed sequence from `seed`) and 12 Dutch ones. */
async function world(kind: DbDialect, seed: number, hnsw: { M: number; efConstruction: number }) {
  const embedder = new HashingEmbedder({ dim: 128 });
  const { dir, cleanup } = await tempDir();
  const store = await openStore(dir, kind);
  let s = seed;
  const word = () => {
    s = (s * 1103515245 + 12345) % 2147483648;
    return WORDS[Math.floor((s / 2147483648) * WORDS.length)]!;
  };
  const german = Array.from({ length: 3000 }, (_, i) =>
    posting(`de-${i}`, {
      title: `${word()} ${word()}`,
      description: `${word()} ${word()} ${word()} im Betrieb ${i % 50}.`,
    }),
  );
  const dutch = Array.from({ length: 12 }, (_, i) =>
    posting(`nl-${i}`, {
      // Three of them lead a team: only those hold every word of a search for a lead.
      title: `${i % 4 === 1 ? "Lead " : ""}Werkstudent koeltechnieker ${["Gent", "Antwerpen", "Brugge"][i % 3]}`,
      description: `Koeltechniek en onderhoud van installaties, ploegen ${i}.`,
      language: "nl",
    }),
  );
  const ids = await addJobs(store, embedder, [...german, ...dutch]);
  const group = ids.slice(3000);
  // A closed job is never an answer, even when it is among the nearest.
  const closed = group[0]!;
  await closeJob(store, closed);
  const exact = new ExactVectorIndex({ dim: embedder.dim });
  [...german, ...dutch].forEach((p, i) => exact.upsert(ids[i]!, embedder.embedOne(postingText(p))));
  const { sync, svc } = await searchOver(store, embedder, path.join(dir, "index"), { hnsw });
  return {
    embedder,
    sync,
    svc,
    group,
    lead: group.filter((_, i) => i % 4 === 1),
    closed,
    /** The ten nearest open jobs, exactly. */
    truth: (text: string) => exact.search(embedder.embedOne(text), 10, (id) => id !== closed),
    exact,
    close: async () => {
      await store.close();
      await cleanup();
    },
  };
}

describe.each(STORES)("a group hnswlib reaches from nowhere, on %s", (kind) => {
  let w: Awaited<ReturnType<typeof world>>;
  beforeAll(async () => {
    w = await world(kind, 7, { M: 2, efConstruction: 8 });
  }, 60_000);
  afterAll(() => w.close());

  it("hnswlib alone does not reach the Dutch group from its entry point", () => {
    const fromIndex = w.sync.index.search(w.embedder.embedOne(QUERY), 40).map((h) => h.label);
    expect(fromIndex.filter((id) => w.group.includes(id))).toEqual([]);
  });

  it("finds the exact ten nearest open jobs through the keyword matches", async () => {
    const truth = w.truth(QUERY);
    const got = await w.svc.nearest(QUERY, 10);
    expect(got.map((h) => h.label)).toEqual(truth.map((h) => h.label));
    for (const [i, h] of got.entries()) expect(h.distance).toBeCloseTo(truth[i]!.distance, 5);
    expect(got.map((h) => h.label)).not.toContain(w.closed);
  });

  it("says the search found them by meaning as well as by words", async () => {
    const res = await w.svc.search({ text: QUERY, limit: 5 });
    expect(res.hits).toHaveLength(5);
    for (const h of res.hits) {
      expect(w.group).toContain(h.job.id);
      expect(h.score).toBeGreaterThan(0.9);
    }
  });

  it("reads the vectors it ranks exactly from the store, only for jobs the index holds", async () => {
    const q = w.embedder.embedOne(QUERY);
    const unknown = 9_999_999;
    const hits = await w.sync.distances(q, [w.group[3]!, unknown, w.group[1]!]);
    expect(hits.map((h) => h.label).sort()).toEqual([w.group[1]!, w.group[3]!].sort());
    for (const h of hits) {
      expect(h.distance).toBeCloseTo(w.exact.searchAmong(q, 1, [h.label])[0]!.distance, 5);
      expect(cosineDistance(q, h.vector)).toBeCloseTo(h.distance, 5);
    }
    expect(await w.sync.distances(q, [unknown])).toEqual([]);
  });
});

describe.each(STORES)("a group hnswlib reaches from its members but not from the query, on %s", (kind) => {
  const text = `Lead ${QUERY}`;
  let w: Awaited<ReturnType<typeof world>>;
  beforeAll(async () => {
    w = await world(kind, 6, { M: 4, efConstruction: 8 });
  }, 60_000);
  afterAll(() => w.close());

  it("finds members that lack a word around the nearest keyword match", async () => {
    const q = w.embedder.embedOne(text);
    const truth = w.truth(text).map((h) => h.label);
    // Only three jobs hold every word; at least seven of the ten nearest do not.
    expect(truth.filter((id) => !w.lead.includes(id)).length).toBeGreaterThanOrEqual(7);
    // hnswlib from the query (with a wider net than the search casts) and the jobs holding every
    // word leave some of the ten out.
    const fromIndex = new Set(w.sync.index.search(q, 100).map((h) => h.label));
    const without = truth.filter((id) => fromIndex.has(id) || w.lead.includes(id));
    expect(without.length).toBeLessThan(10);
    const got = await w.svc.nearest(text, 10);
    expect(got.filter((h) => truth.includes(h.label)).length).toBeGreaterThan(without.length);
    // Every hit is ranked by its exact distance, nearest first.
    for (const h of got) expect(h.distance).toBeCloseTo(w.exact.searchAmong(q, 1, [h.label])[0]!.distance, 5);
    expect(got.map((h) => h.distance)).toEqual(got.map((h) => h.distance).sort((a, b) => a - b));
  });
});
