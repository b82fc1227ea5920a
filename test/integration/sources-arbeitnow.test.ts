import { readFileSync } from "node:fs";
import http from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { haversineKm } from "../../src/core/geo/distance.js";
import type { Posting } from "../../src/core/posting.js";
import { createArbeitnowSource } from "../../src/pipeline/sources/arbeitnow.source.js";
import { createHttpClient } from "../../src/pipeline/sources/http.js";
import { fetchAll, sourceAdapterContract, USER_AGENT } from "../contract/source-adapter.contract.js";
import { ARBEITNOW_PATH, startReplayServer, type ReplayServer } from "../support/replay-server.js";

interface ArbeitnowRaw {
  slug: string;
  title: string;
  company_name: string;
  url: string;
  location: string;
  remote: boolean;
  created_at: number;
  tags: string[];
}

const fixture = (name: string) => new URL(`../fixtures/job-sources/arbeitnow/${name}`, import.meta.url);
const BERLIN = { lat: 52.52, lon: 13.405 };

sourceAdapterContract({
  name: "arbeitnow",
  makeAdapter: (baseUrl) => createArbeitnowSource({ baseUrl }),
  serverOptions: { arbeitnowPages: { perPage: 40 } },
  query: {},
  faultPath: ARBEITNOW_PATH,
  // 100 postings of the page-1 recording plus the 5 distinct ones of the second recording.
  expectedItems: 105,
  minPages: 3,
  facts: (raw) => {
    const a = raw as ArbeitnowRaw;
    return { title: a.title, company: a.company_name, url: a.url, hasPlace: a.location.trim() !== "" };
  },
});

describe("arbeitnow adapter on the real recordings", () => {
  let server: ReplayServer;
  const client = createHttpClient({ userAgent: USER_AGENT, timeoutMs: 5000 });
  let byRaw: { raw: ArbeitnowRaw; posting: Posting }[];

  beforeAll(async () => {
    server = await startReplayServer({ arbeitnowPages: { perPage: 40 } });
    const adapter = createArbeitnowSource({ baseUrl: server.url });
    const { items } = await fetchAll(adapter, client, {});
    byRaw = items.map((i) => {
      const r = adapter.normalize(i);
      if (!r.ok) throw new Error(r.reason);
      return { raw: i.raw as ArbeitnowRaw, posting: r.posting };
    });
  });
  afterAll(async () => {
    await server.close();
  });

  it("puts Berlin postings at Berlin's coordinates", () => {
    const berlin = byRaw.filter((x) => x.raw.location === "Berlin");
    expect(berlin.length).toBeGreaterThan(30);
    for (const { posting } of berlin) {
      const loc = posting.locations[0]!;
      expect(loc).toMatchObject({ city: "Berlin", country: "DE" });
      expect(haversineKm(loc.lat!, loc.lon!, BERLIN.lat, BERLIN.lon)).toBeLessThan(5);
    }
  });

  it("reads English exonyms and 'City, State, Country' places", () => {
    const munich = byRaw.filter((x) => /^(Munich|München)/.test(x.raw.location));
    expect(munich.length).toBeGreaterThan(5);
    for (const { posting } of munich) {
      expect(posting.locations[0]).toMatchObject({ city: "München", region: "Bayern", country: "DE" });
      expect(
        haversineKm(posting.locations[0]!.lat!, posting.locations[0]!.lon!, 48.137, 11.575),
      ).toBeLessThan(5);
    }
    const cologne = byRaw.find((x) => x.raw.location === "Cologne")!;
    expect(cologne.posting.locations[0]).toMatchObject({ city: "Köln", region: "Nordrhein-Westfalen" });
    const two = byRaw.find((x) => x.raw.location === "Hamburg, Berlin")!;
    expect(two.posting.locations.map((l) => l.city)).toEqual(["Hamburg", "Berlin"]);
  });

  it("marks remote postings remote and keeps the publication time", () => {
    for (const { raw, posting } of byRaw) {
      if (raw.remote) expect(posting.remoteMode).toBe("remote");
      expect(posting.postedAt).toBe(new Date(raw.created_at * 1000).toISOString());
    }
    const onsite = byRaw.filter((x) => x.posting.remoteMode === "onsite");
    expect(onsite.length).toBeGreaterThan(10);
  });

  it("turns the HTML description into readable text without markup or link URLs", () => {
    for (const { posting } of byRaw) {
      expect(posting.description).not.toMatch(/<\/?(p|li|ul|h\d|strong|a)\b/i);
      expect(posting.description).not.toMatch(/\[https?:/);
    }
    const first = byRaw.find((x) => x.raw.slug.startsWith("recruiting-partner-projektbasis"))!.posting;
    expect(first.description).toContain("\n• Sichtung und Vorauswahl von Bewerbungen\n");
    expect(first.language).toBe("de");
    expect(first.employmentType).toBe("contract");
  });

  it("sends the run's keywords as `search` and pages through the matches only", async () => {
    const adapter = createArbeitnowSource({ baseUrl: server.url });
    const before = server.requests.length;
    const { items, pages } = await fetchAll(adapter, client, { keywords: "Marketing" });
    const calls = server.requests.slice(before);
    expect(calls.every((r) => r.query.search === "Marketing")).toBe(true);
    expect(calls.map((r) => r.query.page)).toEqual(Array.from({ length: pages }, (_, i) => String(i + 1)));
    expect(items.length).toBeGreaterThan(0);
    expect(items.length).toBeLessThan(105);
    for (const i of items) expect(JSON.stringify(i.raw).toLowerCase()).toContain("marketing");
  });
});

describe("arbeitnow adapter on a recording without links/meta", () => {
  let srv: http.Server;
  let url: string;

  beforeAll(async () => {
    const body = readFileSync(fixture("job-board-api-data-5.json"));
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

  it("treats the page as the last one and normalizes its five postings", async () => {
    const adapter = createArbeitnowSource({ baseUrl: url });
    const page = await adapter.fetchPage(
      { http: createHttpClient({ userAgent: USER_AGENT, timeoutMs: 5000 }), query: {} },
      undefined,
    );
    expect(page.items).toHaveLength(5);
    expect(page.next).toBeUndefined();
    const titles = page.items
      .map((i) => adapter.normalize(i))
      .map((r) => (r.ok ? r.posting.title : r.reason));
    expect(titles).toContain("ML Product Engineer");
  });
});
