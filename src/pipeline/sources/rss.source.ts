// RSS 2.0, RSS 1.0 (RDF) and Atom job feeds: one GET of the feed URL. Job feeds put the company
// and place in different spots: explicit elements (WP Job Manager's job_listing:company/location),
// the title ("Company: Role" on We Work Remotely, "Role — Company" elsewhere), or a short
// "Company · Place · …" description line; see companyAndRole and placeText.
import { createHash } from "node:crypto";
import { z } from "zod";
import { postingId, type PostingLocation } from "../../core/posting.js";
import { parseLocations } from "../../core/geo/location-text.js";
import { countryCode } from "../../core/geo/names.js";
import {
  cleanLine,
  detectEmploymentType,
  detectLanguage,
  detectRemoteMode,
  detectSeniority,
  htmlToText,
  httpUrl,
  toIsoUtc,
  validatePosting,
} from "./posting-signals.js";
import {
  sourceKey,
  type AccessPolicy,
  type NormalizeResult,
  type RawItem,
  type SourceAdapter,
  type SourceKind,
} from "./source.js";
import { listOf, parseXmlBody, recordOf, textOf, XML_ACCEPT } from "./xml.js";

export const RSS_KIND = "rss";

export const rssPolicy: AccessPolicy = {
  kind: "feed",
  rateLimitPerMinute: 10,
  terms:
    "Public RSS/Atom feeds, published for feed readers to poll; we read one feed URL per run, identify ourselves and keep to the feed's own items (https://www.rssboard.org/rss-specification).",
};

export const rssParamsSchema = z.object({
  /** The feed's URL. */
  url: z
    .string()
    .trim()
    .url()
    .refine((u) => /^https?:\/\//i.test(u), "an http(s) URL"),
});
export type RssParams = z.infer<typeof rssParamsSchema>;

/** One feed item as staged: the feed's URL and channel facts beside the item as parsed. */
export interface FeedRaw {
  feedUrl: string;
  format: "rss" | "atom";
  /** The channel's title, language and own link (the site it belongs to, also when replayed elsewhere). */
  channel: { title?: string | undefined; language?: string | undefined; link?: string | undefined };
  item: Record<string, unknown>;
}

type Rec = Record<string, unknown>;
const WWR = /(?:^|\.)weworkremotely\.com$/i;

function hostOf(url: string | undefined): string {
  try {
    return url ? new URL(url).hostname : "";
  } catch {
    return "";
  }
}

/** A We Work Remotely feed, by its URL or by the site its channel links to. */
const isWwr = (f: FeedRaw): boolean => WWR.test(hostOf(f.feedUrl)) || WWR.test(hostOf(f.channel.link));
const dash = /^(.*\S)\s+[—–]\s+([^—–]+)$/;

function linkOf(item: Rec): string | undefined {
  const links = listOf(item.link);
  for (const l of links) {
    const r = recordOf(l);
    const href = r ? r["@_href"] : l;
    const rel = r ? r["@_rel"] : undefined;
    if (
      (rel === undefined || rel === "alternate") &&
      httpUrl(typeof href === "string" ? href.trim() : undefined)
    )
      return httpUrl((href as string).trim());
  }
  const guid = recordOf(item.guid);
  return guid?.["@_isPermaLink"] !== "false" ? httpUrl(textOf(item.guid)?.trim()) : undefined;
}

/** The item's id in its feed: guid (RSS), id (Atom), else the link, else a hash of title and date. */
export function feedItemId(item: Rec): string {
  const id = cleanLine(textOf(item.guid), 300) ?? cleanLine(textOf(item.id), 300) ?? linkOf(item);
  if (id) return id;
  const basis = `${textOf(item.title) ?? ""}\u0000${textOf(item.pubDate) ?? textOf(item.updated) ?? ""}`;
  return `item-${createHash("sha256").update(basis).digest("hex").slice(0, 16)}`;
}

/** Company and role from the item (see the file comment), or the title alone when no company is named. */
export function companyAndRole(
  raw: FeedRaw,
  descriptionText: string,
): { company?: string | undefined; role: string } {
  const title = cleanLine(textOf(raw.item.title)) ?? "";
  const explicit = cleanLine(textOf(raw.item.company) ?? textOf(raw.item.hiringOrganization), 300);
  if (explicit) return { company: explicit, role: title };
  if (isWwr(raw)) {
    const m = /^(.{1,200}?):\s+(.+)$/.exec(title);
    return m ? { company: cleanLine(m[1], 300), role: cleanLine(m[2]) ?? title } : { role: title };
  }
  // "Role — Company" or "Role at Company", believed only when the description starts with that company.
  const m = dash.exec(title) ?? /^(.+?)\s+at\s+(.+)$/.exec(title);
  const candidate = cleanLine(m?.[2], 300);
  if (m && candidate && descriptionText.toLowerCase().startsWith(candidate.toLowerCase()))
    return { company: candidate, role: cleanLine(m[1]) ?? title };
  const author = cleanLine(
    textOf(recordOf(raw.item.author)?.name) ?? textOf(raw.item.creator) ?? textOf(raw.item.author),
    300,
  );
  return { company: author && !/@/.test(author) ? author : undefined, role: title };
}

/** Where the job is, as the feed says it: explicit elements, else a "Company · Place · …" description line. */
export function placeText(
  item: Rec,
  company: string | undefined,
  descriptionText: string,
): string | undefined {
  const explicit = cleanLine(textOf(item.location) ?? textOf(item.region) ?? textOf(item.joblocation), 300);
  if (explicit) return explicit;
  const parts =
    descriptionText.includes("\n") || descriptionText.length > 300
      ? []
      : descriptionText.split(" · ").map((p) => p.trim());
  return parts.length >= 3 && company && parts[0]?.toLowerCase() === company.toLowerCase()
    ? cleanLine(parts[1])
    : undefined;
}

/** Places in a feed's location text; "Anywhere in the World" and continents are no place, "USA Only" is a country. */
export function feedPlaces(text: string | undefined): PostingLocation[] {
  const t = text?.replace(/\bonly\b/gi, "").trim();
  if (!t || /\b(?:anywhere|worldwide|world|global|location)\b/i.test(t)) return [];
  const country = countryCode(t);
  if (country) return [{ country }];
  // Free text from a feed: keep what the gazetteer confirms or what names its country ("Gurugram, India").
  const read = (x: string) =>
    parseLocations(x, { preferCountry: "DE" })
      .filter((l) => l.lat !== undefined || l.country !== undefined)
      .slice(0, 20);
  const direct = read(t);
  // ATS exports often write "Region - City" ("California - San Francisco", "Japan - Tokyo").
  if (!/\s-\s/.test(t) || direct.some((l) => l.lat !== undefined)) return direct;
  const reversed = read(
    t
      .split(/\s+-\s+/)
      .reverse()
      .join(", "),
  );
  return reversed.some((l) => l.lat !== undefined) ? reversed : direct;
}

/** Normalize one feed item (raw: {@link FeedRaw}). */
export function normalizeFeedItem(item: RawItem, source: string): NormalizeResult {
  const raw = recordOf(item.raw) as Partial<FeedRaw> | undefined;
  const label = `${source} ${item.sourceId}`;
  const it = recordOf(raw?.item);
  if (!raw || !it || typeof raw.feedUrl !== "string" || !httpUrl(raw.feedUrl))
    return { ok: false, reason: `${label}: not a feed item` };
  const channel = recordOf(raw.channel);
  const feed: FeedRaw = {
    feedUrl: raw.feedUrl,
    format: raw.format === "atom" ? "atom" : "rss",
    channel: {
      title: cleanLine(channel?.title),
      language: cleanLine(channel?.language, 20),
      link: httpUrl(channel?.link),
    },
    item: it,
  };
  const html = textOf(it.encoded) ?? textOf(it.content) ?? textOf(it.description) ?? textOf(it.summary) ?? "";
  const description = htmlToText(html);
  const { company, role } = companyAndRole(feed, description);
  if (!role) return { ok: false, reason: `${label}: no title` };
  const fallback = isWwr(feed)
    ? undefined
    : cleanLine(
        feed.channel.title?.replace(
          /\s*[-–—|:]\s*(?:jobs?|careers?|karriere|stellenangebote|offene stellen)\b.*$/i,
          "",
        ),
        300,
      );
  const employer = company ?? fallback;
  if (!employer) return { ok: false, reason: `${label}: the item names no company` };
  const where = placeText(it, employer, description);
  const categories = listOf(it.category)
    .map((c) => cleanLine(textOf(c) ?? textOf(recordOf(c)?.["@_term"])))
    .filter((c): c is string => !!c);
  const kind = cleanLine(textOf(it.type) ?? textOf(it.job_type) ?? textOf(it.jobtype));
  const url = linkOf(it);
  const postedAt = toIsoUtc(
    textOf(it.pubDate) ?? textOf(it.published) ?? textOf(it.date) ?? textOf(it.updated),
  );
  const updatedAt = toIsoUtc(textOf(it.updated));
  const detected = detectLanguage(`${role}\n${description}`);
  const channelLanguage = feed.channel.language?.slice(0, 2).toLowerCase();
  return validatePosting(
    {
      id: postingId(source, item.sourceId),
      title: role,
      company: employer,
      locations: feedPlaces(where),
      // Everything on We Work Remotely is a remote job; elsewhere the words decide.
      remoteMode: detectRemoteMode({
        flag: isWwr(feed) ? true : undefined,
        strong: [role, where, ...categories],
        text: description,
      }),
      employmentType: detectEmploymentType({ strong: [role, kind, ...categories], text: description }),
      seniority: detectSeniority(role, [kind]),
      language:
        detected !== "und" || !channelLanguage || !/^[a-z]{2}$/.test(channelLanguage)
          ? detected
          : channelLanguage,
      ...(postedAt ? { postedAt } : {}),
      ...(updatedAt && updatedAt !== postedAt ? { updatedAt } : {}),
      description,
      ...(url ? { applyUrl: url } : {}),
      sources: [{ source, sourceId: item.sourceId, ...(url ? { url } : {}) }],
    },
    label,
  );
}

/** Items of a parsed RSS 2.0, RSS 1.0 or Atom document, with the channel facts each item needs. */
export function feedItems(doc: Rec, feedUrl: string): RawItem[] {
  const atom = recordOf(doc.feed);
  const rss = recordOf(recordOf(doc.rss)?.channel) ?? recordOf(doc.RDF);
  const channel = atom ?? recordOf(recordOf(doc.RDF)?.channel) ?? rss ?? {};
  const facts = {
    title: cleanLine(textOf(channel.title)),
    language: cleanLine(
      textOf(channel.language) ?? textOf(atom?.["@_xml:lang"]) ?? textOf(atom?.["@_lang"]),
      20,
    ),
    link: linkOf(channel),
  };
  const entries = atom ? listOf(atom.entry) : listOf(rss?.item);
  return entries.flatMap((e) => {
    const item = recordOf(e);
    if (!item) return [];
    const raw: FeedRaw = { feedUrl, format: atom ? "atom" : "rss", channel: facts, item };
    return [{ sourceId: feedItemId(item), raw }];
  });
}

/**
 * One feed. Not a complete listing: job feeds show the latest items only (We Work Remotely's
 * category feeds, "new postings since yesterday" digests), so a job missing from the feed has not
 * necessarily closed.
 */
export function createRssSource(p: RssParams): SourceAdapter {
  const id = sourceKey(RSS_KIND, p.url);
  const url = new URL(p.url).href;
  return {
    id,
    displayName: `Feed ${new URL(url).host}`,
    policy: rssPolicy,
    paramsSchema: rssParamsSchema,
    completeListing: false,
    async fetchPage(ctx) {
      const res = await ctx.http.getText(url, { headers: { accept: XML_ACCEPT }, signal: ctx.signal });
      const doc = parseXmlBody(res.text, {
        url,
        status: res.status,
        roots: ["rss", "feed", "RDF"],
        arrays: ["item", "entry", "category", "link"],
      });
      const items = feedItems(doc, url);
      return { items, next: undefined, total: items.length };
    },
    normalize: (item) => normalizeFeedItem(item, id),
  };
}

const FEED_PATH = /(?:\.(?:rss|atom|xml)|\/(?:feed|rss|atom)\/?)$/i;

/** RSS/Atom job feeds, tracked per workspace by URL. */
export const rssKind: SourceKind<RssParams> = {
  kind: RSS_KIND,
  displayName: "RSS/Atom feed",
  policy: rssPolicy,
  paramsSchema: rssParamsSchema,
  detect: (u) => (FEED_PATH.test(u.pathname) && !/sitemap/i.test(u.pathname) ? { url: u.href } : undefined),
  keyOf: (p) => p.url,
  label: (p) => {
    const u = new URL(p.url);
    return `Feed ${u.host}${u.pathname}`;
  },
  create: (p) => createRssSource(p),
};
