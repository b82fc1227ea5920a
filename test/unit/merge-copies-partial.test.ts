// Merging a cross-posted job when the richer copy knows less than it seems: no dates of its own, or
// a place with half a coordinate (a board that sent a latitude without its longitude). What a user
// sees: the job keeps its posting and update dates, and stays findable in a radius search.
import { describe, expect, it } from "vitest";
import type { Posting } from "../../src/core/posting.js";
import { mergeCopies } from "../../src/pipeline/dedupe/merge-copies.js";

const rich: Posting = {
  id: "arbeitnow:7",
  title: "Data Engineer",
  company: "Kelterei Main GmbH",
  locations: [{ city: "Würzburg", country: "DE", lat: 49.79, lon: 9.95 }],
  remoteMode: "onsite",
  employmentType: "full_time",
  seniority: "mid",
  language: "de",
  postedAt: "2026-04-01T09:00:00.000Z",
  updatedAt: "2026-04-03T09:00:00.000Z",
  description: "Pipelines in Würzburg, lange Beschreibung.",
  sources: [{ source: "arbeitnow", sourceId: "7" }],
};
const undated: Posting = {
  id: "ba-jobsuche:8",
  title: "Data Engineer",
  company: "Kelterei Main",
  locations: [{ city: "Würzburg", country: "DE", lat: 49.79, lon: 9.95 }],
  remoteMode: "unknown",
  employmentType: "unknown",
  seniority: "unknown",
  language: "und",
  description: "Kurz.",
  sources: [{ source: "ba-jobsuche", sourceId: "8" }],
};

describe("mergeCopies with partial copies", () => {
  it("keeps the dates of the copy that has them, whichever copy it is", () => {
    expect(mergeCopies(rich, undated)).toMatchObject({
      postedAt: "2026-04-01T09:00:00.000Z",
      updatedAt: "2026-04-03T09:00:00.000Z",
    });
    expect(mergeCopies(undated, rich)).toMatchObject({
      postedAt: "2026-04-01T09:00:00.000Z",
      updatedAt: "2026-04-03T09:00:00.000Z",
    });
  });

  it("takes the other copy's place when the richer copy's has only half a coordinate", () => {
    const located = [{ city: "Würzburg", country: "DE", lat: 49.79, lon: 9.95 }];
    const latOnly = {
      ...undated,
      description: "Lang genug.",
      locations: [{ city: "Würzburg", country: "DE", lat: 49.79 }],
    };
    const lonOnly = {
      ...undated,
      description: "Lang genug.",
      locations: [{ city: "Würzburg", country: "DE", lon: 9.95 }],
    };
    expect(mergeCopies(latOnly, rich).locations).toEqual(located);
    expect(mergeCopies(lonOnly, rich).locations).toEqual(located);
  });
});
