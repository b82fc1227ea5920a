import { foldText } from "../../core/text.js";
import type { ProfileLine } from "../profiles/profile.js";

/** Evidence for a claim: a CV line and the exact words of it that say so. */
export interface Citation {
  line: number;
  quote: string;
}

/** Text folded (case, diacritics, ß) with, for each folded character, where it came from. */
export interface FoldedText {
  folded: string;
  /** `from[i]` = index in the original of folded char i. */
  from: number[];
}

export function foldWithMap(text: string): FoldedText {
  let folded = "";
  const from: number[] = [];
  let i = 0;
  for (const ch of text) {
    const f = ch.trim() === "" ? " " : foldText(ch);
    for (let k = 0; k < f.length; k++) from.push(i);
    folded += f;
    i += ch.length;
  }
  return { folded, from };
}

/** The original words behind folded characters [start, end). */
export function originalSpan(text: string, f: FoldedText, start: number, end: number): string {
  const a = f.from[start] ?? 0;
  const last = f.from[end - 1] ?? a;
  // Extend to the end of the last original character (a surrogate pair, "ß" folding to "ss").
  let b = last + 1;
  while (b < text.length && f.from.indexOf(b) === -1 && b - last < 2 && /[\uDC00-\uDFFF]/.test(text[b]!)) b++;
  return text.slice(a, b);
}

/**
 * Whether a citation checks out: the line exists and the quote is, verbatim, part of it. Code
 * decides this — never a model's say-so — and a citation that fails is dropped.
 */
export function citationHolds(lines: readonly ProfileLine[], c: Citation): boolean {
  const line = lines[c.line - 1];
  return line !== undefined && line.n === c.line && c.quote.trim().length > 0 && line.text.includes(c.quote);
}

/** The citations that check out, in order, each once. */
export function checkedCitations(lines: readonly ProfileLine[], cs: readonly Citation[]): Citation[] {
  const seen = new Set<string>();
  return cs.filter((c) => {
    const key = `${c.line}\u0000${c.quote}`;
    if (seen.has(key) || !citationHolds(lines, c)) return false;
    seen.add(key);
    return true;
  });
}
