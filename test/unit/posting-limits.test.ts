// Postings are untrusted input: every field is bounded on the way in, and the posting says which
// fields were shortened.
import { describe, expect, it } from "vitest";
import { clipPosting, POSTING_LIMITS, postingSchema, type Posting } from "../../src/core/posting.js";

const base: Posting = {
  id: "j_1",
  title: "Backend Engineer",
  company: "Acme",
  locations: [{ city: "Berlin", country: "DE" }],
  remoteMode: "onsite",
  employmentType: "full_time",
  seniority: "mid",
  language: "en",
  description: "Build things.",
  applyUrl: "https://acme.example/jobs/1",
  sources: [{ source: "greenhouse-acme", sourceId: "1", url: "https://acme.example/jobs/1" }],
};

describe("clipPosting", () => {
  it("leaves a posting within the limits as it is", () => {
    expect(clipPosting(base)).toEqual({ posting: base, clipped: [] });
  });

  it("shortens over-long text fields, drops over-long URLs and surplus locations, and records which", () => {
    const long = `https://acme.example/${"a".repeat(POSTING_LIMITS.url)}`;
    const { posting, clipped } = clipPosting({
      ...base,
      title: "T".repeat(10_000),
      company: "C".repeat(1000),
      description: "word ".repeat(2_000_000),
      locations: Array.from({ length: 500 }, () => ({ city: "X".repeat(5000) })),
      applyUrl: long,
      sources: [{ source: "greenhouse-acme", sourceId: "1", url: long }],
    });
    expect(clipped.sort()).toEqual(["applyUrl", "company", "description", "locations", "sources", "title"]);
    expect(posting.clipped).toEqual(clipped);
    expect(posting.title).toHaveLength(POSTING_LIMITS.title);
    expect(posting.title.endsWith("…")).toBe(true);
    expect(posting.company).toHaveLength(POSTING_LIMITS.company);
    expect(posting.description).toHaveLength(POSTING_LIMITS.description);
    expect(posting.locations).toHaveLength(POSTING_LIMITS.locations);
    expect(posting.locations[0]?.city).toHaveLength(POSTING_LIMITS.place);
    expect(posting.applyUrl).toBeUndefined();
    expect(posting.sources).toEqual([{ source: "greenhouse-acme", sourceId: "1" }]);
    // What comes out is a valid posting, so it is stored instead of rejected.
    expect(postingSchema.safeParse(posting).success).toBe(true);
  });
});
