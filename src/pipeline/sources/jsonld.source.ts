// Career pages that publish schema.org JobPosting as JSON-LD (what search engines read). A source is
// one URL: a job page (its postings are the listing) or a careers page without postings of its own,
// whose site's sitemaps are searched for job pages (see sitemap.ts). Nothing but the JSON-LD
// blocks of a page is read: no scraping of the HTML around them.
import { createHash } from "node:crypto";
import { z } from "zod";
import { AppError } from "../../core/errors.js";
import { HttpError } from "./http.js";
import { normalizeJobPosting } from "./jsonld-posting.js";
import { discoverJobUrls, isJobLikePath } from "./sitemap.js";
import {
  sourceKey,
  type AccessPolicy,
  type FetchContext,
  type RawItem,
  type SourceAdapter,
  type SourceKind,
  type SourcePage,
} from "./source.js";

export { normalizeJobPosting } from "./jsonld-posting.js";

export const JSONLD_KIND = "jsonld";

export const jsonLdPolicy: AccessPolicy = {
  kind: "page",
  // One page every 5 s (slower when robots.txt sets a Crawl-delay): a first discovery of 40 job
  // pages takes about 4 minutes; later runs read only the pages whose sitemap <lastmod> changed.
  rateLimitPerMinute: 12,
  terms:
    "Public career pages, read only for the schema.org JobPosting data they publish for machines (https://schema.org/JobPosting); robots.txt and its Crawl-delay are obeyed, and at most a capped number of job pages is read per run.",
};

const httpUrlString = z
  .string()
  .trim()
  .url()
  .refine((u) => /^https?:\/\//i.test(u), "an http(s) URL");

export const jsonLdParamsSchema = z.object({
  /** A job page, or a careers page whose site's sitemaps list the job pages. */
  url: httpUrlString,
  /** Job pages fetched at most per run when discovering from sitemaps. @defaultValue `40` */
  maxPages: z.number().int().min(1).max(500).optional(),
});
export type JsonLdParams = z.infer<typeof jsonLdParamsSchema>;

/** One JobPosting as staged: the page it was found on and the object itself. */
export interface JsonLdRaw {
  pageUrl: string;
  posting: Record<string, unknown>;
}

/** What {@link extractJobPostings} found in a page. */
export interface JsonLdExtract {
  postings: Record<string, unknown>[];
  /** `<script type="application/ld+json">` blocks seen. */
  blocks: number;
  /** Blocks that were not valid JSON. */
  invalid: number;
  /** A JSON-LD block opens but the page ends before it closes (a cut-off body). */
  cutOff: boolean;
}

const SCRIPT =
  /<script\b[^>]*\btype\s*=\s*["']?application\/ld\+json["']?[^>]*>([\s\S]*?)(?:<\/script\s*>|$)/gi;

function isJobPosting(o: Record<string, unknown>): boolean {
  const t = o["@type"];
  return (Array.isArray(t) ? t : [t]).some(
    (x) => typeof x === "string" && /^(?:schema:|https?:\/\/schema\.org\/)?JobPosting$/i.test(x),
  );
}

function collect(node: unknown, out: Record<string, unknown>[], depth: number): void {
  if (depth > 6 || out.length >= 200 || !node || typeof node !== "object") return;
  if (Array.isArray(node)) {
    for (const n of node) collect(n, out, depth + 1);
    return;
  }
  const o = node as Record<string, unknown>;
  if (isJobPosting(o)) {
    out.push(o);
    return;
  }
  collect(o["@graph"], out, depth + 1);
  // ItemList of postings: itemListElement[].item (or the elements themselves).
  for (const el of Array.isArray(o.itemListElement) ? o.itemListElement : []) {
    collect(el, out, depth + 1);
    if (el && typeof el === "object") collect((el as Record<string, unknown>).item, out, depth + 1);
  }
  collect(o.mainEntity, out, depth + 1);
}

/** Every JobPosting in a page's JSON-LD blocks, including `@graph`, arrays, ItemLists and `mainEntity`. */
export function extractJobPostings(html: string): JsonLdExtract {
  const postings: Record<string, unknown>[] = [];
  let blocks = 0;
  let invalid = 0;
  let cutOff = false;
  for (const m of html.matchAll(SCRIPT)) {
    blocks++;
    if (!/<\/script\s*>$/i.test(m[0])) cutOff = true;
    const body = (m[1] ?? "")
      .trim()
      .replace(/^<!--|-->$/g, "")
      .replace(/^\/\/\s*<!\[CDATA\[|\/\/\s*\]\]>$/g, "")
      .trim();
    try {
      collect(JSON.parse(body) as unknown, postings, 0);
    } catch {
      invalid++;
    }
  }
  return { postings, blocks, invalid, cutOff };
}

/** A stable id for a posting: its identifier, else its URL, else the page (with its place on the page). */
export function jsonLdSourceId(pageUrl: string, posting: Record<string, unknown>, index: number): string {
  const ident = posting.identifier;
  const value =
    typeof ident === "string" || typeof ident === "number"
      ? String(ident)
      : ident && typeof ident === "object" && !Array.isArray(ident)
        ? (ident as Record<string, unknown>).value
        : undefined;
  if ((typeof value === "string" && value.trim()) || typeof value === "number")
    return String(value).trim().slice(0, 200);
  const url = typeof posting.url === "string" ? posting.url.trim() : "";
  const base = url && /^https?:\/\//i.test(url) ? url : pageUrl;
  const id = index > 0 && base === pageUrl ? `${pageUrl}#${index}` : base;
  return id.length <= 300
    ? id
    : `${id.slice(0, 280)}#${createHash("sha1").update(id).digest("hex").slice(0, 12)}`;
}

/**
 * A single job's page rather than a careers page: something follows the last job-like folder
 * (`/careers/jobs/backend-dev`, `/job/123`), where `/careers/`, `/jobs` or `/` are listings.
 */
export function isJobPageUrl(url: string): boolean {
  const segments = new URL(url).pathname.split("/").filter(Boolean);
  let last = -1;
  segments.forEach((s, i) => {
    if (isJobLikePath(`/${s}`)) last = i;
  });
  return last >= 0 && last < segments.length - 1;
}

const cursorSchema = z.object({
  pending: z.array(z.string()),
  /** Job pages read so far that answered, and postings found on them. */
  read: z.number().int().min(0),
  postings: z.number().int().min(0),
});
type Cursor = z.infer<typeof cursorSchema>;

/** Options for {@link createJsonLdSource}. */
export interface JsonLdSourceOptions extends JsonLdParams {
  /** Job pages fetched per `fetchPage` call while working through discovered URLs. @defaultValue `10` */
  batchSize?: number;
}

/**
 * The JSON-LD adapter. The first page fetches `url`: its postings are the listing when it has any.
 * Otherwise the site's sitemaps are searched for job pages, which are fetched `batchSize` per call
 * (the cursor carries the URLs still to fetch). Job pages answering 404/410 have closed and are
 * skipped; a page robots.txt disallows is skipped and makes the fetch partial (`incremental`), as
 * does the per-run cap (which takes the newest pages by sitemap `<lastmod>`). Job pages that answer
 * but publish no JobPosting at all are an error, not an empty listing: the site does not offer what
 * this source reads. `since` is not used: skipping unchanged pages would make every fetch partial,
 * so jobs that left the sitemap would never close; conditional GET makes unchanged pages cheap.
 */
export function createJsonLdSource(o: JsonLdSourceOptions): SourceAdapter {
  const id = sourceKey(JSONLD_KIND, o.url);
  const start = new URL(o.url).href;
  const batch = Math.max(1, o.batchSize ?? 10);
  const host = new URL(start).host;

  const toItems = (pageUrl: string, found: Record<string, unknown>[]): RawItem[] =>
    found.map((posting, i) => ({
      sourceId: jsonLdSourceId(pageUrl, posting, i),
      raw: { pageUrl, posting } satisfies JsonLdRaw,
    }));

  async function page(ctx: FetchContext, url: string) {
    const res = await ctx.http.getText(url, {
      headers: { accept: "text/html, application/xhtml+xml;q=0.9, */*;q=0.5" },
      signal: ctx.signal,
    });
    return { res, found: extractJobPostings(res.text) };
  }

  async function jobPages(ctx: FetchContext, c: Cursor, partial: boolean): Promise<SourcePage> {
    const items: RawItem[] = [];
    let { read, postings } = c;
    for (const url of c.pending.slice(0, batch)) {
      try {
        const { found } = await page(ctx, url);
        read++;
        postings += found.postings.length;
        items.push(...toItems(url, found.postings));
      } catch (err) {
        if (err instanceof HttpError && (err.status === 404 || err.status === 410)) continue; // closed
        if (err instanceof AppError && !(err instanceof HttpError) && !err.retryable) {
          partial = true; // robots.txt disallows it: not ours to read
          continue;
        }
        throw err;
      }
    }
    const pending = c.pending.slice(batch);
    if (pending.length === 0 && read > 0 && postings === 0)
      throw new HttpError(
        "http_bad_body",
        `${host}: the ${read} job page(s) its sitemaps list are HTML without schema.org JobPosting data`,
        { retryable: false },
      );
    return {
      items,
      next: pending.length > 0 ? JSON.stringify({ pending, read, postings } satisfies Cursor) : undefined,
      ...(partial ? { incremental: true } : {}),
    };
  }

  async function first(ctx: FetchContext): Promise<SourcePage> {
    const { res, found } = await page(ctx, start);
    if (found.postings.length > 0)
      return { items: toItems(start, found.postings), next: undefined, total: found.postings.length };
    const unclosed = /<html[\s>]/i.test(res.text) && !/<\/html\s*>/i.test(res.text);
    if (found.cutOff || (found.blocks === 0 && unclosed))
      throw new HttpError("http_bad_body", `${host} sent a cut-off page (${res.text.length} bytes)`, {
        status: res.status,
        retryable: true,
      });
    const what = found.invalid > 0 ? "JSON-LD that is not valid JSON" : "no schema.org JobPosting data";
    // A job page without its posting (filled, or never marked up) is reported, not turned into a
    // crawl of the whole site: only careers pages lead to sitemap discovery.
    if (isJobPageUrl(start))
      throw new HttpError("http_bad_body", `${host} sent an HTML job page with ${what}`, {
        status: res.status,
        retryable: false,
      });
    const discovery = await discoverJobUrls(ctx.http, start, {
      maxUrls: o.maxPages ?? 40,
      signal: ctx.signal,
    });
    if (discovery.urls.length === 0) {
      throw new HttpError(
        "http_bad_body",
        `${host} sent an HTML page with ${what}, and its sitemaps list no job pages`,
        { status: res.status, retryable: false },
      );
    }
    return jobPages(ctx, { pending: discovery.urls, read: 0, postings: 0 }, discovery.partial);
  }

  return {
    id,
    displayName: `Career page ${host}`,
    policy: jsonLdPolicy,
    paramsSchema: jsonLdParamsSchema,
    completeListing: true,
    async fetchPage(ctx, cursor) {
      if (cursor === undefined) return first(ctx);
      let c: Cursor;
      try {
        c = cursorSchema.parse(JSON.parse(cursor));
      } catch {
        throw new AppError("source_bad_cursor", `${id}: bad cursor`);
      }
      return jobPages(ctx, c, false);
    },
    normalize: (item) => normalizeJobPosting(item, id),
  };
}

// Hosts whose sources have their own adapters (or are not career pages at all).
const NOT_A_CAREER_PAGE =
  /(?:^|\.)(?:greenhouse\.io|lever\.co|ashbyhq\.com|smartrecruiters\.com|personio\.(?:de|com)|myworkdayjobs\.com|workable\.com|recruitee\.com|bamboohr\.com|teamtailor\.com|join\.com|arbeitnow\.com|arbeitsagentur\.de|beesite\.de|careers\.db\.com|weworkremotely\.com|remotive\.com|remoteok\.com|linkedin\.com|indeed\.com|stepstone\.de|xing\.com|glassdoor\.[a-z.]+)$/i;
const FEED_LIKE = /(?:\.(?:rss|atom|xml)|\/(?:feed|rss|atom)\/?)$/i;

/** Career pages with schema.org JobPosting JSON-LD, tracked per workspace by URL. */
export const jsonLdKind: SourceKind<JsonLdParams> = {
  kind: JSONLD_KIND,
  displayName: "Career page (JSON-LD)",
  policy: jsonLdPolicy,
  paramsSchema: jsonLdParamsSchema,
  // Any other http(s) page might publish JobPosting data; this kind is the catch-all, tried last.
  detect: (url) =>
    (url.protocol === "http:" || url.protocol === "https:") &&
    !NOT_A_CAREER_PAGE.test(url.hostname) &&
    !FEED_LIKE.test(url.pathname)
      ? { url: url.href }
      : undefined,
  keyOf: (p) => p.url,
  label: (p) => {
    const u = new URL(p.url);
    return `Career page ${u.host}${u.pathname === "/" ? "" : u.pathname}`;
  },
  create: (p) => createJsonLdSource(p),
};
