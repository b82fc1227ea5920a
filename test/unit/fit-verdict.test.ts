// How code applies a model's verdict to a fit score: clamped to ±10 and to 0…100 in total, only
// with a citation that is verbatim in its CV line, the parts still adding up to the total.
import { describe, expect, it } from "vitest";
import type { FitBreakdown } from "../../src/jobs/fit/fit-score.js";
import { applyVerdict } from "../../src/jobs/fit/verdict.js";
import { numberLines } from "../../src/jobs/profiles/profile.js";

const lines = numberLines("Jo Example\nSenior Data Engineer\nSkills: Python, SQL, Kafka");

function offline(total: number): FitBreakdown {
  return {
    total,
    parts: [{ key: "requirements", label: "Requirements", points: total, max: 100 }],
    rules: [],
    requirements: [],
    similarity: 0.3,
    modelId: "offline",
    promptVersion: "fit-rules-v2",
    profileVersion: 1,
    embedder: "hashing",
  };
}

const sum = (b: FitBreakdown) => b.parts.reduce((s, p) => s + p.points, 0);
const python = { line: 3, quote: "Python" };

describe("applying a model verdict", () => {
  it("clamps the points to ±10", () => {
    const up = applyVerdict(offline(50), lines, { points: 25, reason: "strong", citations: [python] }, "m");
    expect(up.total).toBe(60);
    const down = applyVerdict(offline(50), lines, { points: -40, reason: "weak", citations: [python] }, "m");
    expect(down.total).toBe(40);
    for (const b of [up, down]) expect(sum(b)).toBe(b.total);
    expect(up).toMatchObject({ modelId: "m", promptVersion: "fit-rules-v2+fit-verdict-v1" });
  });

  it("keeps the total within 0…100", () => {
    expect(applyVerdict(offline(96), lines, { points: 10, reason: "", citations: [python] }, "m").total).toBe(
      100,
    );
    const low = applyVerdict(offline(4), lines, { points: -10, reason: "", citations: [python] }, "m");
    expect(low.total).toBe(0);
    expect(sum(low)).toBe(0);
  });

  it("drops citations that are not verbatim in their line, and ignores a verdict left with none", () => {
    const mixed = applyVerdict(
      offline(50),
      lines,
      {
        points: 5,
        reason: "ok",
        citations: [{ line: 3, quote: "python" }, { line: 9, quote: "SQL" }, python],
      },
      "m",
    );
    expect(mixed.verdict?.citations).toEqual([python]);
    const none = applyVerdict(
      offline(50),
      lines,
      { points: 10, reason: "says so", citations: [{ line: 2, quote: "Staff Engineer" }] },
      "m",
    );
    expect(none.total).toBe(50);
    expect(none.verdict).toBeUndefined();
    expect(none.verdictNote).toBe("unchecked");
  });
});
