// Deutsche Bank search items that depart from the recorded shape: corporate titles as the only
// seniority hint, coordinates as strings or zero, dates only on the publication channel. Items are
// small variants of test/fixtures/job-sources/deutsche-bank/search-result-items.json.
import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import type { Posting } from "../../src/core/posting.js";
import { normalizeDeutscheBankItem } from "../../src/pipeline/sources/deutsche-bank.source.js";

const recorded = JSON.parse(
  readFileSync(
    new URL("../fixtures/job-sources/deutsche-bank/search-result-items.json", import.meta.url),
    "utf8",
  ),
) as { MatchedObjectDescriptor: Record<string, unknown> }[];
const base = recorded[0]!.MatchedObjectDescriptor;

function posting(patch: Record<string, unknown>): Posting {
  const r = normalizeDeutscheBankItem({
    sourceId: "item1",
    raw: { MatchedObjectDescriptor: { ...structuredClone(base), ...patch } },
  });
  if (!r.ok) throw new Error(`expected a posting, got: ${r.reason}`);
  return r.posting;
}

describe("Deutsche Bank items", () => {
  it("a bank's corporate title decides the seniority when the job title says nothing", () => {
    const at = (level: string) =>
      posting({ PositionTitle: "Risk Model Validation", CareerLevel: [{ Code: "1", Name: level }] })
        .seniority;
    expect(at("Vice President")).toBe("senior");
    expect(at("Analyst")).toBe("junior");
    expect(at("Managing Director")).toBe("executive");
    expect(at("kein Corporate Title")).toBe("unknown");
  });

  it("the title's own level wins over the corporate title", () => {
    const p = posting({ PositionTitle: "Senior Engineer", CareerLevel: [{ Code: "1", Name: "Analyst" }] });
    expect(p.seniority).toBe("senior");
  });

  it("uses coordinates sent as strings, and looks the city up when they are zero or out of range", () => {
    const loc = (Latitude: unknown, Longitude: unknown) =>
      posting({
        PositionLocation: [{ CityName: "Frankfurt am Main", CountryCode: "DE", Latitude, Longitude }],
      }).locations[0]!;
    expect(loc("50.11", "8.68")).toMatchObject({ lat: 50.11, lon: 8.68 });
    const looked = loc(0, 0);
    expect(looked.lat).toBeCloseTo(50.11, 1);
    expect(loc("95", "8.68").lat).toBeCloseTo(50.11, 1);
  });

  it("a location with no city, region or country is left out of the card and the description", () => {
    const p = posting({ PositionLocation: [{ CityName: "" }] });
    expect(p.locations).toEqual([]);
    expect(p.description.split("\n")[0]).toBe(
      "Bankkaufmann / Versicherungskaufmann als selbstständiger Finanzberater (w/m/d) — Deutsche Bank Finanzberatung.",
    );
  });

  it("takes the posting date from the publication channel when there is no start date", () => {
    const p = posting({
      PublicationStartDate: undefined,
      PublicationChannel: [{ Id: 12, StartDate: "2024-02-01" }],
    });
    // Same instant as when the date comes as PublicationStartDate (a German calendar day).
    expect(p.postedAt).toBe(posting({ PublicationStartDate: "2024-02-01" }).postedAt);
    expect(p.postedAt?.slice(0, 10)).toMatch(/^2024-0(1-31|2-01)$/);
    expect(posting({ PublicationStartDate: undefined, PublicationChannel: [] }).postedAt).toBeUndefined();
  });
});
