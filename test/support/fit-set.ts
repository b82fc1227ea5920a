// The labelled fit set (test/fixtures/fit/labelled-set.json, built by bench/fit-set-build.ts from
// the real postings in ../shared/data/jobs): profiles, postings, and (profile, posting) pairs
// labelled fit / no fit with the hard-rule outcomes a person expects. Scoring it and measuring how
// often a fit ranks above a no fit is shared by the test and the benchmark.
import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import type { Posting } from "../../src/core/posting.js";
import { extractFacts } from "../../src/jobs/profiles/cv-facts.js";
import { numberLines, type Preferences, type Profile } from "../../src/jobs/profiles/profile.js";
import { scoreFit, type FitBreakdown } from "../../src/jobs/fit/fit-score.js";
import type { RuleName } from "../../src/jobs/fit/hard-rules.js";
import { ProfileIndex } from "../../src/jobs/fit/profile-index.js";
import { requirementsOf } from "../../src/jobs/fit/requirements.js";
import { profileText } from "../../src/jobs/fit/fit-service.js";
import { embedderKey, postingText, type Embedder } from "../../src/search/embedder.js";

export const FIT_SET_FILE = fileURLToPath(new URL("../fixtures/fit/labelled-set.json", import.meta.url));

export interface SetProfile {
  id: string;
  cv: string[];
  preferences: Preferences;
}

export interface LabelledPair {
  profile: string;
  posting: string;
  verdict: "fit" | "no_fit";
  /** Hard-rule outcomes the label expects (rules not named are not labelled). */
  rules?: Partial<Record<RuleName, "pass" | "fail" | "unknown">>;
}

export interface FitSet {
  origin: string;
  profiles: SetProfile[];
  postings: Posting[];
  pairs: LabelledPair[];
}

export function loadFitSet(): FitSet {
  return JSON.parse(readFileSync(FIT_SET_FILE, "utf8")) as FitSet;
}

/** A set profile as the parse stage would store it. */
export function setProfile(p: SetProfile): Profile {
  const lines = numberLines(p.cv.join("\n"));
  return {
    workspaceId: "set",
    userId: p.id,
    version: 1,
    sourceName: `${p.id}.txt`,
    lines,
    facts: extractFacts(lines),
    preferences: p.preferences,
    updatedAt: "2026-01-01T00:00:00Z",
  };
}

export interface ScoredPair extends LabelledPair {
  score: FitBreakdown;
}

/** Every labelled pair scored offline (rules, cited requirements, similarity by `embedder`). */
export async function scoreSet(set: FitSet, embedder: Embedder): Promise<ScoredPair[]> {
  const postings = new Map(set.postings.map((p) => [p.id, p]));
  const key = embedderKey(embedder);
  const out: ScoredPair[] = [];
  for (const sp of set.profiles) {
    const profile = setProfile(sp);
    const index = new ProfileIndex(profile);
    const [profileVector] = await embedder.embed([profileText(profile)]);
    const pairs = set.pairs.filter((p) => p.profile === sp.id);
    const jobs = pairs.map((p) => postings.get(p.posting)!);
    const vectors = await embedder.embed(jobs.map(postingText));
    pairs.forEach((pair, i) => {
      const posting = jobs[i]!;
      const score = scoreFit({
        posting,
        requirements: requirementsOf(posting),
        jobVector: vectors[i]!,
        profile: index,
        profileVector: profileVector!,
        embedder: key,
      });
      out.push({ ...pair, score });
    });
  }
  return out;
}

/**
 * How often a fit scores above a no fit of the same profile (ties count half): 1 is a perfect
 * ranking, 0.5 a coin. `only` narrows the no-fits (e.g. those a hard rule should sink).
 */
export function rankingQuality(scored: readonly ScoredPair[], only?: (p: ScoredPair) => boolean): number {
  let won = 0;
  let n = 0;
  for (const fit of scored.filter((p) => p.verdict === "fit"))
    for (const bad of scored.filter((p) => p.verdict === "no_fit" && p.profile === fit.profile)) {
      if (only && !only(bad)) continue;
      n++;
      won += fit.score.total > bad.score.total ? 1 : fit.score.total === bad.score.total ? 0.5 : 0;
    }
  return n === 0 ? Number.NaN : won / n;
}
