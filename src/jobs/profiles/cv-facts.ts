// Facts read from CV lines by rules: skills, titles, years of experience, languages with level,
// places and degrees, each pointing at the lines that state it. No model: the same CV always
// gives the same facts, and every fact can be checked against its lines.
import { resolvePlace } from "../../core/geo/gazetteer.js";
import { foldText } from "../../core/text.js";
import type { ProfileFact, ProfileLine } from "./profile.js";
import { skillsInFolded } from "./skills.js";

const LANGUAGES: ReadonlyArray<[string, string, RegExp]> = [
  ["de", "German", /\b(german|deutsch)\b/],
  ["en", "English", /\b(english|englisch)\b/],
  ["fr", "French", /\b(french|franzosisch)\b/],
  ["es", "Spanish", /\b(spanish|spanisch)\b/],
  ["it", "Italian", /\b(italian|italienisch)\b/],
  ["pl", "Polish", /\b(polish|polnisch)\b/],
  ["tr", "Turkish", /\b(turkish|turkisch)\b/],
  ["ru", "Russian", /\b(russian|russisch)\b/],
  ["ar", "Arabic", /\b(arabic|arabisch)\b/],
  ["nl", "Dutch", /\b(dutch|niederlandisch)\b/],
  ["uk", "Ukrainian", /\b(ukrainian|ukrainisch)\b/],
];

const LEVELS: ReadonlyArray<[RegExp, string]> = [
  [/\b(native|mother tongue|muttersprache|muttersprachlich)\b/, "native"],
  [/\bc2\b|\b(verhandlungssicher|business fluent)\b/, "C2"],
  [/\bc1\b|\b(fluent|fliessend)\b/, "C1"],
  [/\bb2\b|\b(very good|sehr gut\w*)\b/, "B2"],
  [/\bb1\b|\b(good|gut\w*|intermediate)\b/, "B1"],
  [/\ba2\b|\b(basic|grundkenntnisse|elementary)\b/, "A2"],
  [/\ba1\b|\b(beginner|anfanger)\b/, "A1"],
];

/** CEFR order, native above C2. */
export const LEVEL_RANK: Record<string, number> = { A1: 1, A2: 2, B1: 3, B2: 4, C1: 5, C2: 6, native: 7 };

export const LANGUAGE_NAMES: Record<string, string> = Object.fromEntries(LANGUAGES.map(([c, n]) => [c, n]));

const DEGREES: ReadonlyArray<[RegExp, string]> = [
  [/\b(phd|ph\.d|doktor|dr\. ?rer|promotion)\b/, "PhD"],
  [/\b(master|m\.sc|msc|m\.a\.|mba|m\.eng)\b/, "Master"],
  [/\b(diplom|dipl\.)/, "Diplom"],
  [/\b(bachelor|b\.sc|bsc|b\.a\.|b\.eng)\b/, "Bachelor"],
  [
    /\b(ausbildung|apprenticeship|examiniert\w*|vocational training|gesell\w*brief|meister\w*brief)\b/,
    "Vocational training",
  ],
  [/\b(abitur|a-levels|high school diploma)\b/, "Abitur"],
];

const TITLE_WORDS =
  /\b(\w*(engineer|developer|entwickler\w*|architect|architekt\w*|analyst\w*|scientist|consultant|berater\w*|manager\w*|administrator\w*|specialist|spezialist\w*|lead|leiter\w*|designer\w*|tester|technician|techniker\w*|pflegefachkraft|pfleger\w*|fachkraft|elektriker\w*|mechaniker\w*|mechatroniker\w*|kaufmann|kauffrau|buchhalter\w*|koch|kochin|erzieher\w*|officer|assistant|assistenz|ingenieur\w*|informatiker\w*))\b/;

const YEARS_STATED = /\b(\d{1,2})\+?\s*(years?|jahre?n?)\b/;
const YEAR_RANGE =
  /\b((?:19|20)\d{2})\s*(?:-|–|—|bis|to|\s)\s*((?:19|20)\d{2}|heute|today|present|now|jetzt)\b/g;

/** A title from an experience line ("2019–2025 Senior Data Engineer, Example Bank") or a short heading line. */
function titleOf(line: string, foldedLine: string, index: number): string | undefined {
  if (!TITLE_WORDS.test(foldedLine)) return undefined;
  const afterDates = line.replace(
    /^\s*[\d./–—-]+\s*(?:bis|to|-|–|—)?\s*(?:[\d./]+|heute|today|present)?\s*/i,
    "",
  );
  const head = afterDates.split(/[,|@(]| at | bei /)[0]!.trim();
  const words = head.split(/\s+/);
  const early = index < 4 && words.length <= 6;
  const dated = afterDates !== line;
  if ((early || dated) && words.length <= 6 && head.length >= 3 && !/:/.test(head)) return head;
  return undefined;
}

/** The facts a CV states, each with its lines. */
export function extractFacts(lines: readonly ProfileLine[], now = new Date()): ProfileFact[] {
  const folded = lines.map((l) => foldText(l.text));
  const facts: ProfileFact[] = [];
  const add = (kind: ProfileFact["kind"], value: string, line: number, level?: string) => {
    const same = facts.find((f) => f.kind === kind && f.value === value);
    if (same) {
      if (!same.lines.includes(line)) same.lines.push(line);
      if (level && (LEVEL_RANK[level] ?? 0) > (LEVEL_RANK[same.level ?? ""] ?? 0)) same.level = level;
      return;
    }
    facts.push({ kind, value, lines: [line], ...(level ? { level } : {}) });
  };

  lines.forEach((l, i) => {
    const f = folded[i]!;
    for (const m of skillsInFolded(f)) add("skill", m.skill, l.n);
    const title = titleOf(l.text, f, i);
    if (title) add("title", title, l.n);
    for (const [re, degree] of DEGREES) if (re.test(f)) add("degree", degree, l.n);
    const languageLine = /\b(languages?|sprachen?|sprachkenntnisse)\b/.test(f);
    for (const [code, , re] of LANGUAGES) {
      const at = f.search(re);
      if (at < 0) continue;
      // The level written right after the language name ("German (B2)", "Deutsch – Muttersprache").
      const near = f.slice(at, at + 40).split(/[,;]/)[0]!;
      const level = LEVELS.find(([lre]) => lre.test(near))?.[1];
      if (level || languageLine) add("language", code, l.n, level);
    }
  });

  // Years of experience: the largest stated number, else the span of the dated lines.
  const stated = lines
    .map((l, i) => ({ n: l.n, m: YEARS_STATED.exec(folded[i]!) }))
    .filter((x) => x.m && /experience|erfahrung|berufserfahrung/.test(folded[x.n - 1]!));
  if (stated.length > 0) {
    const best = stated.reduce((a, b) => (Number(b.m![1]) > Number(a.m![1]) ? b : a));
    add("years", best.m![1]!, best.n);
  } else {
    let first = Infinity;
    let last = -Infinity;
    const dated: number[] = [];
    lines.forEach((l, i) => {
      for (const m of folded[i]!.matchAll(YEAR_RANGE)) {
        const a = Number(m[1]);
        const b = /^\d/.test(m[2]!) ? Number(m[2]) : now.getUTCFullYear();
        if (b < a) continue;
        first = Math.min(first, a);
        last = Math.max(last, b);
        dated.push(l.n);
      }
    });
    if (dated.length > 0 && last >= first) for (const n of dated) add("years", String(last - first), n);
  }

  // Places: segments of the first lines and of dated lines that the gazetteer knows well.
  lines.forEach((l, i) => {
    if (i >= 6 && !YEAR_RANGE.test(folded[i]!)) return;
    YEAR_RANGE.lastIndex = 0;
    for (const seg of l.text.split(/[,|·•()]/)) {
      const s = seg.trim();
      if (s.length < 3 || s.split(/\s+/).length > 4 || !/^\p{Lu}/u.test(s)) continue;
      const place = resolvePlace(s);
      if (place && place.population >= 20_000) add("place", place.name, l.n);
    }
  });
  return facts;
}
