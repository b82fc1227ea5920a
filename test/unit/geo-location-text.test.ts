// Free-text places as job sites write them, read into what the card shows (city, region, country,
// postcode, coordinates) — the forms geo.test.ts does not cover.
import { describe, expect, it } from "vitest";
import { parseLocations, parseLocationText } from "../../src/core/geo/location-text.js";

describe("parseLocations: less common spellings", () => {
  it("reads a postcode written after the city", () => {
    const [loc] = parseLocations("Berlin 10115");
    expect(loc).toMatchObject({ city: "Berlin", postalCode: "10115", country: "DE" });
    expect(loc!.lat).toBeCloseTo(52.52, 1);
  });

  it("a country alone is a place with only that country", () => {
    expect(parseLocations("Remote, Germany")).toEqual([{ country: "DE" }]);
  });

  it("two state capitals separated by a comma are two cities, not a city in a state", () => {
    expect(parseLocations("Hamburg, Berlin").map((l) => [l.city, l.region])).toEqual([
      ["Hamburg", "Hamburg"],
      ["Berlin", "Berlin"],
    ]);
  });

  it("a country after a list of its cities belongs to them and is not a place of its own", () => {
    expect(parseLocations("Hamburg, Berlin, Germany").map((l) => [l.city, l.country])).toEqual([
      ["Hamburg", "DE"],
      ["Berlin", "DE"],
    ]);
    // Another country's name stays a place (a posting for Berlin or anywhere in Austria).
    expect(parseLocations("Berlin; Austria").map((l) => [l.city, l.country])).toEqual([
      ["Berlin", "DE"],
      [undefined, "AT"],
    ]);
    expect(parseLocations("Remote; Germany; Germany")).toEqual([{ country: "DE" }]);
  });

  it("a two-letter code after a city is its state when the city lies there, else its country", () => {
    expect(parseLocations("München, BY")[0]).toMatchObject({
      city: "München",
      region: "Bayern",
      country: "DE",
    });
    expect(parseLocations("Toronto, CA")[0]).toMatchObject({ city: "Toronto", country: "CA" });
  });

  it("keeps an unknown three-letter state code as the region", () => {
    expect(parseLocations("Sydney, NSW")[0]).toMatchObject({ city: "Sydney", region: "NSW", country: "AU" });
  });
});

describe("parseLocationText", () => {
  it("is the default country when the text names no place, and empty without one", () => {
    expect(parseLocationText("Remote", { defaultCountry: "DE" })).toEqual({ country: "DE" });
    expect(parseLocationText("Remote")).toEqual({});
  });

  it("is the first place when there are several", () => {
    expect(parseLocationText("Köln / Remote")).toMatchObject({ city: "Köln", region: "Nordrhein-Westfalen" });
  });
});
