// A local HTTP server replaying recorded feed and page payloads at the real paths, with injectable
// faults and a request log. Used by the feed/page adapter tests and for trying jobscout by hand:
//
//   npx tsx test/support/feeds-server.ts --port 8788
//
// - Personio: GET /personio/{company}/xml (PERSONIO_BASE_URL=<url>/personio/{company}); company
//   `personio` answers the recorded feed, any other 404 as Personio does for unknown subdomains.
// - Deutsche Bank: GET /search/?data=<JSON> (DEUTSCHE_BANK_BASE_URL=<url>). The recorded items get
//   the SearchResult envelope built here (none was recorded); FirstItem/CountItem page them, a
//   PositionFormattedDescription.Content criterion filters by title, and only the descriptor fields
//   named in MatchedObjectDescriptor are returned, as the real API does.
// - A career site: /robots.txt → /sitemap_index.xml → /sitemaps/jobs.xml and /sitemaps/pages.xml;
//   /careers/ (a listing page without JSON-LD), job pages under /careers/jobs/ (the recorded
//   JobPosting, and variants of it in @graph, in an array, as a remote job), one job the sitemap
//   still lists that answers 404, and ordinary pages.
// - Feeds: /feeds/weworkremotely/remote-programming-jobs.rss, /feeds/open-jobs-data/new-jobs.xml,
//   /feeds/beispiel/jobs.atom.
import { readFileSync } from "node:fs";
import type { IncomingMessage } from "node:http";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { cliArg, runAsCommand, startFaultServer, type FaultInjectingServer } from "./fault-server.js";

const FIXTURES = fileURLToPath(new URL("../fixtures/job-sources/", import.meta.url));
const read = (file: string): string => readFileSync(path.join(FIXTURES, file), "utf8");

export const PERSONIO_PATH = "/personio/";
export const DEUTSCHE_BANK_PATH = "/search/";
export const CAREERS_PATH = "/careers/";
export const JOB_PAGE_PATH = "/careers/jobs/senior-devops-engineer";
export const FEED_PATHS = {
  weworkremotely: "/feeds/weworkremotely/remote-programming-jobs.rss",
  openJobsData: "/feeds/open-jobs-data/new-jobs.xml",
  atom: "/feeds/beispiel/jobs.atom",
} as const;
/** Job pages the site's sitemap lists, and which of them publish a JobPosting. */
export const SITE_JOB_PAGES = {
  withPostings: [
    JOB_PAGE_PATH,
    "/careers/jobs/senior-devops-engineer-graph",
    "/careers/jobs/devops-engineer-list",
    "/careers/jobs/remote-devops-engineer",
  ],
  closed: "/careers/jobs/closed-role",
} as const;

/** Options for {@link startFeedsServer}. */
export interface FeedsServerOptions {
  /** @defaultValue `0` (any free port) */
  port?: number;
  /** robots.txt names the sitemap index. @defaultValue `true` (false: only /sitemap.xml finds it) */
  robotsSitemap?: boolean;
  /** Paths robots.txt disallows for every agent. @defaultValue `["/admin/"]` */
  robotsDisallow?: readonly string[];
}

export type FeedsServer = FaultInjectingServer;

type Body = { status: number; type: string; body: string };
const XML = "application/xml; charset=utf-8";
const HTML = "text/html; charset=utf-8";

// ---------------------------------------------------------------- Deutsche Bank

type Json = Record<string, unknown>;

function pick(o: unknown, keys: Set<string>): unknown {
  if (!o || typeof o !== "object") return o;
  return Object.fromEntries(Object.entries(o as Json).filter(([k]) => keys.has(k)));
}

/** Keep only the descriptor fields a request names (`PositionLocation.CityName` keeps that sub-field). */
export function projectDescriptor(desc: Json, fields: readonly string[]): Json {
  const out: Json = {};
  const sub = new Map<string, Set<string>>();
  for (const f of fields) {
    const [head = "", ...rest] = f.split(".");
    if (rest.length === 0) {
      if (head in desc) out[head] = desc[head];
    } else sub.set(head, (sub.get(head) ?? new Set()).add(rest.join(".")));
  }
  for (const [head, keys] of sub) {
    const v = desc[head];
    if (head in out || v === undefined) continue;
    out[head] = Array.isArray(v) ? v.map((x) => pick(x, keys)) : pick(v, keys);
  }
  return out;
}

function deutscheBank(items: Json[], query: URLSearchParams): Body {
  let req: Json;
  try {
    req = JSON.parse(query.get("data") ?? "") as Json;
  } catch {
    return { status: 400, type: "application/json", body: JSON.stringify({ error: "data is not JSON" }) };
  }
  const params = (req.SearchParameters ?? {}) as Json;
  const first = Math.max(1, Number(params.FirstItem ?? 1) || 1);
  const count = Math.max(1, Number(params.CountItem ?? 10) || 10);
  const fields = Array.isArray(params.MatchedObjectDescriptor)
    ? (params.MatchedObjectDescriptor as string[])
    : [];
  const words = (Array.isArray(req.SearchCriteria) ? (req.SearchCriteria as Json[]) : [])
    .filter((c) => c?.CriterionName === "PositionFormattedDescription.Content")
    .flatMap((c): unknown[] =>
      Array.isArray(c.CriterionValue) ? (c.CriterionValue as unknown[]) : [c.CriterionValue],
    )
    .map((w) => String(w).toLowerCase());
  const desc = (it: Json) => (it.MatchedObjectDescriptor ?? {}) as Json;
  const hits = items
    .filter((it) => words.every((w) => String(desc(it).PositionTitle).toLowerCase().includes(w)))
    .sort((a, b) => String(desc(b).PublicationStartDate).localeCompare(String(desc(a).PublicationStartDate)));
  const slice = hits.slice(first - 1, first - 1 + count).map((it) => ({
    ...it,
    MatchedObjectDescriptor: fields.length ? projectDescriptor(desc(it), fields) : desc(it),
  }));
  const body = {
    SearchResult: {
      SearchResultCount: slice.length,
      SearchResultCountAll: hits.length,
      SearchResultItems: slice,
    },
  };
  return { status: 200, type: "application/json", body: JSON.stringify(body) };
}

// ---------------------------------------------------------------- career site

function page(title: string, jsonLd?: unknown): string {
  const script =
    jsonLd === undefined ? "" : `<script type="application/ld+json">${JSON.stringify(jsonLd)}</script>\n`;
  return `<!DOCTYPE html><html lang="en"><head><title>${title}</title>\n${script}</head><body><h1>${title}</h1></body></html>\n`;
}

function careerSite(origin: string, o: FeedsServerOptions): Map<string, Body> {
  const recorded = read("jsonld/indeed-au-viewjob-papercut-trimmed.html");
  const block = /<script type="application\/ld\+json">([\s\S]*?)<\/script>/.exec(recorded)?.[1] ?? "{}";
  const posting = JSON.parse(block) as Json;
  const { "@context": _ctx, ...bare } = posting;
  const graph = {
    "@context": "https://schema.org",
    "@graph": [
      { "@type": "WebPage", "@id": `${origin}/careers/jobs/senior-devops-engineer-graph` },
      { "@type": "Organization", name: "PaperCut Software" },
      { ...bare, identifier: { "@type": "PropertyValue", name: "PaperCut", value: "PC-1001" } },
    ],
  };
  const list = [
    { "@context": "https://schema.org", "@type": "BreadcrumbList", itemListElement: [] },
    {
      ...posting,
      title: "DevOps Engineer",
      baseSalary: {
        "@type": "MonetaryAmount",
        currency: "AUD",
        value: { "@type": "QuantitativeValue", value: 120000, unitText: "YEAR" },
      },
    },
  ];
  const remote = {
    ...bare,
    "@context": "https://schema.org/",
    title: "Remote DevOps Engineer",
    jobLocationType: "TELECOMMUTE",
    jobLocation: undefined,
    applicantLocationRequirements: { "@type": "Country", name: "Australia" },
    employmentType: "CONTRACTOR",
  };
  const days = ["2026-11-20", "2026-11-18", "2026-11-15", "2026-11-01", "2026-10-01"];
  const jobUrls = [...SITE_JOB_PAGES.withPostings, SITE_JOB_PAGES.closed];
  const urlset = (urls: string[], dates: (string | undefined)[]) =>
    `<?xml version="1.0" encoding="UTF-8"?>\n<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">\n${urls
      .map(
        (u, i) => `  <url><loc>${origin}${u}</loc>${dates[i] ? `<lastmod>${dates[i]}</lastmod>` : ""}</url>`,
      )
      .join("\n")}\n</urlset>\n`;
  const index = `<?xml version="1.0" encoding="UTF-8"?>\n<sitemapindex xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">\n  <sitemap><loc>${origin}/sitemaps/pages.xml</loc></sitemap>\n  <sitemap><loc>${origin}/sitemaps/jobs.xml</loc></sitemap>\n</sitemapindex>\n`;
  const disallow = (o.robotsDisallow ?? ["/admin/"]).map((d) => `Disallow: ${d}\n`).join("");
  const sitemapLine = (o.robotsSitemap ?? true) ? `\nSitemap: ${origin}/sitemap_index.xml\n` : "";
  const robots = `User-agent: *\n${disallow}${sitemapLine}`;
  return new Map<string, Body>([
    ["/robots.txt", { status: 200, type: "text/plain", body: robots }],
    ["/sitemap_index.xml", { status: 200, type: XML, body: index }],
    ["/sitemap.xml", { status: 200, type: XML, body: index }],
    ["/sitemaps/jobs.xml", { status: 200, type: XML, body: urlset(jobUrls, days) }],
    [
      "/sitemaps/pages.xml",
      { status: 200, type: XML, body: urlset(["/", "/about", "/blog/hello-world", CAREERS_PATH], []) },
    ],
    [CAREERS_PATH, { status: 200, type: HTML, body: page("Careers at PaperCut", undefined) }],
    [JOB_PAGE_PATH, { status: 200, type: HTML, body: recorded }],
    [
      SITE_JOB_PAGES.withPostings[1],
      { status: 200, type: HTML, body: page("Senior DevOps Engineer", graph) },
    ],
    [SITE_JOB_PAGES.withPostings[2], { status: 200, type: HTML, body: page("DevOps Engineer", list) }],
    [
      SITE_JOB_PAGES.withPostings[3],
      { status: 200, type: HTML, body: page("Remote DevOps Engineer", remote) },
    ],
    [
      "/",
      {
        status: 200,
        type: HTML,
        body: page("PaperCut", {
          "@context": "https://schema.org",
          "@type": "Organization",
          name: "PaperCut",
        }),
      },
    ],
    ["/about", { status: 200, type: HTML, body: page("About", undefined) }],
    // A filled job whose page stays up without its posting (and has left the sitemap).
    ["/careers/jobs/filled-role", { status: 200, type: HTML, body: page("This job has been filled") }],
    ["/blog/hello-world", { status: 200, type: HTML, body: page("Hello", undefined) }],
  ]);
}

// ---------------------------------------------------------------- server

const MALFORMED: Record<string, string> = {
  xml: '<?xml version="1.0"?>\n<rss version="2.0"><channel><item><title>Broken</titel></item>',
  json: '{"SearchResult": {"SearchResultItems": [{"MatchedObjectId": "1",, }',
  html: '<!DOCTYPE html><html><head><script type="application/ld+json">{"@type": "JobPosting", "title": }</script></head><body></body></html>',
};

/** Start the feeds server; see the file comment for what it serves. */
export async function startFeedsServer(options: FeedsServerOptions = {}): Promise<FeedsServer> {
  const dbItems = JSON.parse(read("deutsche-bank/search-result-items.json")) as Json[];
  const feeds = new Map<string, Body>([
    [
      FEED_PATHS.weworkremotely,
      {
        status: 200,
        type: "application/rss+xml",
        body: read("rss/weworkremotely-remote-programming-jobs.rss"),
      },
    ],
    [
      FEED_PATHS.openJobsData,
      { status: 200, type: "application/rss+xml", body: read("rss/open-jobs-data-new-jobs.rss.xml") },
    ],
    [FEED_PATHS.atom, { status: 200, type: "application/atom+xml", body: read("rss/handmade-jobs.atom") }],
    [
      "/personio/personio/xml",
      { status: 200, type: XML, body: read("personio/xml-personio-se-1834171.xml") },
    ],
  ]);
  let site = new Map<string, Body>();

  const answer = (req: IncomingMessage, url: URL): Body => {
    if (req.method !== "GET") return { status: 405, type: "text/plain", body: "Method Not Allowed" };
    if (url.pathname === DEUTSCHE_BANK_PATH) return deutscheBank(dbItems, url.searchParams);
    return (
      feeds.get(url.pathname) ??
      site.get(url.pathname) ?? {
        status: 404,
        type: HTML,
        body: "<!DOCTYPE html><html><body><h1>404 Not Found</h1></body></html>",
      }
    );
  };

  return startFaultServer({
    port: options.port,
    answer,
    malformed: (b) =>
      MALFORMED[b.type?.includes("json") ? "json" : b.type?.includes("html") ? "html" : "xml"] ?? "",
    onListen: (origin) => {
      site = careerSite(origin, options);
    },
  });
}

async function main(argv: string[]): Promise<{ close(): Promise<void> }> {
  const server = await startFeedsServer({ port: Number(cliArg(argv, "--port") ?? "8788") });
  process.stdout.write(
    `Feeds server listening on ${server.url}\n` +
      `  PERSONIO_BASE_URL=${server.url}/personio/{company}  (company: personio)\n` +
      `  DEUTSCHE_BANK_BASE_URL=${server.url}\n` +
      `  career page: ${server.url}${CAREERS_PATH}   feeds: ${Object.values(FEED_PATHS)
        .map((p) => server.url + p)
        .join(" ")}\n`,
  );
  return server;
}

runAsCommand(import.meta.url, "feeds server", main);
