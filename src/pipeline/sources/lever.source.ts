// Lever postings API: GET /v0/postings/{company}?mode=json lists a company's published postings as
// a JSON array, paged with skip/limit. Postings carry no company name, so it comes from the params.
import { z } from "zod";
import { AppError } from "../../core/errors.js";
import { postingId } from "../../core/posting.js";
import {
  boardToken,
  boundedText,
  companyFromSlug,
  firstSegment,
  getShaped,
  guarded,
  issueReason,
  placesFromText,
  rangeSalary,
  rawId,
  tokenInPath,
  uniquePlaces,
  workplaceMode,
} from "./ats-common.js";
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

export const LEVER_KIND = "lever";

export const leverPolicy: AccessPolicy = {
  kind: "api",
  rateLimitPerMinute: 30,
  terms:
    "Lever's public Postings API: unauthenticated GETs of a company's published postings (documented at https://github.com/lever/postings-api); we never use the apply endpoint.",
};

/** Params of one Lever site: the company slug of `jobs.lever.co/{company}`, and optionally its display name. */
export type LeverParams = { company: string; name?: string | undefined };

const paramsSchema = z
  .object({ company: boardToken, name: z.string().trim().min(1).max(300).optional() })
  .strict();

const listSchema = z.array(z.unknown());

const itemSchema = z.object({
  id: z.string().min(1),
  text: z.unknown(),
  categories: z
    .object({
      commitment: z.string().nullish(),
      location: z.string().nullish(),
      allLocations: z.array(z.unknown()).nullish(),
      team: z.string().nullish(),
      department: z.string().nullish(),
    })
    .partial()
    .nullish(),
  country: z.string().nullish(),
  workplaceType: z.string().nullish(),
  createdAt: z.union([z.number(), z.string()]).nullish(),
  updatedAt: z.union([z.number(), z.string()]).nullish(),
  hostedUrl: z.string().nullish(),
  applyUrl: z.string().nullish(),
  description: z.string().nullish(),
  descriptionPlain: z.string().nullish(),
  lists: z.array(z.object({ text: z.unknown(), content: z.unknown() }).partial().nullable()).nullish(),
  additional: z.string().nullish(),
  additionalPlain: z.string().nullish(),
  salaryRange: z
    .object({ min: z.unknown(), max: z.unknown(), currency: z.unknown(), interval: z.unknown() })
    .partial()
    .nullish(),
});
type LeverItem = z.infer<typeof itemSchema>;

const escapeHtml = (s: string) => s.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;");

/** The ad as the hosted page shows it: description, the lists under their headings, then "additional". */
function descriptionOf(l: LeverItem): string {
  const lists = (l.lists ?? []).map((x) => {
    const heading = cleanLine(x?.text);
    const content = boundedText(x?.content);
    return `${heading ? `<h3>${escapeHtml(heading)}</h3>` : ""}${content ? `<ul>${content}</ul>` : ""}`;
  });
  const html = [boundedText(l.description), ...lists, boundedText(l.additional)].filter(Boolean).join("\n");
  if (/\S/.test(html) && (l.description || l.additional)) return htmlToText(html);
  // No HTML (some integrations send plain fields only): the plain text, with the lists in between.
  const plain = [
    boundedText(l.descriptionPlain),
    htmlToText(lists.join("\n")),
    boundedText(l.additionalPlain),
  ];
  return htmlToText(plain.filter(Boolean).join("\n\n"));
}

function normalize(item: RawItem, params: LeverParams): NormalizeResult {
  const source = sourceKey(LEVER_KIND, params.company);
  const parsed = itemSchema.safeParse(item.raw);
  if (!parsed.success) return { ok: false, reason: issueReason(source, item.sourceId, parsed.error) };
  const l = parsed.data;
  const title = cleanLine(l.text);
  if (!title) return { ok: false, reason: `${source} ${l.id}: no title (text)` };
  const cat = l.categories ?? {};
  const country = l.country ? countryCode(l.country) : undefined;
  const places = (cat.allLocations?.length ? cat.allLocations : [cat.location]).filter(
    (x): x is string => typeof x === "string",
  );
  let locations = uniquePlaces(places.flatMap((p) => placesFromText(p, country)));
  if (locations.length === 0 && country) locations = [{ country }];
  const description = descriptionOf(l);
  const workplace = workplaceMode(l.workplaceType);
  const remoteMode =
    workplace ?? detectRemoteMode({ strong: [title, cat.location ?? undefined], text: description });
  const commitment = cat.commitment ?? undefined;
  const fromCommitment = detectEmploymentType({ strong: [commitment] });
  const employmentType =
    fromCommitment !== "unknown"
      ? fromCommitment
      : detectEmploymentType({ strong: [title], text: description });
  const s = l.salaryRange;
  const salary = s ? rangeSalary(s.min, s.max, s.currency, s.interval) : undefined;
  const hosted = httpUrl(l.hostedUrl);
  const apply = httpUrl(l.applyUrl) ?? hosted;
  const postedAt = toIsoUtc(l.createdAt);
  const updatedAt = toIsoUtc(l.updatedAt);
  return validatePosting(
    {
      id: postingId(source, l.id),
      title,
      company: params.name ?? companyFromSlug(params.company),
      locations,
      remoteMode,
      employmentType,
      seniority: detectSeniority(title, [commitment]),
      ...(salary ? { salary } : {}),
      language: detectLanguage(`${title}\n${description}`),
      ...(postedAt ? { postedAt } : {}),
      ...(updatedAt ? { updatedAt } : {}),
      description,
      ...(apply ? { applyUrl: apply } : {}),
      sources: [{ source, sourceId: l.id, ...(hosted ? { url: hosted } : {}) }],
    },
    `${source} ${l.id}`,
  );
}

/** Normalize one Lever posting (see {@link createLeverSource}). Never throws. */
export function normalizeLeverItem(item: RawItem, params: LeverParams): NormalizeResult {
  return guarded(sourceKey(LEVER_KIND, params.company), item, (i) => normalize(i, params));
}

/** Options for {@link createLeverSource}. */
export interface LeverSourceOptions {
  /** API host without path; `/v0/postings/{company}` is appended. @defaultValue `https://api.lever.co` */
  baseUrl?: string | undefined;
  /** Postings per request (`limit`). @defaultValue `100` */
  pageSize?: number | undefined;
}

/**
 * One company's Lever postings. Cursor = `skip`. A page shorter than `limit` is the last one; the
 * listing is complete when paging ran to the end.
 */
export function createLeverSource(params: LeverParams, options: LeverSourceOptions = {}): SourceAdapter {
  const base = (options.baseUrl ?? "https://api.lever.co").replace(/\/+$/, "");
  const limit = Math.max(1, Math.floor(options.pageSize ?? 100));
  const id = sourceKey(LEVER_KIND, params.company);
  return {
    id,
    displayName: `Lever ${params.company}`,
    policy: leverPolicy,
    paramsSchema,
    completeListing: true,
    async fetchPage(ctx, cursor) {
      const skip = cursor === undefined ? 0 : Number(cursor);
      if (!Number.isInteger(skip) || skip < 0)
        throw new AppError("source_bad_cursor", `${id}: bad skip cursor ${JSON.stringify(cursor)}`);
      const q = new URLSearchParams({ mode: "json", skip: String(skip), limit: String(limit) });
      const url = `${base}/v0/postings/${encodeURIComponent(params.company)}?${q.toString()}`;
      const data = await getShaped(ctx, url, listSchema, "a list of postings");
      const items = data.map((raw) => ({ sourceId: rawId(raw, "id"), raw }));
      return { items, next: items.length >= limit ? String(skip + items.length) : undefined };
    },
    normalize: (item) => normalizeLeverItem(item, params),
  };
}

/** `jobs.lever.co/{company}[/…]` and the API URL `api.lever.co/v0/postings/{company}`. */
function detect(url: URL): LeverParams | undefined {
  const host = url.hostname.toLowerCase();
  if (host === "api.lever.co") {
    const company = tokenInPath(url, /^\/v0\/postings\/([^/?]+)/);
    return company ? { company } : undefined;
  }
  if (host !== "jobs.lever.co") return undefined;
  const company = firstSegment(url);
  return company ? { company } : undefined;
}

/** Lever sites, one source per company slug (`lever-palantir`). */
export const leverKind: SourceKind<LeverParams> = {
  kind: LEVER_KIND,
  displayName: "Lever",
  policy: leverPolicy,
  paramsSchema,
  baseUrlSetting: "LEVER_BASE_URL",
  detect,
  keyOf: (p) => p.company,
  label: (p) => `Lever ${p.name ?? p.company}`,
  create: (params, env) => createLeverSource(params, { baseUrl: env.baseUrl }),
};
