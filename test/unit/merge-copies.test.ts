// One job from two copies of a posting: what a user sees of a cross-posted job (its remote mode, its
// place with coordinates for radius searches, salary, apply link, dates) must survive the merge.
import { describe, expect, it } from "vitest";
import type { Posting } from "../../src/core/posting.js";
import { mergeCopies } from "../../src/pipeline/dedupe/merge-copies.js";

const base: Posting = {
  id: "arbeitnow:1",
  title: "Backend Engineer (m/w/d)",
  company: "Anlagenbau Franken GmbH",
  locations: [{ city: "Bamberg", country: "DE", lat: 49.89, lon: 10.89 }],
  remoteMode: "hybrid",
  employmentType: "full_time",
  seniority: "senior",
  language: "de",
  postedAt: "2026-03-01T08:00:00.000Z",
  updatedAt: "2026-03-05T08:00:00.000Z",
  description: "Go und Postgres in Bamberg.",
  salary: { min: 60000, max: 75000, currency: "EUR", period: "year" },
  applyUrl: "https://arbeitnow.example/1",
  sources: [{ source: "arbeitnow", sourceId: "1" }],
};
const bare: Posting = {
  id: "ba-jobsuche:9",
  title: "Backend-Engineer",
  company: "Anlagenbau Franken",
  locations: [],
  remoteMode: "unknown",
  employmentType: "unknown",
  seniority: "unknown",
  language: "und",
  description: "Kurz.",
  sources: [{ source: "ba-jobsuche", sourceId: "9" }],
};

describe("mergeCopies", () => {
  it("keeps everything the richer copy knows and takes the other's earliest posting and latest update", () => {
    const other: Posting = {
      ...bare,
      locations: [{ city: "Nürnberg", country: "DE", lat: 49.45, lon: 11.08 }],
      remoteMode: "remote",
      employmentType: "part_time",
      seniority: "junior",
      language: "en",
      postedAt: "2026-02-20T08:00:00.000Z",
      updatedAt: "2026-03-09T08:00:00.000Z",
      salary: { min: 40000, currency: "EUR", period: "year" },
      applyUrl: "https://ba.example/9",
    };
    expect(mergeCopies(base, other)).toEqual({
      ...base,
      postedAt: "2026-02-20T08:00:00.000Z",
      updatedAt: "2026-03-09T08:00:00.000Z",
    });
    // The other way round the dates are the base's own.
    const later = { ...other, postedAt: "2026-03-02T08:00:00.000Z", updatedAt: "2026-03-04T08:00:00.000Z" };
    expect(mergeCopies(base, later)).toEqual(base);
  });

  it("fills in what the richer copy lacks: remote mode, a located place, salary, apply link, kinds and dates", () => {
    const poor: Posting = {
      ...base,
      id: "ba-jobsuche:2",
      locations: [{ city: "Bamberg", country: "DE", lat: 49.89, lon: 10.89 }],
      remoteMode: "remote",
      sources: [{ source: "ba-jobsuche", sourceId: "2" }],
    };
    const rich: Posting = {
      ...bare,
      id: "arbeitnow:3",
      locations: [{ city: "Bamberg", country: "DE" }],
      description: "Eine lange Beschreibung.",
    };
    expect(mergeCopies(rich, poor)).toEqual({
      ...rich,
      locations: [{ city: "Bamberg", country: "DE", lat: 49.89, lon: 10.89 }],
      remoteMode: "remote",
      employmentType: "full_time",
      seniority: "senior",
      language: "de",
      salary: { min: 60000, max: 75000, currency: "EUR", period: "year" },
      applyUrl: "https://arbeitnow.example/1",
      postedAt: "2026-03-01T08:00:00.000Z",
      updatedAt: "2026-03-05T08:00:00.000Z",
    });
    // A copy without places takes the other's even when those lack coordinates too.
    const unlocated = [{ city: "Bamberg", country: "DE" }];
    expect(mergeCopies(bare, { ...bare, locations: unlocated }).locations).toEqual(unlocated);
    // Located places are kept over the other's located ones, and over unlocated ones.
    expect(mergeCopies(base, { ...bare, locations: unlocated }).locations).toEqual(base.locations);
    expect(mergeCopies({ ...base, locations: unlocated }, bare).locations).toEqual(unlocated);
  });

  it("leaves out what neither copy knows rather than writing empty fields", () => {
    const merged = mergeCopies(bare, { ...bare, id: "x:1" });
    expect(merged).toEqual(bare);
    expect(Object.keys(merged).sort()).toEqual(Object.keys(bare).sort());
  });
});
