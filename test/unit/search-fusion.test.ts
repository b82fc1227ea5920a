import { describe, expect, it } from "vitest";
import { reciprocalRankFusion } from "../../src/search/fusion.js";

describe("reciprocalRankFusion", () => {
  it("puts items both lists agree on first, with RRF scores (k = 60)", () => {
    const fused = reciprocalRankFusion([
      [1, 2, 3],
      [3, 4, 1],
    ]);
    expect(fused.map((f) => f.id)).toEqual([1, 3, 2, 4]);
    expect(fused[0]).toEqual({ id: 1, score: 1 / 61 + 1 / 63, ranks: [0, 2] });
    expect(fused.find((f) => f.id === 4)).toEqual({ id: 4, score: 1 / 62, ranks: [-1, 1] });
  });

  it("breaks ties by best rank, then id, and counts a repeated id once", () => {
    expect(
      reciprocalRankFusion([
        [5, 6],
        [6, 5],
      ]).map((f) => f.id),
    ).toEqual([5, 6]);
    expect(reciprocalRankFusion([[7, 7, 8]]).map((f) => [f.id, f.score])).toEqual([
      [7, 1 / 61],
      [8, 1 / 63],
    ]);
  });

  it("honours k and list weights", () => {
    const fused = reciprocalRankFusion([[1], [2]], { k: 0, weights: [1, 3] });
    expect(fused.map((f) => [f.id, f.score])).toEqual([
      [2, 3],
      [1, 1],
    ]);
    expect(reciprocalRankFusion([])).toEqual([]);
  });
});
