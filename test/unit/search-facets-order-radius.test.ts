// The facet table over a few hundred jobs: the newest-k listing against a plain sort of the jobs'
// dates, for every k and for the orders a search visits jobs in (by id, by grid cell, remote jobs
// last); and radius searches with jobs just inside and just outside the circle, at small and large
// radii, on the equator, across the date line and around the poles, against great-circle distances
// this file computes itself.
import { describe, expect, it } from "vitest";
import { Facets, type FacetFilter } from "../../src/search/facets.js";
import { insertJobs, posting } from "../contract/search-fixtures.js";
import { STORES } from "../support/stores.js";
import { storePerTest } from "../contract/store-per-test.js";
import { rng } from "../support/rng.js";

/** The sphere the search measures on (mean Earth radius, km). */
const R = 6371.0088;
const rad = (d: number) => (d * Math.PI) / 180;
const deg = (r: number) => (r * 180) / Math.PI;

/** Great-circle distance by the Vincenty form on the sphere (not the haversine the code uses). */
function greatCircleKm(lat1: number, lon1: number, lat2: number, lon2: number): number {
  const [p1, p2, dl] = [rad(lat1), rad(lat2), rad(lon2 - lon1)];
  const a = Math.cos(p2) * Math.sin(dl);
  const b = Math.cos(p1) * Math.sin(p2) - Math.sin(p1) * Math.cos(p2) * Math.cos(dl);
  const c = Math.sin(p1) * Math.sin(p2) + Math.cos(p1) * Math.cos(p2) * Math.cos(dl);
  return R * Math.atan2(Math.hypot(a, b), c);
}

/** The point `km` from (lat, lon) on `bearing` degrees (clockwise from north). */
function destination(lat: number, lon: number, km: number, bearing: number): { lat: number; lon: number } {
  const [p1, l1, t, d] = [rad(lat), rad(lon), rad(bearing), km / R];
  const p2 = Math.asin(Math.sin(p1) * Math.cos(d) + Math.cos(p1) * Math.sin(d) * Math.cos(t));
  const l2 =
    l1 + Math.atan2(Math.sin(t) * Math.sin(d) * Math.cos(p1), Math.cos(d) - Math.sin(p1) * Math.sin(p2));
  const lon2 = ((((deg(l2) + 180) % 360) + 360) % 360) - 180;
  return { lat: deg(p2), lon: lon2 };
}

describe.each(STORES)("Facets over a few hundred jobs on %s", (kind) => {
  const store = storePerTest(kind);
  const now = "2026-07-01T00:00:00.000Z";

  it("lists the k newest of 360 jobs (same-day ties: the later stored first; undated last) for every k and scan order", async () => {
    // Places around Frankfurt in four grid cells (all within 35 km), farther ones, and no place.
    const near = [
      { city: "Frankfurt am Main", lat: 50.1109, lon: 8.6821 },
      { city: "Darmstadt", lat: 49.8728, lon: 8.6512 },
      { city: "Wiesbaden", lat: 50.0782, lon: 8.2398 },
      { city: "Mainz", lat: 49.9929, lon: 8.2473 },
      { city: "Hanau", lat: 50.1264, lon: 8.9283 },
      { city: "Bad Homburg", lat: 50.2268, lon: 8.6182 },
    ];
    const far = [
      { city: "Hamburg", lat: 53.5511, lon: 9.9937 },
      { city: "Köln", lat: 50.9375, lon: 6.9603 },
      { city: "Würzburg", lat: 49.7913, lon: 9.9534 },
    ];
    const rnd = rng(7);
    const pick = <T>(xs: readonly T[]): T => xs[Math.floor(rnd() * xs.length)]!;
    // Twelve instants, so most dates are shared by many jobs.
    const days = Array.from(
      { length: 12 },
      (_, i) => `2026-06-${String(1 + (i % 6)).padStart(2, "0")}T${i < 6 ? "09" : "17"}:00:00.000Z`,
    );
    const jobs = Array.from({ length: 360 }, (_, i) => {
      const where = rnd();
      const place = where < 0.55 ? pick(near) : where < 0.8 ? pick(far) : undefined;
      return {
        key: `n${i}`,
        postedAt: rnd() < 0.15 ? undefined : pick(days),
        place,
        // Unlocated jobs named Frankfurt match a Frankfurt search by name; Kassel does not.
        city: place?.city ?? (rnd() < 0.5 ? "Frankfurt am Main" : "Kassel"),
        remote: rnd() < 0.2,
      };
    });
    const ids = await insertJobs(
      store(),
      jobs.map((j) =>
        posting(j.key, {
          locations: [j.place ? { ...j.place } : { city: j.city }],
          remoteMode: j.remote ? "remote" : "onsite",
          ...(j.postedAt ? { postedAt: j.postedAt } : {}),
        }),
      ),
      now,
    );
    const f = new Facets(store().jobs);
    await f.catchUp();
    // The same table walking day by day from the newest for every filter (as it does past 20,000
    // candidates); over fewer than 1,024 jobs its estimate of the count samples every job.
    const walk = new Facets(store().jobs, { scanAtMost: 0 });
    await walk.catchUp();

    const nearNames = new Set(near.map((p) => p.city));
    const inFrankfurt = (i: number) =>
      jobs[i]!.place ? nearNames.has(jobs[i]!.place.city) : jobs[i]!.city === "Frankfurt am Main";
    const only = new Set(ids.filter(() => rnd() < 0.4));
    const cases: Array<{ name: string; filter: FacetFilter; passes: (i: number) => boolean }> = [
      { name: "all", filter: {}, passes: () => true },
      { name: "remote", filter: { remote: ["remote"] }, passes: (i) => jobs[i]!.remote },
      {
        name: "frankfurt",
        filter: { place: { name: "Frankfurt", lat: 50.1109, lon: 8.6821, radiusKm: 50 } },
        passes: inFrankfurt,
      },
      {
        name: "frankfurt or remote",
        filter: {
          place: { name: "Frankfurt", lat: 50.1109, lon: 8.6821, radiusKm: 50 },
          remoteAnywhere: true,
        },
        passes: (i) => inFrankfurt(i) || jobs[i]!.remote,
      },
      { name: "some", filter: { onlyJobIds: only }, passes: (i) => only.has(ids[i]!) },
    ];
    for (const c of cases) {
      // The expected order: a plain sort of the passing jobs by date (ISO strings sort as time),
      // the undated after every dated one, the higher id first among equals.
      const expected = jobs
        .map((j, i) => ({ id: ids[i]!, at: j.postedAt ?? "" }))
        .filter((_, i) => c.passes(i))
        .sort((a, b) => (a.at === b.at ? b.id - a.id : a.at < b.at ? 1 : -1))
        .map((x) => x.id);
      expect(expected.length, c.name).toBeGreaterThan(40);
      const ks = [
        1,
        2,
        3,
        4,
        5,
        6,
        7,
        8,
        9,
        10,
        15,
        16,
        17,
        31,
        33,
        64,
        100,
        expected.length - 1,
        expected.length,
        400,
      ];
      for (const k of ks) {
        expect(f.newest(c.filter, k), `${c.name}, k = ${k}`).toEqual({
          ids: expected.slice(0, k),
          total: expected.length,
          approximate: false,
        });
        // Walking stops after the day that filled k, so the count is an estimate — unless every day
        // was read without filling k (then the scan counts exactly).
        expect(walk.newest(c.filter, k), `walking, ${c.name}, k = ${k}`).toEqual({
          ids: expected.slice(0, k),
          total: expected.length,
          approximate: k <= expected.length,
        });
      }
      expect(f.newest(c.filter, 0)).toEqual({ ids: [], total: expected.length, approximate: false });
    }
  });

  it("tells jobs just inside a radius from those just outside, small and large, on the equator, across the date line and around the poles", async () => {
    const areas = [
      { name: "Frankfurt", lat: 50.1109, lon: 8.6821, radiusKm: 1 },
      { name: "Frankfurt", lat: 50.1109, lon: 8.6821, radiusKm: 2.5 },
      { name: "Frankfurt", lat: 50.1109, lon: 8.6821, radiusKm: 300 },
      { name: "Quito", lat: -0.1807, lon: -78.4678, radiusKm: 2000 },
      { name: "Singapore", lat: 1.3521, lon: 103.8198, radiusKm: 800 },
      { name: "Suva", lat: -18.1248, lon: 178.4501, radiusKm: 250 },
      { name: "Longyearbyen", lat: 78.2232, lon: 15.6267, radiusKm: 100 },
      { name: "Alert", lat: 82.5018, lon: -62.3481, radiusKm: 900 },
      { name: "North Pole camp", lat: 89.5, lon: 30, radiusKm: 150 },
      { name: "South Pole station", lat: -89.99, lon: 139.27, radiusKm: 300 },
    ];
    const rnd = rng(11);
    const points: Array<{ lat: number; lon: number }> = [];
    for (const a of areas) {
      for (let i = 0; i < 36; i++) {
        // Most within 1.5 % of the radius (either side, never closer than 3 m), some well inside.
        const u = 0.003 + rnd() * 0.012;
        const km = i % 9 === 8 ? a.radiusKm * rnd() * 0.9 : a.radiusKm * (i % 2 === 0 ? 1 - u : 1 + u);
        points.push(destination(a.lat, a.lon, km, rnd() * 360));
      }
    }
    const ids = await insertJobs(
      store(),
      points.map((p, i) => posting(`geo${i}`, { locations: [{ lat: p.lat, lon: p.lon }] })),
      now,
    );
    const f = new Facets(store().jobs);
    await f.catchUp();
    for (const a of areas) {
      const dist = points.map((p) => greatCircleKm(a.lat, a.lon, p.lat, p.lon));
      // No point so close to the circle that the table's 32-bit coordinates (~1 m) could flip it.
      expect(dist.filter((d) => Math.abs(d - a.radiusKm) < 0.003)).toEqual([]);
      const inside = ids.filter((_, i) => dist[i]! <= a.radiusKm);
      const label = `${a.name}, ${a.radiusKm} km`;
      expect(inside.length, label).toBeGreaterThan(10);
      expect(
        ids.filter((id) => f.matches(id, { place: a })),
        label,
      ).toEqual(inside);
      expect(f.candidates({ place: a }, Infinity), label).toEqual(inside);
    }
  });
});
