import type { FitBreakdown } from "../jobs/fit/fit-score.js";
import type { Profile } from "../jobs/profiles/profile.js";

/** The CV lines a breakdown cites, by number (what a renderer quotes; the rest of the CV stays out). */
export function citedLines(b: FitBreakdown, profile: Profile): Record<number, string> {
  const out: Record<number, string> = {};
  for (const r of b.requirements)
    if (r.citation) out[r.citation.line] = profile.lines[r.citation.line - 1]?.text ?? "";
  return out;
}

const signed = (n: number) => (n >= 0 ? `+${n}` : `${n}`);

/** Clip a CV line for display around its quote. */
function lineExcerpt(text: string, quote: string, max = 90): string {
  if (text.length <= max) return text;
  const at = Math.max(0, text.indexOf(quote) - 30);
  return `${at > 0 ? "…" : ""}${text.slice(at, at + max)}…`;
}

/**
 * "Why 72?": every part with its points (they add up to the total), each requirement with the CV
 * line that shows it (quoted) or that it is missing, each hard rule with why, and what the score
 * was computed from (profile version, method, model).
 */
export function renderFitBreakdown(b: FitBreakdown, cited: Record<number, string>, title: string): string {
  const lines = [`Fit ${b.total}/100 for “${title}”:`];
  for (const part of b.parts) {
    lines.push(`${signed(part.points).padStart(4)}${part.max ? `/${part.max}` : ""}  ${part.label}`);
    if (part.key === "requirements") {
      for (const r of b.requirements) {
        const kind = r.kind === "must" ? "must-have" : "nice-to-have";
        if (r.met && r.citation) {
          const text = cited[r.citation.line] ?? r.citation.quote;
          lines.push(
            `        ✓ ${r.term} (${kind}) — L${r.citation.line}: “${lineExcerpt(text, r.citation.quote)}”`,
          );
        } else if (r.met) lines.push(`        ✓ ${r.term} (${kind}) — stated by you`);
        else lines.push(`        ✗ ${r.term} (${kind}) — not in your CV`);
      }
    }
  }
  if (b.verdict) lines.push(`${signed(b.verdict.points).padStart(4)}  Model verdict: ${b.verdict.reason}`);
  lines.push(`   = ${b.total}`);
  lines.push(
    `Computed from profile version ${b.profileVersion} with ${b.promptVersion} (model: ${b.modelId}, embedder ${b.embedder}). Unknown rules cost nothing hidden: they are listed above.`,
  );
  return lines.join("\n");
}
