// One fit score for one job and one person, reproducible: rules, requirements cited from the CV,
// and embedding similarity, each a part with its points; the parts add up to the total. The same
// posting, profile version and embedder give the same score, every time.
import type { FitReason } from "../../core/job-card.js";
import type { Posting } from "../../core/posting.js";
import { checkedCitations, type Citation } from "./citations.js";
import {
  FIT_WORDS,
  RULE_LABELS,
  OUTCOME_WORDS,
  ruleReason,
  type FitLang,
  type ReasonCode,
} from "./fit-words.js";
import { hardRules, type RuleOutcome } from "./hard-rules.js";
import type { ProfileIndex, RequirementMatch } from "./profile-index.js";
import type { Requirement } from "./requirements.js";

/** Names the scoring method; bumped whenever the same inputs would score differently. */
export const FIT_PROMPT_VERSION = "fit-rules-v2";
/** The model id stored with offline scores (no language model involved). */
export const OFFLINE_FIT_MODEL = "offline";

export const FIT_POINTS = {
  requirements: 50,
  similarity: 20,
  /** Per rule: a pass earns all, unknown most (shown, not hidden), a fail costs. */
  rulePass: 5,
  ruleUnknown: 3,
  ruleFail: -15,
} as const;

/** One line of a breakdown: what it is, the points it gave, and the most it could give. */
export interface FitPart {
  key: string;
  label: string;
  points: number;
  max: number;
}

/** A score with everything it was made from. `parts` add up to `total`. */
export interface FitBreakdown {
  total: number;
  parts: FitPart[];
  rules: RuleOutcome[];
  requirements: RequirementMatch[];
  /** Cosine similarity of CV and posting vectors. */
  similarity: number;
  modelId: string;
  promptVersion: string;
  profileVersion: number;
  embedder: string;
  /** A language model's verdict, when one is configured: at most ±10, with checked citations. */
  verdict?: { points: number; reason: string; citations?: Citation[] | undefined } | undefined;
  /** Why a configured model's verdict is not part of the score (see `applyVerdict`). */
  verdictNote?: "unchecked" | "quota" | "unavailable" | undefined;
}

function cosine(a: Float32Array, b: Float32Array): number {
  let dot = 0;
  for (let i = 0; i < a.length && i < b.length; i++) dot += a[i]! * b[i]!;
  return dot;
}

/** The inputs of one score. */
export interface FitInput {
  posting: Posting;
  /** The posting's requirements (computed once per posting, shared by every profile). */
  requirements: readonly Requirement[];
  jobVector: Float32Array;
  profile: ProfileIndex;
  profileVector: Float32Array;
  embedder: string;
}

/** Score one job for one person by rules, cited requirements and similarity. */
export function scoreFit(i: FitInput): FitBreakdown {
  const profile = i.profile.profile;
  const rules = hardRules(i.posting, profile);
  const matches = i.requirements.map((r) => i.profile.match(r));
  // A citation that does not check out against its line is dropped, and its requirement is unmet.
  const requirements = matches.map((m) => {
    if (!m.citation) return m;
    return checkedCitations(profile.lines, [m.citation]).length === 1
      ? m
      : { ...m, met: false, citation: undefined };
  });
  const weight = (r: RequirementMatch) => (r.kind === "must" ? 2 : 1);
  const all = requirements.reduce((s, r) => s + weight(r), 0);
  const met = requirements.filter((r) => r.met).reduce((s, r) => s + weight(r), 0);
  const reqPoints =
    all === 0 ? FIT_POINTS.requirements / 2 : Math.round((FIT_POINTS.requirements * met) / all);
  const sim = cosine(i.profileVector, i.jobVector);
  const simPoints = Math.round(FIT_POINTS.similarity * Math.min(1, Math.max(0, (sim - 0.05) / 0.45)));
  const parts: FitPart[] = [
    {
      key: "requirements",
      label: requirementsLabel(requirements, "en"),
      points: reqPoints,
      max: FIT_POINTS.requirements,
    },
    {
      key: "similarity",
      label: FIT_WORDS.en.similarity(sim.toFixed(2)),
      points: simPoints,
      max: FIT_POINTS.similarity,
    },
    ...rules.map((r) => ({
      key: `rule:${r.rule}`,
      label: ruleLine(r, "en"),
      points:
        r.outcome === "pass"
          ? FIT_POINTS.rulePass
          : r.outcome === "unknown"
            ? FIT_POINTS.ruleUnknown
            : FIT_POINTS.ruleFail,
      max: FIT_POINTS.rulePass,
    })),
  ];
  const sum = parts.reduce((s, p) => s + p.points, 0);
  if (sum < 0) parts.push({ key: "floor", label: FIT_WORDS.en.floor, points: -sum, max: 0 });
  return {
    total: parts.reduce((s, p) => s + p.points, 0),
    parts,
    rules,
    requirements,
    similarity: Math.round(sim * 1e4) / 1e4,
    modelId: OFFLINE_FIT_MODEL,
    promptVersion: FIT_PROMPT_VERSION,
    profileVersion: profile.version,
    embedder: i.embedder,
  };
}

/** A hard rule in a breakdown's words: "Place pass: 12 km from Frankfurt am Main". */
export function ruleLine(r: Pick<RuleOutcome, "rule" | "outcome" | "code" | "args">, lang: FitLang): string {
  return `${RULE_LABELS[lang][r.rule] ?? r.rule} ${OUTCOME_WORDS[lang][r.outcome]}: ${ruleReason(r.code, r.args, lang)}`;
}

/** "Requirements met: 2/3 must-have, 1/2 nice-to-have" in the person's language. */
export function requirementsLabel(requirements: readonly RequirementMatch[], lang: FitLang): string {
  const w = FIT_WORDS[lang];
  if (requirements.length === 0) return w.noRequirements;
  const musts = requirements.filter((r) => r.kind === "must");
  const nices = requirements.filter((r) => r.kind === "nice");
  const met = (rs: RequirementMatch[]) => rs.filter((r) => r.met).length;
  return w.requirementsMet(met(musts), musts.length, met(nices), nices.length);
}

/** The few reasons a card shows, as data: failed rules first, then cited strengths, then missing must-haves. */
export function topReasonsOf(b: FitBreakdown, max = 3): FitReason[] {
  const rule = (r: RuleOutcome): FitReason => ({
    kind: "rule",
    rule: r.rule,
    outcome: r.outcome,
    code: r.code,
    args: r.args,
  });
  const out: FitReason[] = b.rules.filter((r) => r.outcome === "fail").map(rule);
  const met = b.requirements.filter((r) => r.met && r.kind === "must");
  if (met.length > 0)
    out.push({
      kind: "met",
      terms: met.slice(0, 3).map((r) => ({ term: r.term, line: r.citation?.line })),
    });
  const missing = b.requirements.filter((r) => !r.met && r.kind === "must" && r.from === "text");
  if (missing.length > 0) out.push({ kind: "missing", terms: missing.slice(0, 3).map((r) => r.term) });
  for (const r of b.rules)
    if (r.outcome === "pass" && (r.rule === "place" || r.rule === "salary")) out.push(rule(r));
  return out.slice(0, max);
}

/** One card reason in the person's language. */
export function reasonText(r: FitReason, lang: FitLang): string {
  const w = FIT_WORDS[lang];
  switch (r.kind) {
    case "rule": {
      const why = ruleReason(r.code as ReasonCode, r.args, lang);
      return r.outcome === "fail" ? `✗ ${RULE_LABELS[lang][r.rule] ?? r.rule}: ${why}` : `✓ ${why}`;
    }
    case "met":
      return `✓ ${r.terms.map((t) => `${t.term} (${t.line ? `L${t.line}` : w.statedShort})`).join(", ")}`;
    case "missing":
      return `${w.missing}: ${r.terms.join(", ")}`;
  }
}

/** The few reasons a card shows, worded. */
export function topReasons(b: FitBreakdown, lang: FitLang = "en", max = 3): string[] {
  return topReasonsOf(b, max).map((r) => reasonText(r, lang));
}
