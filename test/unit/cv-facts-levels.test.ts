// What a profile reads from a CV about languages and experience, as the fit card later shows it: a
// language named twice keeps its higher level (and both lines), the largest stated years of
// experience win, and without a stated number the span of the dated lines counts ("until today"
// is this year; a range written backwards is ignored).
import { describe, expect, it } from "vitest";
import { extractFacts } from "../../src/jobs/profiles/cv-facts.js";
import { numberLines } from "../../src/jobs/profiles/profile.js";

const facts = (lines: string[], now = new Date("2026-06-01T00:00:00Z")) =>
  extractFacts(numberLines(lines.join("\n")), now);

describe("CV facts", () => {
  it("keeps the higher level of a language named twice, and the largest years of experience stated", () => {
    const f = facts([
      "Jo Example",
      "Languages: German (B1), English",
      "Deutsch – C1 seit 2020; English (native)",
      "German (A2) at school",
      "5 years of experience in data engineering",
      "Over 8 years of experience with Python",
    ]);
    expect(f.filter((x) => x.kind === "language")).toEqual([
      { kind: "language", value: "de", lines: [2, 3, 4], level: "C1" },
      { kind: "language", value: "en", lines: [2, 3], level: "native" },
    ]);
    expect(f.filter((x) => x.kind === "years")).toEqual([{ kind: "years", value: "8", lines: [6] }]);
  });

  it("counts the span of dated lines when no years are stated, up to today for an open range", () => {
    const f = facts([
      "Jo Example",
      "2016 – 2019 Engineer at Acme",
      "2019 – today Lead at Beta",
      "2021 - 2018 typo",
    ]);
    expect(f.filter((x) => x.kind === "years")).toEqual([{ kind: "years", value: "10", lines: [2, 3] }]);
  });
});
