// The "why" lines under a search hit, in English and German: what matched, how far, how remote, how
// old. Expected lines are written out as a job seeker reads them.
import { describe, expect, it } from "vitest";
import { phrasesFor } from "../../src/answers/phrases/phrases.js";
import { explain, formatKm, postedAgo, type ExplainInput } from "../../src/search/explain.js";
import type { StoredJob } from "../../src/store/jobs.repo.js";
import { FRANKFURT, posting } from "../contract/search-fixtures.js";

const NOW = new Date("2026-06-15T12:00:00Z");
const ago = (days: number) => new Date(NOW.getTime() - days * 86_400_000 - 3_600_000).toISOString();

function job(over: Parameters<typeof posting>[1]): StoredJob {
  return {
    id: 1,
    posting: posting("why", over),
    status: "open",
    firstSeenAt: NOW.toISOString(),
    lastSeenAt: NOW.toISOString(),
  };
}

const base = (over: Partial<ExplainInput>): ExplainInput => ({
  job: job({}),
  terms: [],
  lexical: false,
  semantic: false,
  place: undefined,
  distanceKm: null,
  now: NOW,
  ...over,
});

describe("why a job was found", () => {
  it("says how long ago a job was posted, from today to months, in English and German", () => {
    const de = phrasesFor("de").why;
    const said = [0, 1, 5, 20, 90].map((d) => [postedAgo(ago(d), NOW), postedAgo(ago(d), NOW, de)]);
    expect(said).toEqual([
      ["posted today", "heute veröffentlicht"],
      ["posted yesterday", "gestern veröffentlicht"],
      ["posted 5 days ago", "vor 5 Tagen veröffentlicht"],
      ["posted 3 weeks ago", "vor 3 Wochen veröffentlicht"],
      ["posted 3 months ago", "vor 3 Monaten veröffentlicht"],
    ]);
  });

  it("writes distances under 1 km, under 10 km to a tenth, and beyond in whole kilometres", () => {
    expect([formatKm(0.4), formatKm(7.46), formatKm(27.6)]).toEqual(["less than 1 km", "7.5 km", "28 km"]);
    expect(formatKm(0.4, phrasesFor("de").why)).toBe("weniger als 1 km");
  });

  it("falls back to 'matches your keywords' or 'similar' when no word shows in title, company or text", () => {
    expect(explain(base({ terms: ["kubernetes"], lexical: true }))).toEqual(["matches your keywords"]);
    expect(explain(base({ terms: ["kubernetes"], semantic: true }))).toEqual([
      "similar to what you searched for",
    ]);
    expect(explain(base({ terms: ["kubernetes"], semantic: true, words: phrasesFor("de").why }))).toEqual([
      "ähnlich wie deine Suche",
    ]);
    expect(explain(base({ terms: ["kubernetes"] }))).toEqual([]);
  });

  it("finds a short word only at the start of a word: Go in “Go Developer”, not in “Cargo”", () => {
    expect(explain(base({ job: job({ title: "Go Developer" }), terms: ["go"], lexical: true }))).toEqual([
      "title matches “go”",
    ]);
    expect(explain(base({ job: job({ title: "Cargo Manager" }), terms: ["go"], lexical: true }))).toEqual([
      "matches your keywords",
    ]);
  });

  it("names where each word was found, the place, remote mode and age, in German too", () => {
    const hit = job({
      title: "Python Entwickler (m/w/d)",
      company: "Django Werke GmbH",
      description: "Wir bauen APIs mit PostgreSQL.",
      locations: [{ city: "Frankfurt am Main", country: "DE", lat: 50.11, lon: 8.68 }],
      remoteMode: "hybrid",
      postedAt: ago(1),
    });
    const place = { ...FRANKFURT, radiusKm: 10 };
    const input = base({ job: hit, terms: ["python", "django", "postgresql"], place, distanceKm: 0.3 });
    expect(explain(input)).toEqual([
      "title matches “python”",
      "company matches “django”",
      "description mentions “postgresql”",
      "less than 1 km from Frankfurt",
      "hybrid (partly remote)",
      "posted yesterday",
    ]);
    expect(explain({ ...input, words: phrasesFor("de").why })).toEqual([
      "Titel passt zu „python“",
      "Firma passt zu „django“",
      "Beschreibung nennt „postgresql“",
      "weniger als 1 km von Frankfurt",
      "hybrid (teils remote)",
      "gestern veröffentlicht",
    ]);
  });

  it("names the city of a job without coordinates, and a remote job outside the radius as remote", () => {
    const place = { ...FRANKFURT, radiusKm: 10 };
    const noCoords = job({ locations: [{ city: "Frankfurt am Main" }] });
    expect(explain(base({ job: noCoords, place }))).toEqual(["in Frankfurt am Main"]);
    expect(explain(base({ job: job({ locations: [] }), place }))).toEqual(["in Frankfurt"]);
    const remote = job({ locations: [{ city: "Hamburg", lat: 53.55, lon: 9.99 }], remoteMode: "remote" });
    expect(explain(base({ job: remote, place, distanceKm: 393 }))).toEqual([
      "remote, so the place does not matter",
    ]);
    expect(explain(base({ job: remote }))).toEqual(["remote"]);
  });
});
