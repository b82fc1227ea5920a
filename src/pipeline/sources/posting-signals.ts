// Posting signals for source adapters: text cleanup, remote mode, employment type, seniority,
// language, dates and salaries read from what a site sends. Item problems come back as values
// (undefined, "unknown", a reason string); nothing here throws on bad input.
import type { eld as Eld } from "eld/small";
import { compile } from "html-to-text";
import { createRequire } from "node:module";
import { fileURLToPath } from "node:url";
import {
  postingSchema,
  type EmploymentType,
  type Posting,
  type RemoteMode,
  type Salary,
  type Seniority,
} from "../../core/posting.js";
import type { NormalizeResult } from "./source.js";

// ---------------------------------------------------------------- text

const HTML_OPTIONS = {
  wordwrap: false as const,
  preserveNewlines: false,
  selectors: [
    { selector: "a", options: { ignoreHref: true } },
    { selector: "img", format: "skip" },
    { selector: "script", format: "skip" },
    { selector: "style", format: "skip" },
    { selector: "h1", options: { uppercase: false } },
    { selector: "h2", options: { uppercase: false } },
    { selector: "h3", options: { uppercase: false } },
    { selector: "h4", options: { uppercase: false } },
    { selector: "h5", options: { uppercase: false } },
    { selector: "h6", options: { uppercase: false } },
    { selector: "table", format: "dataTable", options: { uppercaseHeaderCells: false } },
    { selector: "ul", options: { itemPrefix: "• " } },
  ],
};

// Compiled once, on first use: `convert(html, options)` compiles the options into a selector decision
// tree on every call, which was most of normalizing a posting's description.
let toText: ((html: string) => string) | undefined;
function convert(html: string): string {
  toText ??= compile(HTML_OPTIONS);
  return toText(html);
}

/** Collapse runs of blank lines and spaces, trim each line. */
export function tidyText(text: string): string {
  return text
    .replace(/\r\n?/g, "\n")
    .replace(/[\t\u00a0 ]+/g, " ")
    .split("\n")
    .map((l) => l.trim())
    .join("\n")
    .replace(/\n{3,}/g, "\n\n")
    .trim();
}

/**
 * HTML → readable plain text: paragraphs and headings on their own lines, list items as "• …",
 * no link URLs, no images. Entity-escaped HTML ("&lt;p&gt;…", as some APIs send) is decoded too.
 */
export function htmlToText(html: string): string {
  if (!html) return "";
  if (!/<[a-z!/]/i.test(html) && !/&[a-z#0-9]+;/i.test(html)) return tidyText(html);
  let text = convert(html);
  // Entity-escaped HTML ("&lt;p&gt;", sent by some APIs, sometimes next to real tags) decodes into
  // markup on the first pass; a second pass turns that into text.
  if (/<(?:p|div|ul|ol|li|br|h[1-6]|strong|em|b|i|a|span|table)\b[^>]*>/i.test(text)) text = convert(text);
  return tidyText(text);
}

/** Markdown (as JobSpy exports descriptions) → plain text: no emphasis marks, links as their text, no escapes. */
export function markdownToText(md: string): string {
  return tidyText(
    md
      .replace(/!\[[^\]]*\]\([^)]*\)/g, "")
      .replace(/\[([^\]]*)\]\([^)]*\)/g, "$1")
      .replace(/^#{1,6}\s+/gm, "")
      .replace(/^[ \t]*[-*+][ \t]+/gm, "• ")
      .replace(/(\*\*|__)(.+?)\1/g, "$2")
      .replace(/(^|[\s(])[*_]([^*_\n]+)[*_](?=[\s).,;:!?]|$)/g, "$1$2")
      .replace(/\\+([\\`*_{}[\]()#+\-.!|~>])/g, "$1"),
  );
}

/** A trimmed one-line string, or undefined when empty or not a string. */
export function cleanLine(value: unknown, max = 500): string | undefined {
  if (typeof value !== "string" && typeof value !== "number") return undefined;
  const s = String(value).replace(/\s+/g, " ").trim();
  return s ? s.slice(0, max) : undefined;
}

/** An absolute http(s) URL, or undefined. */
export function httpUrl(value: unknown): string | undefined {
  if (typeof value !== "string") return undefined;
  try {
    const u = new URL(value.trim());
    return u.protocol === "http:" || u.protocol === "https:" ? u.href : undefined;
  } catch {
    return undefined;
  }
}

// ---------------------------------------------------------------- remote / hybrid

const NEGATED_REMOTE =
  /\b(?:kein(?:e|en)?|no|not|nicht)\s+(?:\w+\s+)?(?:remote|home-?office|homeoffice)\b|\bremote\s+(?:not|nicht)\b/gi;
const HYBRID =
  /\bhybrid|mobiles?\s+arbeiten|\bremote[- ]anteil|teilweise\s+remote|partly\s+remote|\bhome-?office[- ]?(?:möglich|option|anteil|tage?)|\d\s*(?:tage?|days?)\s+(?:remote|home-?office)/i;
const HOME_OFFICE = /\bhome-?office|\bhomeoffice/i;
const REMOTE_ANY = /\bremote\b|\bfernarbeit\b|\bwork from home\b|\bwfh\b/i;
const REMOTE_STRONG =
  /100\s*%\s*(?:remote|home-?office)|\bfully\s+remote|\bremote[- ]first|\bremote[- ]only|\b(?:vollständig|komplett|ausschließlich|voll)\s+(?:remote|im\s+home-?office)|\bwork from anywhere/i;
// Required days at the office make a job hybrid whatever else the text says: "Remote-First-Arbeitsweise
// … da 1 Tag pro Woche Anwesenheit im Büro gefordert wird", "2 days a week in the office".
const OFFICE_DAYS =
  /\b\d(?:\s*-\s*\d)?\s*(?:tag|tage|days?)\s+(?:pro|per|a|die|in\s+der|each)\s+(?:woche|week)\b(?:(?!remote|home-?office|mobil)[^.\n]){0,40}?(?:\bbüro|\boffice\b|\bvor\s+ort\b|\bon-?site\b|\banwesenheit|\bpräsenz)|\b(?:anwesenheit|präsenz)\s+im\s+büro\s+(?:an\s+)?\d|\b(?:in\s+the\s+office|im\s+büro|vor\s+ort|on-?site)\s+(?:for\s+)?\d(?:\s*-\s*\d)?\s*(?:tag|tage|days?)\b(?!\s+(?:per|a|pro|im|each)\s+(?:month|quarter|year|monat|quartal|jahr))/i;
// In a title, "Kreditspezialist im Homeoffice" means working from home; in a description
// "2 Tage im Homeoffice" does not, so this one is for short fields only.
const REMOTE_IN_TITLE = /\b(?:im|in|aus dem|vom)\s+home-?office\b(?!\s*(?:möglich|option|anteil))/i;

/** Input to {@link detectRemoteMode}. */
export interface RemoteSignals {
  /** The source's own flag, when it has one (Arbeitnow `remote`, JobSpy `is_remote`). */
  flag?: boolean | undefined;
  /** Short fields where any mention counts: title, location, tags. */
  strong?: readonly (string | undefined)[];
  /** Long text (the description) where only emphatic phrases count ("100% remote", "hybrid"). */
  text?: string | undefined;
}

/**
 * Remote / hybrid / onsite from a flag and text. "Hybrid", "mobiles Arbeiten", "Homeoffice möglich"
 * mean hybrid; "Remote" or "im Homeoffice" in a title or tag, a true flag, or "100% remote" anywhere
 * mean remote; required office days ("1 Tag pro Woche im Büro") mean hybrid. A false flag with no other signal means onsite; no flag and no signal, unknown.
 */
export function detectRemoteMode(s: RemoteSignals): RemoteMode {
  const short = (s.strong ?? [])
    .filter((x): x is string => !!x)
    .join(" \n ")
    .replace(NEGATED_REMOTE, " ");
  const long = (s.text ?? "").replace(NEGATED_REMOTE, " ");
  if (REMOTE_STRONG.test(short)) return "remote";
  if (OFFICE_DAYS.test(short) || OFFICE_DAYS.test(long)) return "hybrid";
  if (REMOTE_STRONG.test(long)) return "remote";
  if (HYBRID.test(short)) return "hybrid";
  if (REMOTE_IN_TITLE.test(short) || REMOTE_ANY.test(short) || s.flag === true) return "remote";
  if (HOME_OFFICE.test(short) || HYBRID.test(long) || HOME_OFFICE.test(long)) return "hybrid";
  if (s.flag === false) return "onsite";
  return "unknown";
}

// ---------------------------------------------------------------- employment type

const EMPLOYMENT_RULES: readonly [EmploymentType, RegExp][] = [
  [
    "apprenticeship",
    /\bausbildung|\bazubi|\bauszubildende|apprentice|\bduales?\s+studium|\bdual(?:e|es)?\s+stud(?:y|ies|ent)|\bumschulung/i,
  ],
  ["internship", /\bpraktik(?:um|ant|antin)|\bintern(?:ship)?\b|\bpflichtpraktikum/i],
  ["mini_job", /\bmini-?job|geringfügig|\b(?:450|520|538|556)\s*(?:€|euro)/i],
  ["part_time", /werkstudent|working\s+student|studentische\s+hilfskraft/i],
  [
    "contract",
    /\bfreelanc|\bfreiberuf|\bcontract(?:or)?\b|\bprojektbasis|\bselbstständig|\bselbständig|\binterim\b/i,
  ],
  ["full_time", /\bvollzeit|\bfull[- ]?time|\bfulltime|\bfestanstellung|\bpermanent\b/i],
  ["part_time", /\bteilzeit|\bpart[- ]?time|\bparttime/i],
  ["temporary", /\baushilfe|\bsaisonkraft|\bsaisonarbeit|\btemporary\b|\bbefristet(?:e)?\s+aushilfe/i],
];

// In a long description only the unambiguous working-time words count: "previous internship
// experience" says nothing about this job.
const DESCRIPTION_RULES: readonly [EmploymentType, RegExp][] = [
  ["mini_job", /\bmini-?job\b|auf\s+minijob-?basis/i],
  ["full_time", /\b(?:in|als)\s+vollzeit|\bvollzeitstelle|\bfull[- ]time\s+(?:position|role|job)/i],
  ["part_time", /\b(?:in|als)\s+teilzeit|\bteilzeitstelle|\bpart[- ]time\s+(?:position|role|job)/i],
];

/** Input to {@link detectEmploymentType}. */
export interface EmploymentSignals {
  /** Title, job-type labels, tags: any match counts. */
  strong?: readonly (string | undefined)[];
  /** Description: only working-time phrases count. */
  text?: string | undefined;
}

/** Employment type from German and English labels (Vollzeit, Teilzeit, Minijob, Ausbildung, Werkstudent, freelance…). */
export function detectEmploymentType(s: EmploymentSignals): EmploymentType {
  const short = (s.strong ?? []).filter((x): x is string => !!x).join(" \n ");
  for (const [type, re] of EMPLOYMENT_RULES) if (re.test(short)) return type;
  const long = s.text ?? "";
  for (const [type, re] of DESCRIPTION_RULES) if (re.test(long)) return type;
  return "unknown";
}

// ---------------------------------------------------------------- seniority

const SENIORITY_RULES: readonly [Seniority, RegExp][] = [
  [
    "executive",
    /\b(?:chief|ceo|cto|cfo|coo|cio|ciso|cpo|vp|svp|evp|vice\s+president|managing\s+director|geschäftsführ|geschäftsleitung|vorstand|direktor|director|head\s+of|bereichsleit)/i,
  ],
  [
    "lead",
    /\b(?:lead|leads|team\s*lead(?:er)?|tech\s+lead|principal|staff\s+engineer|teamleit|gruppenleit|abteilungsleit|filialleit|leitung)|(?<!beg|halb)leiter(?:in)?\b|\bteamleitung/i,
  ],
  [
    "intern",
    /\bpraktik(?:um|ant|antin)|\bintern(?:ship)?\b|werkstudent|working\s+student|\bazubi|\bauszubildende|\bausbildung|apprentice|hilfstätigkeit\s*\/\s*student|\bstudent\b/i,
  ],
  ["senior", /\bsenior|\bsr\.?\s/i],
  [
    "junior",
    /\bjunior|\bjr\.?\s|\bentry[- ]level|\bentry\b|\bberufseinst|\beinsteiger|\bgraduate\b|\babsolvent|\btrainee/i,
  ],
  [
    "mid",
    /\bmid[- ]?level|\bmid\b|\bprofessional\s*\/\s*experienced|\bberufserfahren|\bassociate\b|\bmid-senior/i,
  ],
];

/**
 * Seniority from the title first ("Senior", "Lead", "Head of", "Praktikant", "Werkstudent"…), then
 * from extra labels such as Arbeitnow job types ("berufseinstieg", "teamleitung") or LinkedIn levels.
 */
export function detectSeniority(title: string, extra: readonly (string | undefined)[] = []): Seniority {
  for (const [level, re] of SENIORITY_RULES) if (re.test(title)) return level;
  const labels = extra.filter((x): x is string => !!x).join(" \n ");
  for (const [level, re] of SENIORITY_RULES) if (re.test(labels)) return level;
  return "unknown";
}

// ---------------------------------------------------------------- language

// Enough of a posting to tell its language: on 1,288 real postings the first 1,000 characters
// gave the answer the whole text gives, every time.
const LANGUAGE_SAMPLE = 1000;

// eld's n-gram tables are a 1.6 MB module that takes 0.1–0.3 s of CPU to evaluate, and every process
// that loads a source adapter imported it, also the many that never read a posting (a chat with
// --no-workers, a profile import, the dashboard; issue #16). So it is loaded at the first detection:
// require() of the ES module (Node ≥ 20.19), found with import.meta.resolve because the package
// exports it to `import` only.
let detector: typeof Eld | undefined;
function eld(): typeof Eld {
  detector ??= (
    createRequire(import.meta.url)(fileURLToPath(import.meta.resolve("eld/small"))) as { eld: typeof Eld }
  ).eld;
  return detector;
}

/**
 * The posting's language as an ISO 639-1 code, by eld's n-gram model (60 languages, all of the
 * EU's); `und` when the text is too short or too mixed for a reliable answer.
 */
export function detectLanguage(text: string): string {
  const found = eld().detect(text.slice(0, LANGUAGE_SAMPLE));
  return found.language && found.isReliable() ? found.language : "und";
}

// ---------------------------------------------------------------- dates

const MIN_YEAR = 1990;
const MAX_YEAR = 2100;

// Building an Intl formatter is expensive (it dominated ingest profiles): build it once, and cache
// the offset per UTC hour — Berlin's offset only ever changes on an hour boundary.
const BERLIN = new Intl.DateTimeFormat("en-US", {
  timeZone: "Europe/Berlin",
  hourCycle: "h23",
  year: "numeric",
  month: "2-digit",
  day: "2-digit",
  hour: "2-digit",
  minute: "2-digit",
  second: "2-digit",
});
const offsetByHour = new Map<number, number>();

function berlinOffsetMinutes(utcMs: number): number {
  const hour = Math.floor(utcMs / 3_600_000);
  const cached = offsetByHour.get(hour);
  if (cached !== undefined) return cached;
  const at = hour * 3_600_000;
  const parts = BERLIN.formatToParts(new Date(at));
  const get = (t: string) => Number(parts.find((p) => p.type === t)?.value ?? 0);
  const asUtc = Date.UTC(
    get("year"),
    get("month") - 1,
    get("day"),
    get("hour"),
    get("minute"),
    get("second"),
  );
  const offset = Math.round((asUtc - at) / 60_000);
  if (offsetByHour.size > 100_000) offsetByHour.clear();
  offsetByHour.set(hour, offset);
  return offset;
}

/** Wall-clock time in Europe/Berlin → UTC epoch ms (DST-aware). */
function fromBerlinWallClock(
  y: number,
  mo: number,
  d: number,
  h: number,
  mi: number,
  s: number,
  ms: number,
): number {
  const wall = Date.UTC(y, mo - 1, d, h, mi, s, ms);
  let utc = wall - berlinOffsetMinutes(wall) * 60_000;
  utc = wall - berlinOffsetMinutes(utc) * 60_000;
  return utc;
}

function inRange(ms: number): string | undefined {
  if (!Number.isFinite(ms)) return undefined;
  const d = new Date(ms);
  const y = d.getUTCFullYear();
  return y >= MIN_YEAR && y <= MAX_YEAR ? d.toISOString() : undefined;
}

/**
 * Any date a source sends → ISO 8601 UTC, or undefined. Numbers are epoch seconds (or ms when
 * large); strings with a zone are taken as they are; date-only strings and local date-times
 * without zone are Europe/Berlin wall-clock time (date-only = midnight there).
 */
export function toIsoUtc(value: unknown): string | undefined {
  if (typeof value === "number") return inRange(Math.abs(value) < 1e11 ? value * 1000 : value);
  if (typeof value !== "string") return undefined;
  const s = value.trim();
  if (!s) return undefined;
  if (/^\d{9,13}(?:\.\d+)?$/.test(s)) return toIsoUtc(Number(s));
  const local = /^(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2})(?:[.,](\d{1,9}))?)?)?$/.exec(s);
  if (local) {
    const n = (i: number) => Number(local[i] ?? 0);
    const ms = Number((local[7] ?? "0").slice(0, 3).padEnd(3, "0"));
    if (n(2) < 1 || n(2) > 12 || n(3) < 1 || n(3) > 31 || n(4) > 23 || n(5) > 59 || n(6) > 59)
      return undefined;
    return inRange(fromBerlinWallClock(n(1), n(2), n(3), n(4), n(5), n(6), ms));
  }
  const german = /^(\d{1,2})\.(\d{1,2})\.(\d{4})$/.exec(s);
  if (german) return toIsoUtc(`${german[3]}-${german[2]?.padStart(2, "0")}-${german[1]?.padStart(2, "0")}`);
  return inRange(Date.parse(s));
}

// ---------------------------------------------------------------- salary

const PERIOD_WORDS: readonly [Salary["period"], RegExp][] = [
  ["year", /^(?:year|yearly|annual|annually|per\s+year|jahr|jährlich|jahresgehalt|pa|p\.a\.)$/i],
  ["month", /^(?:month|monthly|per\s+month|monat|monatlich|monatsgehalt)$/i],
  ["week", /^(?:week|weekly|per\s+week|woche|wöchentlich|wochenlohn)$/i],
  ["day", /^(?:day|daily|per\s+day|tag|täglich|tagessatz|tageslohn)$/i],
  ["hour", /^(?:hour|hourly|per\s+hour|stunde|stündlich|stundenlohn)$/i],
];

/** "yearly", "JAHRESGEHALT", "Monat", "hourly"… → a salary period. */
export function salaryPeriod(text: unknown): Salary["period"] | undefined {
  if (typeof text !== "string") return undefined;
  const t = text.trim();
  return PERIOD_WORDS.find(([, re]) => re.test(t))?.[0];
}

function amount(v: unknown): number | undefined {
  const n = typeof v === "string" && v.trim() !== "" ? Number(v) : v;
  return typeof n === "number" && Number.isFinite(n) && n > 0 ? n : undefined;
}

/**
 * A salary from loose parts, or undefined when there is no usable amount or period. Amounts may be
 * numbers or numeric strings; min and max are swapped when reversed; currency defaults to EUR.
 */
export function makeSalary(p: {
  min?: unknown;
  max?: unknown;
  currency?: unknown;
  period?: unknown;
}): Salary | undefined {
  let min = amount(p.min);
  let max = amount(p.max);
  const period = salaryPeriod(p.period);
  if ((min === undefined && max === undefined) || !period) return undefined;
  if (min !== undefined && max !== undefined && min > max) [min, max] = [max, min];
  const cur =
    typeof p.currency === "string" && /^[A-Za-z]{3}$/.test(p.currency.trim())
      ? p.currency.trim().toUpperCase()
      : "EUR";
  return {
    ...(min !== undefined ? { min } : {}),
    ...(max !== undefined ? { max } : {}),
    currency: cur,
    period,
  };
}

// ---------------------------------------------------------------- result

/** Validate a candidate posting; a failure becomes a reason naming the fields, never a throw. */
export function validatePosting(candidate: Posting, label: string): NormalizeResult {
  const parsed = postingSchema.safeParse(candidate);
  if (parsed.success) return { ok: true, posting: parsed.data };
  const issues = parsed.error.issues.slice(0, 3).map((i) => `${i.path.join(".") || "posting"}: ${i.message}`);
  return { ok: false, reason: `${label}: ${issues.join("; ")}` };
}
