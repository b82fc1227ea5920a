// One fit score for one job and one person, reproducible: rules, requirements cited from the CV,
// and embedding similarity, each a part with its points; the parts add up to the total. The same
// posting, profile version and embedder give the same score, every time.
import type { Posting } from "../../core/posting.js";
import { checkedCitations } from "./citations.js";
import { hardRules, type RuleOutcome } from "./hard-rules.js";
import type { ProfileIndex, RequirementMatch } from "./profile-index.js";
import type { Requirement } from "./requirements.js";

/** Names the scoring method; bumped whenever the same inputs would score differently. */
export const FIT_PROMPT_VERSION = "fit-rules-v1";
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
  verdict?: { points: number; reason: string } | undefined;
}

function cosine(a: Float32Array, b: Float32Array): number {
  let dot = 0;
  for (let i = 0; i < a.length && i < b.length; i++) dot += a[i]! * b[i]!;
  return dot;
}

const RULE_LABEL: Record<RuleOutcome["rule"], string> = {
  place: "Place",
  remote: "Remote",
  language: "Language",
  seniority: "Seniority",
  salary: "Salary",
  permit: "Work permit",
};

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
  const musts = requirements.filter((r) => r.kind === "must");
  const nices = requirements.filter((r) => r.kind === "nice");
  const sim = cosine(i.profileVector, i.jobVector);
  const simPoints = Math.round(FIT_POINTS.similarity * Math.min(1, Math.max(0, (sim - 0.05) / 0.45)));
  const parts: FitPart[] = [
    {
      key: "requirements",
      label:
        all === 0
          ? "Requirements: none recognised in the posting (neutral)"
          : `Requirements met: ${musts.filter((r) => r.met).length}/${musts.length} must-have, ${nices.filter((r) => r.met).length}/${nices.length} nice-to-have`,
      points: reqPoints,
      max: FIT_POINTS.requirements,
    },
    {
      key: "similarity",
      label: `CV and posting similarity ${sim.toFixed(2)}`,
      points: simPoints,
      max: FIT_POINTS.similarity,
    },
    ...rules.map((r) => ({
      key: `rule:${r.rule}`,
      label: `${RULE_LABEL[r.rule]} ${r.outcome}: ${r.reason}`,
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
  if (sum < 0) parts.push({ key: "floor", label: "Scores start at 0", points: -sum, max: 0 });
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

/** The few reasons a card shows: failed rules first, then cited strengths, then missing must-haves. */
export function topReasons(b: FitBreakdown, max = 3): string[] {
  const out: string[] = [];
  for (const r of b.rules) if (r.outcome === "fail") out.push(`✗ ${RULE_LABEL[r.rule]}: ${r.reason}`);
  const met = b.requirements.filter((r) => r.met && r.kind === "must");
  if (met.length > 0)
    out.push(
      `✓ ${met
        .slice(0, 3)
        .map((r) => (r.citation ? `${r.term} (L${r.citation.line})` : `${r.term} (stated)`))
        .join(", ")}`,
    );
  const missing = b.requirements.filter((r) => !r.met && r.kind === "must" && r.from === "text");
  if (missing.length > 0)
    out.push(
      `missing: ${missing
        .slice(0, 3)
        .map((r) => r.term)
        .join(", ")}`,
    );
  for (const r of b.rules)
    if (r.outcome === "pass" && (r.rule === "place" || r.rule === "salary")) out.push(`✓ ${r.reason}`);
  return out.slice(0, max);
}
