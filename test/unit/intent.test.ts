import { describe, expect, it } from "vitest";
import { parseIntent, type PlaceLookup, type SearchArgs } from "../../src/agents/intent.js";
import { foldText } from "../../src/core/text.js";

const PLACES: Record<string, string> = {
  frankfurt: "Frankfurt am Main",
  berlin: "Berlin",
  munich: "Munich",
  munchen: "Munich",
  "bad homburg": "Bad Homburg vor der Höhe",
  bamberg: "Bamberg",
};
const lookup: PlaceLookup = (phrase, bare) =>
  bare && foldText(phrase) === "bad homburg" ? undefined : PLACES[foldText(phrase)];

function search(text: string, previous?: SearchArgs) {
  const intent = parseIntent(text, lookup, previous);
  if (intent.kind !== "search") throw new Error(`expected a search, got ${intent.kind}`);
  return intent;
}

describe("parseIntent", () => {
  it("turns a full request into search filters", () => {
    const { args } = search("python jobs in Frankfurt posted this week, remote ok");
    expect(args).toMatchObject({
      keywords: "python",
      place: "Frankfurt am Main",
      remote: "remote_ok",
      postedWithinDays: 7,
    });
  });

  it("reads “Python-Jobs”, “IT-Stellen” as the field they name, not as a keyword with “jobs” in it", () => {
    expect(search("Suche Python-Jobs in Berlin").args).toMatchObject({ keywords: "Python", place: "Berlin" });
    expect(search("IT-Stellen in Frankfurt").args).toMatchObject({
      keywords: "IT",
      place: "Frankfurt am Main",
    });
    expect(search("java-job frankfurt").args.keywords).toBe("java");
    // A compound whose last part is not a word for "job" stays whole.
    expect(search("Front-End jobs in Berlin").args.keywords).toBe("Front-End");
  });

  it("finds places without a preposition, lower case and with umlauts, preferring the longest name", () => {
    expect(search("data scientist berlin").args).toMatchObject({
      keywords: "data scientist",
      place: "Berlin",
    });
    expect(search("Pflege in München").args).toMatchObject({ keywords: "Pflege", place: "Munich" });
    expect(search("jobs near Bad Homburg").args.place).toBe("Bad Homburg vor der Höhe");
  });

  it("reads a radius and keeps plain place-only requests keyword-free", () => {
    const { args } = search("find me jobs within 30 km of Bamberg");
    expect(args).toMatchObject({ keywords: "", place: "Bamberg", radiusKm: 30, remote: "any" });
  });

  it("refines the previous search", () => {
    const first = search("python jobs in Frankfurt").args;
    const refined = search("only remote ones", first);
    expect(refined.refinement).toBe(true);
    expect(refined.args).toMatchObject({
      keywords: "python",
      place: "Frankfurt am Main",
      remote: "remote_only",
    });
    const moved = search("what about Berlin", first);
    expect(moved.args).toMatchObject({ keywords: "python", place: "Berlin" });
  });

  it("starts a new search when the message stands on its own", () => {
    const first = search("python jobs in Frankfurt").args;
    const fresh = search("nurse jobs in Berlin", first);
    expect(fresh.refinement).toBe(false);
    expect(fresh.args).toMatchObject({ keywords: "nurse", place: "Berlin", remote: "any" });
  });

  it("recognises status, help, more and refresh requests", () => {
    expect(parseIntent("status", lookup).kind).toBe("status");
    expect(parseIntent("help", lookup).kind).toBe("help");
    for (const more of [
      "more",
      "show me more",
      "Show more please!",
      "next page",
      "give me the next ones",
      "mehr anzeigen",
      "weitere Stellen",
      "ok, more",
    ])
      expect(parseIntent(more, lookup).kind, more).toBe("more");
    // A message that says what more of is a search.
    expect(parseIntent("more python jobs in Berlin", lookup)).toMatchObject({
      kind: "search",
      args: { keywords: "python", place: "Berlin" },
    });
    const refresh = parseIntent("refresh python jobs in Berlin", lookup);
    expect(refresh).toMatchObject({ kind: "refresh", args: { keywords: "python", place: "Berlin" } });
  });

  it("asks for a dashboard link only when the message is about the dashboard", () => {
    for (const t of ["dashboard", "Dashboard?", "open the dashboard", "dashboard link"])
      expect(parseIntent(t, lookup).kind, t).toBe("dashboard");
    expect(parseIntent("dashboard developer jobs in Berlin", lookup).kind).toBe("search");
  });

  it("reads “best for me” and “best for the team”, in English and German, without keeping them as keywords", () => {
    expect(search("python jobs in Berlin best for the team").args).toMatchObject({
      keywords: "python",
      place: "Berlin",
      rankFor: "team",
    });
    expect(search("which python jobs are best for me").args).toMatchObject({
      keywords: "python",
      rankFor: "me",
    });
    expect(search("welche Python-Jobs sind am besten fürs Team").args).toMatchObject({
      keywords: "Python",
      rankFor: "team",
    });
    expect(search("Python Jobs in Berlin am besten für mich").args).toMatchObject({
      keywords: "Python",
      place: "Berlin",
      rankFor: "me",
    });
    expect(search("python jobs für unser Team").args).toMatchObject({ keywords: "python", rankFor: "team" });
    expect(search("python jobs in Berlin").args.rankFor).toBeUndefined();
    // A follow-up asking only for the other ranking keeps the search.
    const first = search("python jobs in Berlin best for me").args;
    expect(search("and best for the team", first).args).toMatchObject({
      keywords: "python",
      place: "Berlin",
      rankFor: "team",
    });
    // Team requests stay team requests.
    expect(parseIntent("what did the team apply to this week", lookup).kind).toBe("team");
  });

  it("reads time windows", () => {
    expect(search("jobs in Berlin posted today").args.postedWithinDays).toBe(1);
    expect(search("java jobs last 3 days").args).toMatchObject({ keywords: "java", postedWithinDays: 3 });
  });

  it("never turns German function words into keywords and reads German filters", () => {
    const wurzburg: PlaceLookup = (phrase) => (foldText(phrase) === "wurzburg" ? "Würzburg" : undefined);
    const intent = parseIntent(
      "Suche eine Stelle als Elektriker in der Nähe von Würzburg, Vollzeit",
      wurzburg,
    );
    expect(intent).toMatchObject({
      kind: "search",
      args: { keywords: "Elektriker", place: "Würzburg", employmentType: "full_time" },
    });
    expect(search("Senior Entwickler ab 60k, remote möglich, seit gestern").args).toMatchObject({
      keywords: "Entwickler",
      seniority: "senior",
      salaryMin: { min: 60000, period: "year" },
      remote: "remote_ok",
      postedWithinDays: 1,
    });
    expect(search("Maurer im Umkreis von 30 km um Bamberg").args).toMatchObject({
      keywords: "Maurer",
      place: "Bamberg",
      radiusKm: 30,
    });
  });

  it("understands German follow-ups and job references", () => {
    const first = search("Koch in Berlin").args;
    expect(search("und in München?", first).args).toMatchObject({ keywords: "Koch", place: "Munich" });
    expect(search("nur Teilzeit", first).args).toMatchObject({
      keywords: "Koch",
      employmentType: "part_time",
    });
    expect(parseIntent("zeig mehr", lookup).kind).toBe("more");
    expect(parseIntent("Details zu 2", lookup)).toEqual({ kind: "details", n: 2 });
    expect(parseIntent("merk dir Nummer 3", lookup)).toEqual({ kind: "mark", n: 3, action: "save" });
  });
});
