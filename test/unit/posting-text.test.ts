// The place and salary a card shows for the less common postings, and the yearly figure a salary
// floor is checked against (hour, day, week and month rates in a working year).
import { describe, expect, it } from "vitest";
import { toJobCard } from "../../src/core/job-card.js";
import { salaryOf } from "../../src/agents/render.js";
import { formatPlace, levelsFor, postingId, yearlyTop, type Posting } from "../../src/core/posting.js";

const posting = (over: Partial<Posting>): Posting => ({
  id: postingId("arbeitnow", "1"),
  title: "Pflegefachkraft",
  company: "Klinikum Bamberg",
  locations: [],
  remoteMode: "onsite",
  employmentType: "full_time",
  seniority: "unknown",
  language: "de",
  description: "Pflege im Team.",
  sources: [{ source: "arbeitnow", sourceId: "1" }],
  ...over,
});

describe("a card's place", () => {
  it("names city or region and country, remote or hybrid, or that no place is given", () => {
    expect(formatPlace({ locations: [{ region: "Bayern", country: "DE" }], remoteMode: "hybrid" })).toBe(
      "Bayern, DE (hybrid)",
    );
    expect(formatPlace({ locations: [], remoteMode: "remote" })).toBe("Remote");
    expect(formatPlace({ locations: [], remoteMode: "hybrid" })).toBe("Hybrid");
    expect(formatPlace({ locations: [{ country: "DE" }], remoteMode: "remote" })).toBe("DE (remote)");
    expect(formatPlace({ locations: [], remoteMode: "unknown" })).toBe("Place not given");
  });
});

describe("a card's salary and link", () => {
  it("shows small rates as they are, a range's one end alone, and links the first source with a URL", () => {
    const hourly = toJobCard(3, {
      id: 9,
      posting: posting({
        salary: { min: 15, max: 17, currency: "EUR", period: "hour" },
        sources: [
          { source: "import", sourceId: "a" },
          { source: "arbeitnow", sourceId: "1", url: "https://www.arbeitnow.com/jobs/1" },
        ],
      }),
    });
    expect(salaryOf(hourly)).toBe("15–17 EUR/hour");
    expect(hourly).toMatchObject({
      n: 3,
      url: "https://www.arbeitnow.com/jobs/1",
      sources: ["import", "arbeitnow"],
      postedAt: null,
      score: null,
      why: [],
    });
    const upTo = toJobCard(1, {
      id: 1,
      posting: posting({ salary: { max: 4200, currency: "EUR", period: "month" } }),
    });
    expect(salaryOf(upTo)).toBe("up to 4k EUR/month");
    expect(upTo.url).toBeNull();
  });
});

describe("a salary floor", () => {
  it("compares the most a job pays in a working year", () => {
    expect(yearlyTop({ min: 15, max: 17, period: "hour" })).toBe(29_240);
    expect(yearlyTop({ min: 4000, period: "month" })).toBe(48_000);
    expect(yearlyTop({ max: 200, period: "day" })).toBe(44_000);
    expect(yearlyTop({ period: "week" })).toBeUndefined();
    expect(yearlyTop(undefined)).toBeUndefined();
  });

  it("admits leads to a senior search and only juniors to a junior one", () => {
    expect(levelsFor("senior")).toEqual(["senior", "lead"]);
    expect(levelsFor("junior")).toEqual(["junior"]);
    expect(levelsFor("mid")).toBeUndefined();
    expect(levelsFor(undefined)).toBeUndefined();
  });
});
