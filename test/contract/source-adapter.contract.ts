// One suite for every SourceAdapter, run against the replay server (real recorded payloads over
// real HTTP). Each adapter's test file calls sourceAdapterContract with its own case.
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { postingId, postingSchema, type Posting } from "../../src/core/posting.js";
import { createHttpClient, HttpError, type HttpClient } from "../../src/pipeline/sources/http.js";
import type { RawItem, SourceAdapter } from "../../src/pipeline/sources/source.js";
import type { RunQuery } from "../../src/store/runs.repo.js";
import type { FaultInjectingServer, RecordedRequest } from "../support/fault-server.js";
import { startReplayServer, type ReplayServerOptions } from "../support/replay-server.js";

export type { FaultInjectingServer } from "../support/fault-server.js";

/** What the source itself says about an item, to check the posting keeps it. */
export interface RawFacts {
  title?: string | undefined;
  company?: string | undefined;
  url?: string | undefined;
  /** The source names a place. */
  hasPlace: boolean;
  /** The source gives coordinates. */
  lat?: number | undefined;
  lon?: number | undefined;
}

export interface SourceContractCase {
  name: string;
  makeAdapter(baseUrl: string): SourceAdapter;
  serverOptions?: ReplayServerOptions;
  /** The server the suite replays against. @defaultValue the replay server with `serverOptions` */
  startServer?: () => Promise<FaultInjectingServer>;
  /** A query that matches more than one page. */
  query: RunQuery;
  /** Path prefix the adapter requests, for injected faults. */
  faultPath: string;
  /**
   * Which requests under `faultPath` fetch a page (SmartRecruiters also requests one detail per
   * posting under the same prefix). @defaultValue all of them
   */
  pageRequest?: (r: RecordedRequest) => boolean;
  /** Items the server holds for the query, when known independently of the answer. */
  expectedItems?: number;
  minPages: number;
  facts(raw: unknown): RawFacts;
}

export const USER_AGENT = "jobscout-test/0.1 (+https://github.com/jobscout/jobscout)";

/** Fetch every page the way the pipeline does: follow `next` until it is undefined. */
export async function fetchAll(
  adapter: SourceAdapter,
  http: HttpClient,
  query: RunQuery,
): Promise<{ items: RawItem[]; pages: number; total: number | undefined }> {
  const items: RawItem[] = [];
  let cursor: string | undefined;
  let pages = 0;
  let total: number | undefined;
  do {
    const page = await adapter.fetchPage({ http, query }, cursor);
    pages++;
    if (pages === 1) total = page.total;
    items.push(...page.items);
    cursor = page.next;
  } while (cursor !== undefined && pages < 200);
  return { items, pages, total };
}

async function failure(p: Promise<unknown>): Promise<HttpError> {
  const err: unknown = await p.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(err).toBeInstanceOf(HttpError);
  return err as HttpError;
}

export function sourceAdapterContract(c: SourceContractCase): void {
  describe(`${c.name}: source adapter contract`, () => {
    let server: FaultInjectingServer;
    let adapter: SourceAdapter;
    const http = createHttpClient({ userAgent: USER_AGENT, timeoutMs: 5000 });
    let fetched: { items: RawItem[]; pages: number; total: number | undefined };
    let postings: Map<string, Posting>;

    beforeAll(async () => {
      server = await (c.startServer ? c.startServer() : startReplayServer(c.serverOptions));
      adapter = c.makeAdapter(server.url);
      fetched = await fetchAll(adapter, http, c.query);
      postings = new Map();
      for (const item of fetched.items) {
        const r = adapter.normalize(item);
        if (r.ok) postings.set(item.sourceId, r.posting);
      }
    });
    afterAll(async () => {
      await server.close();
    });
    afterEach(() => {
      server.clearFaults();
    });

    it("fetches page after page until the source says there are no more", () => {
      expect(fetched.pages).toBeGreaterThanOrEqual(c.minPages);
      if (c.expectedItems !== undefined) expect(fetched.items).toHaveLength(c.expectedItems);
      if (fetched.total !== undefined) expect(fetched.items).toHaveLength(fetched.total);
      expect(new Set(fetched.items.map((i) => i.sourceId)).size).toBe(fetched.items.length);
      const calls = server.requests.filter((r) => r.path.startsWith(c.faultPath));
      expect(calls.filter(c.pageRequest ?? (() => true)).length).toBe(fetched.pages);
      expect(calls.every((r) => r.headers["user-agent"] === USER_AGENT)).toBe(true);
    });

    it("normalizes every fetched item into a posting that validates", () => {
      const reasons = fetched.items.map((i) => adapter.normalize(i)).flatMap((r) => (r.ok ? [] : [r.reason]));
      expect(reasons).toEqual([]);
      for (const item of fetched.items) {
        const p = postings.get(item.sourceId)!;
        expect(postingSchema.safeParse(p).success).toBe(true);
        expect(p.id).toBe(postingId(adapter.id, item.sourceId));
        expect(p.sources[0]).toMatchObject({ source: adapter.id, sourceId: item.sourceId });
      }
    });

    it("keeps title, company, URL, place and coordinates wherever the source has them", () => {
      let withPlace = 0;
      for (const item of fetched.items) {
        const f = c.facts(item.raw);
        const p = postings.get(item.sourceId)!;
        if (f.title) expect(p.title).toBe(f.title.replace(/\s+/g, " ").trim());
        if (f.company) expect(p.company).toBe(f.company.replace(/\s+/g, " ").trim());
        if (f.url) expect(p.applyUrl).toBe(new URL(f.url).href);
        expect(p.applyUrl ?? p.sources[0]?.url).toBeTruthy();
        if (f.hasPlace) {
          withPlace++;
          expect(p.locations.length).toBeGreaterThan(0);
        }
        if (f.lat !== undefined && f.lon !== undefined) {
          expect(p.locations[0]?.lat).toBeCloseTo(f.lat, 6);
          expect(p.locations[0]?.lon).toBeCloseTo(f.lon, 6);
        }
      }
      expect(withPlace).toBeGreaterThan(0);
    });

    it("says why, instead of throwing, when an item is junk", () => {
      for (const raw of [null, 42, "x", {}, { title: 7 }]) {
        const r = adapter.normalize({ sourceId: "junk", raw });
        expect(r.ok).toBe(false);
        if (!r.ok) expect(r.reason).toMatch(/\S/);
      }
    });

    it("reports 404 as a non-retryable HTTP error", async () => {
      server.fail(c.faultPath, { status: 404 });
      const err = await failure(adapter.fetchPage({ http, query: c.query }, undefined));
      expect(err).toMatchObject({ code: "http_status", status: 404, retryable: false });
    });

    it("reports 429 as retryable, with the server's Retry-After", async () => {
      server.fail(c.faultPath, { status: 429, retryAfter: 2 });
      const err = await failure(adapter.fetchPage({ http, query: c.query }, undefined));
      expect(err).toMatchObject({ code: "http_status", status: 429, retryable: true, retryAfterSeconds: 2 });
    });

    it("reports 500 as retryable, and the next attempt succeeds once the server recovers", async () => {
      server.fail(c.faultPath, { status: 500, times: 1 });
      const err = await failure(adapter.fetchPage({ http, query: c.query }, undefined));
      expect(err).toMatchObject({ code: "http_status", status: 500, retryable: true });
      const page = await adapter.fetchPage({ http, query: c.query }, undefined);
      expect(page.items.length).toBeGreaterThan(0);
    });

    it("reports a server that does not answer in time as a retryable timeout", async () => {
      server.fail(c.faultPath, { delayMs: 2000 });
      const impatient = createHttpClient({ userAgent: USER_AGENT, timeoutMs: 150 });
      const err = await failure(adapter.fetchPage({ http: impatient, query: c.query }, undefined));
      expect(err).toMatchObject({ code: "http_timeout", retryable: true });
    });

    it("reports a truncated body as a retryable bad body", async () => {
      server.fail(c.faultPath, { body: "truncated" });
      const err = await failure(adapter.fetchPage({ http, query: c.query }, undefined));
      expect(err).toMatchObject({ code: "http_bad_body", retryable: true });
    });

    it("reports an HTML page where JSON was expected as a non-retryable bad body", async () => {
      server.fail(c.faultPath, { body: "html" });
      const err = await failure(adapter.fetchPage({ http, query: c.query }, undefined));
      expect(err).toMatchObject({ code: "http_bad_body", retryable: false });
      expect(err.message).toMatch(/HTML/);
    });

    it("reports malformed JSON as a bad body", async () => {
      server.fail(c.faultPath, { body: "malformed" });
      const err = await failure(adapter.fetchPage({ http, query: c.query }, undefined));
      expect(err.code).toBe("http_bad_body");
    });
  });
}
