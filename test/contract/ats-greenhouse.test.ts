// Greenhouse board adapter on the recorded SmarterDx board and on variants of it (offices, metadata,
// a recording whose meta.total promises more jobs than it holds).
import { readFileSync } from "node:fs";
import http from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { haversineKm } from "../../src/core/geo/distance.js";
import type { Posting } from "../../src/core/posting.js";
import { createGreenhouseSource } from "../../src/pipeline/sources/greenhouse.source.js";
import { createHttpClient, HttpError } from "../../src/pipeline/sources/http.js";
import type { SourceAdapter } from "../../src/pipeline/sources/source.js";
import { GREENHOUSE_PATH, recordedBoards, startAtsServer, type AtsServer } from "../support/ats-server.js";
import { fetchAll, USER_AGENT } from "./source-adapter.contract.js";

const client = createHttpClient({ userAgent: USER_AGENT, timeoutMs: 5000 });
const fixture = new URL(
  "../fixtures/job-sources/greenhouse/boards-jobs-content-smarterdx.json",
  import.meta.url,
);

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

describe("greenhouse adapter", () => {
  let server: AtsServer;

  beforeAll(async () => {
    const [job] = recordedBoards().greenhouse.smarterdx!;
    // The same recorded job, placed the ways other boards place theirs.
    const variants = [
      { ...job, id: 101, location: { name: "Berlin, Germany" }, offices: [] },
      {
        ...job,
        id: 102,
        title: "Backend Engineer",
        location: { name: "Remote" },
        offices: [{ id: 1, name: "Munich", location: "Munich, Bavaria, Germany" }],
        metadata: [{ id: 9, name: "Employment Type", value: "Part-time", value_type: "single_select" }],
      },
      {
        ...job,
        id: 103,
        company_name: null,
        location: { name: "Hamburg / Hybrid" },
        first_published: null,
        content:
          "&lt;p&gt;Wir suchen dich f&amp;uuml;r unser Team in Hamburg und bieten dir einen modernen Arbeitsplatz.&lt;/p&gt;",
      },
    ];
    server = await startAtsServer({ boards: { greenhouse: { variants } } });
  });
  afterAll(async () => {
    await server.close();
  });

  it("asks for the job ads and turns the entity-escaped HTML into readable text", async () => {
    const adapter = createGreenhouseSource({ board: "smarterdx" }, { baseUrl: server.url });
    const postings = await postingsOf(adapter);
    const calls = server.requests.filter((r) => r.path === GREENHOUSE_PATH("smarterdx"));
    expect(calls.at(-1)?.query).toEqual({ content: "true" });
    const p = postings.get("5193736007")!;
    expect(p.description).not.toMatch(/<\/?(div|p|li|ul|strong)\b|&lt;|&gt;|&quot;|&amp;/);
    expect(p.description).toMatch(/^SmarterDx is transforming how health systems/);
    expect(p.description).toContain("\nWhat You'll Do\n\n• Serve as the initial point of contact");
    expect(p.language).toBe("en");
  });

  it("reads 'Remote (United States)' as a remote job in the US, with UTC dates", async () => {
    const postings = await postingsOf(
      createGreenhouseSource({ board: "smarterdx" }, { baseUrl: server.url }),
    );
    const p = postings.get("5193736007")!;
    expect(p).toMatchObject({
      title: "Client Support Analyst I",
      company: "SmarterDx",
      remoteMode: "remote",
    });
    expect(p.locations).toEqual([{ country: "US" }]);
    expect(p.postedAt).toBe("2026-07-27T17:48:30.000Z");
    expect(p.updatedAt).toBe("2026-07-27T18:17:12.000Z");
    // A trailing space in the recorded title is not part of the title.
    expect(postings.get("5099964007")!.title).toBe("Clinical Coding Specialist");
  });

  it("places jobs by their location, else by their offices, and reads custom fields", async () => {
    const postings = await postingsOf(createGreenhouseSource({ board: "variants" }, { baseUrl: server.url }));
    const berlin = postings.get("101")!;
    expect(berlin.locations[0]).toMatchObject({ city: "Berlin", country: "DE" });
    expect(haversineKm(berlin.locations[0]!.lat!, berlin.locations[0]!.lon!, 52.52, 13.405)).toBeLessThan(5);
    const munich = postings.get("102")!;
    expect(munich.locations[0]).toMatchObject({ city: "München", region: "Bayern", country: "DE" });
    expect(munich.remoteMode).toBe("remote");
    expect(munich.employmentType).toBe("part_time");
    const hamburg = postings.get("103")!;
    expect(hamburg.locations[0]).toMatchObject({ city: "Hamburg", country: "DE" });
    expect(hamburg.remoteMode).toBe("hybrid");
    expect(hamburg.description).toBe(
      "Wir suchen dich für unser Team in Hamburg und bieten dir einen modernen Arbeitsplatz.",
    );
    expect(hamburg.language).toBe("de");
    // No company_name: the board is the company; no first_published: updated_at is the date.
    expect(hamburg.company).toBe("Variants");
    expect(hamburg.postedAt).toBe("2026-07-27T18:17:12.000Z");
  });

  it("reports an unknown board as a non-retryable 404", async () => {
    const adapter = createGreenhouseSource({ board: "no-such-board" }, { baseUrl: server.url });
    const err = await adapter.fetchPage({ http: client, query: {} }, undefined).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(HttpError);
    expect(err).toMatchObject({ status: 404, retryable: false });
  });

  it("refuses a cursor: one response is the whole board", async () => {
    const adapter = createGreenhouseSource({ board: "smarterdx" }, { baseUrl: server.url });
    await expect(adapter.fetchPage({ http: client, query: {} }, "2")).rejects.toMatchObject({
      code: "source_bad_cursor",
    });
  });
});

describe("greenhouse adapter on the recording as committed (meta.total 11, two jobs)", () => {
  let srv: http.Server;
  let url: string;

  beforeAll(async () => {
    const body = readFileSync(fixture);
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

  it("does not call a listing complete when the board says it holds more jobs than it sent", async () => {
    const adapter = createGreenhouseSource({ board: "smarterdx" }, { baseUrl: url });
    const page = await adapter.fetchPage({ http: client, query: {} }, undefined);
    expect(page.items).toHaveLength(2);
    expect(page).toMatchObject({ next: undefined, total: 11, incremental: true });
  });
});
