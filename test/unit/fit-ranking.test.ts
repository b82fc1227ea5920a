// Ranking quality of the offline fit score on the labelled set (test/fixtures/fit/labelled-set.json:
// 32 hand-labelled pairs of three profiles and real postings from ../shared/data/jobs). The floors
// are a little under what the scorer reached when the set was made (bench/fit.bench.ts records the
// figures): a change that makes fits rank below no-fits, or a hard rule disagree with its label,
// fails here.
import { beforeAll, describe, expect, it } from "vitest";
import { HashingEmbedder } from "../../src/search/hashing.embedder.js";
import { loadFitSet, rankingQuality, scoreSet, type ScoredPair } from "../support/fit-set.js";

const set = loadFitSet();
let scored: ScoredPair[];
beforeAll(async () => {
  scored = await scoreSet(set, new HashingEmbedder());
});

describe("the offline fit score on the labelled set", () => {
  it("has at least 30 labelled pairs over several profiles, each profile with fits and no-fits", () => {
    expect(set.pairs.length).toBeGreaterThanOrEqual(30);
    for (const p of set.profiles) {
      const mine = set.pairs.filter((x) => x.profile === p.id);
      expect(mine.some((x) => x.verdict === "fit")).toBe(true);
      expect(mine.some((x) => x.verdict === "no_fit")).toBe(true);
    }
  });

  it("ranks a fit above a no-fit of the same person in at least 9 of 10 comparisons, and at least 8 of 10 for each person", () => {
    expect(rankingQuality(scored)).toBeGreaterThanOrEqual(0.9);
    for (const p of set.profiles)
      expect(rankingQuality(scored.filter((s) => s.profile === p.id)), p.id).toBeGreaterThanOrEqual(0.8);
  });

  it("gives every hard rule the outcome its label expects", () => {
    for (const pair of scored)
      for (const [rule, expected] of Object.entries(pair.rules ?? {}))
        expect(
          pair.score.rules.find((r) => r.rule === rule)?.outcome,
          `${pair.profile} ${pair.posting} ${rule}`,
        ).toBe(expected);
  });

  it("puts a job too far away below most fits", () => {
    expect(rankingQuality(scored, (p) => p.rules?.place === "fail")).toBeGreaterThanOrEqual(0.8);
  });
});
