// Offline letters from chosen facts: the language's conventions, tone and length options, the
// asked-for focus first, and every letter passes the grounding check.
import { describe, expect, it } from "vitest";
import { writeOfflineLetter } from "../../src/jobs/applications/letter-template.js";
import { checkGrounding } from "../../src/jobs/applications/grounding.js";
import { letterScenarios } from "../support/grounding-set.js";

const scenarios = letterScenarios();
const variants = scenarios.flatMap((s) =>
  (["neutral", "formal", "warm"] as const).flatMap((tone) =>
    (["short", "normal", "long"] as const).map((length) => ({ s, tone, length })),
  ),
);

describe("offline letters", () => {
  it.each(variants.map((v) => [`${v.s.id} ${v.tone} ${v.length}`, v] as const))(
    "%s passes the grounding check and cites only the facts it uses",
    (_n, { s, tone, length }) => {
      const d = writeOfflineLetter({ ...s, tone, length });
      expect(d.dropped).toEqual([]);
      expect(
        checkGrounding({ letter: d.text, cited: d.cited, posting: s.posting, lang: s.lang }).supported,
      ).toBe(true);
      for (const c of d.cited.slice(1)) expect(d.text).toContain(c.text);
      expect(d.cited.length - 1).toBe(Math.min(s.facts.length, { short: 2, normal: 4, long: 6 }[length]));
    },
  );

  it("writes German letters in the Sie-form with the usual salutation and closing", () => {
    const s = scenarios.find((x) => x.lang === "de")!;
    const d = writeOfflineLetter({ ...s });
    expect(d.text.startsWith("Sehr geehrte Damen und Herren,\n\nhiermit bewerbe ich mich")).toBe(true);
    expect(d.text).toMatch(/Sie suchen: /);
    expect(d.text).not.toMatch(/\bdu\b|\bdein/i);
    expect(d.text.endsWith(`Mit freundlichen Grüßen\n${s.applicant.text}`)).toBe(true);
  });

  it("writes English letters with their own frame, and a formal tone closes formally", () => {
    const s = scenarios.find((x) => x.lang === "en")!;
    const d = writeOfflineLetter({ ...s, tone: "formal" });
    expect(
      d.text.startsWith(
        `Dear Sir or Madam,\n\nI am applying for the position of ${s.job.title} at ${s.job.company}.`,
      ),
    ).toBe(true);
    expect(d.text.endsWith(`Yours faithfully,\n${s.applicant.text}`)).toBe(true);
    expect(writeOfflineLetter({ ...s, tone: "warm" }).text).toMatch(/^Dear Hiring Team,/);
  });

  it("puts the facts with the asked-for focus first, and says when no fact has it", () => {
    const s = scenarios.find((x) => x.id === "data-engineer-en")!;
    const d = writeOfflineLetter({ ...s, length: "short", focus: "Terraform" });
    expect(d.cited[1]?.text).toContain("Terraform");
    expect(d.focusMissing).toBe(false);
    const none = writeOfflineLetter({ ...s, focus: "Kubernetes" });
    expect(none.focusMissing).toBe(true);
    expect(none.text).not.toContain("Kubernetes");
  });

  it("leaves out a fact whose requirement is not the posting's words, naming it", () => {
    const s = scenarios.find((x) => x.id === "frontend-en")!;
    const invented = { lineId: "L5", text: s.facts[0]!.text, requirement: "10 years of Angular" };
    const d = writeOfflineLetter({ ...s, facts: [invented, ...s.facts.slice(1)] });
    expect(d.dropped).toEqual([invented]);
    expect(d.report.supported).toBe(true);
    expect(d.text).not.toContain("Angular");
  });
});
