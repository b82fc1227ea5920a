// Letter grounding rule by rule (src/jobs/applications/grounding.ts): each case is a short letter,
// the CV lines it cites and the posting, and what the person reviewing the draft would see — which
// sentences are marked and which claims of them were not found. The letter set of
// grounding.test.ts checks whole letters; these check each rule on its own.
import { describe, expect, it } from "vitest";
import { checkGrounding, sentencesOf, type GroundingInput } from "../../src/jobs/applications/grounding.js";

/** What the reviewer sees: each marked sentence with the claims not found ([] when none). */
function marked(letter: string, cv: string, posting: string, lang?: "de" | "en") {
  const input: GroundingInput = { letter, cited: [{ id: "L1", text: cv }], posting, lang };
  return checkGrounding(input).unsupported.map((u) => [u.sentence, u.unsupported] as const);
}

/** The claims not found in a one-sentence letter. */
function missing(letter: string, cv: string, posting = "", lang?: "de" | "en") {
  return marked(letter, cv, posting, lang).flatMap(([, claims]) => claims);
}

describe("grounding: invented claims the check let through", () => {
  it("catches an employer after a capitalised 'Bei' at the start of a German sentence", () => {
    expect(
      missing("Bei Google habe ich als Entwickler gearbeitet.", "Entwickler bei Siemens", "", "de"),
    ).toEqual([{ kind: "employer", text: "google" }]);
    expect(
      missing("Bei Siemens habe ich als Entwickler gearbeitet.", "Entwickler bei Siemens", "", "de"),
    ).toEqual([]);
    // "Bei Fragen …" names no employer.
    expect(missing("Bei Fragen erreichen Sie mich jederzeit.", "Entwickler bei Siemens", "", "de")).toEqual(
      [],
    );
  });

  it("does not take two different amounts with both separators (1.234,56 and 9.876,54) as the same number", () => {
    expect(missing("Ich habe ein Budget von 1.234,56 € verwaltet.", "Budget 9.876,54 €", "", "de")).toEqual([
      { kind: "number", text: "1234.56" },
    ]);
    expect(missing("Ich habe ein Budget von 1.234,56 € verwaltet.", "Budget: 1234.56 €", "", "de")).toEqual(
      [],
    );
    expect(missing("I managed a budget of 1,234.56 EUR.", "Budget: 1.234,56 EUR", "", "en")).toEqual([]);
  });

  it("does not take two different version numbers as the same number", () => {
    expect(missing("I have used Java 17.0.2 daily.", "Java 1.8.0", "", "en")).toEqual([
      { kind: "number", text: "17.0.2" },
    ]);
    expect(missing("I have used Java 1.8.0 daily.", "Java 1.8.0", "", "en")).toEqual([]);
  });

  it("does not let a longer word of the CV vouch for a skill or title it starts with", () => {
    expect(missing("I write Java every day.", "JavaScript, TypeScript", "", "en")).toEqual([
      { kind: "technology", text: "java" },
    ]);
    expect(
      missing(
        "I was the Lead Architect of the platform.",
        "Showed leadership in software architecture",
        "",
        "en",
      ),
    ).toEqual([
      { kind: "title", text: "lead" },
      { kind: "title", text: "architect" },
    ]);
    // An inflected form of the same word still counts: "führenden" in the letter, "führende" in the posting.
    expect(
      missing(
        "Sie gehören zu den führenden Anbietern.",
        "",
        "Wir sind der führende Anbieter für Logistik.",
        "de",
      ),
    ).toEqual([]);
  });

  it("checks the employers of every part of a sentence split into the person's and the company's", () => {
    expect(
      missing(
        "My work at Acme, Initech and Globex fits your platform.",
        "Engineer at Acme",
        "Our platform",
        "en",
      ),
    ).toEqual([
      { kind: "name", text: "initech" },
      { kind: "name", text: "globex" },
    ]);
  });

  it("holds a technology the letter says the company uses against the posting even when it is C++", () => {
    expect(
      missing("Your C++ stack is what I know best.", "C++ since 2015", "We build in Java.", "en"),
    ).toEqual([{ kind: "technology", text: "c++" }]);
    expect(missing("Your C++ stack is what I know best.", "Java", "We build in C++.", "en")).toEqual([]);
  });

  it("does not end a sentence at the abbreviations z. B., d. h. and u. a.", () => {
    expect(sentencesOf("Ich kenne z. B. Kafka und Python. Das zeigt mein Lebenslauf.")).toEqual([
      "Ich kenne z. B. Kafka und Python.",
      "Das zeigt mein Lebenslauf.",
    ]);
    expect(sentencesOf("Ich leite u. a. Teams, d. h. Menschen. Mehr dazu gern.")).toEqual([
      "Ich leite u. a. Teams, d. h. Menschen.",
      "Mehr dazu gern.",
    ]);
  });
});
