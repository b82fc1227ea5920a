import type { FitBreakdown } from "../jobs/fit/fit-score.js";
import type { Profile } from "../jobs/profiles/profile.js";
import type { JobCard } from "../core/job-card.js";
import { reasonText, requirementsLabel, ruleLine } from "../jobs/fit/fit-score.js";
import { FIT_WORDS, type FitLang } from "../jobs/fit/fit-words.js";

/** The CV lines a breakdown cites, by number (what a renderer quotes; the rest of the CV stays out). */
export function citedLines(b: FitBreakdown, profile: Profile): Record<number, string> {
  const out: Record<number, string> = {};
  const cite = (line: number) => (out[line] = profile.lines[line - 1]?.text ?? "");
  for (const r of b.requirements) if (r.citation) cite(r.citation.line);
  for (const c of b.verdict?.citations ?? []) cite(c.line);
  return out;
}

const signed = (n: number) => (n >= 0 ? `+${n}` : `${n}`);

/** Clip a CV line for display around its quote. */
function lineExcerpt(text: string, quote: string, max = 90): string {
  if (text.length <= max) return text;
  const at = Math.max(0, text.indexOf(quote) - 30);
  return `${at > 0 ? "…" : ""}${text.slice(at, at + max)}${at + max < text.length ? "…" : ""}`;
}

/** A part's label in the person's language (stored labels are English). */
function partLabel(part: FitBreakdown["parts"][number], b: FitBreakdown, lang: FitLang): string {
  if (lang === "en") return part.label;
  if (part.key === "requirements") return requirementsLabel(b.requirements, lang);
  if (part.key === "similarity") return FIT_WORDS[lang].similarity(b.similarity.toFixed(2));
  if (part.key === "floor") return FIT_WORDS[lang].floor;
  if (part.key === "verdict" && b.verdict) return `${FIT_WORDS[lang].verdict}: ${b.verdict.reason}`;
  const rule = b.rules.find((r) => `rule:${r.rule}` === part.key);
  return rule ? ruleLine(rule, lang) : part.label;
}

/**
 * "Why 72?": every part with its points (they add up to the total), each requirement with the CV
 * line that shows it (quoted) or that it is missing, each hard rule with why, and what the score
 * was computed from (profile version, method, model) — in English or German.
 */
export function renderFitBreakdown(
  b: FitBreakdown,
  cited: Record<number, string>,
  title: string,
  lang: FitLang = "en",
): string {
  const w = FIT_WORDS[lang];
  const lines = [w.heading(b.total, title)];
  for (const part of b.parts) {
    lines.push(
      `${signed(part.points).padStart(4)}${part.max ? `/${part.max}` : ""}  ${partLabel(part, b, lang)}`,
    );
    if (part.key === "requirements") {
      for (const r of b.requirements) {
        const kind = r.kind === "must" ? w.must : w.nice;
        if (r.met && r.citation) {
          const text = cited[r.citation.line] ?? r.citation.quote;
          lines.push(
            `        ✓ ${r.term} (${kind}) — L${r.citation.line}: ${w.quote(lineExcerpt(text, r.citation.quote))}`,
          );
        } else if (r.met) lines.push(`        ✓ ${r.term} (${kind}) — ${w.stated}`);
        else lines.push(`        ✗ ${r.term} (${kind}) — ${w.notInCv}`);
      }
    }
    if (part.key === "verdict") {
      const shown = new Set<number>();
      for (const c of b.verdict?.citations ?? [])
        if (!shown.has(c.line) && shown.add(c.line))
          lines.push(`        L${c.line}: ${w.quote(lineExcerpt(cited[c.line] ?? c.quote, c.quote))}`);
    }
  }
  if (b.verdictNote) lines.push(w.verdictNotes[b.verdictNote]);
  lines.push(`   = ${b.total}`);
  lines.push(w.computed(b.profileVersion, b.promptVersion, b.modelId, b.embedder));
  return lines.join("\n");
}

/** Cards with their fit reasons worded in the person's language (the scores carry them as data). */
export function cardsInLang(cards: JobCard[], lang: FitLang): JobCard[] {
  if (lang === "en") return cards;
  return cards.map((c) =>
    c.fit?.top ? { ...c, fit: { ...c.fit, reasons: c.fit.top.map((r) => reasonText(r, lang)) } } : c,
  );
}
