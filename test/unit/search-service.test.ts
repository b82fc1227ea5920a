import path from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import type { Posting } from "../../src/core/posting.js";
import { Facets } from "../../src/search/facets.js";
import { HashingEmbedder } from "../../src/search/hashing.embedder.js";
import { SearchService, type SearchRequest } from "../../src/search/search.service.js";
import {
  addJobs,
  BERLIN,
  closeJob,
  DARMSTADT,
  FRANKFURT,
  OFFENBACH,
  openStore,
  posting,
  searchOver,
  tempDir,
  type Store,
} from "../contract/search-fixtures.js";
import { STORES } from "../support/stores.js";

const NOW = new Date("2026-06-15T12:00:00Z");
const daysAgo = (d: number) => new Date(NOW.getTime() - d * 86_400_000).toISOString();

const JOBS = {
  pyFrankfurt: posting("py-ffm", {
    title: "Python Backend Developer",
    description: "Build APIs with Python, Django and PostgreSQL.",
    locations: [{ city: "Frankfurt am Main", country: "DE", ...FRANKFURT }],
    postedAt: daysAgo(2),
  }),
  pyBerlin: posting("py-ber", {
    title: "Senior Python Engineer",
    description: "Python services for payments.",
    locations: [{ city: "Berlin", country: "DE", lat: BERLIN.lat, lon: BERLIN.lon }],
    postedAt: daysAgo(10),
  }),
  nurse: posting("nurse", {
    title: "Krankenpfleger Intensivstation (m/w/d)",
    company: "Klinikum Offenbach",
    description: "Pflege auf der Intensivstation im Schichtdienst.",
    locations: [{ city: "Offenbach", country: "DE", ...OFFENBACH }],
    language: "de",
    postedAt: daysAgo(1),
  }),
  pyRemote: posting("py-remote", {
    title: "Python Data Engineer",
    description: "Data pipelines in Python and Airflow. Fully remote.",
    locations: [{ city: "Hamburg", country: "DE", lat: 53.5511, lon: 9.9937 }],
    remoteMode: "remote",
    postedAt: daysAgo(5),
  }),
  javaDarmstadt: posting("java", {
    title: "Java Developer",
    description: "Spring Boot microservices.",
    locations: [{ city: "Darmstadt", country: "DE", ...DARMSTADT }],
    remoteMode: "hybrid",
    postedAt: daysAgo(40),
  }),
  pyClosed: posting("py-closed", {
    title: "Python Developer",
    description: "Python Python Python.",
    locations: [{ city: "Frankfurt am Main", country: "DE", ...FRANKFURT }],
    postedAt: daysAgo(3),
  }),
  accountant: posting("acc", {
    title: "Buchhalter (m/w/d)",
    description: "Finanzbuchhaltung und Jahresabschluss.",
    locations: [{ city: "Frankfurt am Main", country: "DE" }], // no coordinates
    language: "de",
  }),
} satisfies Record<string, Posting>;

describe.each(STORES)("SearchService on %s", (kind) => {
  const embedder = new HashingEmbedder({ dim: 128 });
  let cleanup: () => Promise<void>;
  let dir: string;
  let store: Store;
  let id: Record<keyof typeof JOBS, number>;
  let svc: SearchService;

  beforeEach(async () => {
    ({ dir, cleanup } = await tempDir());
    store = await openStore(dir, kind);
    const names = Object.keys(JOBS) as Array<keyof typeof JOBS>;
    const ids = await addJobs(store, embedder, Object.values(JOBS));
    id = Object.fromEntries(names.map((n, i) => [n, ids[i]!])) as Record<keyof typeof JOBS, number>;
    await closeJob(store, id.pyClosed);
    svc = await serviceOver("index", new Facets(store.jobs));
  });

  /** A search over the store with its own index directory and the given facet table. */
  const serviceOver = async (indexDir: string, facets: Facets) =>
    (await searchOver(store, embedder, path.join(dir, indexDir), { facets, now: () => NOW })).svc;
  afterEach(async () => {
    await store.close();
    await cleanup();
  });

  const ids = async (req: Partial<SearchRequest>) =>
    (await svc.search({ text: "", limit: 20, ...req })).hits.map((h) => h.job.id);

  it("ranks keyword matches first and says why", async () => {
    const res = await svc.search({ text: "python", limit: 3 });
    expect(res.hits.map((h) => h.job.id).sort()).toEqual([id.pyFrankfurt, id.pyBerlin, id.pyRemote].sort());
    expect(res.hits[0]!.why).toContain("title matches “python”");
    expect(res.total).toBeGreaterThanOrEqual(3);

    const nurse = await svc.search({ text: "Krankenpfleger Intensivstation", limit: 1 });
    expect(nurse.hits[0]!.job.id).toBe(id.nurse);
    expect(nurse.hits[0]!.why[0]).toBe("title matches “krankenpfleger” and “intensivstation”");
    expect(nurse.hits[0]!.why).toContain("posted yesterday");
    expect(nurse.hits[0]!.score).toBeGreaterThan(0.9);

    // Title beats description: "Django" only in one description; "Java" in a title.
    expect((await ids({ text: "java developer" }))[0]).toBe(id.javaDarmstadt);
  });

  it("lists the newest jobs without keywords, and says when their count is an estimate", async () => {
    const exact = await svc.search({ text: "", limit: 2 });
    // Six open jobs; the undated accountant last.
    expect(exact.hits.map((h) => h.job.id)).toEqual([id.nurse, id.pyFrankfurt]);
    expect(exact).toMatchObject({ total: 6 });
    expect(exact.approximate).toBeUndefined();
    // Past its scan limit (20,000 candidates; none here) the table walks day by day from the newest
    // and estimates the count: the same page, the count flagged.
    const walking = await serviceOver("index-walk", new Facets(store.jobs, { scanAtMost: 0 }));
    const estimated = await walking.search({ text: "", limit: 2 });
    expect(estimated.hits.map((h) => h.job.id)).toEqual([id.nurse, id.pyFrankfurt]);
    expect(estimated).toMatchObject({ total: 6, approximate: true });
  });

  it("filters by distance around a place, and by city name for jobs without coordinates", async () => {
    const near = await svc.search({ text: "", place: { ...FRANKFURT, radiusKm: 10 }, limit: 20 });
    expect(near.hits.map((h) => h.job.id).sort()).toEqual([id.pyFrankfurt, id.nurse, id.accountant].sort());
    expect(near.total).toBe(3);
    const offenbach = near.hits.find((h) => h.job.id === id.nurse)!;
    expect(offenbach.distanceKm).toBeGreaterThan(5);
    expect(offenbach.distanceKm).toBeLessThan(9);
    expect(offenbach.why).toContain(`${Math.round(offenbach.distanceKm! * 10) / 10} km from Frankfurt`);
    expect(near.hits.find((h) => h.job.id === id.accountant)!.distanceKm).toBeNull();

    expect((await ids({ place: { ...FRANKFURT, radiusKm: 30 } })).sort()).toEqual(
      [id.pyFrankfurt, id.nurse, id.accountant, id.javaDarmstadt].sort(),
    );
    expect(await ids({ text: "python", place: { ...BERLIN, radiusKm: 25 } })).toEqual([id.pyBerlin]);
  });

  it("filters by remote mode", async () => {
    expect(await ids({ remote: ["remote"] })).toEqual([id.pyRemote]);
    expect(await ids({ text: "developer", remote: ["hybrid"] })).toEqual([id.javaDarmstadt]);
    expect(await ids({ text: "python", remote: ["onsite", "hybrid", "unknown"] })).not.toContain(id.pyRemote);
  });

  it("lets remote jobs through the place filter only when remote is ok", async () => {
    const place = { ...FRANKFURT, radiusKm: 10 };
    expect(await ids({ text: "python", place })).toEqual([id.pyFrankfurt]);
    const ok = await svc.search({ text: "python", place, remoteAnywhere: true, limit: 20 });
    expect(ok.hits.map((h) => h.job.id).sort()).toEqual([id.pyFrankfurt, id.pyRemote].sort());
    expect(ok.hits.find((h) => h.job.id === id.pyRemote)!.why).toContain(
      "remote, so the place does not matter",
    );
    // Berlin stays out: it is neither near nor remote.
    expect(ok.hits.map((h) => h.job.id)).not.toContain(id.pyBerlin);
  });

  it("never returns closed jobs, even when the close happened after the facets were loaded", async () => {
    expect(await ids({ text: "python developer" })).not.toContain(id.pyClosed);
    expect(await ids({})).not.toContain(id.pyClosed);
    expect(await ids({ place: { ...FRANKFURT, radiusKm: 5 } })).not.toContain(id.pyClosed);
    // Another process closes a job the in-memory facets still think is open.
    await closeJob(store, id.pyFrankfurt);
    const res = await svc.search({ text: "python backend", limit: 5 });
    expect(res.hits.map((h) => h.job.id)).not.toContain(id.pyFrankfurt);
    expect(res.hits.length).toBeGreaterThan(0);
    expect(await ids({ text: "python backend" })).not.toContain(id.pyFrankfurt);
  });

  it("filters by posting date (undated jobs do not pass) and lists newest first without keywords", async () => {
    expect(await ids({ postedAfter: daysAgo(6) })).toEqual([id.nurse, id.pyFrankfurt, id.pyRemote]);
    const all = await ids({});
    expect(all).toEqual([
      id.nurse,
      id.pyFrankfurt,
      id.pyRemote,
      id.pyBerlin,
      id.javaDarmstadt,
      id.accountant,
    ]);
  });

  it("pages without overlap and honours excluded ids", async () => {
    const whole = await ids({ text: "developer engineer python" });
    const p1 = await ids({ text: "developer engineer python", limit: 2 });
    const p2 = await ids({ text: "developer engineer python", limit: 2, offset: 2 });
    expect([...p1, ...p2]).toEqual(whole.slice(0, 4));
    expect(await ids({ text: "python", excludeJobIds: new Set([id.pyFrankfurt]) })).not.toContain(
      id.pyFrankfurt,
    );
  });

  it("finds jobs added after start-up without a restart", async () => {
    await svc.search({ text: "python", limit: 5 });
    const [rust] = await addJobs(store, embedder, [
      posting("rust", { title: "Rust Engineer", locations: [{ city: "Frankfurt am Main", ...FRANKFURT }] }),
    ]);
    expect((await ids({ text: "rust" }))[0]).toBe(rust);
    expect(await ids({ place: { ...FRANKFURT, radiusKm: 5 } })).toContain(rust);
  });

  it("finds a posting for several offices at each office and tells the distance to the nearest", async () => {
    const [offices] = await addJobs(store, embedder, [
      posting("offices", {
        title: "Site Reliability Engineer",
        locations: [
          { country: "DE" },
          { city: "Hamburg", lat: 53.5511, lon: 9.9937 },
          { city: "Berlin", lat: 52.5163, lon: 13.3777 }, // Brandenburger Tor, ~2 km from BERLIN's point
        ],
      }),
    ]);
    const res = await svc.search({ text: "reliability", place: { ...BERLIN, radiusKm: 10 }, limit: 5 });
    expect(res.hits.map((h) => h.job.id)).toEqual([offices]);
    expect(res.hits[0]!.distanceKm).toBeGreaterThan(1.5);
    expect(res.hits[0]!.distanceKm).toBeLessThan(2.5);
    expect(res.hits[0]!.why).toContain("1.9 km from Berlin");
    expect(
      await ids({ text: "reliability", place: { name: "Hamburg", lat: 53.55, lon: 10.0, radiusKm: 10 } }),
    ).toEqual([offices]);
    expect(await ids({ text: "reliability", place: { ...FRANKFURT, radiusKm: 50 } })).toEqual([]);
  });

  it("treats text without a usable word like no text: newest jobs first", async () => {
    expect(await ids({ text: "in der", postedAfter: daysAgo(6) })).toEqual([
      id.nurse,
      id.pyFrankfurt,
      id.pyRemote,
    ]);
    expect(await ids({ text: " !! ", postedAfter: daysAgo(6) })).toEqual([
      id.nurse,
      id.pyFrankfurt,
      id.pyRemote,
    ]);
  });

  it("turns query syntax into plain words instead of failing", async () => {
    const python = [id.pyFrankfurt, id.pyBerlin, id.pyRemote];
    for (const text of ['python" OR title:*', "-python (", 'title:"python" AND']) {
      const found = await ids({ text });
      expect(found.slice(0, 3).sort()).toEqual([...python].sort());
      expect(found).not.toContain(id.pyClosed);
    }
    expect((await ids({ text: "NEAR(java developer) ^title" }))[0]).toBe(id.javaDarmstadt);
    expect(await store.jobs.count()).toBe(Object.keys(JOBS).length);
    expect(await ids({ text: "'; DROP TABLE jobs; --" })).not.toContain(id.pyFrankfurt);
  });
});
