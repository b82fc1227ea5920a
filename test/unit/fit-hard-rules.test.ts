// The hard rules a fit card shows, each as a person reads it: which wanted place is nearest, what a
// remote preference makes of a job, the languages a posting asks for in its text, the seniority
// that years of experience suggest, and a work permit the posting requires or sponsors — in English
// and German.
import { describe, expect, it } from "vitest";
import type { Posting } from "../../src/core/posting.js";
import { hardRules, type RuleName } from "../../src/jobs/fit/hard-rules.js";
import { ruleReason } from "../../src/jobs/fit/fit-words.js";
import type { Preferences, Profile, ProfileFact } from "../../src/jobs/profiles/profile.js";

function profileOf(preferences: Preferences, facts: ProfileFact[] = []): Profile {
  return {
    workspaceId: "w",
    userId: "u",
    version: 1,
    sourceName: null,
    lines: [],
    facts,
    preferences,
    updatedAt: "2026-01-01T00:00:00Z",
  };
}

function posting(p: Partial<Posting>): Posting {
  return {
    id: "j_rules",
    title: "Data Engineer",
    company: "Acme",
    locations: [{ city: "Mainz", country: "DE", lat: 49.99, lon: 8.25 }],
    remoteMode: "onsite",
    employmentType: "full_time",
    seniority: "senior",
    language: "en",
    description: "We build data pipelines.",
    sources: [{ source: "test", sourceId: "1" }],
    ...p,
  };
}

/** One rule's outcome and its reason in English and German. */
function rule(name: RuleName, p: Posting, profile: Profile): [string, string, string] {
  const r = hardRules(p, profile).find((o) => o.rule === name)!;
  return [r.outcome, r.reason, ruleReason(r.code, r.args, "de")];
}

const FRANKFURT = { name: "Frankfurt am Main", lat: 50.11, lon: 8.68, radiusKm: 20 };
const BERLIN = { name: "Berlin", lat: 52.52, lon: 13.4, radiusKm: 50 };
const WIESBADEN = { name: "Wiesbaden", lat: 50.08, lon: 8.24, radiusKm: 15 };

describe("hard rules of a fit", () => {
  it("measures from the wanted place that best covers the job, and passes a remote job for remote_ok", () => {
    // Mainz: ~33 km from Frankfurt (radius 20), ~10 km from Wiesbaden (radius 15), far from Berlin.
    expect(rule("place", posting({}), profileOf({ places: [BERLIN, FRANKFURT, WIESBADEN] }))).toEqual([
      "pass",
      "10 km from Wiesbaden",
      "10 km von Wiesbaden",
    ]);
    expect(rule("place", posting({}), profileOf({ places: [BERLIN, FRANKFURT] }))).toEqual([
      "fail",
      "33 km from Frankfurt am Main (more than 20 km)",
      "33 km von Frankfurt am Main (mehr als 20 km)",
    ]);
    const remote = posting({ remoteMode: "remote", locations: [{ city: "Hamburg", country: "DE" }] });
    expect(rule("place", remote, profileOf({ places: [FRANKFURT], remote: "remote_ok" }))).toEqual([
      "pass",
      "remote job",
      "Remote-Stelle",
    ]);
    // Someone who does not want remote work still needs the job within reach: no coordinates, no answer.
    expect(rule("place", remote, profileOf({ places: [FRANKFURT], remote: "no_remote" }))).toEqual([
      "unknown",
      "the posting gives no coordinates",
      "die Anzeige nennt keinen genauen Ort",
    ]);
  });

  it("reads a remote preference against the job's mode", () => {
    const only = profileOf({ remote: "remote_only" });
    const none = profileOf({ remote: "no_remote" });
    expect(rule("remote", posting({ remoteMode: "hybrid" }), only)).toEqual([
      "fail",
      "hybrid job",
      "Stelle: Hybrid, nicht remote",
    ]);
    expect(rule("remote", posting({ remoteMode: "remote" }), only)).toEqual([
      "pass",
      "remote job",
      "Remote-Stelle",
    ]);
    expect(rule("remote", posting({ remoteMode: "remote" }), none)).toEqual([
      "fail",
      "remote-only job",
      "nur remote",
    ]);
    expect(rule("remote", posting({ remoteMode: "onsite" }), none)).toEqual([
      "pass",
      "onsite job",
      "Stelle: Vor Ort",
    ]);
    expect(rule("remote", posting({ remoteMode: "unknown" }), only)).toEqual([
      "unknown",
      "the posting does not say",
      "die Anzeige sagt es nicht",
    ]);
  });

  it("asks for the languages the posting's text demands, and counts only CV languages at B2 or above", () => {
    const facts: ProfileFact[] = [
      { kind: "language", value: "en", level: "C1", lines: [4] },
      { kind: "language", value: "de", level: "A2", lines: [5] },
    ];
    const p = posting({
      description: "Fließende Deutschkenntnisse? Nein: fluent German and fluent English.",
    });
    expect(rule("language", p, profileOf({}, facts))).toEqual(["fail", "needs German", "verlangt Deutsch"]);
    // Said in chat counts whatever the level.
    const stated: ProfileFact[] = [...facts, { kind: "language", value: "de", lines: [], stated: true }];
    expect(rule("language", p, profileOf({}, stated))).toEqual([
      "pass",
      "English, German",
      "Englisch, Deutsch",
    ]);
    // A posting of unknown language that asks for none: nothing to check.
    expect(rule("language", posting({ language: "und" }), profileOf({}, facts))).toEqual([
      "unknown",
      "the posting's language is unknown",
      "die Sprache der Anzeige ist unbekannt",
    ]);
    expect(rule("language", posting({}), profileOf({}))).toEqual([
      "unknown",
      "no working language stated",
      "keine Arbeitssprache angegeben",
    ]);
  });

  it("takes the wanted seniority from years of experience when none is stated", () => {
    const years = (n: string): ProfileFact[] => [{ kind: "years", value: n, lines: [2] }];
    expect(rule("seniority", posting({ seniority: "junior" }), profileOf({}, years("7")))).toEqual([
      "fail",
      "junior role, you are senior (7 years of experience)",
      "Stufe Junior, du bist Senior (7 Jahre Erfahrung)",
    ]);
    expect(rule("seniority", posting({ seniority: "lead" }), profileOf({}, years("4")))).toEqual([
      "fail",
      "lead role, you are mid (4 years of experience)",
      "Stufe Lead, du bist Mid-Level (4 Jahre Erfahrung)",
    ]);
    expect(
      rule("seniority", posting({ seniority: "executive" }), profileOf({ seniority: "junior" })),
    ).toEqual([
      "fail",
      "executive role, you are junior (stated)",
      "Stufe Führungsebene, du bist Junior (von dir angegeben)",
    ]);
    expect(rule("seniority", posting({ seniority: "intern" }), profileOf({}, years("1")))).toEqual([
      "pass",
      "intern role",
      "Stufe Praktikum",
    ]);
  });

  it("checks a work permit only where the posting requires one, and passes where it sponsors visas", () => {
    const required = posting({ description: "Unfortunately we are unable to sponsor visas." });
    expect(rule("permit", required, profileOf({ workPermit: false }))).toEqual([
      "fail",
      "requires a work permit, no sponsorship",
      "verlangt eine Arbeitserlaubnis, ohne Visum-Unterstützung",
    ]);
    expect(rule("permit", required, profileOf({ workPermit: true }))).toEqual([
      "pass",
      "requires a work permit, you have one",
      "verlangt eine Arbeitserlaubnis, du hast eine",
    ]);
    expect(rule("permit", required, profileOf({}))).toEqual([
      "unknown",
      "requires a work permit; yours is not stated",
      "verlangt eine Arbeitserlaubnis; deine ist nicht angegeben",
    ]);
    const sponsored = posting({ description: "Visa sponsorship is available for this role." });
    expect(rule("permit", sponsored, profileOf({ workPermit: false }))).toEqual([
      "pass",
      "visa sponsorship offered",
      "Visum wird unterstützt",
    ]);
  });
});
