// A language model's verdict on one job for one person, applied by code: it may move the score by
// at most ±VERDICT_MAX points, and only when at least one of its citations is, verbatim, part of the
// CV line it names. The model's say-so alone moves nothing.
import type { ProfileLine } from "../profiles/profile.js";
import { checkedCitations, type Citation } from "./citations.js";
import { FIT_PROMPT_VERSION, type FitBreakdown } from "./fit-score.js";
import { FIT_WORDS } from "./fit-words.js";

/** Most points a verdict may add or take. */
export const VERDICT_MAX = 10;
/** Names the verdict prompt (`prompts/fit-verdict.md`); bumped whenever it changes. */
export const FIT_VERDICT_VERSION = "fit-verdict-v1";
/** The prompt version stored with scores that asked a model. */
export const VERDICT_PROMPT_VERSION = `${FIT_PROMPT_VERSION}+${FIT_VERDICT_VERSION}`;

/** What a model answered: the points it suggests, why in one sentence, and the CV lines it cites. */
export interface VerdictAnswer {
  points: number;
  reason: string;
  citations: Citation[];
}

/**
 * Why a score asked a model but has no verdict: none of its citations checked out (`unchecked`),
 * the model's quota is used up (`quota`), or the model did not answer (`unavailable`).
 */
export type VerdictNote = "unchecked" | "quota" | "unavailable";

/** A verdict's reason as shown: one line, clipped (it is the model's text, not ours). */
function reasonLine(reason: string): string {
  const one = reason.replace(/\s+/g, " ").trim();
  return one.length > 240 ? `${one.slice(0, 239)}…` : one;
}

/**
 * The breakdown with the model's answer applied. A model that did not answer leaves the offline
 * score as it was (and the method offline, so the score is asked again later); an answer without a
 * citation that checks out is recorded as ignored; otherwise its points, clamped to ±10 and to
 * 0…100 in total, become one more part — the parts still add up to the total.
 */
export function applyVerdict(
  b: FitBreakdown,
  lines: readonly ProfileLine[],
  answer: VerdictAnswer | VerdictNote,
  modelId: string,
): FitBreakdown {
  if (answer === "quota" || answer === "unavailable" || answer === "unchecked")
    return { ...b, verdictNote: answer };
  const method = { modelId, promptVersion: VERDICT_PROMPT_VERSION };
  const citations = checkedCitations(lines, answer.citations);
  if (citations.length === 0 || !Number.isFinite(answer.points))
    return { ...b, ...method, verdictNote: "unchecked" };
  const wanted = Math.max(-VERDICT_MAX, Math.min(VERDICT_MAX, Math.round(answer.points)));
  const points = Math.max(-b.total, Math.min(100 - b.total, wanted));
  const reason = reasonLine(answer.reason);
  return {
    ...b,
    ...method,
    total: b.total + points,
    parts: [
      ...b.parts,
      { key: "verdict", label: `${FIT_WORDS.en.verdict}: ${reason}`, points, max: VERDICT_MAX },
    ],
    verdict: { points, reason, citations },
  };
}
