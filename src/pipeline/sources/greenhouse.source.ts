// Greenhouse job board API: GET /v1/boards/{board}/jobs?content=true lists a company's whole board
// in one response, with the job ad as entity-escaped HTML ("&lt;p&gt;…").
import { z } from "zod";
import { postingId } from "../../core/posting.js";
import {
  assertFirstPage,
  boardToken,
  boundedText,
  companyFromSlug,
  firstSegment,
  getShaped,
  guarded,
  issueReason,
  placesFromText,
  rawId,
  tokenInPath,
  uniquePlaces,
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

export const GREENHOUSE_KIND = "greenhouse";

export const greenhousePolicy: AccessPolicy = {
  kind: "api",
  rateLimitPerMinute: 30,
  terms:
    "Greenhouse's public Job Board API: unauthenticated GETs of the jobs a company publishes on its board (documented at https://developers.greenhouse.io/job-board.html); one request lists a whole board.",
};

/** Params of one Greenhouse board: its token, as in `boards.greenhouse.io/{board}`. */
export type GreenhouseParams = { board: string };

const paramsSchema = z.object({ board: boardToken }).strict();

const responseSchema = z.object({
  jobs: z.array(z.unknown()),
  meta: z.object({ total: z.number().nullish() }).partial().nullish(),
});

const named = z.object({ name: z.string().nullish() }).partial();
const itemSchema = z.object({
  id: z.union([z.number(), z.string().min(1)]),
  title: z.unknown(),
  company_name: z.unknown().optional(),
  absolute_url: z.string().nullish(),
  location: named.nullish(),
  offices: z.array(named.extend({ location: z.string().nullish() }).nullable()).nullish(),
  departments: z.array(named.nullable()).nullish(),
  metadata: z.array(z.object({ name: z.unknown(), value: z.unknown() }).partial().nullable()).nullish(),
  content: z.string().nullish(),
  language: z.string().nullish(),
  first_published: z.string().nullish(),
  updated_at: z.string().nullish(),
});

const ESCAPES: Record<string, string> = {
  "&lt;": "<",
  "&gt;": ">",
  "&quot;": '"',
  "&#39;": "'",
  "&#039;": "'",
  "&apos;": "'",
  "&amp;": "&",
};

/**
 * `content` is HTML escaped once ("&lt;p&gt;", "&amp;nbsp;"); undo exactly that, in one pass, so the
 * markup is read as markup and text that was escaped twice stays text. Content with real tags is
 * left as it is.
 */
function unescapeContent(content: string): string {
  if (/<[a-z!/]/i.test(content)) return content;
  return content.replace(/&(?:lt|gt|quot|#0?39|apos|amp);/g, (m) => ESCAPES[m] ?? m);
}

/** Custom fields ("Employment Type: Full-time") are short labels; only string values count. */
function metadataLabels(meta: z.infer<typeof itemSchema>["metadata"]): string[] {
  const out: string[] = [];
  for (const m of meta ?? []) {
    const values = Array.isArray(m?.value) ? (m.value as unknown[]) : [m?.value];
    for (const v of values) if (typeof v === "string" && v.length < 100) out.push(v);
  }
  return out;
}

function normalize(item: RawItem, params: GreenhouseParams): NormalizeResult {
  const source = sourceKey(GREENHOUSE_KIND, params.board);
  const parsed = itemSchema.safeParse(item.raw);
  if (!parsed.success) return { ok: false, reason: issueReason(source, item.sourceId, parsed.error) };
  const g = parsed.data;
  const id = String(g.id);
  const title = cleanLine(g.title);
  if (!title) return { ok: false, reason: `${source} ${id}: no title` };
  // `company_name` comes with content=true; a board without it is still that company's board.
  const company = cleanLine(g.company_name, 300) ?? companyFromSlug(params.board);
  const description = htmlToText(unescapeContent(boundedText(g.content)));
  const where = cleanLine(g.location?.name, 1000);
  const offices = (g.offices ?? []).flatMap((o) => [o?.location ?? undefined, o?.name ?? undefined]);
  let locations = uniquePlaces(placesFromText(where));
  // Offices are the fallback: "Remote" as location but an office "Berlin, Germany" still says where.
  if (locations.length === 0)
    locations = uniquePlaces((g.offices ?? []).flatMap((o) => placesFromText(o?.location ?? o?.name)));
  const labels = metadataLabels(g.metadata);
  const url = httpUrl(g.absolute_url);
  const postedAt = toIsoUtc(g.first_published ?? g.updated_at);
  const updatedAt = toIsoUtc(g.updated_at);
  const detected = detectLanguage(`${title}\n${description}`);
  const declared = g.language?.trim().toLowerCase();
  return validatePosting(
    {
      id: postingId(source, id),
      title,
      company,
      locations,
      remoteMode: detectRemoteMode({ strong: [title, where, ...offices, ...labels], text: description }),
      employmentType: detectEmploymentType({ strong: [title, ...labels], text: description }),
      seniority: detectSeniority(title, labels),
      language: detected === "und" && declared && /^[a-z]{2}$/.test(declared) ? declared : detected,
      ...(postedAt ? { postedAt } : {}),
      ...(updatedAt ? { updatedAt } : {}),
      description,
      ...(url ? { applyUrl: url } : {}),
      sources: [{ source, sourceId: id, ...(url ? { url } : {}) }],
    },
    `${source} ${id}`,
  );
}

/** Normalize one job of a Greenhouse board (see {@link createGreenhouseSource}). Never throws. */
export function normalizeGreenhouseItem(item: RawItem, params: GreenhouseParams): NormalizeResult {
  return guarded(sourceKey(GREENHOUSE_KIND, params.board), item, (i) => normalize(i, params));
}

/** Options for {@link createGreenhouseSource}. */
export interface GreenhouseSourceOptions {
  /** API host without path; `/v1/boards/{board}/jobs` is appended. @defaultValue `https://boards-api.greenhouse.io` */
  baseUrl?: string | undefined;
}

/**
 * One Greenhouse board. A single request lists every open job, so the page is the last one and the
 * listing is complete — unless `meta.total` says the board holds more jobs than were sent, in which
 * case the page is marked incremental so that no missing job is taken for closed.
 */
export function createGreenhouseSource(
  params: GreenhouseParams,
  options: GreenhouseSourceOptions = {},
): SourceAdapter {
  const base = (options.baseUrl ?? "https://boards-api.greenhouse.io").replace(/\/+$/, "");
  const id = sourceKey(GREENHOUSE_KIND, params.board);
  return {
    id,
    displayName: `Greenhouse ${params.board}`,
    policy: greenhousePolicy,
    paramsSchema,
    completeListing: true,
    async fetchPage(ctx, cursor) {
      assertFirstPage(id, cursor);
      const url = `${base}/v1/boards/${encodeURIComponent(params.board)}/jobs?content=true`;
      const res = await getShaped(ctx, url, responseSchema, "a Greenhouse job list");
      const items = res.jobs.map((raw) => ({ sourceId: rawId(raw, "id"), raw }));
      const total = res.meta?.total ?? undefined;
      return {
        items,
        next: undefined,
        total: total ?? items.length,
        ...(total !== undefined && total > items.length ? { incremental: true } : {}),
      };
    },
    normalize: (item) => normalizeGreenhouseItem(item, params),
  };
}

const API_HOSTS = new Set(["boards-api.greenhouse.io"]);
const BOARD_HOSTS = new Set(["boards.greenhouse.io", "job-boards.greenhouse.io"]);

/** `boards.greenhouse.io/{board}`, `job-boards.greenhouse.io/{board}`, the embed `?for={board}`, the API URL. */
function detect(url: URL): GreenhouseParams | undefined {
  const host = url.hostname.toLowerCase();
  if (API_HOSTS.has(host)) {
    const board = tokenInPath(url, /^\/v1\/boards\/([^/]+)/);
    return board ? { board } : undefined;
  }
  if (!BOARD_HOSTS.has(host)) return undefined;
  const embedded = url.searchParams.get("for");
  if (url.pathname.startsWith("/embed/"))
    return embedded && boardToken.safeParse(embedded).success ? { board: embedded } : undefined;
  const board = firstSegment(url, ["embed", "v1"]);
  return board ? { board } : undefined;
}

/** Greenhouse boards, one source per board token (`greenhouse-n26`). */
export const greenhouseKind: SourceKind<GreenhouseParams> = {
  kind: GREENHOUSE_KIND,
  displayName: "Greenhouse",
  policy: greenhousePolicy,
  paramsSchema,
  baseUrlSetting: "GREENHOUSE_BASE_URL",
  detect,
  keyOf: (p) => p.board,
  label: (p) => `Greenhouse ${p.board}`,
  create: (params, env) => createGreenhouseSource(params, { baseUrl: env.baseUrl }),
};
