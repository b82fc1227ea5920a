import { foldText } from "../../core/text.js";
import {
  APPLICATION_WORDS,
  CERTIFICATE_WORDS,
  COMPANY_SUFFIX,
  DEGREE_WORDS,
  FIRST_PERSON,
  LANGUAGE_LEVEL_WORDS,
  NOT_EMPLOYERS_DE,
  NUMBER_WORDS,
  PLAIN_CAPITALS,
  SECOND_PERSON,
  STANDING_WORDS,
  TECHNOLOGIES,
  TITLE_WORDS,
} from "./grounding-words.js";

export type ClaimKind =
  | "number"
  | "date"
  | "employer"
  | "title"
  | "degree"
  | "technology"
  | "certificate"
  | "language_level"
  | "name"
  | "company";

/** Something a letter states that has to be found in its sources. */
export interface Claim {
  kind: ClaimKind;
  text: string;
}

/** A CV line a letter cites, verbatim, with its id ("L7"). */
export interface CitedLine {
  id: string;
  text: string;
}

export interface GroundingInput {
  letter: string;
  /** The CV lines the letter's facts cite: claims about the person must be in these. */
  cited: readonly CitedLine[];
  /** The posting's text: claims about the company must be in it. */
  posting: string;
  /** @defaultValue guessed from the letter's words */
  lang?: "de" | "en" | undefined;
}

/** Whom a part of a sentence is about, which decides where its claims must be found. */
export type About = "me" | "company" | "application" | "neutral";

export interface SentenceCheck {
  sentence: string;
  unsupported: Claim[];
}

export interface GroundingReport {
  /** True when every claim of every sentence was found where it must be. */
  supported: boolean;
  /** Sentences with at least one claim that was not found. */
  unsupported: SentenceCheck[];
  /** Claims checked in all (for reports and benchmarks). */
  claims: number;
}

const FRAME_LINE =
  /^(dear\b|hello\b|hi\b|sehr geehrte|hallo\b|guten tag|mit freundlichen|freundliche gr|beste gr|viele gr|kind regards|best regards|regards|sincerely|yours\b)/i;
const ABBREVIATION =
  /(?:^|\s)(?:[A-Za-zÄÖÜäöü]{1,4}\.){2,3}$|(?:^|\s)[A-Za-z]\.$|\b(?:Dr|Mr|Ms|Mrs|Prof|Nr|ca|bzw|Dipl|Inc|Ltd|St|vs|etc)\.$/;

/** Sentences of a letter without its salutation and closing lines; abbreviations do not end one. */
export function sentencesOf(letter: string): string[] {
  const out: string[] = [];
  for (const raw of letter.split(/\n+/)) {
    const line = raw.trim();
    if (!line || FRAME_LINE.test(line)) continue;
    let start = 0;
    for (const m of line.matchAll(/[.!?]+(?=\s+["„“(]?[A-ZÄÖÜ0-9])/g)) {
      const end = m.index + m[0].length;
      if (ABBREVIATION.test(line.slice(start, end))) continue;
      out.push(line.slice(start, end).trim());
      start = end;
    }
    const rest = line.slice(start).trim();
    if (rest) out.push(rest);
  }
  return out;
}

const words = (s: string): string[] =>
  foldText(s)
    .split(/[^\p{L}\p{N}.#+'-]+/u)
    .map((w) => w.replace(/^[.'-]+|[.'-]+$/g, ""))
    .filter(Boolean);

function aboutOf(clause: string): About {
  const ws = new Set(words(clause));
  const me = [...FIRST_PERSON].some((w) => ws.has(w));
  const applying = [...APPLICATION_WORDS].some((w) => ws.has(w));
  if (me) return applying ? "application" : "me";
  if ([...SECOND_PERSON].some((w) => ws.has(w))) return "company";
  return "neutral";
}

/** A part of a sentence; `opens`: its first word begins a sentence (capitalised, but no name). */
interface Clause {
  text: string;
  about: About;
  opens: boolean;
}

/**
 * Parts of a sentence to judge apart: a sentence about both the person and the company ("my Kafka
 * work fits your platform of 40 teams") is split at commas and "and"/"und", so the company's
 * numbers are not taken as the person's and the other way round.
 */
function clausesOf(sentence: string): Clause[] {
  const whole = aboutOf(sentence);
  if (whole !== "me" && whole !== "application") return [{ text: sentence, about: whole, opens: true }];
  const parts: Array<{ text: string; opens: boolean }> = [];
  let start = 0;
  let opens = true;
  for (const m of sentence.matchAll(/[,;:–—]\s+|\s+(?:and|und|while|whereas|which|wobei|sowie)\s+/g)) {
    parts.push({ text: sentence.slice(start, m.index), opens });
    // After a colon a capitalised word may open a sentence ("our goal: Data pipelines at scale").
    opens = m[0].startsWith(":");
    start = m.index + m[0].length;
  }
  parts.push({ text: sentence.slice(start), opens });
  const kinds = parts.map((p) => aboutOf(p.text));
  // Judged apart when a part speaks of someone else: the company, or (in an application sentence)
  // the person alone ("I am applying for this role, as my 5 years of Kafka fit").
  if (kinds.every((k) => k === whole || k === "neutral"))
    return [{ text: sentence, about: whole, opens: true }];
  // A part without its own marker belongs with the part before it.
  let last: About = whole;
  return parts.map((p, i) => {
    const k = kinds[i]!;
    last = k === "neutral" ? last : k;
    return { ...p, about: last };
  });
}

/**
 * In a clause that speaks of both ("Your platform for 300 clients is the work I want"), a claim
 * belongs to the nearer of the person's and the company's words.
 */
function nearestAbout(clause: Clause, claim: Claim): About {
  if (clause.about !== "me" && clause.about !== "application") return clause.about;
  const written = foldText(clause.text).split(/\s+/);
  const ws = written.map((w) => w.replace(/^[^\p{L}\p{N}]+|[^\p{L}\p{N}]+$/gu, ""));
  const you = ws.flatMap((w, i) => (SECOND_PERSON.has(w) ? [i] : []));
  if (you.length === 0) return clause.about;
  const me = ws.flatMap((w, i) => (FIRST_PERSON.has(w) ? [i] : []));
  const first = claim.text.split(/\s+/)[0]!;
  // Looked up as written: without its punctuation "c++" is "c", which does not contain "c++".
  const at = written.findIndex((w) => w.includes(first) || numbersIn(w).has(claim.text));
  if (at < 0) return clause.about;
  const distance = (xs: number[]) => Math.min(...xs.map((x) => Math.abs(x - at)));
  const [dYou, dMe] = [distance(you), distance(me)];
  // Equally near: the one named first is the clause's subject.
  if (dYou === dMe) return you[0]! < (me[0] ?? Infinity) ? "company" : clause.about;
  return dYou < dMe ? "company" : clause.about;
}

function numberValue(token: string): string {
  let t: string;
  if (/^\d{1,3}(?:[.,]\d{3})+$/.test(token)) t = token.replace(/[.,]/g, "");
  else if (token.includes(".") && token.includes(",")) {
    // Both separators ("1.234,56", "1,234.56"): the last one is the decimal mark.
    const mark = Math.max(token.lastIndexOf("."), token.lastIndexOf(","));
    t = `${token.slice(0, mark).replace(/[.,]/g, "")}.${token.slice(mark + 1)}`;
  } else t = token.replace(",", ".");
  const n = Number(t);
  // Not one number ("17.0.2"): kept as written, so two different versions are not both "NaN".
  return Number.isNaN(n) ? token : String(n);
}

/** Numbers a text states, as canonical strings ("5.000" and "5,000" → "5000"); number words too. */
export function numbersIn(text: string): Set<string> {
  const out = new Set<string>();
  for (const m of text.matchAll(/\d[\d.,]*\d|\d/g)) out.add(numberValue(m[0]));
  for (const w of words(text)) if (NUMBER_WORDS[w] !== undefined) out.add(String(NUMBER_WORDS[w]));
  return out;
}

/**
 * The claims one clause makes. `opensSentence`: the clause's first word begins a sentence (and so
 * is capitalised without being a name); false for a later part of a split sentence.
 */
export function claimsOf(clause: string, lang: "de" | "en", opensSentence: boolean): Claim[] {
  const claims: Claim[] = [];
  const add = (kind: ClaimKind, written: string) => {
    // One space between words: "Deutsche  Bahn" in the letter is the CV's "Deutsche Bahn".
    const text = written.replace(/\s+/g, " ");
    if (!claims.some((c) => c.text === text)) claims.push({ kind, text });
  };
  for (const m of clause.matchAll(/\d[\d.,]*\d|\d/g)) {
    const n = Number(numberValue(m[0]));
    add(n >= 1900 && n <= 2099 && Number.isInteger(n) ? "date" : "number", numberValue(m[0]));
  }
  for (const w of words(clause)) {
    if (NUMBER_WORDS[w] !== undefined) add("number", String(NUMBER_WORDS[w]));
    else if (TECHNOLOGIES.has(w)) add("technology", w);
    else if (TITLE_WORDS.has(w)) add("title", w);
    else if (DEGREE_WORDS.has(w) || DEGREE_WORDS.has(`${w}.`)) add("degree", w);
    else if (CERTIFICATE_WORDS.has(w)) add("certificate", w);
    else if (LANGUAGE_LEVEL_WORDS.has(w)) add("language_level", w);
    else if (STANDING_WORDS.has(w)) add("company", w);
  }
  for (const m of clause.matchAll(/\b[A-Z][A-Z0-9]{1,}\b/g))
    add(/^[ABC][12]$/.test(m[0]) ? "language_level" : "technology", foldText(m[0]));
  for (const m of clause.matchAll(/\b[A-Za-z]*[a-z][A-Z][A-Za-z]*\b/g)) add("technology", foldText(m[0]));
  for (const m of clause.matchAll(COMPANY_SUFFIX))
    add(
      "employer",
      foldText(m[0]).replace(/^(?:(?:at|for|with|from|the|bei|fur|von|der|die|das|dem|den)\s+)+/, ""),
    );
  if (lang === "de") {
    for (const m of clause.matchAll(/\b[Bb]ei\s+([A-ZÄÖÜ][\w&-]+(?:\s+[A-ZÄÖÜ][\w&-]+)*)/g))
      if (!NOT_EMPLOYERS_DE.has(foldText(m[1]!))) add("employer", foldText(m[1]!));
  } else {
    // Capitalised words inside an English sentence are names: places, employers, schools, languages.
    const tokens = clause.split(/\s+/);
    tokens.forEach((t, i) => {
      const word = t.replace(/^[^\p{L}]+|[^\p{L}\p{N}]+$/gu, "").replace(/'s$/, "");
      if ((i === 0 && opensSentence) || !/^[A-Z][a-z]/.test(word) || PLAIN_CAPITALS.has(word.toLowerCase()))
        return;
      // A sentence start inside the clause, unless the full stop ends a title ("Dr. Smith").
      const before = tokens[i - 1] ?? "";
      if (/[.!?:]$/.test(before) && !ABBREVIATION.test(` ${before}`)) return;
      add("name", foldText(word));
    });
  }
  return claims;
}

function hasWord(source: string, word: string): boolean {
  const escaped = word.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
  return new RegExp(`(?:^|[^\\p{L}\\p{N}])${escaped}(?:$|[^\\p{L}\\p{N}])`, "u").test(source);
}

function supported(claim: Claim, folded: string, numbers: Set<string>): boolean {
  if (claim.kind === "number" || claim.kind === "date") return numbers.has(claim.text);
  if (claim.kind === "certificate") return [...CERTIFICATE_WORDS].some((w) => hasWord(folded, w));
  if (hasWord(folded, claim.text)) return true;
  // A plural or an inflected ending of a word the source has ("engineers", "führenden"), but no
  // longer word that merely starts with it ("Java" is not "JavaScript", "Lead" not "leadership").
  const stem = claim.text.replace(/(?:es|en|e|s|n)$/, "");
  const escaped = stem.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
  return (
    stem.length >= 4 &&
    new RegExp(`(?:^|[^\\p{L}])${escaped}(?:es|en|er|em|e|s|n)?(?:$|[^\\p{L}])`, "u").test(folded)
  );
}

function guessLang(letter: string): "de" | "en" {
  const ws = words(letter);
  const de = ws.filter((w) =>
    ["ich", "und", "sie", "mit", "fur", "bei", "die", "der", "ihre"].includes(w),
  ).length;
  const en = ws.filter((w) => ["i", "and", "you", "with", "for", "the", "your", "my"].includes(w)).length;
  return de > en ? "de" : "en";
}

/**
 * Check a letter against its sources in code: every number, date, employer, title, degree,
 * technology, certificate, language level and name it states about the person must appear in the
 * cited CV lines; what it states about the company must appear in the posting. An application
 * sentence ("I am applying for the Senior Data Engineer position") may take either.
 */
export function checkGrounding(input: GroundingInput): GroundingReport {
  const lang = input.lang ?? guessLang(input.letter);
  const cvText = input.cited.map((l) => l.text).join("\n");
  const sources: Record<About, string> = {
    me: cvText,
    company: input.posting,
    application: `${cvText}\n${input.posting}`,
    neutral: `${cvText}\n${input.posting}`,
  };
  const folded = Object.fromEntries(
    Object.entries(sources).map(([k, v]) => [k, { text: foldText(v), numbers: numbersIn(v) }]),
  ) as Record<About, { text: string; numbers: Set<string> }>;
  const unsupported: SentenceCheck[] = [];
  let claims = 0;
  for (const sentence of sentencesOf(input.letter)) {
    const missing: Claim[] = [];
    for (const clause of clausesOf(sentence)) {
      for (const claim of claimsOf(clause.text, lang, clause.opens)) {
        claims++;
        const src = folded[nearestAbout(clause, claim)];
        if (!supported(claim, src.text, src.numbers)) missing.push(claim);
      }
    }
    if (missing.length) unsupported.push({ sentence, unsupported: missing });
  }
  return { supported: unsupported.length === 0, unsupported, claims };
}

/**
 * The letter as shown in chat for review: every sentence the check could not support is followed
 * by a marker naming what was not found, so the person sees exactly what to edit or approve.
 */
export function markUnsupported(
  letter: string,
  report: GroundingReport,
  label = "not in your CV or the posting",
): string {
  let out = letter;
  for (const u of report.unsupported) {
    const what = u.unsupported.map((c) => c.text).join(", ");
    out = out.replace(u.sentence, `${u.sentence} ⚠️ [${label}: ${what}]`);
  }
  return out;
}
