import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { haversineKm } from "../../src/core/geo/distance.js";
import { Facets } from "../../src/search/facets.js";
import {
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
    expect(f.newest({}, 10)).toEqual({ ids: [ids[1], ids[0], ids[2], ids[5], ids[4], ids[3]], total: 6 });
    expect(f.newest({}, 2)).toEqual({ ids: [ids[1], ids[0]], total: 6 });
    expect(f.newest({ place: ffm(30) }, 0)).toEqual({ ids: [], total: 4 });
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
