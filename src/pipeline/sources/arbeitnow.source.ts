// Arbeitnow job board API: GET /api/job-board-api?page=N[&search=…], a free public JSON API of
// (mostly German) postings, 100 per page, newest first.
import { createHash } from "node:crypto";
import { z } from "zod";
import { AppError } from "../../core/errors.js";
import { postingId, type PostingLocation } from "../../core/posting.js";
import { parseLocations } from "../../core/geo/location-text.js";
import { HttpError } from "./http.js";
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
import type {
  AccessPolicy,
  FetchContext,
  NormalizeResult,
  RawItem,
  SourceAdapter,
  SourcePage,
} from "./source.js";

export const ARBEITNOW_SOURCE_ID = "arbeitnow";

export const arbeitnowPolicy: AccessPolicy = {
  kind: "api",
  rateLimitPerMinute: 30,
  terms:
    'Free public API, "please do not abuse"; linking back is appreciated and use means agreeing to the terms of service on arbeitnow.com (meta.terms of https://www.arbeitnow.com/api/job-board-api).',
};

/** Options for {@link createArbeitnowSource}. */
export interface ArbeitnowSourceOptions {
  /** API host without path; the adapter appends `/api/job-board-api`. @defaultValue `https://www.arbeitnow.com` */
  baseUrl?: string;
}

const envelopeSchema = z.object({
  data: z.array(z.unknown()),
  links: z.object({ next: z.string().nullable().optional() }).partial().nullable().optional(),
  meta: z
    .object({ current_page: z.number().optional(), to: z.number().nullable().optional() })
    .partial()
    .nullable()
    .optional(),
});

const itemSchema = z.object({
  slug: z.string().min(1),
  company_name: z.unknown().optional(),
  title: z.unknown().optional(),
  description: z.string().optional().nullable(),
  remote: z.boolean().optional().nullable(),
  url: z.string().optional().nullable(),
  tags: z.array(z.string()).optional().nullable(),
  job_types: z.array(z.string()).optional().nullable(),
  location: z.string().optional().nullable(),
  created_at: z.union([z.number(), z.string()]).optional().nullable(),
});

function itemId(raw: unknown): string {
  const slug = (raw as { slug?: unknown } | null)?.slug;
  if (typeof slug === "string" && slug) return slug;
  // No slug: still hand the item on so that normalize can report it; the hash keeps ids stable.
  return (
    "noslug-" +
    createHash("sha256")
      .update(JSON.stringify(raw) ?? "")
      .digest("hex")
      .slice(0, 16)
  );
}

// The page number in `links.next`; never one we have had, so a bad link cannot loop.
function pageAfter(next: string, current: number): number {
  try {
    const p = Number(new URL(next).searchParams.get("page"));
    return Number.isInteger(p) && p > current ? p : current + 1;
  } catch {
    return current + 1;
  }
}

/** Normalize one Arbeitnow item (see {@link createArbeitnowSource}). */
export function normalizeArbeitnowItem(item: RawItem): NormalizeResult {
  const parsed = itemSchema.safeParse(item.raw);
  if (!parsed.success)
    return {
      ok: false,
      reason: `arbeitnow item ${item.sourceId}: ${parsed.error.issues[0]?.path.join(".") || "item"} missing or malformed`,
    };
  const a = parsed.data;
  const title = cleanLine(a.title);
  const company = cleanLine(a.company_name, 300);
  if (!title) return { ok: false, reason: `arbeitnow ${a.slug}: no title` };
  if (!company) return { ok: false, reason: `arbeitnow ${a.slug}: no company name` };
  const description = htmlToText(a.description ?? "");
  const tags = a.tags ?? [];
  const jobTypes = a.job_types ?? [];
  const url = httpUrl(a.url);
  const locations: PostingLocation[] = a.location
    ? parseLocations(a.location, { defaultCountry: "DE", preferCountry: "DE" })
    : [];
  const postedAt = toIsoUtc(a.created_at ?? undefined);
  return validatePosting(
    {
      id: postingId(ARBEITNOW_SOURCE_ID, a.slug),
      title,
      company,
      locations,
      remoteMode: detectRemoteMode({
        flag: a.remote ?? undefined,
        strong: [title, a.location ?? undefined, ...tags],
        text: description,
      }),
      employmentType: detectEmploymentType({ strong: [title, ...jobTypes, ...tags], text: description }),
      seniority: detectSeniority(title, jobTypes),
      language: detectLanguage(`${title}\n${description}`),
      ...(postedAt ? { postedAt } : {}),
      description,
      ...(url ? { applyUrl: url } : {}),
      sources: [{ source: ARBEITNOW_SOURCE_ID, sourceId: a.slug, ...(url ? { url } : {}) }],
    },
    `arbeitnow ${a.slug}`,
  );
}

/**
 * The Arbeitnow adapter. Cursor = page number. The run query's keywords go to `search`; the API has
 * no place filter, so `place` is left to the search index. There is a next page while `links.next`
 * is non-null (a body without `links` is taken as the last page).
 */
export function createArbeitnowSource(options: ArbeitnowSourceOptions = {}): SourceAdapter {
  const base = (options.baseUrl ?? "https://www.arbeitnow.com").replace(/\/+$/, "");
  return {
    id: ARBEITNOW_SOURCE_ID,
    displayName: "Arbeitnow",
    policy: arbeitnowPolicy,
    async fetchPage(ctx: FetchContext, cursor: string | undefined): Promise<SourcePage> {
      const page = cursor === undefined ? 1 : Number(cursor);
      if (!Number.isInteger(page) || page < 1)
        throw new AppError("source_bad_cursor", `arbeitnow: bad page cursor ${JSON.stringify(cursor)}`);
      const params = new URLSearchParams();
      const search = ctx.query.keywords?.trim();
      if (search) params.set("search", search);
      params.set("page", String(page));
      const url = `${base}/api/job-board-api?${params.toString()}`;
      const { status, data } = await ctx.http.getJson(url, { signal: ctx.signal });
      const env = envelopeSchema.safeParse(data);
      if (!env.success) {
        throw new HttpError(
          "http_bad_body",
          `${new URL(url).host} sent JSON without a \`data\` list (page ${page})`,
          {
            status,
            retryable: false,
          },
        );
      }
      const next = env.data.links?.next;
      const items = env.data.data.map((raw) => ({ sourceId: itemId(raw), raw }));
      return {
        items,
        next: next && items.length > 0 ? String(pageAfter(next, page)) : undefined,
      };
    },
    normalize: normalizeArbeitnowItem,
  };
}
