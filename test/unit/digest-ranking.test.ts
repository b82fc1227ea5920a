// Which jobs a digest shows, in which order: by fit when the owner has a profile (ties by search
// relevance), else as the search ranked them; one card per job, no closed job, at most so many per
// employer (however the employer writes its legal form) and so many in all.
import { describe, expect, it } from "vitest";
import { rankForDigest } from "../../src/jobs/alerts/digest-builder.js";
import type { SearchHit } from "../../src/search/search.service.js";
import { posting } from "../contract/search-fixtures.js";

const hit = (id: number, company: string, score: number, status: "open" | "closed" = "open"): SearchHit => ({
  job: {
    id,
    posting: posting(`k${id}`, { title: `Job ${id}`, company }),
    status,
    firstSeenAt: "2026-12-01T08:00:00.000Z",
    lastSeenAt: "2026-12-01T08:00:00.000Z",
  },
  score,
  distanceKm: null,
  why: [],
});

const ids = (hits: SearchHit[]) => hits.map((h) => h.job.id);

describe("ranking a digest", () => {
  const hits = [
    hit(1, "Dorfner GmbH & Co. KG", 0.9),
    hit(2, "Dorfner GmbH", 0.8),
    hit(3, "SAP SE", 0.7),
    hit(4, "Closed AG", 0.95, "closed"),
    hit(3, "SAP SE", 0.7),
    hit(5, "Dorfner", 0.6),
    hit(6, "Bosch (Schweiz) AG", 0.5),
  ];

  it("keeps the search's order without fit scores: each job once, no closed job, two per employer", () => {
    expect(ids(rankForDigest(hits, { maxJobs: 10, perCompany: 2 }))).toEqual([1, 2, 3, 6]);
  });

  it("stops at the most jobs a digest shows", () => {
    expect(ids(rankForDigest(hits, { maxJobs: 2, perCompany: 5 }))).toEqual([1, 2]);
  });

  it("orders by fit when the owner has a profile, unscored jobs last and ties by relevance", () => {
    const fit = new Map([
      [6, 0.9],
      [3, 0.4],
      [2, 0.4],
    ]);
    expect(ids(rankForDigest(hits, { maxJobs: 10, perCompany: 1, fit }))).toEqual([6, 2, 3]);
    expect(ids(rankForDigest(hits, { maxJobs: 10, perCompany: 3, fit }))).toEqual([6, 2, 3, 1, 5]);
  });
});
