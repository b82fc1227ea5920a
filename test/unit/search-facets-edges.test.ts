// The facet table's edges a search relies on: a job deleted from the store or closed while this
// process missed the change feed (pruned) no longer passes; a salary floor and a level let through
// the jobs that do not say theirs; the table counts what it holds.
import { sql } from "kysely";
import { describe, expect, it } from "vitest";
import { Facets } from "../../src/search/facets.js";
import { closeJob, FRANKFURT, insertJobs, posting } from "../contract/search-fixtures.js";
import { STORES } from "../support/stores.js";
import { inFrankfurt, storePerTest } from "../contract/store-per-test.js";

describe.each(STORES)("Facets on %s", (kind) => {
  const store = storePerTest(kind);
  const now = "2026-05-10T00:00:00.000Z";

  it("reads every job again when the changes it missed were pruned, so a job closed meanwhile no longer passes", async () => {
    const [a, b, c] = await insertJobs(store(), [inFrankfurt("a"), inFrankfurt("b"), inFrankfurt("c")], now);
    await closeJob(store(), c!);
    const f = new Facets(store().jobs);
    expect(await f.catchUp()).toBe(3);
    expect([a, b, c].map((id) => f.matches(id!, {}))).toEqual([true, true, false]);
    await closeJob(store(), a!);
    await closeJob(store(), b!);
    // The feed keeps only its newest entry: the close of `a` is gone before this process read it.
    await store().jobs.pruneChanges(1);
    expect(await f.catchUp()).toBe(3);
    expect([a, b, c].map((id) => f.matches(id!, {}))).toEqual([false, false, false]);
    expect(f.size).toBe(3);
  });

  it("lists a job once when its posting date moves to another day and back, walking day by day", async () => {
    const day = (d: number) => `2026-05-0${d}T09:00:00.000Z`;
    const [a, b, c] = await insertJobs(
      store(),
      [
        inFrankfurt("a", { postedAt: day(1) }),
        inFrankfurt("b", { postedAt: day(2) }),
        inFrankfurt("c", { postedAt: day(3) }),
      ],
      now,
    );
    const f = new Facets(store().jobs, { scanAtMost: 0 });
    await f.catchUp();
    const move = async (to: string) => {
      await sql`UPDATE jobs SET posted_at = ${to} WHERE id = ${a}`.execute(store().db.kysely);
      await f.refreshJobs([a!]);
    };
    await move(day(4));
    expect(f.newest({}, 1)).toEqual({ ids: [a], total: 3, approximate: true });
    await move(day(1));
    expect(f.newest({}, 2)).toEqual({ ids: [c, b], total: 3, approximate: true });
    // Four asked of three: every day is read without filling the page, so the scan answers (and
    // a job listed twice under its day would have filled it).
    expect(f.newest({}, 4)).toEqual({ ids: [c, b, a], total: 3, approximate: false });
  });

  it("walks day by day only past its scan limit, counting the candidates each filter can visit", async () => {
    const hamburg = { city: "Hamburg", lat: 53.5511, lon: 9.9937 };
    const ids = await insertJobs(
      store(),
      [
        inFrankfurt("f1"),
        inFrankfurt("f2"),
        inFrankfurt("f3"),
        posting("kassel", { locations: [{ city: "Kassel" }] }),
        posting("r1", { locations: [hamburg], remoteMode: "remote" }),
        posting("r2", { locations: [hamburg], remoteMode: "remote" }),
      ],
      now,
    );
    const walks = async (scanAtMost: number, filter: Parameters<Facets["newest"]>[0]) => {
      const f = new Facets(store().jobs, { scanAtMost });
      await f.catchUp();
      return f.newest(filter, 1).approximate;
    };
    // Frankfurt's cell (3), the job without coordinates (1), and with "remote ok" the remote jobs (2).
    const near = { place: { ...FRANKFURT, radiusKm: 10 } };
    expect([await walks(4, near), await walks(3, near)]).toEqual([false, true]);
    const nearOrRemote = { ...near, remoteAnywhere: true };
    expect([await walks(6, nearOrRemote), await walks(5, nearOrRemote)]).toEqual([false, true]);
    // Remote only: the remote jobs; some ids: those; no filter: every id.
    expect([await walks(2, { remote: ["remote"] }), await walks(1, { remote: ["remote"] })]).toEqual([
      false,
      true,
    ]);
    const some = { onlyJobIds: new Set([ids[0]!, ids[1]!]) };
    expect([await walks(2, some), await walks(1, some)]).toEqual([false, true]);
    expect([await walks(6, {}), await walks(5, {})]).toEqual([false, true]);
  });

  it("forgets a job deleted from the store(), and ignores ids it has not loaded yet", async () => {
    const [a, b] = await insertJobs(store(), [inFrankfurt("a"), inFrankfurt("b")], now);
    const f = new Facets(store().jobs);
    await f.catchUp();
    expect(f.size).toBe(2);
    await sql`DELETE FROM jobs WHERE id = ${a}`.execute(store().db.kysely);
    await f.refreshJobs([a!, b!, b! + 1000]);
    expect(f.size).toBe(1);
    expect(f.matches(a!, {})).toBe(false);
    expect(f.count({})).toBe(1);
    // Deleted once, counted once.
    await f.refreshJobs([a!]);
    expect(f.size).toBe(1);
  });

  it("leaves a job newer than the table to the next catch-up, even when asked to re-read it", async () => {
    const [a] = await insertJobs(store(), [inFrankfurt("a")], now);
    const f = new Facets(store().jobs);
    await f.catchUp();
    const [c] = await insertJobs(store(), [inFrankfurt("c")], now);
    await f.refreshJobs([a!, c!]);
    expect(f.size).toBe(1);
    expect(f.matches(c!, {})).toBe(false);
    await f.catchUp();
    expect(f.size).toBe(2);
    expect(f.matches(c!, {})).toBe(true);
  });

  it("finds a job across the date line, from either side", async () => {
    const [east, west] = await insertJobs(
      store(),
      [
        posting("fiji", { locations: [{ city: "Rabi", lat: -16.5, lon: 179.95 }] }),
        posting("samoa-ish", { locations: [{ city: "Vaitupu", lat: -16.5, lon: -179.95 }] }),
      ],
      now,
    );
    const f = new Facets(store().jobs);
    await f.catchUp();
    // 0.1° of longitude at 16.5° S is about 10.7 km.
    expect(f.matches(east!, { place: { name: "x", lat: -16.5, lon: -179.95, radiusKm: 20 } })).toBe(true);
    expect(f.matches(west!, { place: { name: "x", lat: -16.5, lon: 179.95, radiusKm: 20 } })).toBe(true);
    expect(f.matches(east!, { place: { name: "x", lat: -16.5, lon: -179.95, radiusKm: 5 } })).toBe(false);
  });

  it("matches a town name first seen after an earlier search asked for that name", async () => {
    const [first] = await insertJobs(
      store(),
      [posting("ffm", { locations: [{ city: "Frankfurt am Main" }] })],
      now,
    );
    const f = new Facets(store().jobs);
    await f.catchUp();
    const place = { place: { ...FRANKFURT, radiusKm: 10 } };
    expect(f.matches(first!, place)).toBe(true);
    const [later] = await insertJobs(
      store(),
      [posting("ffm-2", { locations: [{ city: "Frankfurt, Main" }] })],
      now,
    );
    await f.catchUp();
    expect(f.matches(later!, place)).toBe(true);
  });

  it("guesses no share of passing jobs once every job it knew was deleted", async () => {
    const ids = await insertJobs(store(), [inFrankfurt("a"), inFrankfurt("b")], now);
    const f = new Facets(store().jobs);
    await f.catchUp();
    expect(f.estimateShare({})).toBe(1);
    await sql`DELETE FROM jobs`.execute(store().db.kysely);
    await f.refreshJobs(ids);
    expect(f.estimateShare({})).toBe(0);
  });

  it("lets through the jobs that name no salary or no level, and keeps out those below the floor or of another level", async () => {
    const [noSalary, low, high, senior, unknownLevel] = await insertJobs(
      store(),
      [
        inFrankfurt("no-salary"),
        inFrankfurt("low", { salary: { currency: "EUR", period: "year", min: 40000, max: 45000 } }),
        inFrankfurt("high", { salary: { currency: "EUR", period: "year", min: 60000, max: 70000 } }),
        inFrankfurt("senior", { seniority: "senior" }),
        inFrankfurt("unknown-level", { seniority: "unknown" }),
      ],
      now,
    );
    const f = new Facets(store().jobs);
    await f.catchUp();
    const pass = (filter: Parameters<Facets["matcher"]>[0]) =>
      [noSalary, low, high, senior, unknownLevel].filter((id) => f.matches(id!, filter));
    expect(pass({ salaryAtLeast: 50000 })).toEqual([noSalary, high, senior, unknownLevel]);
    expect(pass({ salaryAtLeast: 45000 })).toEqual([noSalary, low, high, senior, unknownLevel]);
    expect(pass({ seniority: ["junior"] })).toEqual([noSalary, low, high, unknownLevel]);
    expect(pass({ seniority: ["senior"] })).toEqual([noSalary, low, high, senior, unknownLevel]);
    expect(pass({ seniority: [] })).toEqual([noSalary, low, high, senior, unknownLevel]);
  });
});
