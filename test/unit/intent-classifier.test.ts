// The trained intent classifier and how intent.ts combines it with the rules: requests for the
// other intents in wordings the rules' word lists do not hold are understood, searches that state a
// place or a filter stay searches, and the model is trained from the tune part only, the same way
// on every run.
import { describe, expect, it } from "vitest";
import { parseIntent } from "../../src/agents/intent.js";
import { trainIntentClassifier } from "../../src/agents/intent-classifier.js";
import { INTENT_EXAMPLES } from "../../src/agents/intent-examples.js";
import { jobNumber } from "../../src/agents/intent-understanding.js";
import { createPlaceLookup } from "../../src/agents/place-lookup.js";
import { resolvePlace } from "../../src/core/geo/gazetteer.js";
import { classifierLabel, loadRequests, REQUEST_PARTS } from "../support/request-set.js";

const lookup = createPlaceLookup((name) => resolvePlace(name));
const parse = (text: string) => parseIntent(text, lookup);

describe("the intent classifier's training examples", () => {
  it("are the tune part of the request set, labelled as there (rerun bench/intent-examples-build.ts)", () => {
    expect(INTENT_EXAMPLES).toEqual(loadRequests("tune").map((r) => [r.t, classifierLabel(r)]));
  });

  it("hold no request of a held-out part", () => {
    const trained = new Set(INTENT_EXAMPLES.map(([t]) => t.toLowerCase()));
    const parts = REQUEST_PARTS.filter((p) => p !== "tune");
    for (const part of parts)
      expect(loadRequests(part).filter((r) => trained.has(r.t.toLowerCase()))).toEqual([]);
  });

  it("give the same model on every run (seeded order, no other randomness)", () => {
    const a = trainIntentClassifier(INTENT_EXAMPLES);
    const b = trainIntentClassifier(INTENT_EXAMPLES);
    for (const text of ["Läuft der Abruf noch?", "Koch in Bonn", "hi"])
      expect(a.classify(text)).toEqual(b.classify(text));
  });
});

describe("requests the rules alone took for searches", () => {
  it.each([
    ["Läuft der Abruf noch?", { kind: "status" }],
    ["Von welchen Seiten holst du die Stellen?", { kind: "sources" }],
    ["was bedeutet das alles, wie nutze ich dich?", { kind: "help" }],
    ["erzähl mir was über die dritte", { kind: "details", n: 3 }],
    ["bitte die 2 vormerken", { kind: "mark", n: 2, action: "save" }],
  ])("%s → %j", (text, intent) => {
    expect(parse(text)).toMatchObject(intent);
  });

  it("reads a stop word around a tracking verb: 'no longer follow <url>' untracks", () => {
    expect(parse("please no longer follow https://jobs.lever.co/zeta")).toEqual({
      kind: "track",
      url: "https://jobs.lever.co/zeta",
      action: "untrack",
    });
  });

  it("leaves a search that names a place or a filter a search", () => {
    expect(parse("Läuft da was für Elektriker in Würzburg?")).toMatchObject({
      kind: "search",
      args: { place: "Würzburg" },
    });
    expect(parse("Was gibt es in Teilzeit?")).toMatchObject({
      kind: "search",
      args: { employmentType: "part_time" },
    });
  });
});

describe("what the classifier does not overrule", () => {
  it("a keyword of words the model never saw stays a search for it", () => {
    for (const keyword of ["KI", "QA", "Go", "UX"])
      expect(parse(keyword)).toMatchObject({ kind: "search", args: { keywords: keyword } });
  });

  it("a number is no word of asking: 'turn 10' or 'HTTP 429' asks for no job's details", () => {
    expect(parse("turn 10")).toMatchObject({ kind: "search", args: { keywords: "turn 10" } });
    expect(parse("HTTP 429")).toMatchObject({ kind: "search", args: { keywords: "HTTP 429" } });
  });

  it("a URL alone or asked about tracks nothing (tracking changes the workspace's sources)", () => {
    expect(parse("https://jobs.lever.co/acme").kind).toBe("search");
    expect(parse("what is https://evil.example/jobs.rss?").kind).toBe("search");
  });
});

describe("the job a message refers to", () => {
  it.each([
    ["Details zu 4", 4],
    ["the 2nd please", 2],
    ["more on the fifth", 5],
    ["die dritten bitte", 3],
    ["Nummer 1 oder 2", undefined],
    ["die erste und die zweite", undefined],
    ["nothing here", undefined],
  ])("%s → %s", (text, n) => {
    expect(jobNumber(text)).toBe(n);
  });
});

describe("follow-ups in other words than 'nur' or 'und' (the classifier's 'refine' label)", () => {
  const previous = (keywords: string, place: string) => ({
    keywords,
    place,
    remote: "any" as const,
    limit: 5,
  });

  it.each([
    [
      "Teilzeit wäre auch okay",
      previous("Koch", "Bonn"),
      { keywords: "Koch", place: "Bonn", employmentType: "part_time" },
    ],
    [
      "hybrid would suit me better",
      previous("data analyst", "Berlin"),
      { keywords: "data analyst", place: "Berlin", remote: "hybrid" },
    ],
    ["lieber Mainz", previous("Bäcker", "Wiesbaden"), { keywords: "Bäcker", place: "Mainz" }],
  ])("%s → the previous search with that change", (text, prev, args) => {
    expect(parseIntent(text, lookup, prev)).toMatchObject({ kind: "search", refinement: true, args });
  });

  it("a new search after a search is a new search", () => {
    expect(parseIntent("Maurer in Ulm, Vollzeit", lookup, previous("Koch", "Bonn"))).toMatchObject({
      kind: "search",
      refinement: false,
      args: { keywords: "Maurer", place: "Ulm", employmentType: "full_time" },
    });
  });
});

describe("requests for the other intents in wordings the lists did not hold", () => {
  it.each([
    ["next 10", { kind: "more" }],
    ["noch 3 weitere bitte", { kind: "more" }],
    ["5", { kind: "details", n: 5 }],
    ["Nr. 7", { kind: "details", n: 7 }],
    ["delete 6 from my bookmarks", { kind: "mark", n: 6, action: "unsave" }],
    ["lösche die 2 aus der Merkliste", { kind: "mark", n: 2, action: "unsave" }],
    ["show me job 4 again", { kind: "mark", n: 4, action: "unhide" }],
    ["blende die 3 bitte wieder ein", { kind: "mark", n: 3, action: "unhide" }],
    ["meine Favoriten", { kind: "saved" }],
    ["open my favorites", { kind: "saved" }],
    ["Welche Jobbörsen sind angebunden?", { kind: "sources" }],
    [
      "add https://boards.greenhouse.io/delta to the job sources",
      { kind: "track", url: "https://boards.greenhouse.io/delta", action: "track" },
    ],
  ])("%s → %j", (text, intent) => {
    expect(parse(text)).toMatchObject(intent);
  });
});

describe("filler words are no keywords", () => {
  it.each([
    [
      "Erzieher in Bonn, gerne Teilzeit",
      { keywords: "Erzieher", place: "Bonn", employmentType: "part_time" },
    ],
    ["Lagerist in Kassel, kein Homeoffice", { keywords: "Lagerist", place: "Kassel", remote: "no_remote" }],
    ["Seniorstellen als Architekt in Köln", { keywords: "Architekt", place: "Köln", seniority: "senior" }],
    [
      "nurse jobs in Bonn, part-time would be great",
      { keywords: "nurse", place: "Bonn", employmentType: "part_time" },
    ],
  ])("%s → %j", (text, args) => {
    expect(parse(text)).toMatchObject({ kind: "search", args });
  });

  it("what a refresh renews ('the data', 'die Daten') is no keyword", () => {
    expect(parse("update the data for Bonn")).toMatchObject({
      kind: "refresh",
      args: { keywords: "", place: "Bonn" },
    });
    expect(parse("aktualisiere die Daten für Kiel")).toMatchObject({
      kind: "refresh",
      args: { keywords: "", place: "Kiel" },
    });
  });
});

describe("place names with a parenthesis", () => {
  it("'Frankfurt (Oder)' is Frankfurt (Oder), not Frankfurt am Main (the ')' belongs to the name)", () => {
    expect(parse("Projektmanager in Frankfurt (Oder)")).toMatchObject({
      kind: "search",
      args: { keywords: "Projektmanager", place: "Frankfurt (Oder)" },
      placeWritten: "Frankfurt (Oder)",
    });
    expect(parse("Koch in Halle (Saale), Vollzeit")).toMatchObject({
      kind: "search",
      args: { keywords: "Koch", place: "Halle (Saale)", employmentType: "full_time" },
    });
  });

  it("a parenthesis around a place or a lone half of one is no part of its name", () => {
    expect(parse("Lager in (Bamberg)")).toMatchObject({ args: { keywords: "Lager", place: "Bamberg" } });
    expect(parse("Jobs in Frankfurt")).toMatchObject({ args: { place: "Frankfurt am Main" } });
  });
});

describe("what a mark's words say with 'wieder' or 'again'", () => {
  it.each([
    ["vergiss die 2 wieder", { kind: "mark", n: 2, action: "unsave" }],
    ["forget 3 again", { kind: "mark", n: 3, action: "unsave" }],
    ["zeig mir die 5 wieder", { kind: "mark", n: 5, action: "unhide" }],
    ["blende die 3 bitte wieder ein", { kind: "mark", n: 3, action: "unhide" }],
  ])("%s → %j", (text, intent) => {
    expect(parse(text)).toEqual(intent);
  });
});

describe("a lone word or a large number is no command", () => {
  it.each([
    ["bot", "bot"],
    ["type", "type"],
    ["Done.", "Done"],
  ])("%s stays a search for %s (the model saw the word, never alone as asking)", (text, keywords) => {
    expect(parse(text)).toMatchObject({ kind: "search", args: { keywords } });
  });

  it("a lone word taught alone still asks: 'Anleitung' for help, 'Merkliste' for the saved jobs", () => {
    expect(parse("Anleitung")).toEqual({ kind: "help" });
    expect(parse("Merkliste")).toEqual({ kind: "saved" });
    expect(parse("Hallöchen")).toEqual({ kind: "greeting" });
  });

  it("a number above 100 names no job: '404: Not Found' hides nothing, '101' opens nothing", () => {
    expect(parse("404: Not Found")).toMatchObject({ kind: "search", args: { keywords: "404 Not Found" } });
    expect(parse("101")).toMatchObject({ kind: "search" });
    expect(parse("100")).toEqual({ kind: "details", n: 100 });
    expect(jobNumber("job 250")).toBeUndefined();
    expect(jobNumber("job 0")).toBeUndefined();
  });
});
