import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { cityIndexStamp, openCityIndexFile, writeCityIndexFile } from "../../src/core/geo/city-index-file.js";
import { loadAllTheCities, memoryCityIndex, type CityRecord } from "../../src/core/geo/city-index.js";
import { createGazetteer, type Gazetteer } from "../../src/core/geo/gazetteer.js";

// The prebuilt index must answer every lookup exactly as the index built in memory from the data set
// (what every process did before it): same places, names, coordinates, regions and populations.
let dir: string;
let file: string;
let cities: CityRecord[];
let memory: Gazetteer;
let prebuilt: Gazetteer;

beforeAll(() => {
  dir = mkdtempSync(path.join(os.tmpdir(), "jobscout-city-index-"));
  file = path.join(dir, "city-index.bin");
  cities = loadAllTheCities();
  writeCityIndexFile(file, cities);
  const opened = openCityIndexFile(file);
  if (!opened) throw new Error("the index just written did not open");
  prebuilt = createGazetteer(opened);
  memory = createGazetteer(memoryCityIndex(cities));
});

afterAll(() => rmSync(dir, { recursive: true, force: true }));

// Every 7th city's name as written, folded, upper-cased, with umlauts written out, with its
// qualifier cut off ("Hofheim am Taunus" → "Hofheim"), with a trailing comma; exonyms; unknown names.
function names(): string[] {
  const out = new Set<string>([
    "Munich",
    "Cologne",
    "Frankfurt",
    "Frankfurt/Oder",
    "Halle",
    "Vienna",
    "Washington, D.C.",
    "NYC",
    "Bangalore",
    "Duesseldorf",
    "Muenster",
    "Xyzzyhausen",
    "a",
    "",
    "   ",
  ]);
  cities.forEach((c, i) => {
    if (i % 7 !== 0) return;
    out.add(c.name);
    if (i % 21 === 0) {
      out.add(c.name.toLowerCase());
      out.add(c.name.toUpperCase());
      out.add(c.name.replace(/ä/g, "ae").replace(/ö/g, "oe").replace(/ü/g, "ue"));
      out.add(`${c.name},`);
      out.add(c.name.split(/\s+(?:am|an der|im|bei)\s+|\s*[(/]/)[0] ?? c.name);
    }
  });
  return [...out];
}

describe("the prebuilt city index", () => {
  it("finds the same places as the index built in memory, for every option", () => {
    const all = names();
    expect(all.length).toBeGreaterThan(20_000);
    const options = [
      {},
      { preferCountry: "US" },
      { preferCountry: "AT", strictCountry: true },
      { region: "Bayern" },
      { region: "NRW", preferCountry: "DE" },
    ];
    const answers = (g: Gazetteer, n: string) =>
      JSON.stringify([
        options.map((o) => g.resolvePlace(n, o) ?? null),
        g.isKnownPlaceName(n),
        g.sameNamedPlaces(n),
        g.sameNamedPlaces(n, { country: "US", minPopulation: 1000 }),
      ]);
    const differing = all.filter((n) => answers(prebuilt, n) !== answers(memory, n));
    expect(differing.slice(0, 10)).toEqual([]);
    const found = all.filter((n) => memory.resolvePlace(n) !== undefined).length;
    // Most names are found: the comparison is between answers, not between two empty results.
    expect(found).toBeGreaterThan(all.length * 0.9);
    expect(prebuilt.resolvePlace("Frankfurt")).toEqual({
      name: "Frankfurt am Main",
      lat: 50.11552,
      lon: 8.68417,
      country: "DE",
      region: "Hessen",
      population: 650000,
    });
    expect(prebuilt.sameNamedPlaces("Frankfurt")).toEqual(["Frankfurt am Main", "Frankfurt (Oder)"]);
  });

  it("is not used when written for other data or folding, cut off, damaged or missing", () => {
    expect(openCityIndexFile(file, "another stamp")).toBeUndefined();
    expect(openCityIndexFile(path.join(dir, "missing.bin"))).toBeUndefined();
    const bytes = readFileSync(file);
    const cut = path.join(dir, "cut.bin");
    writeFileSync(cut, bytes.subarray(0, bytes.length - 1000));
    expect(openCityIndexFile(cut)).toBeUndefined();
    const garbage = path.join(dir, "garbage.bin");
    writeFileSync(garbage, "not an index");
    expect(openCityIndexFile(garbage)).toBeUndefined();
    // A record position past the end of the records (a damaged posting list) is refused at open.
    const damaged = Buffer.from(bytes);
    damaged.writeUInt32LE(0xffffff00, damaged.length - 4);
    const damagedFile = path.join(dir, "damaged.bin");
    writeFileSync(damagedFile, damaged);
    expect(openCityIndexFile(damagedFile)).toBeUndefined();
    expect(openCityIndexFile(file, cityIndexStamp())).toBeDefined();
  });
});
