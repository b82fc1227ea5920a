import { describe, expect, it } from "vitest";
import { detectLanguage, replyLanguage } from "../../src/agents/language.js";

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
    ])
      expect(detectLanguage(en), en).toBe("en");
  });

  it("keeps the conversation's language when a message does not tell, English when nothing does", () => {
    expect(replyLanguage("python jobs in Frankfurt am Main")).toBe("en");
    for (const neutral of ["python berlin", "Berlin", "status", "dashboard"])
      expect(detectLanguage(neutral), neutral).toBeUndefined();
    expect(replyLanguage("python berlin", ["Hallo", "Suche Jobs in Köln"])).toBe("de");
    expect(replyLanguage("python berlin", ["Suche Jobs in Köln", "find me jobs in Berlin"])).toBe("en");
    expect(replyLanguage("python berlin")).toBe("en");
  });
});
