// Lever adapter on the recorded Palantir postings and on variants of them (salary range, workplace
// types, several locations, plain-text-only postings).
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { haversineKm } from "../../src/core/geo/distance.js";
import type { Posting } from "../../src/core/posting.js";
import { createHttpClient, HttpError } from "../../src/pipeline/sources/http.js";
import { createLeverSource } from "../../src/pipeline/sources/lever.source.js";
import type { SourceAdapter } from "../../src/pipeline/sources/source.js";
import { LEVER_PATH, recordedBoards, startAtsServer, type AtsServer } from "../support/ats-server.js";
import { fetchAll, USER_AGENT } from "./source-adapter.contract.js";

const client = createHttpClient({ userAgent: USER_AGENT, timeoutMs: 5000 });

async function postingsOf(adapter: SourceAdapter): Promise<Map<string, Posting>> {
  const { items } = await fetchAll(adapter, client, {});
  const out = new Map<string, Posting>();
  for (const item of items) {
    const r = adapter.normalize(item);
    if (!r.ok) throw new Error(r.reason);
    out.set(item.sourceId, r.posting);
  }
  return out;
}

const LONDON = "ac978161-6f46-4f6b-ad9e-a258e642751c";
const PALO_ALTO = "0bbfd4f4-41ff-4ec6-b73f-5200efd5d4d3";

describe("lever adapter", () => {
  let server: AtsServer;

  beforeAll(async () => {
    const [london, paloAlto] = recordedBoards().lever.palantir!;
    const variants = [
      {
        ...paloAlto,
        id: "v-salary",
        workplaceType: "remote",
        salaryRange: { min: 97000, max: 60000, currency: "USD", interval: "per-year-salary" },
      },
      {
        ...london,
        id: "v-two-places",
        text: "Forward Deployed Engineer - Intern",
        workplaceType: "unspecified",
        country: "DE",
        categories: { commitment: "Intern", location: "Berlin", allLocations: ["Berlin", "Munich, Germany"] },
      },
      {
        id: "v-plain",
        text: "Werkstudent Datenanalyse (m/w/d)",
        categories: { commitment: "Part-time", location: "Frankfurt" },
        descriptionPlain:
          "Wir suchen dich für die Analyse unserer Daten und bieten dir flexible Arbeitszeiten.",
        lists: [{ text: "Deine Aufgaben", content: "<li>Daten aufbereiten</li><li>Berichte erstellen</li>" }],
        hostedUrl: "https://jobs.lever.co/variants/v-plain",
        createdAt: 1778622524938,
      },
    ];
    server = await startAtsServer({ boards: { lever: { variants } } });
  });
  afterAll(async () => {
    await server.close();
  });

  it("pages with skip/limit in JSON mode until a page comes back short", async () => {
    const before = server.requests.length;
    const { items, pages } = await fetchAll(
      createLeverSource({ company: "palantir" }, { baseUrl: server.url, pageSize: 1 }),
      client,
      {},
    );
    const calls = server.requests.slice(before).filter((r) => r.path === LEVER_PATH("palantir"));
    expect(calls.map((r) => r.query)).toEqual([
      { mode: "json", skip: "0", limit: "1" },
      { mode: "json", skip: "1", limit: "1" },
      { mode: "json", skip: "2", limit: "1" },
    ]);
    expect(pages).toBe(3);
    expect(items.map((i) => i.sourceId)).toEqual([LONDON, PALO_ALTO]);
    // With the default page size the two postings are one short page.
    const whole = await fetchAll(
      createLeverSource({ company: "palantir" }, { baseUrl: server.url }),
      client,
      {},
    );
    expect(whole.pages).toBe(1);
  });

  it("keeps workplace type, place, commitment, creation time and both URLs", async () => {
    const postings = await postingsOf(
      createLeverSource({ company: "palantir", name: "Palantir Technologies" }, { baseUrl: server.url }),
    );
    const p = postings.get(LONDON)!;
    expect(p).toMatchObject({
      title: "Administrative Business Partner",
      company: "Palantir Technologies",
      remoteMode: "hybrid",
      employmentType: "full_time",
      postedAt: new Date(1711403416463).toISOString(),
      applyUrl: `https://jobs.lever.co/palantir/${LONDON}/apply`,
      sources: [
        { source: "lever-palantir", sourceId: LONDON, url: `https://jobs.lever.co/palantir/${LONDON}` },
      ],
    });
    expect(p.locations[0]).toMatchObject({ city: "London", country: "GB" });
    expect(haversineKm(p.locations[0]!.lat!, p.locations[0]!.lon!, 51.507, -0.128)).toBeLessThan(5);
    expect(postings.get(PALO_ALTO)!.locations[0]).toMatchObject({ city: "Palo Alto", country: "US" });
  });

  it("assembles the ad like the posting page: description, lists as bullets, then the additional text", async () => {
    const p = (await postingsOf(createLeverSource({ company: "palantir" }, { baseUrl: server.url }))).get(
      LONDON,
    )!;
    const d = p.description;
    expect(d).not.toMatch(/<\/?(div|li|ul|strong|span)\b|&nbsp;/);
    const order = [
      "A World-Changing Company",
      "The Role",
      "What We Value",
      "What We Require",
      "Life at Palantir",
    ];
    const at = order.map((h) => d.indexOf(h));
    expect(at.every((i) => i >= 0)).toBe(true);
    expect([...at].sort((a, b) => a - b)).toEqual(at);
    expect(d).toContain("\n• Book travel arrangements (domestic and international).\n");
  });

  it("reads the salary range, remote and unspecified workplaces, several locations and plain-only postings", async () => {
    const postings = await postingsOf(createLeverSource({ company: "variants" }, { baseUrl: server.url }));
    const salaried = postings.get("v-salary")!;
    expect(salaried.salary).toEqual({ min: 60000, max: 97000, currency: "USD", period: "year" });
    expect(salaried.remoteMode).toBe("remote");
    expect(salaried.company).toBe("Variants");
    const two = postings.get("v-two-places")!;
    expect(two.locations.map((l) => [l.city, l.country])).toEqual([
      ["Berlin", "DE"],
      ["München", "DE"],
    ]);
    expect(two).toMatchObject({ employmentType: "internship", seniority: "intern" });
    // "Many teams do offer hybrid options" in the recorded text: unspecified falls back to the words.
    expect(two.remoteMode).toBe("hybrid");
    const plain = postings.get("v-plain")!;
    expect(plain.description).toBe(
      "Wir suchen dich für die Analyse unserer Daten und bieten dir flexible Arbeitszeiten.\n\n" +
        "Deine Aufgaben\n\n• Daten aufbereiten\n• Berichte erstellen",
    );
    expect(plain).toMatchObject({ language: "de", employmentType: "part_time", seniority: "intern" });
    expect(plain.locations[0]).toMatchObject({ city: "Frankfurt am Main", country: "DE" });
    expect(plain.applyUrl).toBe("https://jobs.lever.co/variants/v-plain");
  });

  it("reports an unknown company as a non-retryable 404", async () => {
    const adapter = createLeverSource({ company: "nobody" }, { baseUrl: server.url });
    const err = await adapter.fetchPage({ http: client, query: {} }, undefined).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(HttpError);
    expect(err).toMatchObject({ status: 404, retryable: false });
  });
});
