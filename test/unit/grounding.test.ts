// The grounding check over the letter test set (test/fixtures/letters): every planted unsupported
// claim is caught, in German and English, and letters written only from cited lines pass.
import { describe, expect, it } from "vitest";
import { checkGrounding, markUnsupported } from "../../src/jobs/applications/grounding.js";
import { groundingCases } from "../support/grounding-set.js";

const { clean, planted } = groundingCases();

describe("grounding check", () => {
  it("has a set of at least 20 clean and 20 planted letters in both languages", () => {
    expect(clean.length).toBeGreaterThanOrEqual(20);
    expect(planted.length).toBeGreaterThanOrEqual(20);
    for (const lang of ["de", "en"])
      expect(planted.filter((c) => c.input.lang === lang).length).toBeGreaterThanOrEqual(10);
    const kinds = new Set(planted.map((c) => c.planted?.kind));
    for (const k of [
      "employer",
      "date",
      "number",
      "technology",
      "company",
      "title",
      "degree",
      "language_level",
      "certificate",
    ])
      expect(kinds).toContain(k);
  });

  it.each(clean.map((c) => [c.name, c] as const))("raises no alarm on %s", (_name, c) => {
    const report = checkGrounding(c.input);
    expect(report.unsupported).toEqual([]);
    expect(report.claims).toBeGreaterThanOrEqual(2);
  });

  it.each(planted.map((c) => [c.name, c] as const))("catches %s, and only that sentence", (_name, c) => {
    const report = checkGrounding(c.input);
    expect(report.supported).toBe(false);
    expect(report.unsupported.map((u) => u.sentence)).toEqual([c.planted!.sentence]);
  });

  it("holds a skill in the CV but on a line the letter does not cite against it", () => {
    const cv = [
      { id: "L1", text: "Jane Doe" },
      { id: "L2", text: "Skills: Python, SQL" },
    ];
    const letter = "Dear Sir or Madam,\n\nI write Python and Rust every day.\n\nKind regards,\nJane Doe";
    expect(
      checkGrounding({ letter, cited: cv, posting: "Python developer" }).unsupported[0]?.unsupported,
    ).toEqual([{ kind: "technology", text: "rust" }]);
    const withRust = [...cv, { id: "L3", text: "Hobbies: Rust side projects" }];
    expect(checkGrounding({ letter, cited: withRust, posting: "Python developer" }).supported).toBe(true);
  });

  it("does not let the posting vouch for what the person says about themselves", () => {
    const letter = "I have 10 years of experience with Kafka.";
    const report = checkGrounding({
      letter,
      cited: [{ id: "L1", text: "Kafka since 2021" }],
      posting: "10 years of Kafka required",
    });
    expect(report.unsupported[0]?.unsupported).toEqual([{ kind: "number", text: "10" }]);
  });

  it("marks each unsupported sentence in the draft with what was not found", () => {
    const c = planted.find((p) => p.planted?.kind === "date")!;
    const marked = markUnsupported(c.input.letter, checkGrounding(c.input));
    expect(marked).toContain(`${c.planted!.sentence} ⚠️ [not in your CV or the posting: `);
    expect(marked.match(/⚠️/g)).toHaveLength(1);
  });
});
