// Ashby adapter on the recorded OpenEvidence and Truelogic boards and on variants of them
// (compensation shapes, unlisted jobs, workplace and employment types).
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Posting } from "../../src/core/posting.js";
import { createAshbySource } from "../../src/pipeline/sources/ashby.source.js";
import { createHttpClient } from "../../src/pipeline/sources/http.js";
import type { NormalizeResult, SourceAdapter } from "../../src/pipeline/sources/source.js";
import { ASHBY_PATH, recordedBoards, startAtsServer, type AtsServer } from "../support/ats-server.js";
import { fetchAll, USER_AGENT } from "./source-adapter.contract.js";

const client = createHttpClient({ userAgent: USER_AGENT, timeoutMs: 5000 });

async function resultsOf(adapter: SourceAdapter): Promise<Map<string, NormalizeResult>> {
  const { items } = await fetchAll(adapter, client, {});
  return new Map(items.map((i) => [i.sourceId, adapter.normalize(i)]));
}
async function postingsOf(adapter: SourceAdapter): Promise<Map<string, Posting>> {
  const out = new Map<string, Posting>();
  for (const [id, r] of await resultsOf(adapter)) {
    if (!r.ok) throw new Error(r.reason);
    out.set(id, r.posting);
  }
  return out;
}

const salary = (currency: string, minValue: number | null, maxValue: number | null, interval = "1 YEAR") => ({
  compensationType: "Salary",
  interval,
  currencyCode: currency,
  minValue,
  maxValue,
});

describe("ashby adapter", () => {
  let server: AtsServer;

  beforeAll(async () => {
    const [job] = recordedBoards().ashby.openevidence!;
    // The recorded jobs say shouldDisplayCompensationOnJobPostings: false; these employers show pay.
    const v = (id: string, extra: Record<string, unknown>) => ({
      ...job,
      id,
      shouldDisplayCompensationOnJobPostings: true,
      ...extra,
    });
    const variants = [
      v("summary", {
        compensation: {
          compensationTierSummary: "$150K – $190K • Offers Equity",
          summaryComponents: [
            { compensationType: "EquityPercentage", minValue: 0.1, maxValue: 0.2 },
            salary("USD", 150000, 190000),
          ],
          compensationTiers: [],
        },
      }),
      v("tiers-one-currency", {
        compensation: {
          compensationTiers: [
            { components: [salary("EUR", 60000, 70000)] },
            { components: [salary("EUR", 65000, 80000)] },
          ],
        },
      }),
      v("tiers-two-currencies", {
        compensation: {
          compensationTiers: [
            { components: [salary("USD", 92000, 115000)] },
            { components: [salary("JPY", 95000000, 119000000)] },
          ],
        },
      }),
      v("hidden-pay", {
        shouldDisplayCompensationOnJobPostings: false,
        compensation: { summaryComponents: [salary("USD", 1, 2)] },
      }),
      v("unlisted", { isListed: false }),
      v("hybrid-intern", {
        title: "Praktikum Softwareentwicklung",
        employmentType: "Intern",
        workplaceType: "Hybrid",
        location: "Berlin",
        address: { postalAddress: { addressLocality: "Berlin", addressCountry: "Germany" } },
        secondaryLocations: [],
        descriptionHtml: "",
        descriptionPlain: "Du entwickelst mit uns Software für Ärztinnen und Ärzte und lernst dabei viel.",
      }),
    ];
    server = await startAtsServer({ boards: { ashby: { variants } } });
  });
  afterAll(async () => {
    await server.close();
  });

  it("asks for compensation and keeps primary and secondary locations from the addresses", async () => {
    const postings = await postingsOf(
      createAshbySource({ board: "openevidence", name: "OpenEvidence" }, { baseUrl: server.url }),
    );
    const calls = server.requests.filter((r) => r.path === ASHBY_PATH("openevidence"));
    expect(calls.at(-1)?.query).toEqual({ includeCompensation: "true" });
    const p = postings.get("4c577aae-1ad0-444b-9e15-2ad994333de4")!;
    expect(p).toMatchObject({
      title: "Member of Technical Staff",
      company: "OpenEvidence",
      remoteMode: "onsite",
      employmentType: "full_time",
      postedAt: "2026-01-22T21:44:44.930Z",
      applyUrl: "https://jobs.ashbyhq.com/openevidence/4c577aae-1ad0-444b-9e15-2ad994333de4/application",
    });
    expect(p.sources[0]?.url).toBe(
      "https://jobs.ashbyhq.com/openevidence/4c577aae-1ad0-444b-9e15-2ad994333de4",
    );
    expect(p.locations.map((l) => [l.city, l.region, l.country])).toEqual([
      ["San Francisco", "California", "US"],
      ["Miami", "Florida", "US"],
    ]);
    expect(p.locations.every((l) => l.lat !== undefined && l.lon !== undefined)).toBe(true);
    // Nothing to show in the recorded (empty) compensation.
    expect(p.salary).toBeUndefined();
    expect(p.description).toMatch(/^OpenEvidence is the most widely used medical AI platform in the world\./);
    expect(p.description).not.toMatch(/<\/?(p|strong|li)\b/);
  });

  it("marks remote boards remote and does not take 'LatAm' for a city", async () => {
    const postings = await postingsOf(createAshbySource({ board: "truelogic" }, { baseUrl: server.url }));
    expect(postings.size).toBe(3);
    for (const p of postings.values()) {
      expect(p.remoteMode).toBe("remote");
      expect(p.locations.filter((l) => l.city)).toEqual([]);
    }
    expect(postings.get("09bb501c-e72d-4c9e-8df3-212ac53e69d9")!.seniority).toBe("senior");
  });

  it("reads the base salary without mixing currencies, and hides pay the employer hides", async () => {
    const results = await resultsOf(createAshbySource({ board: "variants" }, { baseUrl: server.url }));
    const posting = (id: string) => {
      const r = results.get(id)!;
      if (!r.ok) throw new Error(r.reason);
      return r.posting;
    };
    expect(posting("summary").salary).toEqual({ min: 150000, max: 190000, currency: "USD", period: "year" });
    expect(posting("tiers-one-currency").salary).toEqual({
      min: 60000,
      max: 80000,
      currency: "EUR",
      period: "year",
    });
    expect(posting("tiers-two-currencies").salary).toBeUndefined();
    expect(posting("hidden-pay").salary).toBeUndefined();
  });

  it("rejects unlisted jobs with a reason and reads workplace and employment types", async () => {
    const results = await resultsOf(createAshbySource({ board: "variants" }, { baseUrl: server.url }));
    const unlisted = results.get("unlisted")!;
    expect(unlisted.ok).toBe(false);
    if (!unlisted.ok) expect(unlisted.reason).toMatch(/ashby-variants unlisted: not listed/);
    const intern = results.get("hybrid-intern")!;
    if (!intern.ok) throw new Error(intern.reason);
    expect(intern.posting).toMatchObject({
      remoteMode: "hybrid",
      employmentType: "internship",
      seniority: "intern",
      language: "de",
      description: "Du entwickelst mit uns Software für Ärztinnen und Ärzte und lernst dabei viel.",
    });
    expect(intern.posting.locations[0]).toMatchObject({ city: "Berlin", country: "DE" });
  });
});
