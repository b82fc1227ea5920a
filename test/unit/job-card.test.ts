// What a job card shows (place, salary, link, sources) and when two apply links name the same
// posting: both are what a person sees of a job and of dedupe.
import { describe, expect, it } from "vitest";
import { toJobCard } from "../../src/core/job-card.js";
import { salaryOf } from "../../src/agents/render.js";
import { formatPlace, type Posting } from "../../src/core/posting.js";
import { canonicalUrl } from "../../src/pipeline/canonical-url.js";

const posting = (over: Partial<Posting> = {}): Posting => ({
  id: "arbeitnow:1",
  title: "Pflegefachkraft (m/w/d)",
  company: "Klinikum Bamberg",
  locations: [{ city: "Bamberg", country: "DE" }],
  remoteMode: "onsite",
  employmentType: "full_time",
  seniority: "unknown",
  language: "de",
  description: "Pflege.",
  sources: [{ source: "arbeitnow", sourceId: "1" }],
  ...over,
});

describe("job cards", () => {
  it("show the salary as a range, one end with “from”/“up to”, or small amounts as they are, in the reader's language", () => {
    const salary = (s: Posting["salary"], lang: "en" | "de" = "en") =>
      salaryOf(toJobCard(1, { id: 1, posting: posting({ salary: s }) }), lang);
    const range = { min: 45000, max: 52500, currency: "EUR", period: "year" } as const;
    expect(salary(range)).toBe("45k–53k EUR/year");
    expect(salary(range, "de")).toBe("45k–53k EUR/Jahr");
    expect(salary({ min: 3200, currency: "EUR", period: "month" })).toBe("from 3k EUR/month");
    expect(salary({ min: 3200, currency: "EUR", period: "month" }, "de")).toBe("ab 3k EUR/Monat");
    expect(salary({ max: 18.5, currency: "EUR", period: "hour" })).toBe("up to 18.5 EUR/hour");
    expect(salary({ max: 18.5, currency: "EUR", period: "hour" }, "de")).toBe("bis 18,5 EUR/Stunde");
    // Both ends round to the same thousand: one amount, not "45k–45k".
    expect(salary({ min: 45200, max: 45400, currency: "EUR", period: "year" })).toBe("45k EUR/year");
    expect(salary(undefined)).toBeNull();
    // A card kept in conversation memory from before salaries were data still shows its text.
    expect(salaryOf({ salary: "4k EUR/month" }, "de")).toBe("4k EUR/month");
  });

  it("link to the apply page, else to the first source that has a page, and name each source once", () => {
    const card = (p: Partial<Posting>) =>
      toJobCard(3, { id: 9, posting: posting(p) }, { score: 0.82, why: ["Pflege"] });
    const twoSources = {
      sources: [
        { source: "ba-jobsuche", sourceId: "a" },
        { source: "arbeitnow", sourceId: "b", url: "https://arbeitnow.example/b" },
        { source: "arbeitnow", sourceId: "c", url: "https://arbeitnow.example/c" },
      ],
    };
    expect(card(twoSources)).toMatchObject({
      n: 3,
      id: 9,
      url: "https://arbeitnow.example/b",
      sources: ["ba-jobsuche", "arbeitnow"],
      score: 0.82,
      why: ["Pflege"],
      place: "Bamberg, DE",
      postedAt: null,
    });
    expect(card({ ...twoSources, applyUrl: "https://klinikum.example/apply" }).url).toBe(
      "https://klinikum.example/apply",
    );
    expect(card({}).url).toBeNull();
    expect(toJobCard(1, { id: 1, posting: posting() })).toMatchObject({ score: null, why: [] });
  });

  it("say where a job is, and whether it is remote or hybrid", () => {
    expect(formatPlace(posting({ remoteMode: "remote" }))).toBe("Bamberg, DE (remote)");
    expect(formatPlace(posting({ remoteMode: "remote", locations: [] }))).toBe("Remote");
    expect(formatPlace(posting({ remoteMode: "hybrid", locations: [{ region: "Bayern" }] }))).toBe(
      "Bayern (hybrid)",
    );
    expect(formatPlace(posting({ remoteMode: "hybrid", locations: [] }))).toBe("Hybrid");
    expect(formatPlace(posting({ locations: [] }))).toBe("Place not given");
  });

  it("name every office of a posting for several, a few at most, with the country once", () => {
    const at = (...l: Array<[string | undefined, string]>) =>
      formatPlace(
        posting({ locations: l.map(([city, country]) => (city ? { city, country } : { country })) }),
      );
    expect(at(["Hamburg", "DE"], ["Berlin", "DE"])).toBe("Hamburg / Berlin, DE");
    expect(at(["Berlin", "DE"], ["Wien", "AT"])).toBe("Berlin, DE / Wien, AT");
    expect(at(["Köln", "DE"], ["Bonn", "DE"], ["Essen", "DE"], ["Kiel", "DE"], ["Ulm", "DE"])).toBe(
      "Köln / Bonn / Essen +2, DE",
    );
    // A bare country beside named places adds nothing to the line.
    expect(at([undefined, "DE"], ["München", "DE"])).toBe("München, DE");
    expect(at([undefined, "DE"])).toBe("DE");
  });
});

describe("canonicalUrl", () => {
  it("makes two links to the same posting equal: tracking, fragment, www, port, slash and order aside", () => {
    expect(canonicalUrl("http://WWW.Jobs.Example:80/stellen/42/?utm_source=x&b=2&gclid=1&a=1#apply")).toBe(
      "https://jobs.example/stellen/42?a=1&b=2",
    );
    expect(canonicalUrl("https://jobs.example:443/stellen/42?ref=mail&REFID=3&_hsenc=x&id=7")).toBe(
      "https://jobs.example/stellen/42?id=7",
    );
    expect(canonicalUrl("https://jobs.example///")).toBe("https://jobs.example/");
    // Another port is another site.
    expect(canonicalUrl("https://jobs.example:8443/x")).toBe("https://jobs.example:8443/x");
  });

  it("has no canonical form for what is not an http link", () => {
    for (const raw of [undefined, "", "not a url", "mailto:jobs@example.com", "ftp://example.com/x"])
      expect(canonicalUrl(raw)).toBeUndefined();
  });
});
