import { foldText } from "../../core/text.js";
import { resolvePlace } from "../../core/geo/gazetteer.js";
import { countryCode, regionName } from "../../core/geo/names.js";

/** Where a posting is, as far as its title may repeat it ("Verkäufer (m/w/d) – Bamberg"). */
export interface TitlePlaces {
  /** Folded city, region and country names of the posting's own locations. */
  names: readonly string[];
  /** ISO countries of the posting; a trailing segment naming a big city there is a place too. */
  countries: readonly string[];
}

// Gender tags: "(m/w/d)", "(f/m/x)", "[w|m|d]", "(all genders)", "(gn*)", "(h/f)", "(m/v/x)", "(k/m)"…
const GENDER_WORD = String.raw`(?:[mwfdxhvk]|div(?:ers|\.)?|gn\*?|all(?:e)?\s*genders?|alle\s*geschlechter|any\s*gender|gender\s*neutral|genderneutral|inter|trans|nb|\*)`;
const GENDER_GROUP = new RegExp(
  String.raw`[(\[{]\s*${GENDER_WORD}(?:\s*[/|,.&+*\s-]\s*${GENDER_WORD})*\s*[)\]}]`,
  "g",
);
const GENDER_BARE =
  /(?:^|\s)(?:[mwf]\s*[/|-]\s*[mwf]\s*[/|-]\s*(?:d|x|i|div\.?)|[mwf]\s*\/\s*[mwf]|mwd|all genders|alle geschlechter)(?=\s|$|[,;:)\]-])/g;
// German gendered forms: "Entwickler*in", "Entwickler:innen", "Entwickler/-in", "Entwickler_in",
// "Entwickler(in)", "Kaufmann/-frau", "Angestellte*r". Binnen-I ("EntwicklerIn") is caught before folding.
const BINNEN_I = /(\p{Ll})In(?:nen)?\b/gu;
const GENDER_SUFFIX =
  /(\p{L})\s*(?:[*:_]\s*(?:innen|in|r)|\/\s*-?\s*(?:innen|in))\b|(\p{L})\(-?in(?:nen)?\)/gu;
const MANN_FRAU = /(\p{L}*)(mann|frau)\s*\/\s*-?\s*\p{L}*?(frau|mann)\b/gu;

const SENIORITY_ABBREV: ReadonlyArray<[RegExp, string]> = [
  [/\bsr\b\.?/g, "senior"],
  [/\bsnr\b\.?/g, "senior"],
  [/\bjr\b\.?/g, "junior"],
  [/\bjnr\b\.?/g, "junior"],
  [/\bmid[\s-]?level\b/g, "mid"],
];

// A segment made only of these words says how, when or where, not which job.
const NOISE = new Set(
  (
    "remote hybrid hybrides onsite on site vor ort homeoffice home office mobiles arbeiten fully full part " +
    "time fulltime parttime vollzeit teilzeit vz tz voll oder und or and ab sofort befristet unbefristet " +
    "festanstellung permanent temporary contract freelance freiberuflich m w d f x new neu urgent dringend " +
    "gesucht wanted hiring we are wir suchen job jobs stelle stellenangebot position all genders gn in at " +
    "100 80 90 50 60 70 40 20 30 std stunden wochenstunden h ref id req no nr kennziffer referenz reference " +
    "first based anywhere worldwide europe eu emea dach germany deutschland bundesweit"
  ).split(" "),
);
// Phrases about when and how long, wherever they stand ("Verkäufer (m/w/d) ab sofort in Vollzeit").
const WORKING_TIME =
  /\b(?:ab sofort|zum nachst(?:en|moglichen) (?:moglichen )?zeitpunkt|(?:in |als )?(?:voll|teil)zeit(?:stelle)?|(?:in )?voll- (?:oder|und|\/) teilzeit|full[- ]?time|part[- ]?time|(?:un)?befristet|100 ?% ?(?:remote|home-?office)|fully remote|remote[- ]first)\b/g;
const ID_SEGMENT = /^(?:ref|id|req|job ?id|job-?nr|stellen-?id|kennziffer|referenz|reference)\b/;
// Words that carry no meaning of their own in a title (German, English, French, Dutch, Spanish), or only about pay ("5.000€ brutto/Monat"):
// shared pay words must not make "Pflegefachkraft" and "Altenpflegerin" look alike.
const STOP = new Set(
  (
    "und and oder or the der die das den fur for a an of im in at bei mit with zum zur to als as m w d f x " +
    "de la le du des et van het een en y el del " +
    "brutto netto monat monatlich jahr jahrlich stunde std eur euro bis zu up gehalt verdienst k"
  ).split(" "),
);

// Countries whose towns (the gazetteer has all of 1,000+ inhabitants) count as places in a title;
// elsewhere only cities of half a million do: "Engineer – Mobile" is not about Mobile, Alabama.
const PLACE_COUNTRIES = new Set(["DE", "AT", "CH"]);

/**
 * Whether a title segment names a place. Decided by the text and the gazetteer, not by the copy's
 * own locations alone, so a copy that only says "DE" strips "– Bamberg" like one that says Bamberg.
 */
// Titles repeat their segments a lot ("verkaufer", "ab sofort"): gazetteer answers are kept.
const placeCache = new Map<string, { country: string; big: boolean; region: boolean } | null>();

function gazetteerPlace(segment: string): { country: string; big: boolean; region: boolean } | null {
  let hit = placeCache.get(segment);
  if (hit !== undefined) return hit;
  if (placeCache.size > 50_000) placeCache.clear();
  if (countryCode(segment) || regionName(segment)) hit = { country: "", big: true, region: true };
  else {
    const p = resolvePlace(segment);
    hit = p ? { country: p.country, big: p.population >= 500_000, region: false } : null;
  }
  placeCache.set(segment, hit);
  return hit;
}

function isPlace(segment: string, places: TitlePlaces): boolean {
  if (places.names.includes(segment)) return true;
  if (segment.length < 3 || segment.split(" ").length > 4) return false;
  const p = gazetteerPlace(segment);
  return (
    p !== null &&
    (p.region || p.big || PLACE_COUNTRIES.has(p.country) || places.countries.includes(p.country))
  );
}

const PREPOSITION = new Set(["in", "bei", "at", "im", "am", "near", "nahe", "standort", "raum", "region"]);

/**
 * Drop "in <place>" phrases from a segment ("… für unsere Zentrale in Eltmann gesucht" → "… für
 * unsere Zentrale gesucht"), trying the longest place name first; the names go to `found`.
 */
function withoutPlacePhrases(segment: string, places: TitlePlaces, found: string[]): string {
  const ws = segment.split(" ");
  const out: string[] = [];
  for (let i = 0; i < ws.length; i++) {
    let k = PREPOSITION.has(ws[i]!) ? Math.min(4, ws.length - i - 1) : 0;
    for (; k >= 1; k--) {
      const name = ws.slice(i + 1, i + 1 + k).join(" ");
      if (isPlace(name, places)) {
        found.push(name);
        break;
      }
    }
    if (k >= 1) i += k;
    else out.push(ws[i]!);
  }
  return out.join(" ");
}

function isNoise(segment: string): boolean {
  if (!segment || ID_SEGMENT.test(segment)) return true;
  return segment
    .split(/[\s/%.+-]+/)
    .filter(Boolean)
    .every((w) => NOISE.has(w) || /^\d+$/.test(w));
}

/** Title text with gender tags and gendered suffixes removed and seniority abbreviations spelled out (folded). */
export function cleanTitle(title: string): string {
  let t = title.replace(BINNEN_I, "$1");
  t = foldText(t);
  t = t.replace(GENDER_GROUP, " ").replace(GENDER_BARE, " ");
  t = t.replace(MANN_FRAU, "$1mann").replace(GENDER_SUFFIX, (_m, a?: string, b?: string) => a ?? b ?? "");
  for (const [re, to] of SENIORITY_ABBREV) t = t.replace(re, to);
  return t.replace(WORKING_TIME, " ");
}

/** What a title says: the words that name the role, and the places it names. */
export interface TitleAnalysis {
  /** Role words, deduplicated and sorted ("Backend Engineer (m/w/d) – Berlin" → "backend engineer"). */
  key: string;
  /** Folded place names found in the title ("berlin"). */
  places: string[];
}

/**
 * Read a title: clean it, split it into segments at " - ", " | ", ",", ":" and brackets, drop the
 * segments that only say where, how long, how remote or which reference number, and "in <place>"
 * phrases; what is left names the role.
 */
export function analyzeTitle(title: string, places: TitlePlaces): TitleAnalysis {
  const cacheKey = `${title}\u0000${places.names.join("|")}\u0000${places.countries.join("|")}`;
  let hit = analyses.get(cacheKey);
  if (!hit) {
    if (analyses.size > 50_000) analyses.clear();
    analyses.set(cacheKey, (hit = analyze(title, places)));
  }
  return { key: hit.key, places: [...hit.places] };
}

// The same title at the same place comes again with every copy and every run.
const analyses = new Map<string, TitleAnalysis>();

function analyze(title: string, places: TitlePlaces): TitleAnalysis {
  const found: string[] = [];
  const segments = cleanTitle(title)
    .split(/\s[-–—|•@]\s|[()[\]{}|:;,]|\s[-–—]|[-–—]\s/)
    .map((s) =>
      s
        .replace(/[^\p{L}\p{N}%+#/.\s-]/gu, " ")
        .replace(/\s+/g, " ")
        .trim(),
    )
    .map((s) => withoutPlacePhrases(s, places, found).trim());
  const kept = segments.filter((s) => {
    if (isNoise(s)) return false;
    if (!isPlace(s, places)) return true;
    found.push(s);
    return false;
  });
  const words = new Set<string>();
  for (const s of kept.length > 0 ? kept : segments) {
    for (const raw of s.split(/[^\p{L}\p{N}+#]+/u)) {
      const w = raw.replace(/^#(?=\D)/, "");
      if (!w || STOP.has(w) || /^(?:#\d+|\d{4,})$/.test(w)) continue;
      words.add(w);
    }
  }
  return { key: [...words].sort().join(" "), places: [...new Set(found)] };
}

/** Fingerprint part of a title: its role words, deduplicated and sorted (see {@link analyzeTitle}). */
export function titleKey(title: string, places: TitlePlaces): string {
  return analyzeTitle(title, places).key;
}

const wordsOf = (key: string) => new Set(key.split(" ").filter((w) => w && !/^\d+$/.test(w)));

/** Jaccard similarity of two title keys' words, numbers aside ("20 Wochenstunden", "5.000€" say little of the role). */
export function titleSimilarity(a: string, b: string): number {
  if (a === b) return 1;
  const A = wordsOf(a);
  const B = wordsOf(b);
  if (A.size === 0 || B.size === 0) return 0;
  let both = 0;
  for (const w of A) if (B.has(w)) both++;
  return both / (A.size + B.size - both);
}

// Words that make another level of one role ("CDT Analyst II", "Lead Engineer").
const LEVEL = new Set(
  "i ii iii iv v vi junior senior lead principal staff head chief trainee intern werkstudent praktikant".split(
    " ",
  ),
);

/**
 * Whether two titles name the same role as far as a reworded copy goes: one's words contain the
 * other's (a site added or dropped a word: "Backend Engineer" / "Backend Engineer Platform"), they
 * share at least `minSimilarity` of their words, and no word of level differs. A swapped word
 * ("Chef de Rang" / "Commis de Rang", "… Germany" / "… Frankfurt") is another role.
 */
export function sameRole(a: string, b: string, minSimilarity: number): boolean {
  if (a === b) return true;
  const A = wordsOf(a);
  const B = wordsOf(b);
  const [small, large] = A.size <= B.size ? [A, B] : [B, A];
  for (const w of small) if (!large.has(w)) return false;
  for (const w of large) if (!small.has(w) && LEVEL.has(w)) return false;
  return large.size > 0 && small.size / large.size >= minSimilarity;
}
