// What the ATS adapters (Lever, Ashby, Greenhouse, SmartRecruiters) make of the less common values
// boards send: salary intervals, places given as parts, items without an id, a normalizer that trips.
import { describe, expect, it } from "vitest";
import {
  firstSegment,
  guarded,
  periodOf,
  placeFromParts,
  rangeSalary,
  rawId,
} from "../../src/pipeline/sources/ats-common.js";

describe("salaries from an ATS range", () => {
  it("read the interval words boards use as a period, and nothing from others", () => {
    expect(
      ["1 YEAR", "per-year-salary", "annual", "MONTHLY", "1 WEEK", "daily", "per-hour-wage"].map(periodOf),
    ).toEqual(["year", "year", "year", "month", "week", "day", "hour"]);
    expect(periodOf("quarterly")).toBeUndefined();
    expect(periodOf(12)).toBeUndefined();
  });

  it("keep a range only with a real currency code and a period", () => {
    expect(rangeSalary(60000, 80000, "EUR", "1 YEAR")).toEqual({
      min: 60000,
      max: 80000,
      currency: "EUR",
      period: "year",
    });
    expect(rangeSalary("4000", undefined, "eur", "MONTHLY")).toEqual({
      min: 4000,
      currency: "EUR",
      period: "month",
    });
    // No currency must not become EUR; "€" is no code; an interval nobody can read is no period.
    expect(rangeSalary(60000, 80000, "", "1 YEAR")).toBeUndefined();
    expect(rangeSalary(60000, 80000, "€", "1 YEAR")).toBeUndefined();
    expect(rangeSalary(60000, 80000, "EUR", "per sprint")).toBeUndefined();
  });
});

describe("places from parts", () => {
  it("take the board's coordinates (also as strings) and postal code", () => {
    expect(
      placeFromParts({ city: "Berlin", country: "Germany", lat: "52.5", lon: "13.4", postalCode: "10115" }),
    ).toEqual({ city: "Berlin", region: "Berlin", country: "DE", postalCode: "10115", lat: 52.5, lon: 13.4 });
  });

  it("place the city themselves when the board sends 0,0 or coordinates out of range", () => {
    const bamberg = placeFromParts({ city: "Bamberg", country: "DE", lat: 0, lon: 0 });
    expect(bamberg).toMatchObject({ city: "Bamberg", region: "Bayern", country: "DE" });
    expect(bamberg?.lat).toBeCloseTo(49.9, 1);
    expect(bamberg?.lon).toBeCloseTo(10.9, 1);
    const frankfurt = placeFromParts({ city: "Frankfurt", lat: 200, lon: 10 });
    expect(frankfurt).toMatchObject({ city: "Frankfurt am Main", region: "Hessen", country: "DE" });
    expect(frankfurt?.lat).toBeCloseTo(50.1, 1);
  });

  it("never take an area for a city, and read a state code only in its own country", () => {
    expect(placeFromParts({ city: "EMEA", region: "BE", country: "DE" })).toEqual({
      region: "Berlin",
      country: "DE",
    });
    expect(placeFromParts({ region: "BE", country: "BE" })).toEqual({ region: "BE", country: "BE" });
    expect(placeFromParts({ city: "Remote" })).toBeUndefined();
  });
});

describe("items and boards", () => {
  it("report an item by its own id, else by a stable hash of the item", () => {
    expect(rawId({ id: 42 }, "id")).toBe("42");
    expect(rawId({ id: " x1 " }, "id")).toBe("x1");
    const blank = rawId({ id: "  ", title: "A" }, "id");
    expect(blank).toMatch(/^noid-[0-9a-f]{16}$/);
    expect(rawId({ id: "  ", title: "A" }, "id")).toBe(blank);
    expect(rawId({ id: "  ", title: "B" }, "id")).not.toBe(blank);
    expect(rawId(null, "id")).toMatch(/^noid-[0-9a-f]{16}$/);
  });

  it("turn a normalizer that trips into one rejected item with the reason", () => {
    expect(
      guarded("Lever acme", { sourceId: "abc", raw: {} }, () => {
        throw new TypeError("x is undefined");
      }),
    ).toEqual({ ok: false, reason: "Lever acme abc: unexpected error while normalizing (x is undefined)" });
  });

  it("read a board from a pasted URL only when its first segment is a board name", () => {
    expect(firstSegment(new URL("https://jobs.lever.co/acme/123"))).toBe("acme");
    expect(firstSegment(new URL("https://jobs.lever.co/%E0%A4%A"))).toBeUndefined();
    expect(firstSegment(new URL("https://jobs.lever.co/ac%20me"))).toBeUndefined();
    expect(firstSegment(new URL("https://jobs.lever.co/embed/acme"), ["embed"])).toBeUndefined();
  });
});
