import { sql, type Kysely } from "kysely";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import * as m0025 from "../../src/store/migrations/0025-more-places.js";
import { haversineKm } from "../../src/core/geo/distance.js";
import { Facets } from "../../src/search/facets.js";
import {
  BERLIN,
  closeJob,
  DARMSTADT,
  FRANKFURT,
  insertJobs,
  OFFENBACH,
  openStore,
  posting,
  tempDir,
  type Store,
} from "../contract/search-fixtures.js";
import { STORES } from "../support/stores.js";

describe.each(STORES)("Facets on %s", (kind) => {
  let store: Store;
  let cleanup: () => Promise<void>;
  let ids: number[];
  const now = new Date().toISOString();

  beforeEach(async () => {
    const t = await tempDir();
    cleanup = t.cleanup;
    store = await openStore(t.dir, kind);
    ids = await insertJobs(
      store,
      [
        posting("ffm", {
          locations: [{ city: "Frankfurt am Main", ...FRANKFURT }],
          postedAt: "2026-05-01T00:00:00Z",
        }),
        posting("of", {
          locations: [{ city: "Offenbach", ...OFFENBACH }],
          remoteMode: "hybrid",
          postedAt: "2026-05-03T00:00:00Z",
        }),
        posting("da", { locations: [{ city: "Darmstadt", ...DARMSTADT }], postedAt: "2026-04-01T00:00:00Z" }),
        posting("remote", { locations: [{ city: "Hamburg", lat: 53.55, lon: 9.99 }], remoteMode: "remote" }),
        posting("nocoords", { locations: [{ city: "Frankfurt am Main" }] }),
        posting("oder", { locations: [{ city: "Frankfurt (Oder)" }] }),
      ],
      now,
    );
  });
  afterEach(async () => {
    await store.close();
    await cleanup();
  });

  const ffm = (radiusKm: number) => ({ ...FRANKFURT, radiusKm });

  it("filters by radius, city name, remote mode and date", async () => {
    const f = new Facets(store.jobs, { initialCapacity: 2 }); // grows while loading
    expect(await f.catchUp()).toBe(6);
    expect(f.size).toBe(6);
    const pass = (filter: Parameters<Facets["matcher"]>[0]) => ids.filter(f.matcher(filter));
    // Without coordinates "Frankfurt am Main" matches by name; "Frankfurt (Oder)" is another town.
    expect(pass({ place: ffm(10) })).toEqual([ids[0], ids[1], ids[4]]);
    expect(pass({ place: ffm(30) })).toEqual([ids[0], ids[1], ids[2], ids[4]]);
    expect(pass({ place: { ...ffm(10), name: "Offenbach" } })).toEqual([ids[0], ids[1]]);
    expect(pass({ place: ffm(10), remoteAnywhere: true })).toEqual([ids[0], ids[1], ids[3], ids[4]]);
    expect(pass({ remote: ["remote", "hybrid"] })).toEqual([ids[1], ids[3]]);
    expect(pass({ postedAfter: "2026-04-15T00:00:00Z" })).toEqual([ids[0], ids[1]]);
    expect(pass({ excludeJobIds: new Set([ids[0]!]) })).toEqual(ids.slice(1));
    expect(pass({ place: { name: "Frankfurt (Oder)", lat: 52.34, lon: 14.55, radiusKm: 5 } })).toEqual([
      ids[5],
    ]);
    expect(f.matches(ids[2]!, { place: ffm(20) })).toBe(false);
    expect(f.count({ place: ffm(30) })).toBe(4);
    expect(f.candidates({ place: ffm(30) }, 4)).toEqual([ids[0], ids[1], ids[2], ids[4]]);
    expect(f.candidates({ place: ffm(30) }, 3)).toBeNull();
    expect(f.estimateShare({ remote: ["remote"] })).toBeCloseTo(1 / 6, 5);
  });

  it("filters by employment type (Vollzeit, Teilzeit…), and a job of another or unknown type does not pass", async () => {
    const extra = await insertJobs(
      store,
      [
        posting("full", { employmentType: "full_time" }),
        posting("part", { employmentType: "part_time" }),
        posting("mini", { employmentType: "mini_job" }),
      ],
      now,
    );
    const f = new Facets(store.jobs);
    await f.catchUp();
    const pass = (filter: Parameters<Facets["matcher"]>[0]) => [...ids, ...extra].filter(f.matcher(filter));
    // The fixture's postings are full-time unless said otherwise.
    expect(pass({ employment: ["full_time"] })).toEqual([...ids, extra[0]]);
    expect(pass({ employment: ["part_time", "mini_job"] })).toEqual([extra[1], extra[2]]);
    expect(pass({ employment: [] })).toHaveLength(ids.length + extra.length);
  });

  it("lists newest first, undated last", async () => {
    const f = new Facets(store.jobs);
    await f.catchUp();
    expect(f.newest({}, 10)).toEqual({
      ids: [ids[1], ids[0], ids[2], ids[5], ids[4], ids[3]],
      total: 6,
      approximate: false,
    });
    expect(f.newest({}, 2)).toEqual({ ids: [ids[1], ids[0]], total: 6, approximate: false });
    expect(f.newest({ place: ffm(30) }, 0)).toEqual({ ids: [], total: 4, approximate: false });
  });

  it("lists the newest when newer postings were stored after older ones, the later stored first on the same day", async () => {
    const later = await insertJobs(
      store,
      [
        posting("jun1", { postedAt: "2026-06-01T00:00:00Z" }),
        posting("jun3a", { postedAt: "2026-06-03T00:00:00Z" }),
        posting("jun2", { postedAt: "2026-06-02T00:00:00Z" }),
        posting("jun5", { postedAt: "2026-06-05T00:00:00Z" }),
        posting("jun3b", { postedAt: "2026-06-03T00:00:00Z" }),
        posting("jun4", { postedAt: "2026-06-04T00:00:00Z" }),
      ],
      now,
    );
    const f = new Facets(store.jobs);
    await f.catchUp();
    const [jun1, jun3a, jun2, jun5, jun3b, jun4] = later;
    expect(f.newest({}, 3)).toEqual({ ids: [jun5, jun4, jun3b], total: 12, approximate: false });
    expect(f.newest({}, 5)).toEqual({ ids: [jun5, jun4, jun3b, jun3a, jun2], total: 12, approximate: false });
    expect(f.newest({}, 1)).toEqual({ ids: [jun5], total: 12, approximate: false });
    expect(f.newest({ postedAfter: "2026-05-02T00:00:00Z" }, 7)).toEqual({
      ids: [jun5, jun4, jun3b, jun3a, jun2, jun1, ids[1]],
      total: 7,
      approximate: false,
    });
  });

  it("stops counting at the limit asked, and gives no candidate list when more jobs pass than the limit", async () => {
    const f = new Facets(store.jobs);
    expect(f.estimateShare({})).toBe(0); // nothing loaded yet: no share to guess from
    await f.catchUp();
    expect(f.count({}, 3)).toBe(3);
    // Around Frankfurt with remote ok: three in the grid cells, one by city name, the remote one last.
    expect(f.count({ place: ffm(30), remoteAnywhere: true })).toBe(5);
    expect(f.count({ place: ffm(30), remoteAnywhere: true }, 5)).toBe(5);
    const some = new Set([ids[0]!, ids[2]!, ids[3]!]);
    expect(f.candidates({ onlyJobIds: some }, 3)).toEqual([ids[0], ids[2], ids[3]]);
    expect(f.candidates({ onlyJobIds: some }, 2)).toBeNull();
    expect(f.matches(ids[1]!, { onlyJobIds: some })).toBe(false);
    expect(f.matches(ids[2]!, { onlyJobIds: some })).toBe(true);
  });

  it("picks up new jobs, closed jobs and changed places", async () => {
    const f = new Facets(store.jobs);
    await f.catchUp();
    expect(await f.catchUp()).toBe(0);
    const added = await store.jobs.insert(
      posting("new", { locations: [{ city: "Frankfurt am Main", ...FRANKFURT }] }),
      null,
      now,
    );
    expect(await f.catchUp()).toBe(1);
    expect(f.matches(added, { place: ffm(5) })).toBe(true);

    await closeJob(store, ids[0]!);
    expect(f.matches(ids[0]!, {})).toBe(true); // not told yet
    await f.refreshJobs([ids[0]!]);
    expect(f.matches(ids[0]!, {})).toBe(false);

    await store.jobs.update(
      ids[2]!,
      posting("da", { locations: [{ city: "Offenbach", ...OFFENBACH }] }),
      null,
      now,
    );
    await f.refreshJobs([ids[2]!]);
    expect(f.matches(ids[2]!, { place: ffm(10) })).toBe(true);
  });

  it("finds a job posted for several places at each of them, once, and follows when its places change", async () => {
    const hh = { name: "Hamburg", lat: 53.5511, lon: 9.9937 };
    const muc = { name: "München", lat: 48.1374, lon: 11.5755 };
    const [multi, unlocatedFirst] = await insertJobs(
      store,
      [
        // Deutsche Bank, Greenhouse, Lever and Personio list one posting for several offices.
        posting("multi", {
          locations: [
            { city: "Hamburg", ...hh },
            { city: "Berlin", lat: BERLIN.lat, lon: BERLIN.lon },
            { city: "Frankfurt am Main", ...FRANKFURT },
          ],
        }),
        // The first place named only a country; the city after it has coordinates.
        posting("country-first", { locations: [{ country: "DE" }, { city: "München", ...muc }] }),
      ],
      now,
    );
    const f = new Facets(store.jobs);
    await f.catchUp();
    const near = (p: { name: string; lat: number; lon: number }, radiusKm = 10) =>
      f
        .candidates({ place: { ...p, radiusKm } }, Infinity)!
        .filter((id) => id === multi || id === unlocatedFirst);
    expect(near(hh)).toEqual([multi]);
    expect(near(BERLIN)).toEqual([multi]);
    expect(near(FRANKFURT)).toEqual([multi]);
    expect(near(muc)).toEqual([unlocatedFirst]);
    expect(f.matches(multi!, { place: { ...BERLIN, radiusKm: 10 } })).toBe(true);
    expect(f.matches(multi!, { place: { ...muc, radiusKm: 50 } })).toBe(false);
    // Berlin to Hamburg is ~255 km: a wide circle around their middle holds both places, one job.
    const both = { name: "between", lat: 53.0, lon: 11.7, radiusKm: 200 };
    expect(f.candidates({ place: both }, Infinity)!.filter((id) => id === multi)).toEqual([multi]);
    expect(f.count({ place: both, onlyJobIds: new Set([multi!]) })).toBe(1);
    expect(f.count({ place: { ...BERLIN, radiusKm: 500 }, remoteAnywhere: true })).toBe(
      f.candidates({ place: { ...BERLIN, radiusKm: 500 }, remoteAnywhere: true }, Infinity)!.length,
    );
    expect(f.newest({ place: both }, 10).ids.filter((id) => id === multi)).toEqual([multi]);

    // The posting drops Berlin: it is no longer found there, still in Hamburg.
    await store.jobs.update(
      multi!,
      posting("multi", {
        locations: [
          { city: "Hamburg", ...hh },
          { city: "Frankfurt am Main", ...FRANKFURT },
        ],
      }),
      null,
      now,
    );
    const g = new Facets(store.jobs);
    await g.catchUp();
    await f.catchUp(); // from the store's change feed, as another process would
    for (const facets of [f, g]) {
      expect(facets.matches(multi!, { place: { ...BERLIN, radiusKm: 10 } })).toBe(false);
      expect(facets.matches(multi!, { place: { ...FRANKFURT, radiusKm: 10 } })).toBe(true);
      expect(facets.candidates({ place: { ...BERLIN, radiusKm: 10 } }, Infinity)).not.toContain(multi);
    }
  });

  it("fills in the further places of jobs stored before migration 0025", async () => {
    const [multi] = await insertJobs(
      store,
      [
        posting("old-multi", {
          locations: [
            { country: "DE" },
            { city: "Hamburg", lat: 53.5511, lon: 9.9937 },
            { city: "Berlin", ...BERLIN },
          ],
        }),
      ],
      now,
    );
    const k = store.db.kysely as unknown as Kysely<unknown>;
    await m0025.down(k);
    // Before 0025 a row took the first place's (here: no) coordinates.
    await sql`UPDATE jobs SET lat = NULL, lon = NULL, city = NULL WHERE id = ${multi}`.execute(k);
    await m0025.up(k);
    const row = await store.db.kysely
      .selectFrom("jobs")
      .select(["lat", "lon", "city", "more_places"])
      .where("id", "=", multi!)
      .executeTakeFirstOrThrow();
    expect(row).toEqual({ lat: 53.5511, lon: 9.9937, city: "Hamburg", more_places: "[[52.52,13.405]]" });
    const f = new Facets(store.jobs);
    await f.catchUp();
    expect(f.matches(multi!, { place: { ...BERLIN, radiusKm: 5 } })).toBe(true);
  });

  it("re-reads a job whose employment type, level or salary changed elsewhere (a merge through the change feed)", async () => {
    const f = new Facets(store.jobs);
    await f.catchUp();
    expect(f.matches(ids[0]!, { employment: ["part_time"] })).toBe(false);
    await store.jobs.saveMerged(
      ids[0]!,
      posting("ffm", {
        locations: [{ city: "Frankfurt am Main", ...FRANKFURT }],
        postedAt: "2026-05-01T00:00:00Z",
        employmentType: "part_time",
        seniority: "senior",
        salary: { currency: "EUR", period: "year", min: 40000, max: 45000 },
      }),
      null,
      now,
    );
    await f.catchUp();
    expect(f.matches(ids[0]!, { employment: ["part_time"] })).toBe(true);
    expect(f.matches(ids[0]!, { seniority: ["junior"] })).toBe(false);
    expect(f.matches(ids[0]!, { salaryAtLeast: 60000 })).toBe(false);
  });

  it("agrees with haversine at every radius, including across grid cells and for remote-ok", async () => {
    // 1,500 jobs scattered ±1.5° around Frankfurt (many grid cells), every 7th remote.
    let seed = 3;
    const rnd = () => (seed = (Math.imul(seed, 1103515245) + 12345) >>> 0) / 2 ** 32 - 0.5;
    const points = Array.from({ length: 1500 }, (_, i) => ({
      lat: FRANKFURT.lat + rnd() * 3,
      lon: FRANKFURT.lon + rnd() * 3,
      remote: i % 7 === 0,
    }));
    const pid = await insertJobs(
      store,
      points.map((p, i) =>
        posting(`geo${i}`, {
          locations: [{ lat: p.lat, lon: p.lon }],
          remoteMode: p.remote ? "remote" : "onsite",
        }),
      ),
      now,
    );
    const f = new Facets(store.jobs);
    await f.catchUp();
    for (const radiusKm of [1, 12.5, 33, 80, 150, 5000]) {
      const place = { ...FRANKFURT, radiusKm };
      const expected = pid.filter(
        (_, i) => haversineKm(FRANKFURT.lat, FRANKFURT.lon, points[i]!.lat, points[i]!.lon) <= radiusKm,
      );
      const got = f.candidates({ place }, Infinity)!.filter((id) => pid.includes(id));
      expect(got, `radius ${radiusKm}`).toEqual(expected);
      const withRemote = pid.filter((id, i) => points[i]!.remote || expected.includes(id));
      expect(
        f.candidates({ place, remoteAnywhere: true }, Infinity)!.filter((id) => pid.includes(id)),
      ).toEqual(withRemote);
      expect(f.count({ place, remoteAnywhere: true })).toBe(
        f.candidates({ place, remoteAnywhere: true }, Infinity)!.length,
      );
    }
    // A job that moves is found at its new place only.
    await store.jobs.update(
      pid[0]!,
      posting("geo0", { locations: [{ city: "Berlin", lat: 52.52, lon: 13.405 }] }),
      null,
      now,
    );
    await f.refreshJobs([pid[0]!]);
    expect(f.candidates({ place: { name: "Berlin", lat: 52.52, lon: 13.405, radiusKm: 1 } }, 10)).toEqual([
      pid[0],
    ]);
    expect(f.candidates({ place: { ...FRANKFURT, radiusKm: 300 } }, Infinity)).not.toContain(pid[0]); // Berlin is ~420 km away
  });
});
