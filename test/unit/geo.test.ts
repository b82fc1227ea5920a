import { describe, expect, it } from "vitest";
import { haversineKm } from "../../src/core/geo/distance.js";
import { resolvePlace } from "../../src/core/geo/gazetteer.js";
import { parseLocations, parseLocationText } from "../../src/core/geo/location-text.js";
import { countryCode, regionName } from "../../src/core/geo/names.js";

const near = (p: { lat?: number; lon?: number } | undefined, lat: number, lon: number, km = 5) =>
  p?.lat !== undefined && p.lon !== undefined && haversineKm(p.lat, p.lon, lat, lon) < km;

describe("resolvePlace", () => {
  it("finds the same city under its exonym, local name and folded spelling", () => {
    for (const [names, local, lat, lon] of [
      [["Munich", "München", "MUENCHEN", "munchen"], "München", 48.137, 11.575],
      [["Cologne", "Köln", "koeln"], "Köln", 50.933, 6.95],
      [["Nuremberg", "Nürnberg", "nurnberg"], "Nürnberg", 49.454, 11.078],
      [["Frankfurt", "Frankfurt am Main", "Frankfurt/Main"], "Frankfurt am Main", 50.116, 8.684],
      [["Vienna", "Wien"], "Wien", 48.208, 16.372],
      [["Zurich", "Zürich"], "Zürich", 47.367, 8.55],
      [["Hanover", "Hannover"], "Hannover", 52.371, 9.733],
      [["Brunswick", "Braunschweig"], "Braunschweig", 52.266, 10.527],
      [["Würzburg", "wurzburg", "WÜRZBURG"], "Würzburg", 49.794, 9.951],
      // Umlauts written out, where the spelling as written is also a small town abroad (Texas).
      [["Münster", "Muenster", "muenster"], "Münster", 51.962, 7.626],
    ] as const) {
      for (const n of names) {
        const p = resolvePlace(n);
        expect(p?.name, n).toBe(local);
        expect(near(p, lat, lon), n).toBe(true);
      }
    }
  });

  it("prefers the preferred country, then the bigger place, and obeys a region hint", () => {
    expect(resolvePlace("Berlin")?.country).toBe("DE");
    expect(resolvePlace("London")?.country).toBe("GB"); // no village at home shadows a metropolis
    expect(resolvePlace("Fürth")?.region).toBe("Bayern"); // 112k beats the Hessian village
    expect(resolvePlace("Neunkirchen", { region: "NRW" })?.region).toBe("Nordrhein-Westfalen");
    expect(resolvePlace("Vienna", { preferCountry: "US", strictCountry: true })).toMatchObject({
      name: "Vienna",
      country: "US",
    });
    expect(resolvePlace("Hofheim")?.name).toBe("Hofheim am Taunus");
  });

  it("returns undefined for names it does not know", () => {
    expect(resolvePlace("Xyzzyhausen")).toBeUndefined();
    expect(resolvePlace("")).toBeUndefined();
  });
});

describe("parseLocationText / parseLocations", () => {
  it("reads 'City, State, Country' with exonyms into local names, state and ISO country", () => {
    expect(parseLocationText("Munich, Bavaria, Germany")).toMatchObject({
      city: "München",
      region: "Bayern",
      country: "DE",
    });
    expect(near(parseLocationText("Munich, Bavaria, Germany"), 48.137, 11.575)).toBe(true);
    expect(parseLocationText("Berlin, Berlin, Germany")).toMatchObject({
      city: "Berlin",
      region: "Berlin",
      country: "DE",
    });
    expect(parseLocationText("Berlin, BE, DE")).toMatchObject({
      city: "Berlin",
      region: "Berlin",
      country: "DE",
    });
    expect(parseLocationText("Austin, TX, US")).toMatchObject({
      city: "Austin",
      region: "TX",
      country: "US",
    });
    expect(parseLocationText("Brussels, BE")).toMatchObject({ city: "Brussels", country: "BE" });
    expect(parseLocationText("Nürnberg, Mittelfranken")).toMatchObject({
      city: "Nürnberg",
      region: "Bayern",
      country: "DE",
    });
  });

  it("knows the US and Indian spellings that ATS boards use (open-jobs-data RSS fixture)", () => {
    expect(parseLocationText("New York, NY")).toMatchObject({
      city: "New York",
      region: "NY",
      country: "US",
    });
    expect(near(parseLocationText("New York, NY, US"), 40.714, -74.006)).toBe(true);
    expect(parseLocationText("New York City, NY")).toMatchObject({ city: "New York", country: "US" });
    expect(parseLocationText("Bangalore, India")).toMatchObject({ city: "Bengaluru", country: "IN" });
    expect(near(parseLocationText("Washington, DC"), 38.895, -77.037)).toBe(true);
    expect(parseLocationText("Washington, DC")).toMatchObject({ country: "US" });
    expect(parseLocationText("Kiev, Ukraine")).toMatchObject({ city: "Kyiv", country: "UA" });
  });

  it("takes postal codes apart from the city", () => {
    expect(parseLocationText("10115 Berlin")).toMatchObject({
      city: "Berlin",
      postalCode: "10115",
      country: "DE",
    });
  });

  it("reads lists of cities as several locations", () => {
    expect(parseLocations("Hamburg, Berlin").map((l) => l.city)).toEqual(["Hamburg", "Berlin"]);
    expect(parseLocations("München / Köln").map((l) => l.city)).toEqual(["München", "Köln"]);
    expect(parseLocations("Berlin und Hamburg").map((l) => l.city)).toEqual(["Berlin", "Hamburg"]);
  });

  it("drops words that are not places and keeps names with brackets", () => {
    expect(parseLocations("Remote")).toEqual([]);
    expect(parseLocationText("Remote, Germany")).toEqual({ country: "DE" });
    expect(parseLocationText("Remote (Berlin)")).toMatchObject({ city: "Berlin" });
    expect(parseLocationText("Halle (Saale)")).toMatchObject({
      city: "Halle (Saale)",
      region: "Sachsen-Anhalt",
    });
  });

  it("keeps an unknown town with its stated region, and assumes the default country only when asked", () => {
    expect(parseLocationText("Kleinkleckersdorf, Bayern")).toEqual({
      city: "Kleinkleckersdorf",
      region: "Bayern",
      country: "DE",
    });
    expect(parseLocationText("Xyzzyhausen")).toEqual({ city: "Xyzzyhausen" });
    expect(parseLocationText("Xyzzyhausen", { defaultCountry: "DE" })).toEqual({
      city: "Xyzzyhausen",
      country: "DE",
    });
  });
});

describe("country and region names", () => {
  it("understands English, German and Bundesagentur enum spellings", () => {
    expect(countryCode("Germany")).toBe("DE");
    expect(countryCode("DEUTSCHLAND")).toBe("DE");
    expect(countryCode("Österreich")).toBe("AT");
    expect(countryCode("OESTERREICH")).toBe("AT");
    expect(countryCode("UK")).toBe("GB");
    expect(regionName("NORDRHEIN_WESTFALEN")).toBe("Nordrhein-Westfalen");
    expect(regionName("BADEN_WUERTTEMBERG")).toBe("Baden-Württemberg");
    expect(regionName("Bavaria")).toBe("Bayern");
    expect(regionName("Atlantis")).toBeUndefined();
  });
});
