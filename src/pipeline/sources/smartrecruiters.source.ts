// SmartRecruiters Posting API: GET /v1/companies/{company}/postings?offset=&limit=100 lists a
// company's public postings (paged by offset/totalFound) without the ad text; the ad comes from
// GET …/postings/{id}, one request per posting.
import { z } from "zod";
import { AppError } from "../../core/errors.js";
import { mapLimited } from "../../core/map-limited.js";
import { postingId, type RemoteMode } from "../../core/posting.js";
import {
  boardToken,
  boundedText,
  firstSegment,
  getShaped,
  guarded,
  issueReason,
  placeFromParts,
  placesFromText,
  rawId,
  tokenInPath,
} from "./ats-common.js";
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
import {
  sourceKey,
  type AccessPolicy,
  type FetchContext,
  type NormalizeResult,
  type RawItem,
  type SourceAdapter,
  type SourceKind,
} from "./source.js";

export const SMARTRECRUITERS_KIND = "smartrecruiters";
const PAGE_SIZE = 100;

export const smartRecruitersPolicy: AccessPolicy = {
  kind: "api",
  rateLimitPerMinute: 60,
  terms:
    "SmartRecruiters' public Posting API: unauthenticated GETs of a company's public postings (documented at https://developers.smartrecruiters.com/docs/posting-api); the list lacks the ad text, so each posting costs one more request.",
};

/** Params of one SmartRecruiters company: the identifier in `jobs.smartrecruiters.com/{company}`. */
export type SmartRecruitersParams = { company: string };

const paramsSchema = z.object({ company: boardToken }).strict();

// The API matches company identifiers case-insensitively ("hirevue" lists HireVue's postings). The
// catalog probes keyOf({}) to spot single-instance kinds, so a missing company must not throw.
const keyOf = (p: SmartRecruitersParams) => String(p.company).toLowerCase();

// Posting ids are digits (or uuids). Anything else cannot name a detail URL; such items are not
// requested and are rejected by normalize.
const POSTING_ID = /^[A-Za-z0-9][A-Za-z0-9._-]{0,99}$/;

const listSchema = z.object({
  offset: z.number().nullish(),
  limit: z.number().nullish(),
  totalFound: z.number().nullish(),
  content: z.array(z.unknown()),
});

const labelled = z.object({ id: z.unknown(), label: z.unknown() }).partial().nullish();
const itemSchema = z.object({
  id: z.union([z.string().min(1), z.number()]),
  name: z.unknown(),
  company: z.object({ name: z.unknown(), identifier: z.unknown() }).partial().nullish(),
  releasedDate: z.string().nullish(),
  location: z
    .object({
      city: z.unknown(),
      region: z.unknown(),
      country: z.unknown(),
      postalCode: z.unknown(),
      remote: z.boolean().nullish(),
      hybrid: z.boolean().nullish(),
      latitude: z.unknown(),
      longitude: z.unknown(),
      fullLocation: z.unknown(),
    })
    .partial()
    .nullish(),
  typeOfEmployment: labelled,
  experienceLevel: labelled,
  language: z.object({ code: z.unknown() }).partial().nullish(),
  jobAd: z
    .object({
      sections: z
        .record(z.string(), z.object({ title: z.unknown(), text: z.unknown() }).partial().nullable())
        .nullish(),
    })
    .partial()
    .nullish(),
  postingUrl: z.string().nullish(),
  applyUrl: z.string().nullish(),
  active: z.boolean().nullish(),
});
type SrItem = z.infer<typeof itemSchema>;

const SECTION_ORDER = ["companyDescription", "jobDescription", "qualifications", "additionalInformation"];

/** The job ad's sections in the order the posting page shows them, each under its heading. */
function descriptionOf(a: SrItem): string {
  const sections = a.jobAd?.sections ?? {};
  const keys = [
    ...SECTION_ORDER.filter((k) => k in sections),
    ...Object.keys(sections).filter((k) => !SECTION_ORDER.includes(k)),
  ];
  const html = keys.map((k) => {
    const s = sections[k];
    const text = boundedText(s?.text);
    // Recorded ads have sections with "" (or only markup); they get no heading of their own.
    if (!/\S/.test(text.replace(/<[^>]*>|&nbsp;|&#xa0;|&#160;/gi, ""))) return "";
    const heading = cleanLine(s?.title);
    return `${heading ? `<h3>${heading.replace(/</g, "&lt;")}</h3>` : ""}${text}`;
  });
  return htmlToText(html.filter(Boolean).join("\n"));
}

function remoteOf(a: SrItem, title: string, description: string): RemoteMode {
  if (a.location?.hybrid === true) return "hybrid";
  if (a.location?.remote === true) return "remote";
  return detectRemoteMode({ flag: a.location?.remote ?? undefined, strong: [title], text: description });
}

function normalize(item: RawItem, params: SmartRecruitersParams): NormalizeResult {
  const source = sourceKey(SMARTRECRUITERS_KIND, keyOf(params));
  const parsed = itemSchema.safeParse(item.raw);
  if (!parsed.success) return { ok: false, reason: issueReason(source, item.sourceId, parsed.error) };
  const a = parsed.data;
  const id = String(a.id);
  if (!POSTING_ID.test(id))
    return { ok: false, reason: `${source} ${item.sourceId}: id is not a posting id` };
  if (a.active === false) return { ok: false, reason: `${source} ${id}: posting no longer active` };
  const title = cleanLine(a.name);
  if (!title) return { ok: false, reason: `${source} ${id}: no title (name)` };
  const company = cleanLine(a.company?.name, 300) ?? cleanLine(a.company?.identifier, 300) ?? params.company;
  const l = a.location ?? {};
  const place = placeFromParts({
    city: l.city,
    region: l.region,
    country: l.country,
    postalCode: l.postalCode,
    lat: l.latitude,
    lon: l.longitude,
  });
  const locations = place ? [place] : placesFromText(l.fullLocation);
  const description = descriptionOf(a);
  const typeLabels = [a.typeOfEmployment?.label, a.typeOfEmployment?.id].map((x) => cleanLine(x));
  const fromType = detectEmploymentType({ strong: typeLabels });
  const levels = [a.experienceLevel?.label, a.experienceLevel?.id].map((x) =>
    cleanLine(x)?.replace(/_/g, " "),
  );
  const postingUrl = httpUrl(a.postingUrl);
  const apply = httpUrl(a.applyUrl) ?? postingUrl;
  const postedAt = toIsoUtc(a.releasedDate);
  const detected = detectLanguage(`${title}\n${description}`);
  const declared = typeof a.language?.code === "string" ? a.language.code.slice(0, 2).toLowerCase() : "";
  return validatePosting(
    {
      id: postingId(source, id),
      title,
      company,
      locations,
      remoteMode: remoteOf(a, title, description),
      employmentType:
        fromType !== "unknown" ? fromType : detectEmploymentType({ strong: [title], text: description }),
      seniority: detectSeniority(title, levels),
      language: detected === "und" && /^[a-z]{2}$/.test(declared) ? declared : detected,
      ...(postedAt ? { postedAt } : {}),
      description,
      ...(apply ? { applyUrl: apply } : {}),
      sources: [{ source, sourceId: id, ...(postingUrl ? { url: postingUrl } : {}) }],
    },
    `${source} ${id}`,
  );
}

/** Normalize one posting (list item merged with its detail; see {@link createSmartRecruitersSource}). Never throws. */
export function normalizeSmartRecruitersItem(item: RawItem, params: SmartRecruitersParams): NormalizeResult {
  return guarded(sourceKey(SMARTRECRUITERS_KIND, keyOf(params)), item, (i) => normalize(i, params));
}

/** Options for {@link createSmartRecruitersSource}. */
export interface SmartRecruitersSourceOptions {
  /** API host without path; `/v1/companies/{company}/postings` is appended. @defaultValue `https://api.smartrecruiters.com` */
  baseUrl?: string | undefined;
  /** Postings per list request (`limit`; the API allows at most 100). @defaultValue `100` */
  pageSize?: number | undefined;
  /** Detail requests in flight at once (the HTTP client still applies the host's rate limit). @defaultValue `4` */
  detailConcurrency?: number | undefined;
}

/**
 * One company's SmartRecruiters postings. Cursor = offset. Each list page is followed by one detail
 * request per posting (for the ad text); the staged item is the list item with its detail merged
 * over it. A posting whose detail is gone (404/410) closed in between and is left out; any other
 * detail failure fails the page, so it is retried as a whole rather than staged without its text.
 */
export function createSmartRecruitersSource(
  params: SmartRecruitersParams,
  options: SmartRecruitersSourceOptions = {},
): SourceAdapter {
  const base = (options.baseUrl ?? "https://api.smartrecruiters.com").replace(/\/+$/, "");
  const concurrency = Math.max(1, Math.floor(options.detailConcurrency ?? 4));
  const limit = Math.min(PAGE_SIZE, Math.max(1, Math.floor(options.pageSize ?? PAGE_SIZE)));
  const id = sourceKey(SMARTRECRUITERS_KIND, keyOf(params));
  const postings = `${base}/v1/companies/${encodeURIComponent(params.company)}/postings`;

  // Ids come from the list, which is untrusted: checked against POSTING_ID and encoded besides.
  const detail = async (ctx: FetchContext, item: RawItem): Promise<RawItem | undefined> => {
    const url = `${postings}/${encodeURIComponent(item.sourceId)}`;
    try {
      const { data } = await ctx.http.getJson(url, { signal: ctx.signal });
      if (!data || typeof data !== "object" || Array.isArray(data)) return item;
      return { sourceId: item.sourceId, raw: { ...(item.raw as object), ...data } };
    } catch (err) {
      if (err instanceof HttpError && (err.status === 404 || err.status === 410)) return undefined;
      throw err;
    }
  };

  return {
    id,
    displayName: `SmartRecruiters ${params.company}`,
    policy: smartRecruitersPolicy,
    paramsSchema,
    completeListing: true,
    async fetchPage(ctx, cursor) {
      const offset = cursor === undefined ? 0 : Number(cursor);
      if (!Number.isInteger(offset) || offset < 0)
        throw new AppError("source_bad_cursor", `${id}: bad offset cursor ${JSON.stringify(cursor)}`);
      const url = `${postings}?offset=${offset}&limit=${limit}`;
      const list = await getShaped(ctx, url, listSchema, "a SmartRecruiters posting list");
      const listed = list.content.map((raw) => ({ sourceId: rawId(raw, "id"), raw }));
      // Items without a usable id of their own cannot have a detail; normalize reports them.
      const detailed = await mapLimited(listed, concurrency, (it) =>
        it.sourceId.startsWith("noid-") || !POSTING_ID.test(it.sourceId)
          ? Promise.resolve(it)
          : detail(ctx, it),
      );
      const items = detailed.filter((x): x is RawItem => x !== undefined);
      const total = list.totalFound ?? undefined;
      const seen = offset + listed.length;
      const more = listed.length > 0 && (total !== undefined ? seen < total : listed.length >= limit);
      return { items, next: more ? String(seen) : undefined, total };
    },
    normalize: (item) => normalizeSmartRecruitersItem(item, params),
  };
}

const BOARD_HOSTS = new Set(["jobs.smartrecruiters.com", "careers.smartrecruiters.com"]);
// Paths on jobs.smartrecruiters.com that are not company pages.
const RESERVED = ["oneclick-ui", "external-referrals", "sr-jobs", "ni", "public", "static", "api"];

/** `jobs.smartrecruiters.com/{company}`, `careers.smartrecruiters.com/{company}`, the API URL. */
function detect(url: URL): SmartRecruitersParams | undefined {
  const host = url.hostname.toLowerCase();
  if (host === "api.smartrecruiters.com") {
    const company = tokenInPath(url, /^\/v1\/companies\/([^/?]+)/);
    return company ? { company } : undefined;
  }
  if (!BOARD_HOSTS.has(host)) return undefined;
  const company = firstSegment(url, RESERVED);
  return company ? { company } : undefined;
}

/** SmartRecruiters companies, one source per company identifier (`smartrecruiters-hirevue`). */
export const smartRecruitersKind: SourceKind<SmartRecruitersParams> = {
  kind: SMARTRECRUITERS_KIND,
  displayName: "SmartRecruiters",
  policy: smartRecruitersPolicy,
  paramsSchema,
  baseUrlSetting: "SMARTRECRUITERS_BASE_URL",
  detect,
  keyOf,
  label: (p) => `SmartRecruiters ${p.company}`,
  create: (params, env) => createSmartRecruitersSource(params, { baseUrl: env.baseUrl }),
};
