// Sitemap discovery for career sites: robots.txt `Sitemap:` lines (or /sitemap.xml), sitemap
// indexes followed breadth-first, and the job-like page URLs they list. Every request goes through
// the source's HttpClient, so rate limits and robots.txt apply as to any page fetch.
import { AppError } from "../../core/errors.js";
import { HttpError, type HttpClient } from "./http.js";
import { listOf, parseXmlBody, recordOf, textOf, XML_ACCEPT } from "./xml.js";

/** A page a sitemap lists. */
export interface SitemapEntry {
  url: string;
  /** `<lastmod>` as epoch ms, when given and readable. */
  lastmod?: number | undefined;
}

/** Options for {@link discoverJobUrls}. */
export interface SitemapDiscoveryOptions {
  /** Sitemap files read at most (indexes included). @defaultValue `20` */
  maxSitemaps?: number;
  /** Job URLs returned at most (the newest by `lastmod` win). @defaultValue `40` */
  maxUrls?: number;
  signal?: AbortSignal | undefined;
}

export interface SitemapDiscovery {
  /** Job-like page URLs, newest first. */
  urls: string[];
  /** Sitemap files read, in order. */
  sitemaps: string[];
  /** Some job URLs were left out (the cap on URLs or on sitemap files): not a complete listing. */
  partial: boolean;
}

// Path words career sites use for job pages and their listings, in English and German.
const JOB_WORDS =
  /(?:^|[/_.-])(?:jobs?|careers?|karriere|stellen(?:angebote?|anzeigen?|markt)?|offene-stellen|jobboerse|jobdetail|vacanc(?:y|ies)|positions?|openings?|job-?offers?|join-us|requisitions?)(?:$|[/_.-])/i;
const NOT_A_PAGE = /\.(?:pdf|jpe?g|png|gif|svg|webp|mp4|zip|docx?|xlsx?|css|js|json|xml|gz)$/i;

/** A URL that looks like a job page (or job listing) on a career site. */
export function isJobLikePath(pathname: string): boolean {
  return JOB_WORDS.test(pathname) && !NOT_A_PAGE.test(pathname);
}

/** The sitemap URLs robots.txt names (`Sitemap:` lines, any case), resolved against the site. */
export function sitemapsFromRobots(robotsTxt: string, origin: string): string[] {
  const out: string[] = [];
  for (const line of robotsTxt.split(/\r?\n/)) {
    const m = /^\s*sitemap\s*:\s*(\S+)/i.exec(line);
    if (!m?.[1]) continue;
    try {
      const u = new URL(m[1], origin);
      if (u.protocol === "http:" || u.protocol === "https:") out.push(u.href);
    } catch {
      // A broken line in someone's robots.txt: ignore it.
    }
  }
  return [...new Set(out)];
}

const sameSite = (a: URL, b: URL): boolean => a.host.replace(/^www\./, "") === b.host.replace(/^www\./, "");

/**
 * Find job pages of the site `start` is on: robots.txt → sitemap index → sitemaps, keeping URLs that
 * look like job pages, sit under the start page's folder, or come from a sitemap whose own name looks
 * job-like (`jobs.xml`). Compressed (`.gz`) sitemaps are skipped. A sitemap that fails is skipped
 * while others still answer; when nothing could be read at all, the first failure is thrown.
 */
export async function discoverJobUrls(
  http: HttpClient,
  start: string,
  o: SitemapDiscoveryOptions = {},
): Promise<SitemapDiscovery> {
  const startUrl = new URL(start);
  const origin = startUrl.origin;
  const maxSitemaps = o.maxSitemaps ?? 20;
  const maxUrls = o.maxUrls ?? 40;
  const folder = startUrl.pathname.replace(/[^/]*$/, "");
  const errors: unknown[] = [];

  let queue: string[] = [];
  try {
    const robots = await http.getText(`${origin}/robots.txt`, {
      headers: { accept: "text/plain, */*;q=0.5" },
      signal: o.signal,
    });
    queue = sitemapsFromRobots(robots.text, origin);
  } catch (err) {
    if (o.signal?.aborted) throw err;
    // No robots.txt (or an unreadable one) is no reason to give up: try the conventional place.
  }
  if (queue.length === 0) queue = [`${origin}/sitemap.xml`];

  const read: string[] = [];
  const seen = new Set<string>();
  const found = new Map<string, SitemapEntry>();
  while (queue.length > 0 && read.length < maxSitemaps) {
    const sitemapUrl = queue.shift() ?? "";
    if (seen.has(sitemapUrl) || /\.gz(?:$|\?)/i.test(sitemapUrl)) continue;
    seen.add(sitemapUrl);
    let doc: Record<string, unknown>;
    try {
      const res = await http.getText(sitemapUrl, { headers: { accept: XML_ACCEPT }, signal: o.signal });
      doc = parseXmlBody(res.text, {
        url: sitemapUrl,
        status: res.status,
        roots: ["urlset", "sitemapindex"],
        arrays: ["url", "sitemap"],
      });
    } catch (err) {
      if (o.signal?.aborted) throw err;
      errors.push(err);
      continue;
    }
    read.push(sitemapUrl);
    const index = recordOf(doc.sitemapindex);
    if (index) {
      const children = listOf(index.sitemap)
        .map((s) => textOf(recordOf(s)?.loc)?.trim())
        .filter((s): s is string => !!s && /^https?:\/\//i.test(s));
      // Job sitemaps first, so the cap on sitemap files spends itself where the jobs are.
      queue.push(...children.filter((c) => isJobLikePath(new URL(c).pathname.replace(/\.xml$/i, ""))));
      queue.push(...children.filter((c) => !isJobLikePath(new URL(c).pathname.replace(/\.xml$/i, ""))));
      continue;
    }
    const jobSitemap = isJobLikePath(new URL(sitemapUrl).pathname.replace(/\.xml$/i, ""));
    for (const entry of listOf(recordOf(doc.urlset)?.url)) {
      const loc = textOf(recordOf(entry)?.loc)?.trim();
      if (!loc) continue;
      let u: URL;
      try {
        u = new URL(loc);
      } catch {
        continue;
      }
      if (!sameSite(u, startUrl) || u.href === startUrl.href || NOT_A_PAGE.test(u.pathname)) continue;
      const underStart = folder !== "/" && u.pathname.startsWith(folder);
      if (!jobSitemap && !underStart && !isJobLikePath(u.pathname)) continue;
      const lastmod = Date.parse(textOf(recordOf(entry)?.lastmod) ?? "");
      found.set(u.href, { url: u.href, ...(Number.isFinite(lastmod) ? { lastmod } : {}) });
    }
  }
  if (read.length === 0 && errors.length > 0) {
    const first = errors[0];
    throw first instanceof AppError
      ? first
      : new HttpError("http_network", `${startUrl.host}: no sitemap could be read`, {
          retryable: true,
          cause: first,
        });
  }
  const entries = [...found.values()];
  const before = entries.length;
  entries.sort((a, b) => (b.lastmod ?? 0) - (a.lastmod ?? 0));
  const urls = entries.slice(0, maxUrls).map((e) => e.url);
  return { urls, sitemaps: read, partial: urls.length < before || queue.length > 0 };
}
