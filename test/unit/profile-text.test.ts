// How a profile reads in chat ("show my profile", what was saved), in English and German: facts by
// kind with the CV lines they stand on, preferences in the person's language.
import { describe, expect, it } from "vitest";
import { preferencesText, renderProfile, type ProfileView } from "../../src/answers/profile-text.js";

const view = (over: Partial<ProfileView> = {}): ProfileView => ({
  version: 3,
  sourceName: "cv.pdf",
  lineCount: 42,
  facts: [
    { kind: "skill", value: "Python", lines: [4, 9] },
    { kind: "skill", value: "Kubernetes", lines: [], stated: true },
    { kind: "title", value: "Data Engineer", lines: [2] },
    { kind: "years", value: "6", lines: [3] },
    { kind: "language", value: "German", level: "C1", lines: [20] },
    { kind: "language", value: "English", level: "native", lines: [] },
    { kind: "place", value: "Frankfurt am Main", lines: [1] },
    { kind: "degree", value: "Master", lines: [15] },
  ],
  preferences: {
    remote: "remote_ok",
    places: [{ name: "Frankfurt am Main", lat: 50.11, lon: 8.68, radiusKm: 30 }],
    languages: ["de", "en"],
    salaryMin: 60_000,
    seniority: "senior",
    workPermit: false,
  },
  ...over,
});

describe("a profile in chat", () => {
  it("lists facts by kind with their CV lines, what was stated, and the preferences", () => {
    expect(renderProfile(view())).toBe(
      [
        "Your profile (version 3, from “cv.pdf”):",
        "- Titles: Data Engineer (L2)",
        "- Experience: 6 years (L3)",
        "- Skills: Python (L4, L9), Kubernetes (stated)",
        "- Languages: German C1 (L20), English native",
        "- Education: Master (L15)",
        "- Places: Frankfurt am Main (L1)",
        "- Preferences: remote ok; Frankfurt am Main within 30 km; languages de, en; at least 60k a year; senior; needs visa sponsorship",
        "42 CV lines kept verbatim (L1–L42); scores quote them.",
      ].join("\n"),
    );
  });

  it("reads in German, preferences included", () => {
    expect(renderProfile(view(), "de")).toBe(
      [
        "Dein Profil (Version 3, aus „cv.pdf“):",
        "- Titel: Data Engineer (L2)",
        "- Erfahrung: 6 Jahre (L3)",
        "- Kenntnisse: Python (L4, L9), Kubernetes (von dir genannt)",
        "- Sprachen: German C1 (L20), English native",
        "- Ausbildung: Master (L15)",
        "- Orte: Frankfurt am Main (L1)",
        "- Wünsche: auch remote; Frankfurt am Main im Umkreis von 30 km; Sprachen de, en; mindestens 60k im Jahr; Senior; braucht ein Visum",
        "42 Zeilen des Lebenslaufs wörtlich gespeichert (L1–L42); Bewertungen zitieren sie.",
      ].join("\n"),
    );
  });

  it("says what to do without a profile, and what preferences look like when none are stated", () => {
    expect(renderProfile(null)).toBe(
      "You have no profile yet. Send me your CV (PDF, DOCX or text), or tell me what you know, e.g. “I also know Kubernetes”.",
    );
    expect(
      renderProfile(
        view({
          sourceName: null,
          lineCount: 0,
          facts: [{ kind: "skill", value: "Go", lines: [], stated: true }],
          preferences: {},
        }),
        "de",
      ),
    ).toBe(
      "Dein Profil (Version 3):\n- Kenntnisse: Go (von dir genannt)\n- Wünsche: noch keine Wünsche genannt (z. B. „remote oder Frankfurt im Umkreis von 30 km, mindestens 60k“)",
    );
  });

  it("words each preference in either language", () => {
    expect(preferencesText({ remote: "remote_only", workPermit: true, seniority: "junior" })).toBe(
      "remote only; junior; has a work permit",
    );
    expect(preferencesText({ remote: "no_remote", workPermit: true, seniority: "lead" }, "de")).toBe(
      "ohne remote; Lead; Arbeitserlaubnis vorhanden",
    );
    expect(preferencesText({ remote: "remote_only", seniority: "intern" }, "de")).toBe(
      "nur remote; Praktikum",
    );
    expect(preferencesText({}, "de")).toBe("");
  });
});
