// One case per facet value a posting can carry (remote mode, employment type, level, salary
// period), the values a row may hold that the posting schema does not know (an older version's, or
// a hand edit's), and the table's own bookkeeping a search leans on: the share estimate after
// deletions, the limit of a candidate list, a job re-read several times, the memory it reports.
import { sql } from "kysely";
import { describe, expect, it } from "vitest";
import { Facets, type FacetFilter } from "../../src/search/facets.js";
import { BERLIN, FRANKFURT, insertJobs, OFFENBACH, posting } from "../contract/search-fixtures.js";
import { STORES } from "../support/stores.js";
import { inFrankfurt, storePerTest } from "../contract/store-per-test.js";

describe.each(STORES)("Facet values on %s", (kind) => {
  const store = storePerTest(kind);
  const now = "2026-06-10T00:00:00.000Z";
  /** Set a column of a stored row to a value the posting schema would not let in. */
  const rawSet = async (id: number, column: string, value: string | number | null) => {
    await sql`UPDATE jobs SET ${sql.ref(column)} = ${value} WHERE id = ${id}`.execute(store().db.kysely);
  };

  /** Insert one job per key, then the names of those that pass each filter. */
  async function byKey(jobs: Record<string, Parameters<typeof posting>[1]>) {
    const keys = Object.keys(jobs);
    const ids = await insertJobs(
      store(),
      keys.map((k) => inFrankfurt(k, jobs[k])),
      now,
    );
    const idOf = Object.fromEntries(keys.map((k, i) => [k, ids[i]!]));
    const load = async () => {
      const f = new Facets(store().jobs);
      await f.catchUp();
      return (filter: FacetFilter) => keys.filter((k) => f.matches(idOf[k]!, filter));
    };
    return { idOf, load };
  }

  it("filters by each remote mode, and counts a mode it does not know as unknown", async () => {
    const { idOf, load } = await byKey({
      onsite: { remoteMode: "onsite" },
      hybrid: { remoteMode: "hybrid" },
      remote: { remoteMode: "remote" },
      unknown: { remoteMode: "unknown" },
      flexible: { remoteMode: "onsite" },
    });
    await rawSet(idOf.flexible!, "remote_mode", "flexible");
    const pass = await load();
    expect(pass({ remote: ["onsite"] })).toEqual(["onsite"]);
    expect(pass({ remote: ["hybrid"] })).toEqual(["hybrid"]);
    expect(pass({ remote: ["remote"] })).toEqual(["remote"]);
    expect(pass({ remote: ["unknown"] })).toEqual(["unknown", "flexible"]);
    expect(pass({ remote: ["onsite", "remote"] })).toEqual(["onsite", "remote"]);
    expect(pass({ remote: [] })).toEqual(["onsite", "hybrid", "remote", "unknown", "flexible"]);
  });

  it("filters by each employment type, and counts a type it does not know as unknown", async () => {
    const { idOf, load } = await byKey({
      full: { employmentType: "full_time" },
      part: { employmentType: "part_time" },
      contract: { employmentType: "contract" },
      temporary: { employmentType: "temporary" },
      internship: { employmentType: "internship" },
      apprenticeship: { employmentType: "apprenticeship" },
      mini: { employmentType: "mini_job" },
      unknown: { employmentType: "unknown" },
      freelance: { employmentType: "full_time" },
    });
    await rawSet(idOf.freelance!, "employment_type", "freelance");
    const pass = await load();
    expect(pass({ employment: ["full_time"] })).toEqual(["full"]);
    expect(pass({ employment: ["part_time"] })).toEqual(["part"]);
    expect(pass({ employment: ["contract"] })).toEqual(["contract"]);
    expect(pass({ employment: ["temporary"] })).toEqual(["temporary"]);
    expect(pass({ employment: ["internship"] })).toEqual(["internship"]);
    expect(pass({ employment: ["apprenticeship"] })).toEqual(["apprenticeship"]);
    expect(pass({ employment: ["mini_job"] })).toEqual(["mini"]);
    expect(pass({ employment: ["unknown"] })).toEqual(["unknown", "freelance"]);
  });

  it("filters by each level; a job that does not say its level, or names one it does not know, passes", async () => {
    const { idOf, load } = await byKey({
      intern: { seniority: "intern" },
      junior: { seniority: "junior" },
      mid: { seniority: "mid" },
      senior: { seniority: "senior" },
      lead: { seniority: "lead" },
      executive: { seniority: "executive" },
      unknown: { seniority: "unknown" },
      werkstudent: { seniority: "junior" },
    });
    await rawSet(idOf.werkstudent!, "seniority", "werkstudent");
    const pass = await load();
    expect(pass({ seniority: ["intern"] })).toEqual(["intern", "unknown", "werkstudent"]);
    expect(pass({ seniority: ["junior"] })).toEqual(["junior", "unknown", "werkstudent"]);
    expect(pass({ seniority: ["mid"] })).toEqual(["mid", "unknown", "werkstudent"]);
    expect(pass({ seniority: ["senior", "lead"] })).toEqual(["senior", "lead", "unknown", "werkstudent"]);
    expect(pass({ seniority: ["executive"] })).toEqual(["executive", "unknown", "werkstudent"]);
  });

  it("compares a salary per hour, day, week, month or year with a yearly floor (its max, else its min)", async () => {
    // A working year: 1,720 hours, 220 days, 46 weeks, 12 months.
    const pay = (period: "hour" | "day" | "week" | "month" | "year", min?: number, max?: number) => ({
      salary: {
        currency: "EUR",
        period,
        ...(min === undefined ? {} : { min }),
        ...(max === undefined ? {} : { max }),
      },
    });
    const { idOf, load } = await byKey({
      "hour-30": pay("hour", 25, 30), // 51,600 a year
      "hour-29": pay("hour", undefined, 29), // 49,880
      "day-240": pay("day", 200, 240), // 52,800
      "day-220": pay("day", undefined, 220), // 48,400
      "week-1100": pay("week", 1100), // 50,600
      "week-1080": pay("week", 1000, 1080), // 49,680
      "month-4200": pay("month", undefined, 4200), // 50,400
      "month-min-4100": pay("month", 4100), // 49,200: only a minimum, still below
      "year-min-50000": pay("year", 50000), // exactly the floor
      "year-min-49999": pay("year", 49999),
      "fortnight-10": pay("year", 10), // its period rewritten below: a salary that cannot be compared
      "no-salary": {},
    });
    await rawSet(idOf["fortnight-10"]!, "salary_period", "fortnight");
    const pass = await load();
    expect(pass({ salaryAtLeast: 50000 })).toEqual([
      "hour-30",
      "day-240",
      "week-1100",
      "month-4200",
      "year-min-50000",
      "fortnight-10",
      "no-salary",
    ]);
    expect(pass({ salaryAtLeast: 49000 })).toEqual([
      "hour-30",
      "hour-29",
      "day-240",
      "week-1100",
      "week-1080",
      "month-4200",
      "month-min-4100",
      "year-min-50000",
      "year-min-49999",
      "fortnight-10",
      "no-salary",
    ]);
  });

  it("lets in a job posted at the very instant a date filter starts from", async () => {
    const { load } = await byKey({
      before: { postedAt: "2026-06-01T11:59:59Z" },
      at: { postedAt: "2026-06-01T12:00:00Z" },
      after: { postedAt: "2026-06-01T12:00:01Z" },
      undated: {},
    });
    const pass = await load();
    expect(pass({ postedAfter: "2026-06-01T12:00:00Z" })).toEqual(["at", "after"]);
    expect(pass({ postedAfter: "2026-06-01T12:00:00.000+02:00" })).toEqual(["before", "at", "after"]);
  });

  it("finds a job whose stored place has only a latitude or only a longitude by its town's name", async () => {
    // Coordinates of Berlin on Frankfurt rows: the half that is left must not place the job anywhere.
    const { idOf, load } = await byKey({
      "lat-only": { locations: [{ city: "Frankfurt am Main", ...BERLIN }] },
      "lon-only": { locations: [{ city: "Frankfurt am Main", ...BERLIN }] },
      "berlin-lat-only": { locations: [{ city: "Berlin", ...BERLIN }] },
      located: {},
    });
    await rawSet(idOf["lat-only"]!, "lon", null);
    await rawSet(idOf["lon-only"]!, "lat", null);
    await rawSet(idOf["berlin-lat-only"]!, "lon", null);
    const pass = await load();
    expect(pass({ place: { ...FRANKFURT, radiusKm: 10 } })).toEqual(["lat-only", "lon-only", "located"]);
    expect(pass({ place: { ...BERLIN, radiusKm: 10 } })).toEqual(["berlin-lat-only"]);
    // Where the lost half would put them: on the prime meridian, or on the equator.
    expect(pass({ place: { name: "Null Island", lat: 0, lon: BERLIN.lon, radiusKm: 10 } })).toEqual([]);
    expect(pass({ place: { name: "Meridian", lat: BERLIN.lat, lon: 0, radiusKm: 10 } })).toEqual([]);
  });

  it("does not match a job that names no town by the name of a town other jobs name", async () => {
    const [, offenbach, nowhere] = await insertJobs(
      store(),
      [
        inFrankfurt("ffm"),
        posting("of", { locations: [{ city: "Offenbach" }] }),
        posting("de", { locations: [{ country: "DE" }] }),
      ],
      now,
    );
    const f = new Facets(store().jobs);
    await f.catchUp();
    const place = { place: { name: "Offenbach", ...OFFENBACH, radiusKm: 1 } };
    expect(f.candidates(place, Infinity)).toEqual([offenbach]);
    expect(f.matches(nowhere!, place)).toBe(false);
  });

  it("matches a town by name with a locative tail, not a longer town name that merely starts with it", async () => {
    const { load } = await byKey({
      "halle-saale": { locations: [{ city: "Halle (Saale)" }] },
      "halle-westf": { locations: [{ city: "Halle, Westfalen" }] },
      hallenberg: { locations: [{ city: "Hallenberg, Hochsauerlandkreis" }] },
      "halle-an-der": { locations: [{ city: "Halle an der Saale" }] },
    });
    const pass = await load();
    const halle = { name: "Halle", lat: 51.4828, lon: 11.9697, radiusKm: 10 };
    expect(pass({ place: halle })).toEqual(["halle-westf", "halle-an-der"]);
  });

  it("estimates the share of passing jobs from the jobs it still holds", async () => {
    const ids = await insertJobs(
      store(),
      [
        inFrankfurt("a", { remoteMode: "remote" }),
        inFrankfurt("b"),
        inFrankfurt("c"),
        inFrankfurt("d", { remoteMode: "remote" }),
        inFrankfurt("e"),
      ],
      now,
    );
    const f = new Facets(store().jobs);
    await f.catchUp();
    expect(f.estimateShare({ remote: ["remote"] })).toBe(2 / 5);
    await sql`DELETE FROM jobs WHERE id IN (${ids[1]!}, ${ids[2]!})`.execute(store().db.kysely);
    await f.refreshJobs(ids);
    expect(f.estimateShare({ remote: ["remote"] })).toBe(2 / 3);
  });

  it("gives no candidate list when more jobs pass than the limit, also when the remote jobs tip it over", async () => {
    const hh = { city: "Hamburg", lat: 53.5511, lon: 9.9937 };
    await insertJobs(
      store(),
      [
        inFrankfurt("ffm"),
        posting("hh-1", { locations: [hh], remoteMode: "remote" }),
        posting("hh-2", { locations: [hh], remoteMode: "remote" }),
        posting("hh-3", { locations: [hh], remoteMode: "remote" }),
      ],
      now,
    );
    const f = new Facets(store().jobs);
    await f.catchUp();
    expect(f.candidates({}, 3)).toBeNull();
    expect(f.candidates({}, 4)).toHaveLength(4);
    const remoteOk = { place: { ...FRANKFURT, radiusKm: 10 }, remoteAnywhere: true };
    expect(f.candidates(remoteOk, 2)).toBeNull();
    expect(f.candidates(remoteOk, 3)).toBeNull();
    expect(f.candidates(remoteOk, 4)).toHaveLength(4);
  });

  it("counts a remote job once however often it was re-read", async () => {
    const hh = { city: "Hamburg", lat: 53.5511, lon: 9.9937 };
    const [ffm, remote] = await insertJobs(
      store(),
      [inFrankfurt("ffm"), posting("hh", { locations: [hh], remoteMode: "remote" })],
      now,
    );
    const f = new Facets(store().jobs);
    await f.catchUp();
    await f.refreshJobs([ffm!, remote!]);
    await f.refreshJobs([remote!]);
    const remoteOk = { place: { ...FRANKFURT, radiusKm: 10 }, remoteAnywhere: true };
    expect(f.count(remoteOk)).toBe(2);
    expect(f.candidates(remoteOk, Infinity)).toEqual([ffm, remote]);
    expect(f.newest(remoteOk, 5)).toEqual({ ids: [remote, ffm], total: 2, approximate: false });
  });

  it("reports the bytes its typed arrays hold: 29 a job id, room for ids grown by doubling", async () => {
    // status, remote mode, employment type, level: 1 byte each; lat, lon, city, salary: 4; date: 8.
    expect(new Facets(store().jobs).memoryBytes()).toBe(1024 * 29);
    expect(new Facets(store().jobs, { initialCapacity: 2 }).memoryBytes()).toBe(16 * 29);
    expect(new Facets(store().jobs, { initialCapacity: 100 }).memoryBytes()).toBe(100 * 29);
    const ids = await insertJobs(
      store(),
      Array.from({ length: 31 }, (_, i) => inFrankfurt(`j${i}`)),
      now,
    );
    expect(ids.at(-1)).toBe(31); // a fresh store numbers from 1
    const f = new Facets(store().jobs, { initialCapacity: 16 });
    await f.catchUp();
    expect(f.memoryBytes()).toBe(32 * 29); // id 31 fits in 32
    await insertJobs(store(), [inFrankfurt("j31")], now);
    await f.catchUp();
    expect(f.memoryBytes()).toBe(64 * 29);
  });

  it("makes room for a job id far beyond the ones before it (ids left free by deleted jobs)", async () => {
    const ids = await insertJobs(
      store(),
      Array.from({ length: 31 }, (_, i) => inFrankfurt(`j${i}`)),
      now,
    );
    expect(ids.at(-1)).toBe(31);
    await sql`DELETE FROM jobs WHERE id > 5 AND id < 31`.execute(store().db.kysely);
    const f = new Facets(store().jobs, { initialCapacity: 16 });
    expect(await f.catchUp()).toBe(6);
    expect(f.memoryBytes()).toBe(32 * 29); // room for ids 0 to 31, no more
    expect(f.candidates({}, Infinity)).toEqual([1, 2, 3, 4, 5, 31]);
  });
});
