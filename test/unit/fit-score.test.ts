// A fit score is reproducible, adds up, and cites only what the CV says: the same inputs give the
// same score and breakdown; a citation whose quote is not in its line is dropped; hard rules pass,
// fail or say they do not know.
import { describe, expect, it } from "vitest";
import type { Posting } from "../../src/core/posting.js";
import { checkedCitations } from "../../src/jobs/fit/citations.js";
import { scoreFit, topReasons, type FitBreakdown } from "../../src/jobs/fit/fit-score.js";
import { ProfileIndex } from "../../src/jobs/fit/profile-index.js";
import { requirementsOf } from "../../src/jobs/fit/requirements.js";
import { extractFacts } from "../../src/jobs/profiles/cv-facts.js";
import { numberLines, type Preferences, type Profile } from "../../src/jobs/profiles/profile.js";
import { postingText } from "../../src/search/embedder.js";
import { HashingEmbedder } from "../../src/search/hashing.embedder.js";
import { CV_EN } from "../support/documents.js";

const embedder = new HashingEmbedder();

function profileOf(lines: readonly string[], preferences: Preferences = {}): Profile {
  const numbered = numberLines(lines.join("\n"));
  return {
    workspaceId: "w",
    userId: "u",
    version: 3,
    sourceName: "cv.pdf",
    lines: numbered,
    facts: extractFacts(numbered),
    preferences,
    updatedAt: "2026-01-01T00:00:00Z",
  };
}

function posting(p: Partial<Posting>): Posting {
  return {
    id: "j_test",
    title: "Data Engineer (m/w/d)",
    company: "Acme",
    locations: [{ city: "Frankfurt am Main", country: "DE", lat: 50.11, lon: 8.68 }],
    remoteMode: "onsite",
    employmentType: "full_time",
    seniority: "senior",
    language: "en",
    description:
      "Your profile: Python and SQL are a must. Experience with Kafka and Kubernetes. Nice to have: Scala.",
    sources: [{ source: "test", sourceId: "1" }],
    ...p,
  };
}

async function score(profile: Profile, p: Posting): Promise<FitBreakdown> {
  const [pv, jv] = await embedder.embed([profile.lines.map((l) => l.text).join("\n"), postingText(p)]);
  return scoreFit({
    posting: p,
    requirements: requirementsOf(p),
    jobVector: jv!,
    profile: new ProfileIndex(profile),
    profileVector: pv!,
    embedder: "hashing",
  });
}

const FRANKFURT = { name: "Frankfurt am Main", lat: 50.11, lon: 8.68, radiusKm: 30 };

describe("fit score", () => {
  it("gives the same score and breakdown for the same inputs, and the parts add up", async () => {
    const profile = profileOf(CV_EN, { places: [FRANKFURT], remote: "remote_ok", salaryMin: 60_000 });
    const a = await score(profile, posting({}));
    const b = await score(
      profileOf(CV_EN, { places: [FRANKFURT], remote: "remote_ok", salaryMin: 60_000 }),
      posting({}),
    );
    expect(JSON.stringify(a)).toBe(JSON.stringify(b));
    expect(a.parts.reduce((s, p) => s + p.points, 0)).toBe(a.total);
    expect(a).toMatchObject({ modelId: "offline", promptVersion: "fit-rules-v2", profileVersion: 3 });
  });

  it("matches must-haves to CV lines with quotes that are in those lines", async () => {
    const profile = profileOf(CV_EN);
    const b = await score(profile, posting({}));
    const python = b.requirements.find((r) => r.term === "Python")!;
    expect(python).toMatchObject({ kind: "must", met: true });
    expect(profile.lines[python.citation!.line - 1]!.text).toContain(python.citation!.quote);
    expect(b.requirements.find((r) => r.term === "Kubernetes")).toMatchObject({ met: false });
    expect(b.requirements.find((r) => r.term === "Scala")).toMatchObject({ kind: "nice", met: false });
  });

  it("drops a citation whose quote is not in the cited line", () => {
    const profile = profileOf(CV_EN);
    const kept = checkedCitations(profile.lines, [
      { line: 9, quote: "Python" },
      { line: 2, quote: "Kubernetes" },
      { line: 99, quote: "Python" },
      { line: 4, quote: "" },
    ]);
    expect(kept).toEqual([{ line: 9, quote: "Python" }]);
  });

  it("scores a fitting job above one that fails hard rules, and says which failed", async () => {
    const profile = profileOf(CV_EN, {
      places: [FRANKFURT],
      remote: "no_remote",
      salaryMin: 70_000,
      languages: ["en", "de"],
    });
    const fit = await score(
      profile,
      posting({ salary: { min: 70_000, max: 90_000, currency: "EUR", period: "year" } }),
    );
    const far = await score(
      profile,
      posting({
        locations: [{ city: "Hamburg", country: "DE", lat: 53.55, lon: 9.99 }],
        salary: { min: 3000, max: 4000, currency: "EUR", period: "month" },
        language: "fr",
      }),
    );
    expect(fit.total).toBeGreaterThan(far.total);
    const outcome = (b: FitBreakdown, rule: string) => b.rules.find((r) => r.rule === rule)?.outcome;
    expect(outcome(fit, "place")).toBe("pass");
    expect(outcome(far, "place")).toBe("fail");
    expect(outcome(far, "salary")).toBe("fail");
    expect(outcome(far, "language")).toBe("fail");
    expect(topReasons(far)[0]).toMatch(/^✗ Place: 3\d\d km from Frankfurt am Main/);
  });

  it("leaves a rule unknown when nothing is stated, and shows it instead of hiding a penalty", async () => {
    const b = await score(profileOf(["Jane", "Python developer"]), posting({ salary: undefined }));
    const salary = b.parts.find((p) => p.key === "rule:salary")!;
    expect(salary.label).toMatch(/Salary unknown: no salary floor stated/);
    expect(b.rules.find((r) => r.rule === "permit")?.outcome).toBe("unknown");
  });

  it("reads a work-permit requirement from the posting", async () => {
    const p = posting({
      description: "We cannot sponsor visas: a valid EU work permit is required. Python.",
    });
    const without = await score(profileOf(CV_EN, { workPermit: false }), p);
    const withPermit = await score(profileOf(CV_EN, { workPermit: true }), p);
    expect(without.rules.find((r) => r.rule === "permit")?.outcome).toBe("fail");
    expect(withPermit.rules.find((r) => r.rule === "permit")?.outcome).toBe("pass");
  });
});
