import { readFileSync } from "node:fs";
import http from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

import { createBaJobsucheSource, normalizeBaItem } from "../../src/pipeline/sources/ba-jobsuche.source.js";
import { createHttpClient } from "../../src/pipeline/sources/http.js";
import { fetchAll, sourceAdapterContract, USER_AGENT } from "../contract/source-adapter.contract.js";
import { BA_PATH, startReplayServer, type ReplayServer } from "../support/replay-server.js";

interface V6Item {
  referenznummer: string;
  stellenangebotsTitel?: string;
  firma?: string;
  externeURL?: string;
  stellenlokationen?: { adresse?: { ort?: string }; breite?: number; laenge?: number }[];
}

const V6_FIXTURE = new URL(
  "../fixtures/job-sources/ba-jobsuche/pc-v6-jobs-search-data-scientist.json",
  import.meta.url,
);
// Mean of the Bamberg rows' coordinates in the trimmed CSV is within a few hundred metres of this.

sourceAdapterContract({
  name: "ba-jobsuche",
  makeAdapter: (baseUrl) => createBaJobsucheSource({ baseUrl }),
  query: { place: "Bamberg", radiusKm: 15 },
  faultPath: BA_PATH,
  minPages: 3,
  facts: (raw) => {
    const a = raw as V6Item;
    const loc = a.stellenlokationen?.[0];
    return {
      title: a.stellenangebotsTitel,
      company: a.firma,
      url: a.externeURL,
      hasPlace: !!loc?.adresse?.ort,
      lat: loc?.breite,
      lon: loc?.laenge,
    };
  },
});

describe("ba-jobsuche adapter through the replay server", () => {
  let server: ReplayServer;
  const client = createHttpClient({ userAgent: USER_AGENT, timeoutMs: 5000 });

  beforeAll(async () => {
    server = await startReplayServer();
  });
  afterAll(async () => {
    await server.close();
  });

  it("sends the public API key, the place, radius and keywords, and pages of 100", async () => {
    const adapter = createBaJobsucheSource({ baseUrl: server.url });
    const before = server.requests.length;
    const { items, pages } = await fetchAll(adapter, client, {
      keywords: "Informatik",
      place: "Nürnberg",
      radiusKm: 30,
    });
    const calls = server.requests.slice(before);
    expect(calls).toHaveLength(pages);
    for (const [i, r] of calls.entries()) {
      expect(r.headers["x-api-key"]).toBe("jobboerse-jobsuche");
      expect(r.query).toMatchObject({
        was: "Informatik",
        wo: "Nürnberg",
        umkreis: "30",
        size: "100",
        page: String(i + 1),
      });
    }
    expect(items.length).toBeGreaterThan(0);
  });

  it("asks for English job names in German (the Jobsuche indexes German titles), the rest as typed", async () => {
    const adapter = createBaJobsucheSource({ baseUrl: server.url });
    const before = server.requests.length;
    await adapter.fetchPage(
      { http: client, query: { keywords: "nursing Teilzeit", place: "Bamberg" } },
      undefined,
    );
    await adapter.fetchPage({ http: client, query: { keywords: "Python developer" } }, undefined);
    expect(server.requests.slice(before).map((r) => r.query.was)).toEqual([
      "Pflege Teilzeit",
      "Python developer",
    ]);
  });

  it("puts each posting at its own coordinates from the answer (the radius is the server's to apply)", async () => {
    const adapter = createBaJobsucheSource({ baseUrl: server.url });
    const { items } = await fetchAll(adapter, client, { place: "Bamberg", radiusKm: 10 });
    expect(items.length).toBeGreaterThan(300);
    for (const item of items) {
      const r = adapter.normalize(item);
      if (!r.ok) throw new Error(r.reason);
      const [at] = (item.raw as { stellenlokationen: Array<{ breite: number; laenge: number }> })
        .stellenlokationen;
      const loc = r.posting.locations[0]!;
      expect(loc).toMatchObject({ country: "DE", region: "Bayern" });
      expect([loc.lat, loc.lon]).toEqual([at!.breite, at!.laenge]);
    }
  });

  it("uses the place's own name for the city, without the v4 qualifier", async () => {
    const adapter = createBaJobsucheSource({ baseUrl: server.url });
    const page = await adapter.fetchPage(
      { http: client, query: { place: "Nürnberg", radiusKm: 1 } },
      undefined,
    );
    const cities = page.items
      .map((i) => adapter.normalize(i))
      .map((r) => (r.ok ? r.posting.locations[0]?.city : r.reason));
    expect(cities.length).toBeGreaterThan(10);
    expect(new Set(cities)).toContain("Nürnberg");
    expect(cities.some((c) => c?.includes(","))).toBe(false);
  });

  it("links to the Arbeitsagentur page when the posting has no external URL", async () => {
    const adapter = createBaJobsucheSource({ baseUrl: server.url });
    const { items } = await fetchAll(adapter, client, { place: "Erlangen", radiusKm: 5 });
    const own = items.find((i) => !(i.raw as V6Item).externeURL)!;
    const r = adapter.normalize(own);
    expect(r.ok && r.posting.applyUrl).toBe(
      `https://www.arbeitsagentur.de/jobsuche/jobdetail/${own.sourceId}`,
    );
  });

  it("stops at once when nothing matches (the answer has no ergebnisliste)", async () => {
    const adapter = createBaJobsucheSource({ baseUrl: server.url });
    const page = await adapter.fetchPage(
      { http: client, query: { keywords: "Raumfahrtkoch auf dem Mond" } },
      undefined,
    );
    expect(page).toMatchObject({ items: [], next: undefined, total: 0 });
  });

  it("is refused without the API key header", async () => {
    const res = await fetch(`${server.url}${BA_PATH}?wo=Bamberg`);
    expect(res.status).toBe(403);
  });
});

describe("ba-jobsuche adapter on the real v6 answer", () => {
  let srv: http.Server;
  let url: string;
  const body = readFileSync(V6_FIXTURE);
  const items = (JSON.parse(body.toString("utf8")) as { ergebnisliste: V6Item[] }).ergebnisliste;

  beforeAll(async () => {
    srv = http.createServer((_req, res) => {
      res.writeHead(200, { "content-type": "application/json" });
      res.end(body);
    });
    await new Promise<void>((r) => srv.listen(0, "127.0.0.1", r));
    url = `http://127.0.0.1:${(srv.address() as AddressInfo).port}`;
  });
  afterAll(async () => {
    await new Promise<void>((r) => srv.close(() => r()));
  });

  it("reads both results and stops, since page × size covers maxErgebnisse", async () => {
    const adapter = createBaJobsucheSource({ baseUrl: url });
    const page = await adapter.fetchPage(
      {
        http: createHttpClient({ userAgent: USER_AGENT, timeoutMs: 5000 }),
        query: { keywords: "Data Scientist" },
      },
      undefined,
    );
    expect(page.items.map((i) => i.sourceId)).toEqual(["14225-9e7ac7a2671f1076-S", "12288-4928936666-S"]);
    expect(page).toMatchObject({ next: undefined, total: 2 });
  });

  it("normalizes place, salary, home office, working time, dates and links", () => {
    const r = normalizeBaItem({ sourceId: items[0]!.referenznummer, raw: items[0] });
    if (!r.ok) throw new Error(r.reason);
    expect(r.posting).toMatchObject({
      title: "Data Scientist (m/w/d)",
      company: "eWolff GmbH",
      locations: [
        {
          city: "Bielefeld",
          postalCode: "33611",
          region: "Nordrhein-Westfalen",
          country: "DE",
          lat: 52.040159,
          lon: 8.5363814,
        },
      ],
      remoteMode: "hybrid",
      employmentType: "full_time",
      salary: { min: 65000, max: 95000, currency: "EUR", period: "year" },
      language: "de",
      postedAt: "2026-09-03T22:00:00.000Z", // 2026-09-04 00:00 in Berlin (CEST)
      updatedAt: "2026-09-04T09:43:41.935Z",
      applyUrl: items[0]!.externeURL,
      sources: [
        {
          source: "ba-jobsuche",
          sourceId: "14225-9e7ac7a2671f1076-S",
          url: "https://www.arbeitsagentur.de/jobsuche/jobdetail/14225-9e7ac7a2671f1076-S",
        },
      ],
    });
    expect(r.posting.description).toContain("Data Scientist");
    expect(r.posting.description).toContain("Bielefeld");
    expect(r.posting.description).toContain("Vollzeit");
  });

  it("gives no salary when the posting states none, and onsite without home office", () => {
    const r = normalizeBaItem({ sourceId: items[1]!.referenznummer, raw: items[1] });
    if (!r.ok) throw new Error(r.reason);
    expect(r.posting.salary).toBeUndefined();
    expect(r.posting.remoteMode).toBe("onsite");
    expect(r.posting.locations[0]).toMatchObject({ city: "Dresden", region: "Sachsen", country: "DE" });
  });
});
