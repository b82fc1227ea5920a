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
