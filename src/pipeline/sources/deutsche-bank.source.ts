// Deutsche Bank careers search API (BeeSite, the API behind careers.db.com):
// GET {base}/search/?data=<url-encoded JSON request>, answered with
// {SearchResult:{SearchResultCount, SearchResultCountAll, SearchResultItems:[{MatchedObjectId, MatchedObjectDescriptor}]}}.
// The search result carries no description text, so one is built from the listed fields.
import { z } from "zod";
import { AppError } from "../../core/errors.js";
import { postingId, type PostingLocation, type Seniority } from "../../core/posting.js";
import { resolvePlace } from "../../core/geo/gazetteer.js";
import { countryCode, regionName } from "../../core/geo/names.js";
import { HttpError } from "./http.js";
import {
  cleanLine,
  detectEmploymentType,
  detectLanguage,
  detectRemoteMode,
  detectSeniority,
  httpUrl,
  toIsoUtc,
  validatePosting,
} from "./posting-signals.js";
import type {
  AccessPolicy,
  NormalizeResult,
  RawItem,
  SourceAdapter,
  SourceKind,
  SourcePage,
} from "./source.js";
import { decodeEntities } from "./xml.js";

export const DEUTSCHE_BANK_SOURCE_ID = "deutsche-bank";
export const DEUTSCHE_BANK_DEFAULT_BASE = "https://api-deutschebank.beesite.de";
/** Where careers.db.com shows a posting; the API's `PositionURI` is relative to it. */
export const DEUTSCHE_BANK_SITE = "https://careers.db.com/";
const PAGE_SIZE = 100;

export const deutscheBankPolicy: AccessPolicy = {
  kind: "api",
  rateLimitPerMinute: 20,
  terms:
    "The public JSON search API careers.db.com itself calls (api-deutschebank.beesite.de/search); no published terms or rate limit, so we keep to 20 requests a minute, identify ourselves and never fetch job pages.",
};

/** The descriptor fields we ask for; the API returns only the fields named here. */
export const DEUTSCHE_BANK_FIELDS = [
  "PositionID",
  "PositionTitle",
  "PositionURI",
  "ApplyURI",
  "PositionLocation.CityName",
  "PositionLocation.CountrySubDivisionName",
  "PositionLocation.CountryName",
  "PositionLocation.CountryCode",
  "PositionLocation.Latitude",
  "PositionLocation.Longitude",
  "OrganizationName",
  "CareerLevel.Name",
  "PositionSchedule.Name",
  "PositionOfferingType.Name",
  "PublicationStartDate",
  "PublicationChannel.StartDate",
] as const;

const named = z.array(z.object({ Name: z.string().nullish() }).passthrough()).nullish();
const num = z.union([z.number(), z.string()]).nullish();

const descriptorSchema = z.object({
  PositionID: z.union([z.string().min(1), z.number()]).transform(String),
  PositionTitle: z.string().nullish(),
  PositionURI: z.string().nullish(),
  ApplyURI: z.array(z.unknown()).nullish(),
  PositionLocation: z
    .array(
      z
        .object({
          CityName: z.string().nullish(),
          CountrySubDivisionName: z.string().nullish(),
          CountryName: z.string().nullish(),
          CountryCode: z.string().nullish(),
          Latitude: num,
          Longitude: num,
        })
        .passthrough(),
    )
    .nullish(),
  CareerLevel: named,
  PositionSchedule: named,
  PositionOfferingType: named,
  PublicationStartDate: z.string().nullish(),
  PublicationChannel: z.array(z.object({ StartDate: z.string().nullish() }).passthrough()).nullish(),
});
type Descriptor = z.infer<typeof descriptorSchema>;

const envelopeSchema = z.object({
  SearchResult: z.object({
    SearchResultCount: z.coerce.number().nullish(),
    SearchResultCountAll: z.coerce.number().nullish(),
    SearchResultItems: z.array(z.unknown()).nullish(),
  }),
});

// Deutsche Bank's corporate titles. "Vice President" at a bank is a senior individual role, not an
// executive, so these are read before the generic title rules see "Vice President" or "Director".
const CORPORATE_TITLES: readonly [RegExp, Seniority][] = [
  [/^managing director$/i, "executive"],
  [/^director$/i, "lead"],
  [/^(?:assistant )?vice president$/i, "senior"],
  [/^associate$/i, "mid"],
  [/^analyst$/i, "junior"],
];

const names = (list: z.infer<typeof named>): string[] =>
  (list ?? []).map((x) => cleanLine(x.Name)).filter((x): x is string => !!x);

function seniorityOf(d: Descriptor, title: string): Seniority {
  const fromTitle = detectSeniority(title);
  if (fromTitle !== "unknown") return fromTitle;
  for (const level of names(d.CareerLevel))
    for (const [re, s] of CORPORATE_TITLES) if (re.test(level)) return s;
  return "unknown";
}

function coordinate(v: unknown, max: number): number | undefined {
  const n = typeof v === "string" && v.trim() ? Number(v) : v;
  return typeof n === "number" && Number.isFinite(n) && Math.abs(n) <= max && n !== 0 ? n : undefined;
}

function locationsOf(d: Descriptor): PostingLocation[] {
  const out: PostingLocation[] = [];
  for (const l of d.PositionLocation ?? []) {
    const city = cleanLine(decodeEntities(l.CityName ?? ""), 200);
    const regionText = cleanLine(l.CountrySubDivisionName);
    const country =
      (l.CountryCode && countryCode(l.CountryCode)) ||
      (l.CountryName ? countryCode(l.CountryName) : undefined);
    const place = city
      ? resolvePlace(city, {
          preferCountry: country ?? "DE",
          strictCountry: country !== undefined,
          region: regionText,
        })
      : undefined;
    const loc: PostingLocation = {};
    if (city) loc.city = place?.name ?? city;
    const region = (regionText && regionName(regionText)) ?? regionText ?? place?.region;
    if (region) loc.region = region;
    const ctry = country ?? place?.country;
    if (ctry) loc.country = ctry;
    const lat = coordinate(l.Latitude, 90);
    const lon = coordinate(l.Longitude, 180);
    if (lat !== undefined && lon !== undefined) Object.assign(loc, { lat, lon });
    else if (place) Object.assign(loc, { lat: place.lat, lon: place.lon });
    if (Object.keys(loc).length > 0) out.push(loc);
  }
  return out;
}

/** Normalize one `SearchResultItems` element (see {@link createDeutscheBankSource}). */
export function normalizeDeutscheBankItem(item: RawItem): NormalizeResult {
  const raw = item.raw as { MatchedObjectDescriptor?: unknown } | null;
  const parsed = descriptorSchema.safeParse(
    raw && typeof raw === "object" ? raw.MatchedObjectDescriptor : undefined,
  );
  if (!parsed.success)
    return {
      ok: false,
      reason: `deutsche-bank item ${item.sourceId}: ${parsed.error.issues[0]?.path.join(".") || "MatchedObjectDescriptor"} missing or malformed`,
    };
  const d = parsed.data;
  const id = d.PositionID.trim().slice(0, 100);
  const label = `deutsche-bank ${id}`;
  // Position ids are numbers; anything else would end up in the posting's URL.
  if (!/^[A-Za-z0-9_-]{1,64}$/.test(id))
    return { ok: false, reason: `deutsche-bank item ${item.sourceId}: bad PositionID` };
  // Titles come entity-escaped ("IBC &amp; A Germany Analyst").
  const title = cleanLine(decodeEntities(d.PositionTitle ?? ""));
  if (!title) return { ok: false, reason: `${label}: no PositionTitle` };
  const apply = (d.ApplyURI ?? []).map(httpUrl).find((u): u is string => !!u);
  let page: string | undefined;
  try {
    page = d.PositionURI?.trim()
      ? httpUrl(new URL(d.PositionURI.trim(), DEUTSCHE_BANK_SITE).href)
      : undefined;
  } catch {
    page = undefined;
  }
  page ??= `${DEUTSCHE_BANK_SITE}index.php?ac=jobad&id=${encodeURIComponent(id)}`;
  // DB Finanzberatung's self-employed advisers apply on their own site: say whose job it is.
  const company =
    apply && /(^|\.)db-finanzberatung\.de$/i.test(new URL(apply).hostname)
      ? "Deutsche Bank Finanzberatung"
      : "Deutsche Bank";
  const locations = locationsOf(d);
  const schedule = names(d.PositionSchedule);
  const offering = names(d.PositionOfferingType);
  const levels = names(d.CareerLevel);
  const postedAt = toIsoUtc(
    d.PublicationStartDate ?? d.PublicationChannel?.find((c) => c.StartDate)?.StartDate ?? undefined,
  );
  const where = locations.map((l) => [l.city, l.region].filter(Boolean).join(", ")).filter(Boolean);
  const description = [
    `${title} — ${company}${where.length ? `, ${where.join("; ")}` : ""}.`,
    levels.length ? `Career level: ${levels.join(", ")}.` : "",
    [...schedule, ...offering].length ? `${[...schedule, ...offering].join(", ")}.` : "",
  ]
    .filter(Boolean)
    .join("\n");
  const language = detectLanguage(title);
  return validatePosting(
    {
      id: postingId(DEUTSCHE_BANK_SOURCE_ID, id),
      title,
      company,
      locations,
      remoteMode: detectRemoteMode({ strong: [title, ...schedule] }),
      employmentType: detectEmploymentType({ strong: [title, ...schedule, ...offering] }),
      seniority: seniorityOf(d, title),
      // Titles are short; German ones carry the "(w/m/d)" marker ("weiblich"), English ones "(f/m/x)".
      language: language !== "und" ? language : /\([^)]*\bw\b[^)]*\)/i.test(title) ? "de" : "und",
      ...(postedAt ? { postedAt } : {}),
      description,
      applyUrl: apply ?? page,
      sources: [{ source: DEUTSCHE_BANK_SOURCE_ID, sourceId: id, url: page }],
    },
    label,
  );
}

/** The search request for one page; `SearchCriteria` carries the run's keywords when there are any. */
export function deutscheBankRequest(
  firstItem: number,
  countItem: number,
  keywords: string | undefined,
): unknown {
  const text = keywords?.trim();
  return {
    LanguageCode: "EN",
    SearchParameters: {
      FirstItem: firstItem,
      CountItem: countItem,
      MatchedObjectDescriptor: DEUTSCHE_BANK_FIELDS,
      Sort: [{ Criterion: "PublicationStartDate", Direction: "DESC" }],
    },
    SearchCriteria: text
      ? [{ CriterionName: "PositionFormattedDescription.Content", CriterionValue: [text] }]
      : [],
  };
}

/** Options for {@link createDeutscheBankSource}. */
export interface DeutscheBankSourceOptions {
  /** API host; the adapter appends `/search/`. @defaultValue {@link DEUTSCHE_BANK_DEFAULT_BASE} */
  baseUrl?: string | undefined;
  /** Items per request (`CountItem`). @defaultValue `100` */
  pageSize?: number;
}

/**
 * The Deutsche Bank adapter. Cursor = `FirstItem` (1-based). Keywords go to the full-text criterion;
 * places are numeric codes in this API, so `place` is left to the search index. Results are newest
 * first, so with `since` paging stops at the first page whose items were all published before it
 * (that page is marked incremental).
 */
export function createDeutscheBankSource(o: DeutscheBankSourceOptions = {}): SourceAdapter {
  const base = (o.baseUrl ?? DEUTSCHE_BANK_DEFAULT_BASE).replace(/\/+$/, "");
  const size = Math.max(1, Math.min(o.pageSize ?? PAGE_SIZE, 1000));
  return {
    id: DEUTSCHE_BANK_SOURCE_ID,
    displayName: "Deutsche Bank careers",
    policy: deutscheBankPolicy,
    async fetchPage(ctx, cursor): Promise<SourcePage> {
      const first = cursor === undefined ? 1 : Number(cursor);
      if (!Number.isInteger(first) || first < 1)
        throw new AppError("source_bad_cursor", `deutsche-bank: bad cursor ${JSON.stringify(cursor)}`);
      const data = JSON.stringify(deutscheBankRequest(first, size, ctx.query.keywords));
      const url = `${base}/search/?data=${encodeURIComponent(data)}`;
      const { status, data: body } = await ctx.http.getJson(url, { signal: ctx.signal });
      const env = envelopeSchema.safeParse(body);
      if (!env.success)
        throw new HttpError(
          "http_bad_body",
          `${new URL(url).host} sent JSON without a SearchResult (item ${first})`,
          {
            status,
            retryable: false,
          },
        );
      const list = env.data.SearchResult.SearchResultItems ?? [];
      const items = list.map((raw, i) => {
        const r = raw as {
          MatchedObjectId?: unknown;
          MatchedObjectDescriptor?: { PositionID?: unknown };
        } | null;
        const id = r?.MatchedObjectDescriptor?.PositionID ?? r?.MatchedObjectId;
        return {
          sourceId: typeof id === "string" || typeof id === "number" ? String(id) : `item${first + i}`,
          raw,
        };
      });
      const total = env.data.SearchResult.SearchResultCountAll ?? undefined;
      let more =
        items.length > 0 && (total !== undefined ? first - 1 + items.length < total : items.length >= size);
      let incremental = false;
      if (more && ctx.since) {
        const since = Date.parse(ctx.since) - 86_400_000; // dates are days; keep a day's margin
        const dates = items.map((i) => Date.parse(toIsoUtc(publishedOf(i.raw)) ?? ""));
        if (dates.every((t) => Number.isFinite(t) && t < since)) {
          more = false;
          incremental = true;
        }
      }
      return {
        items,
        next: more ? String(first + items.length) : undefined,
        total,
        ...(incremental ? { incremental } : {}),
      };
    },
    normalize: normalizeDeutscheBankItem,
  };
}

function publishedOf(raw: unknown): string | undefined {
  const d = (raw as { MatchedObjectDescriptor?: { PublicationStartDate?: unknown } } | null)
    ?.MatchedObjectDescriptor;
  return typeof d?.PublicationStartDate === "string" ? d.PublicationStartDate : undefined;
}

/** Deutsche Bank careers: one search API (keywords), built in like Arbeitnow. */
export const deutscheBankKind: SourceKind<Record<string, never>> = {
  kind: DEUTSCHE_BANK_SOURCE_ID,
  displayName: "Deutsche Bank careers",
  policy: deutscheBankPolicy,
  paramsSchema: z.object({}).strict(),
  baseUrlSetting: "DEUTSCHE_BANK_BASE_URL",
  detect: (url) =>
    /^(?:careers\.db\.com|api-deutschebank\.beesite\.de)$/i.test(url.hostname) ? {} : undefined,
  keyOf: () => "",
  label: () => "Deutsche Bank careers",
  create: (_p, env) => createDeutscheBankSource({ baseUrl: env.baseUrl }),
};
