// Ashby public job posting API: GET /posting-api/job-board/{board}?includeCompensation=true lists a
// board in one response, with structured addresses, workplace type and compensation. Postings carry
// no company name, so it comes from the params.
import { z } from "zod";
import { postingId, type EmploymentType, type Salary } from "../../core/posting.js";
import {
  assertFirstPage,
  boardToken,
  boundedText,
  companyFromSlug,
  firstSegment,
  getShaped,
  guarded,
  issueReason,
  placeFromParts,
  placesFromText,
  rangeSalary,
  rawId,
  tokenInPath,
  uniquePlaces,
  workplaceMode,
} from "./ats-common.js";
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

export const ASHBY_KIND = "ashby";

export const ashbyPolicy: AccessPolicy = {
  kind: "api",
  rateLimitPerMinute: 30,
  terms:
    "Ashby's public job posting API: unauthenticated GETs of the jobs a company lists on its job board (documented at https://developers.ashbyhq.com/docs/public-job-posting-api); one request lists a whole board.",
};

/** Params of one Ashby board: the name in `jobs.ashbyhq.com/{board}`, and optionally the company's display name. */
export type AshbyParams = { board: string; name?: string | undefined };

const paramsSchema = z
  .object({ board: boardToken, name: z.string().trim().min(1).max(300).optional() })
  .strict();

const responseSchema = z.object({ jobs: z.array(z.unknown()) });

const postalAddress = z
  .object({
    postalAddress: z
      .object({
        addressLocality: z.unknown(),
        addressRegion: z.unknown(),
        addressCountry: z.unknown(),
        postalCode: z.unknown(),
      })
      .partial()
      .nullish(),
  })
  .partial()
  .nullish();

const salaryComponent = z
  .object({
    compensationType: z.unknown(),
    interval: z.unknown(),
    currencyCode: z.unknown(),
    minValue: z.unknown(),
    maxValue: z.unknown(),
  })
  .partial()
  .nullable();

const itemSchema = z.object({
  id: z.string().min(1),
  title: z.unknown(),
  employmentType: z.string().nullish(),
  location: z.string().nullish(),
  secondaryLocations: z
    .array(z.object({ location: z.string().nullish(), address: postalAddress }).partial().nullable())
    .nullish(),
  address: postalAddress,
  isListed: z.boolean().nullish(),
  isRemote: z.boolean().nullish(),
  workplaceType: z.string().nullish(),
  publishedAt: z.string().nullish(),
  updatedAt: z.string().nullish(),
  jobUrl: z.string().nullish(),
  applyUrl: z.string().nullish(),
  descriptionHtml: z.string().nullish(),
  descriptionPlain: z.string().nullish(),
  shouldDisplayCompensationOnJobPostings: z.boolean().nullish(),
  compensation: z
    .object({
      summaryComponents: z.array(salaryComponent).nullish(),
      compensationTiers: z
        .array(
          z
            .object({ components: z.array(salaryComponent).nullish() })
            .partial()
            .nullable(),
        )
        .nullish(),
    })
    .partial()
    .nullish(),
});
type AshbyItem = z.infer<typeof itemSchema>;

const EMPLOYMENT: Record<string, EmploymentType> = {
  fulltime: "full_time",
  parttime: "part_time",
  intern: "internship",
  contract: "contract",
  temporary: "temporary",
};

type Address = z.infer<typeof postalAddress>;

/** The structured address where it names a place, else the free-text location. */
function placesOf(text: string | null | undefined, address: Address) {
  const a = address?.postalAddress;
  const fromAddress = a
    ? placeFromParts({
        city: a.addressLocality,
        region: a.addressRegion,
        country: a.addressCountry,
        postalCode: a.postalCode,
      })
    : undefined;
  if (fromAddress?.city) return [fromAddress];
  const fromText = placesFromText(text, typeof a?.addressCountry === "string" ? a.addressCountry : undefined);
  if (fromText.length > 0) return fromText;
  return fromAddress ? [fromAddress] : [];
}

/**
 * The base salary: the summary's salary component, else the tiers' when they agree on currency and
 * interval (tiers in several currencies are per-country ranges that must not be mixed).
 */
function salaryOf(a: AshbyItem): Salary | undefined {
  // The employer chose not to show pay on the job page; we do not show it either.
  if (a.shouldDisplayCompensationOnJobPostings === false) return undefined;
  const isSalary = (c: z.infer<typeof salaryComponent>) =>
    typeof c?.compensationType === "string" && /^salary$/i.test(c.compensationType);
  const summary = (a.compensation?.summaryComponents ?? []).find(isSalary);
  if (summary) return rangeSalary(summary.minValue, summary.maxValue, summary.currencyCode, summary.interval);
  const tiers = (a.compensation?.compensationTiers ?? [])
    .flatMap((t) => t?.components ?? [])
    .filter(isSalary)
    .map((c) => rangeSalary(c?.minValue, c?.maxValue, c?.currencyCode, c?.interval))
    .filter((s): s is Salary => s !== undefined);
  const first = tiers[0];
  if (!first || tiers.some((s) => s.currency !== first.currency || s.period !== first.period))
    return undefined;
  const mins = tiers.map((s) => s.min).filter((n): n is number => n !== undefined);
  const maxs = tiers.map((s) => s.max).filter((n): n is number => n !== undefined);
  return {
    ...(mins.length ? { min: Math.min(...mins) } : {}),
    ...(maxs.length ? { max: Math.max(...maxs) } : {}),
    currency: first.currency,
    period: first.period,
  };
}

function normalize(item: RawItem, params: AshbyParams): NormalizeResult {
  const source = sourceKey(ASHBY_KIND, params.board);
  const parsed = itemSchema.safeParse(item.raw);
  if (!parsed.success) return { ok: false, reason: issueReason(source, item.sourceId, parsed.error) };
  const a = parsed.data;
  if (a.isListed === false) return { ok: false, reason: `${source} ${a.id}: not listed on the board` };
  const title = cleanLine(a.title);
  if (!title) return { ok: false, reason: `${source} ${a.id}: no title` };
  const locations = uniquePlaces([
    ...placesOf(a.location, a.address),
    ...(a.secondaryLocations ?? []).flatMap((s) => placesOf(s?.location, s?.address)),
  ]);
  const description = a.descriptionHtml
    ? htmlToText(boundedText(a.descriptionHtml))
    : htmlToText(boundedText(a.descriptionPlain));
  const remoteMode =
    workplaceMode(a.workplaceType) ??
    detectRemoteMode({
      flag: a.isRemote ?? undefined,
      strong: [title, a.location ?? undefined],
      text: description,
    });
  const employmentType =
    EMPLOYMENT[(a.employmentType ?? "").toLowerCase().replace(/[^a-z]/g, "")] ??
    detectEmploymentType({ strong: [title, a.employmentType ?? undefined], text: description });
  const salary = salaryOf(a);
  const jobUrl = httpUrl(a.jobUrl);
  const applyUrl = httpUrl(a.applyUrl) ?? jobUrl;
  const postedAt = toIsoUtc(a.publishedAt);
  const updatedAt = toIsoUtc(a.updatedAt);
  return validatePosting(
    {
      id: postingId(source, a.id),
      title,
      company: params.name ?? companyFromSlug(params.board),
      locations,
      remoteMode,
      employmentType,
      seniority: detectSeniority(title),
      ...(salary ? { salary } : {}),
      language: detectLanguage(`${title}\n${description}`),
      ...(postedAt ? { postedAt } : {}),
      ...(updatedAt ? { updatedAt } : {}),
      description,
      ...(applyUrl ? { applyUrl } : {}),
      sources: [{ source, sourceId: a.id, ...(jobUrl ? { url: jobUrl } : {}) }],
    },
    `${source} ${a.id}`,
  );
}

/** Normalize one job of an Ashby board (see {@link createAshbySource}). Never throws. */
export function normalizeAshbyItem(item: RawItem, params: AshbyParams): NormalizeResult {
  return guarded(sourceKey(ASHBY_KIND, params.board), item, (i) => normalize(i, params));
}

/** Options for {@link createAshbySource}. */
export interface AshbySourceOptions {
  /** API host without path; `/posting-api/job-board/{board}` is appended. @defaultValue `https://api.ashbyhq.com` */
  baseUrl?: string | undefined;
}

/** One Ashby job board: one request, the whole board, compensation included. */
export function createAshbySource(params: AshbyParams, options: AshbySourceOptions = {}): SourceAdapter {
  const base = (options.baseUrl ?? "https://api.ashbyhq.com").replace(/\/+$/, "");
  const id = sourceKey(ASHBY_KIND, params.board);
  return {
    id,
    displayName: `Ashby ${params.board}`,
    policy: ashbyPolicy,
    paramsSchema,
    completeListing: true,
    async fetchPage(ctx, cursor) {
      assertFirstPage(id, cursor);
      const url = `${base}/posting-api/job-board/${encodeURIComponent(params.board)}?includeCompensation=true`;
      const res = await getShaped(ctx, url, responseSchema, "an Ashby job board");
      const items = res.jobs.map((raw) => ({ sourceId: rawId(raw, "id"), raw }));
      return { items, next: undefined, total: items.length };
    },
    normalize: (item) => normalizeAshbyItem(item, params),
  };
}

/** `jobs.ashbyhq.com/{board}[/…]` and the API URL `api.ashbyhq.com/posting-api/job-board/{board}`. */
function detect(url: URL): AshbyParams | undefined {
  const host = url.hostname.toLowerCase();
  if (host === "api.ashbyhq.com") {
    const board = tokenInPath(url, /^\/posting-api\/job-board\/([^/?]+)/);
    return board ? { board } : undefined;
  }
  if (host !== "jobs.ashbyhq.com") return undefined;
  const board = firstSegment(url, ["api"]);
  return board ? { board } : undefined;
}

/** Ashby job boards, one source per board name (`ashby-openevidence`). */
export const ashbyKind: SourceKind<AshbyParams> = {
  kind: ASHBY_KIND,
  displayName: "Ashby",
  policy: ashbyPolicy,
  paramsSchema,
  baseUrlSetting: "ASHBY_BASE_URL",
  detect,
  keyOf: (p) => p.board,
  label: (p) => `Ashby ${p.name ?? p.board}`,
  create: (params, env) => createAshbySource(params, { baseUrl: env.baseUrl }),
};
