import { describe, expect, it } from "vitest";
import { detectLanguage, languageRequest, replyLanguage } from "../../src/agents/language.js";

describe("the language a person writes in", () => {
  it("tells German from English by the words people ask with, also in short requests", () => {
    for (const de of [
      "Suche eine Stelle als Elektriker in der Nähe von Würzburg, Vollzeit",
      "nur remote",
      "zeig mehr",
      "Details zu 2",
      "merk dir Nummer 3",
      "Steuerberater",
      "Stellen fuer Elektriker in Wuerzburg",
      "Hallo",
      "Elektriker in Frankfurt am Main gesucht",
      // "hey" is said in both languages; "hier" tells.
      "Hey! Lea hier",
      "lass https://jobs.lever.co/acme weg",
      // Tracking a board: the verb tells, the address says nothing (even with German words in it).
      "beobachte https://boards.greenhouse.io/n26",
      "verfolge jobs.lever.co/acme",
      "füge <https://jobs.ashbyhq.com/lumen|Lumen> hinzu",
      "beobachte https://www.stellenangebote.de/jobs",
    ])
      expect(detectLanguage(de), de).toBe("de");
    for (const en of [
      "find me jobs in Berlin",
      "only remote ones",
      "more",
      "save 2",
      "data scientist",
      "nursing jobs in Nuremberg",
      "hello",
      // The German in a city's own name is not the request's language.
      "find me work in Freiburg im Breisgau",
      "don't show me job 3 anymore",
      "hey, I'm Sam",
      "watch https://boards.greenhouse.io/n26",
      "follow www.acme.de/karriere",
      "stop watching https://www.suche-arbeit-hilfe.de/stellenangebote",
      "track acme-stellenangebote.de",
    ])
      expect(detectLanguage(en), en).toBe("en");
  });

  it("keeps the conversation's language when a message does not tell, English when nothing does", () => {
    expect(replyLanguage("python jobs in Frankfurt am Main")).toBe("en");
    for (const neutral of [
      "python berlin",
      "Berlin",
      "status",
      "dashboard",
      "https://www.stellenangebote-hilfe.de/jobs",
      "<https://jobs.lever.co/suche|Suche>",
    ])
      expect(detectLanguage(neutral), neutral).toBeUndefined();
    expect(replyLanguage("python berlin", ["Hallo", "Suche Jobs in Köln"])).toBe("de");
    expect(replyLanguage("python berlin", ["Suche Jobs in Köln", "find me jobs in Berlin"])).toBe("en");
    expect(replyLanguage("python berlin")).toBe("en");
  });

  it("reads a request to change the language of the answers, and leaves job words alone", () => {
    for (const [text, lang, rest] of [
      ["antworte auf Deutsch", "de", ""],
      ["Antworte mir ab jetzt bitte auf Englisch!", "en", ""],
      ["auf Deutsch bitte", "de", ""],
      ["answer in English", "en", ""],
      ["Please reply in German from now on", "de", ""],
      ["English please", "en", ""],
      ["Suche Jobs in Berlin, answer in English", "en", "Suche Jobs in Berlin"],
    ] as const)
      expect(languageRequest(text), text).toEqual({ lang, rest });
    for (const text of [
      "Englischlehrer in München",
      "Jobs mit Englisch in Berlin",
      "Jobs auf Englisch in Berlin",
      "Deutschlehrer Jobs",
      "python jobs in Berlin",
    ])
      expect(languageRequest(text), text).toBeUndefined();
  });

  it("does not take a place name's umlaut for German", () => {
    expect(detectLanguage("jobs in Nürnberg")).toBeUndefined();
    expect(detectLanguage("find me jobs in Würzburg")).toBe("en");
    expect(detectLanguage("Bäcker in München")).toBe("de");
  });

  it("finds a German word by its umlaut in any case, beside a long word without one", () => {
    expect(detectLanguage("ÜBERSTUNDEN")).toBe("de");
    expect(detectLanguage(`${"x".repeat(6000)} Größe`)).toBe("de");
    expect(detectLanguage(`${"x".repeat(6000)} jobs in Nürnberg`)).toBeUndefined();
  });

  it("falls back to the member's remembered language when neither message nor conversation tells", () => {
    expect(replyLanguage("status", [], "de")).toBe("de");
    expect(replyLanguage("status", ["find me jobs"], "de")).toBe("en");
  });
});
