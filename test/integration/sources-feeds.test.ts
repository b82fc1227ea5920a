// Feed and page adapters (Personio XML, Deutsche Bank search API, JSON-LD career pages, RSS/Atom)
// replayed over real HTTP from the feeds server: the shared contract, then what each source's
// quirks mean for the postings a user sees.
import { randomUUID } from "node:crypto";
import path from "node:path";
import { Redis } from "ioredis";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { haversineKm } from "../../src/core/geo/distance.js";
import type { Posting } from "../../src/core/posting.js";
import { SourceCatalog } from "../../src/pipeline/sources/catalog.js";
import {
  createDeutscheBankSource,
  deutscheBankKind,
} from "../../src/pipeline/sources/deutsche-bank.source.js";
import { createHttpClient, HttpError } from "../../src/pipeline/sources/http.js";
import { createJsonLdSource, isJobPageUrl, jsonLdKind } from "../../src/pipeline/sources/jsonld.source.js";
import { createPersonioSource, personioKind } from "../../src/pipeline/sources/personio.source.js";
import { createRssSource, rssKind } from "../../src/pipeline/sources/rss.source.js";
import type { SourceAdapter, SourceKind } from "../../src/pipeline/sources/source.js";
import { openDb, type Db } from "../../src/store/db.js";
import { createPoliteHttp } from "../../src/pipeline/sources/polite-http.js";
import { fetchAll, sourceAdapterContract, USER_AGENT } from "../contract/source-adapter.contract.js";
import {
  CAREERS_PATH,
  DEUTSCHE_BANK_PATH,
  FEED_PATHS,
  JOB_PAGE_PATH,
  PERSONIO_PATH,
  SITE_JOB_PAGES,
  startFeedsServer,
  type FeedsServer,
} from "../support/feeds-server.js";
import { dropPrefix, REDIS_URL, tempDir } from "../support/harness.js";

type Rec = Record<string, unknown>;
const http = createHttpClient({ userAgent: USER_AGENT, timeoutMs: 5000 });
const personioBase = (url: string) => `${url}/personio/{company}`;

async function postingsOf(adapter: SourceAdapter, query = {}): Promise<Posting[]> {
  const { items } = await fetchAll(adapter, http, query);
  return items.map((i) => {
    const r = adapter.normalize(i);
    if (!r.ok) throw new Error(r.reason);
    return r.posting;
  });
}

sourceAdapterContract({
  name: "personio",
  startServer: () => startFeedsServer(),
  makeAdapter: (url) => createPersonioSource({ company: "personio", baseUrl: personioBase(url) }),
  query: {},
  faultPath: PERSONIO_PATH,
  expectedItems: 1,
  minPages: 1,
  facts: (raw) => {
    const p = raw as { name: string; subcompany: string; office: string[] };
    return { title: p.name, company: p.subcompany, hasPlace: p.office.length > 0 };
  },
});

sourceAdapterContract({
  name: "deutsche-bank",
  startServer: () => startFeedsServer(),
  // One item per request, so the two recorded items take two pages.
  makeAdapter: (url) => createDeutscheBankSource({ baseUrl: url, pageSize: 1 }),
  query: {},
  faultPath: DEUTSCHE_BANK_PATH,
  expectedItems: 2,
  minPages: 2,
  facts: (raw) => {
    const d = (raw as { MatchedObjectDescriptor: Rec }).MatchedObjectDescriptor;
    const apply = (d.ApplyURI as string[] | undefined)?.[0];
    return {
      title: String(d.PositionTitle).replace(/&amp;/g, "&"),
      url: apply,
      hasPlace: Array.isArray(d.PositionLocation) && d.PositionLocation.length > 0,
    };
  },
});

sourceAdapterContract({
  name: "jsonld (a job page)",
  startServer: () => startFeedsServer(),
  makeAdapter: (url) => createJsonLdSource({ url: `${url}${JOB_PAGE_PATH}` }),
  query: {},
  faultPath: "/careers/jobs/",
  expectedItems: 1,
  minPages: 1,
  facts: (raw) => {
    const p = (raw as { posting: Rec }).posting;
    return {
      title: String(p.title),
      company: String((p.hiringOrganization as Rec).name),
      hasPlace: p.jobLocation !== undefined,
    };
  },
});

// Places any reader recognises, when the feed's "Company · Place · ATS" line starts its place with them.
const KNOWN =
  /^(?:Singapore|London|Dublin|Toronto|Berlin|Paris|Amsterdam|Seattle|San Francisco|Sydney|Tokyo|Mexico City)\b/;
sourceAdapterContract({
  name: "rss (open-jobs-data)",
  startServer: () => startFeedsServer(),
  makeAdapter: (url) => createRssSource({ url: `${url}${FEED_PATHS.openJobsData}` }),
  query: {},
  faultPath: "/feeds/",
  expectedItems: 833,
  minPages: 1,
  facts: (raw) => {
    const item = (raw as { item: Rec }).item;
    const title = String(item.title);
    const cut = title.lastIndexOf(" — "); // "Mercor Research Fellowship — APEX — Mercor"
    const [role, company] = [title.slice(0, cut), title.slice(cut + 3)];
    const where = String(item.description).split(" · ")[1] ?? "";
    return { title: role, company, url: String(item.link), hasPlace: KNOWN.test(where) };
  },
});

describe("feed adapters on the recorded payloads", () => {
  let server: FeedsServer;
  beforeAll(async () => {
    server = await startFeedsServer();
  });
  afterAll(async () => {
    await server.close();
  });

  it("Personio: offices become places, the CDATA sections readable text, the job page the link", async () => {
    const adapter = createPersonioSource({ company: "personio", baseUrl: personioBase(server.url) });
    expect(adapter.id).toBe("personio-personio");
    expect(adapter.completeListing).toBe(true);
    const [p] = await postingsOf(adapter);
    expect(p!.company).toBe("Personio SE & Co. KG");
    expect(p!.locations.map((l) => l.city)).toEqual(["München", "Berlin"]);
    expect(haversineKm(p!.locations[0]!.lat!, p!.locations[0]!.lon!, 48.137, 11.575)).toBeLessThan(5);
    expect(p!).toMatchObject({
      remoteMode: "hybrid",
      employmentType: "full_time",
      seniority: "mid",
      language: "en",
    });
    expect(p!.postedAt).toBe("2024-11-13T14:10:41.000Z");
    expect(p!.applyUrl).toBe(`${server.url}/personio/personio/job/1834171`);
    expect(p!.description).toContain("Role Responsibilities: What you'll do\n• You will conceptualize");
    expect(p!.description).not.toMatch(/<\/?(?:ul|li|strong|em|br)\b|CDATA|&#039;/);
  });

  it("Personio: an unknown company is a 404 that will not get better by retrying", async () => {
    const adapter = createPersonioSource({ company: "no-such-company", baseUrl: personioBase(server.url) });
    const err: unknown = await adapter.fetchPage({ http, query: {} }, undefined).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(HttpError);
    expect(err).toMatchObject({ status: 404, retryable: false });
  });

  it("Deutsche Bank: sends keywords in the search request and pages by FirstItem", async () => {
    const adapter = createDeutscheBankSource({ baseUrl: server.url, pageSize: 1 });
    const before = server.requests.length;
    const found = await postingsOf(adapter, { keywords: "Analyst" });
    const calls = server.requests.slice(before).map((r) => JSON.parse(r.query.data!) as Rec);
    expect(calls).toHaveLength(1);
    expect(calls[0]).toMatchObject({
      LanguageCode: "EN",
      SearchParameters: { FirstItem: 1, CountItem: 1 },
      SearchCriteria: [
        { CriterionName: "PositionFormattedDescription.Content", CriterionValue: ["Analyst"] },
      ],
    });
    expect(found.map((p) => p.title)).toEqual(["IBC & A Germany Analyst (f/m/x)"]);
    const all = await postingsOf(adapter);
    expect(
      server.requests
        .slice(-2)
        .map((r) => (JSON.parse(r.query.data!) as { SearchParameters: Rec }).SearchParameters.FirstItem),
    ).toEqual([1, 2]);
    expect(all).toHaveLength(2);
  });

  it("Deutsche Bank: corporate titles, places and links as a job seeker expects them", async () => {
    const all = await postingsOf(createDeutscheBankSource({ baseUrl: server.url }));
    const analyst = all.find((p) => p.sources[0]!.sourceId === "64834")!;
    expect(analyst).toMatchObject({
      company: "Deutsche Bank",
      seniority: "junior",
      employmentType: "full_time",
    });
    expect(analyst.locations[0]).toMatchObject({
      city: "Frankfurt am Main",
      region: "Hessen",
      country: "DE",
    });
    expect(analyst.applyUrl).toBe("https://careers.db.com/index.php?ac=jobad&id=64834");
    expect(analyst.postedAt).toBe("2025-06-30T22:00:00.000Z"); // 1 July in Frankfurt
    const adviser = all.find((p) => p.sources[0]!.sourceId === "15929")!;
    expect(adviser).toMatchObject({
      company: "Deutsche Bank Finanzberatung",
      employmentType: "contract",
      language: "de",
    });
    expect(adviser.applyUrl).toMatch(/^https:\/\/jobs\.db-finanzberatung\.de\//);
    expect(adviser.locations[0]).toMatchObject({ city: "München", country: "DE" });
  });

  it("Deutsche Bank: with `since`, stops at the first page published entirely before it", async () => {
    const adapter = createDeutscheBankSource({ baseUrl: server.url, pageSize: 1 });
    const page = await adapter.fetchPage({ http, query: {}, since: "2026-01-01T00:00:00Z" }, undefined);
    expect(page.items).toHaveLength(1);
    expect(page.next).toBeUndefined();
    expect(page.incremental).toBe(true);
    const fresh = await adapter.fetchPage({ http, query: {}, since: "2025-06-01T00:00:00Z" }, undefined);
    expect(fresh.next).toBe("2");
    expect(fresh.incremental).toBeUndefined();
  });

  it("RSS: We Work Remotely's 'Company: Role' titles, remote jobs, regions that are no place", async () => {
    const adapter = createRssSource({ url: `${server.url}${FEED_PATHS.weworkremotely}` });
    expect(adapter.completeListing).toBe(false);
    // Replayed from 127.0.0.1: the channel's own link still says it is We Work Remotely.
    const real = await postingsOf(adapter);
    expect(real.map((p) => [p.company, p.title])).toEqual([
      ["Fin", "Solutions Architect -Spanish Speaking"],
      ["Toptal", "Power Platform Solutions Architect"],
    ]);
    for (const p of real) {
      expect(p.remoteMode).toBe("remote");
      expect(p.locations).toEqual([]); // "Anywhere in the World", "North America Only"
      expect(p.description).not.toMatch(/<\/?(?:p|li|ul|strong|h2)\b|&lt;|&amp;nbsp;/);
    }
    expect(real[0]!.postedAt).toBe("2026-09-11T07:30:48.000Z");
    expect(real[0]!.applyUrl).toBe(
      "https://weworkremotely.com/remote-jobs/fin-solutions-architect-spanish-speaking",
    );
  });

  it("RSS: 'Role — Company' titles are split only when the description confirms the company", async () => {
    const all = await postingsOf(createRssSource({ url: `${server.url}${FEED_PATHS.openJobsData}` }));
    const first = all[0]!;
    expect(first).toMatchObject({
      title: "Account Executive, Commercial (Hunter)",
      company: "Stripe",
      language: "en",
    });
    expect(first.locations).toEqual([{ country: "SG" }]);
    const seattle = all.find((p) => p.locations.length === 2 && p.locations[0]!.city === "Seattle")!;
    expect(seattle.locations.map((l) => l.city)).toEqual(["Seattle", "San Francisco"]);
    expect(all.filter((p) => p.remoteMode === "remote").length).toBeGreaterThan(10);
  });

  it("Atom: link rel=alternate, author or feed title as company, namespaced location", async () => {
    const [java, student] = await postingsOf(createRssSource({ url: `${server.url}${FEED_PATHS.atom}` }));
    expect(java).toMatchObject({
      title: "Backend-Entwickler (m/w/d) Java – Teilzeit",
      company: "Beispiel GmbH",
      employmentType: "part_time",
      remoteMode: "hybrid",
      language: "de",
      applyUrl: "https://karriere.beispiel.example/jobs/backend-entwickler-java",
      postedAt: "2026-11-02T08:00:00.000Z",
      updatedAt: "2026-11-03T09:30:00.000Z",
    });
    expect(java!.locations[0]).toMatchObject({ city: "Bamberg", country: "DE" });
    expect(java!.description).toContain("• Java und Spring");
    expect(student).toMatchObject({
      company: "Beispiel GmbH",
      seniority: "intern",
      employmentType: "part_time",
    });
    expect(student!.sources[0]!.sourceId).toBe("urn:beispiel:job:4712");
  });

  it("JSON-LD: the recorded JobPosting keeps salary, place, dates and employment type", async () => {
    const [p] = await postingsOf(createJsonLdSource({ url: `${server.url}${JOB_PAGE_PATH}` }));
    expect(p).toMatchObject({
      title: "Senior DevOps Engineer",
      company: "PaperCut Software",
      seniority: "senior",
      employmentType: "full_time",
      salary: { min: 130000, max: 160000, currency: "AUD", period: "year" },
      postedAt: "2026-08-06T07:39:35.941Z",
      applyUrl: `${server.url}${JOB_PAGE_PATH}`,
    });
    expect(p!.locations[0]).toMatchObject({
      city: "Camberwell",
      region: "VIC",
      country: "AU",
      postalCode: "3124",
    });
    expect(p!.description).toContain("At PaperCut, we believe two things");
    expect(p!.description).not.toMatch(/\\u003C|<\/?(?:div|b|p|li)\b/);
  });
});

describe("JSON-LD sitemap discovery", () => {
  let server: FeedsServer;
  beforeAll(async () => {
    server = await startFeedsServer();
  });
  afterAll(async () => {
    await server.close();
  });

  it("finds the job pages from robots.txt → sitemap index → job sitemap and reads their postings", async () => {
    const adapter = createJsonLdSource({ url: `${server.url}${CAREERS_PATH}` });
    const before = server.requests.length;
    const { items, pages } = await fetchAll(adapter, http, {});
    const paths = server.requests.slice(before).map((r) => r.path);
    expect(paths.slice(0, 5)).toEqual([
      CAREERS_PATH,
      "/robots.txt",
      "/sitemap_index.xml",
      "/sitemaps/jobs.xml",
      "/sitemaps/pages.xml",
    ]);
    expect(paths).toContain(SITE_JOB_PAGES.closed); // listed, answers 404: closed, skipped
    expect(paths).not.toContain("/about");
    expect(paths).not.toContain("/blog/hello-world");
    expect(pages).toBe(1);
    const postings = items.map((i) => adapter.normalize(i)).map((r) => (r.ok ? r.posting : r.reason));
    const titles = postings.map((p) => (typeof p === "string" ? p : p.title)).sort();
    expect(titles).toEqual([
      "DevOps Engineer",
      "Remote DevOps Engineer",
      "Senior DevOps Engineer",
      "Senior DevOps Engineer",
    ]);
    const byPage = new Map(
      items.map((i, k) => [
        (i.raw as { pageUrl: string }).pageUrl.replace(server.url, ""),
        postings[k] as Posting,
      ]),
    );
    expect(byPage.get(SITE_JOB_PAGES.withPostings[1])!.sources[0]!.sourceId).toBe("PC-1001"); // @graph, identifier
    expect(byPage.get(SITE_JOB_PAGES.withPostings[2])!.salary).toEqual({
      min: 120000,
      currency: "AUD",
      period: "year",
    });
    const remote = byPage.get(SITE_JOB_PAGES.withPostings[3])!;
    expect(remote).toMatchObject({
      remoteMode: "remote",
      employmentType: "contract",
      locations: [{ country: "AU" }],
    });
  });

  it("falls back to /sitemap.xml when robots.txt names no sitemap", async () => {
    const bare = await startFeedsServer({ robotsSitemap: false });
    try {
      const adapter = createJsonLdSource({ url: `${bare.url}${CAREERS_PATH}` });
      const { items } = await fetchAll(adapter, http, {});
      expect(bare.requests.map((r) => r.path)).toContain("/sitemap.xml");
      expect(items).toHaveLength(4);
    } finally {
      await bare.close();
    }
  });

  it("fetches job pages a batch per page, and caps them per run (a capped fetch is not complete)", async () => {
    const batched = createJsonLdSource({ url: `${server.url}${CAREERS_PATH}`, batchSize: 2 });
    const all = await fetchAll(batched, http, {});
    expect(all.pages).toBe(3); // five job pages, two at a time
    expect(all.items).toHaveLength(4);
    const capped = createJsonLdSource({ url: `${server.url}${CAREERS_PATH}`, maxPages: 2 });
    const page = await capped.fetchPage({ http, query: {} }, undefined);
    expect(page.incremental).toBe(true);
    expect(page.next).toBeUndefined();
    // The newest two by <lastmod>.
    expect(page.items.map((i) => (i.raw as { pageUrl: string }).pageUrl.replace(server.url, ""))).toEqual([
      SITE_JOB_PAGES.withPostings[0],
      SITE_JOB_PAGES.withPostings[1],
    ]);
  });

  it("reads every listed job page on each run, also with `since` (so closed jobs can close)", async () => {
    const adapter = createJsonLdSource({ url: `${server.url}${CAREERS_PATH}` });
    const page = await adapter.fetchPage({ http, query: {}, since: "2026-11-16T00:00:00Z" }, undefined);
    expect(page.items).toHaveLength(4);
    expect(page.incremental).toBeUndefined();
  });

  it("reports a job page without its posting, instead of crawling the rest of the site", async () => {
    const adapter = createJsonLdSource({ url: `${server.url}/careers/jobs/filled-role` });
    const before = server.requests.length;
    const err: unknown = await adapter.fetchPage({ http, query: {} }, undefined).catch((e: unknown) => e);
    expect(err).toMatchObject({ code: "http_bad_body", retryable: false });
    expect((err as Error).message).toMatch(/job page with no schema\.org JobPosting data/);
    expect(server.requests.slice(before).map((r) => r.path)).toEqual(["/careers/jobs/filled-role"]);
    expect(isJobPageUrl(`${server.url}/careers/`)).toBe(false);
    expect(isJobPageUrl("https://example.org/")).toBe(false);
    expect(isJobPageUrl("https://example.org/en/careers/open-positions")).toBe(false);
    expect(isJobPageUrl("https://example.org/job/12345-backend")).toBe(true);
  });

  it("says so, instead of returning nothing, when a site has neither postings nor job pages", async () => {
    const adapter = createJsonLdSource({ url: `${server.url}/about` });
    server.fail("/sitemaps/jobs.xml", { status: 404 });
    try {
      const err: unknown = await adapter.fetchPage({ http, query: {} }, undefined).catch((e: unknown) => e);
      expect(err).toMatchObject({ code: "http_bad_body", retryable: false });
      expect((err as Error).message).toMatch(/without schema\.org JobPosting data/);
    } finally {
      server.clearFaults();
    }
  });
});

describe("JSON-LD discovery through the polite HTTP client", () => {
  const disallowed = SITE_JOB_PAGES.withPostings[2];
  let server: FeedsServer;
  let redis: Redis;
  const prefix = `test-feeds-${randomUUID().slice(0, 8)}`;
  beforeAll(async () => {
    server = await startFeedsServer({ robotsDisallow: [disallowed] });
    redis = new Redis(REDIS_URL, { maxRetriesPerRequest: null });
  });
  afterAll(async () => {
    await server.close();
    redis.disconnect();
    await dropPrefix(prefix);
  });

  it("never requests a job page robots.txt disallows, and marks that fetch partial", async () => {
    const polite = createPoliteHttp({
      http,
      redis,
      prefix,
      hostRateLimits: { "127.0.0.1": 6000 },
      breakerFailures: 5,
      breakerCooldownMs: 60_000,
      conditionalGet: false,
    });
    const adapter = createJsonLdSource({ url: `${server.url}${CAREERS_PATH}` });
    const page = await adapter.fetchPage({ http: polite.forSource(adapter), query: {} }, undefined);
    const paths = server.requests.map((r) => r.path);
    expect(paths).not.toContain(disallowed);
    expect(paths.filter((p) => p === "/robots.txt")).toHaveLength(1); // read once, for rules and sitemaps
    expect(page.items).toHaveLength(3);
    expect(page.incremental).toBe(true);
  });
});

describe("feed and page kinds in a source catalog", () => {
  const tmp = tempDir();
  let db: Db;
  let catalog: SourceCatalog;
  beforeAll(async () => {
    db = await openDb({ file: path.join(tmp.dir, "catalog.sqlite") });
    // The catch-all JSON-LD kind goes last, as in the registry.
    const kinds = [personioKind, deutscheBankKind, rssKind, jsonLdKind] as unknown as SourceKind[];
    catalog = new SourceCatalog({ db, kinds, setting: () => undefined, defaults: [] });
  });
  afterAll(async () => {
    await db.close();
    tmp.remove();
  });

  it("recognises pasted URLs as the right kind, and leaves other ATS boards alone", () => {
    const seen = (u: string) => {
      const d = catalog.detect(u);
      return d ? [d.kind.kind, d.key, d.label] : undefined;
    };
    expect(seen("https://acme-gmbh.jobs.personio.de/")).toEqual([
      "personio",
      "personio-acme-gmbh",
      "Personio acme-gmbh",
    ]);
    expect(seen("https://Acme.jobs.personio.com/job/123?display=en")?.slice(0, 2)).toEqual([
      "personio",
      "personio-acme",
    ]);
    expect(seen("https://careers.db.com/professionals/search-roles/")?.slice(0, 2)).toEqual([
      "deutsche-bank",
      "deutsche-bank",
    ]);
    expect(seen("https://weworkremotely.com/categories/remote-programming-jobs.rss")?.[0]).toBe("rss");
    expect(seen("https://example.org/blog/jobs/feed/")?.[0]).toBe("rss");
    expect(seen("https://example.org/jobs.atom")?.[0]).toBe("rss");
    const page = catalog.detect("https://www.example.com/karriere/");
    expect(page?.kind.kind).toBe("jsonld");
    expect(page?.key).toMatch(/^jsonld-www-example-com-karriere-[0-9a-f]{6}$/);
    expect(page?.label).toBe("Career page www.example.com/karriere/");
    expect(seen("https://boards.greenhouse.io/n26")).toBeUndefined();
    expect(seen("https://jobs.lever.co/palantir")).toBeUndefined();
    expect(seen("https://www.example.com/sitemap.xml")?.[0]).not.toBe("rss");
  });

  it("builds tracked sources whose adapter ids are their catalog keys", async () => {
    for (const [kind, params] of [
      ["personio", { company: "acme" }],
      ["rss", { url: "https://weworkremotely.com/categories/remote-programming-jobs.rss" }],
      ["jsonld", { url: "https://www.example.com/karriere/" }],
    ] as const) {
      const tracked = await catalog.track({ workspaceId: "ws", userId: "u", kind, params });
      expect((await catalog.get(tracked.key, "ws"))?.id).toBe(tracked.key);
    }
    expect((await catalog.get("deutsche-bank", "ws"))?.id).toBe("deutsche-bank");
    await expect(
      catalog.track({ workspaceId: "ws", userId: "u", kind: "personio", params: { company: "a b" } }),
    ).rejects.toThrow(/subdomain/);
  });
});
