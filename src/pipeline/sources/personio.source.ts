// Personio XML feed: GET https://{company}.jobs.personio.de/xml lists every published position of
// one company (`<workzag-jobs><position>…`), job texts as CDATA HTML sections. One request, no paging.
import { z } from "zod";
import { postingId, type EmploymentType, type PostingLocation, type Seniority } from "../../core/posting.js";
import { parseLocations } from "../../core/geo/location-text.js";
import {
  cleanLine,
  detectEmploymentType,
  detectLanguage,
  detectRemoteMode,
  detectSeniority,
  htmlToText,
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

export const PERSONIO_KIND = "personio";
/** The feed host when `PERSONIO_BASE_URL` is not set; `{company}` is the company's subdomain. */
export const PERSONIO_DEFAULT_BASE = "https://{company}.jobs.personio.de";

export const personioPolicy: AccessPolicy = {
  kind: "feed",
  rateLimitPerMinute: 10,
  terms:
    "Public XML feed Personio publishes for each customer's career site so job boards can read it (https://developer.personio.de/docs/integrating-job-boards); one request lists the whole company.",
};

export const personioParamsSchema = z.object({
  /** The career-site subdomain: `acme` for acme.jobs.personio.de. */
  company: z
    .string()
    .trim()
    .toLowerCase()
    .regex(/^[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?$/, "a Personio subdomain such as acme"),
  /** How the company is named when a position has no `subcompany`. @defaultValue the subdomain, capitalised */
  name: z.string().trim().min(1).max(200).optional(),
});
export type PersonioParams = z.infer<typeof personioParamsSchema>;

/** What normalization needs beyond the item: who the company is and where its job pages live. */
export interface PersonioNormalizeContext {
  /** Adapter id (`personio-acme`). */
  source: string;
  companyName: string;
  /** Career-site base; job pages are `{base}/job/{id}`. */
  siteBase: string;
}

// Personio's fixed vocabularies (developer.personio.de, XML feed reference).
const EMPLOYMENT: Record<string, EmploymentType> = {
  intern: "internship",
  trainee: "apprenticeship",
  freelance: "contract",
  temporary: "temporary",
  working_student: "part_time",
};
const SCHEDULE: Record<string, EmploymentType> = { "full-time": "full_time", "part-time": "part_time" };
const SENIORITY: Record<string, Seniority> = {
  student: "intern",
  "entry-level": "junior",
  experienced: "mid",
  executive: "executive",
};

const displayName = (slug: string): string =>
  slug
    .split("-")
    .filter(Boolean)
    .map((w) => w.charAt(0).toUpperCase() + w.slice(1))
    .join(" ");

function officesOf(p: Record<string, unknown>): string[] {
  const extra = listOf(recordOf(p.additionalOffices)?.office);
  const names = [...listOf(p.office), ...extra]
    .map((o) => cleanLine(textOf(o)))
    .filter((o): o is string => !!o);
  return [...new Set(names)];
}

function descriptionOf(p: Record<string, unknown>): string {
  const sections = listOf(recordOf(p.jobDescriptions)?.jobDescription).map((d) => {
    const r = recordOf(d);
    const head = cleanLine(textOf(r?.name));
    const body = htmlToText(textOf(r?.value) ?? "");
    return [head, body].filter(Boolean).join("\n");
  });
  return sections.filter(Boolean).join("\n\n");
}

/** Normalize one `<position>` (see {@link createPersonioSource}). */
export function normalizePersonioPosition(item: RawItem, c: PersonioNormalizeContext): NormalizeResult {
  const p = recordOf(item.raw);
  const id = cleanLine(textOf(p?.id), 100);
  if (!p || !id) return { ok: false, reason: `personio item ${item.sourceId}: no position id` };
  // Personio ids are numbers; anything else would end up in the job page's URL.
  if (!/^[A-Za-z0-9_-]{1,64}$/.test(id))
    return { ok: false, reason: `personio item ${item.sourceId}: bad position id` };
  const label = `${c.source} ${id}`;
  const title = cleanLine(textOf(p.name));
  if (!title) return { ok: false, reason: `${label}: no position name` };
  const company = cleanLine(textOf(p.subcompany), 300) ?? c.companyName;
  const description = descriptionOf(p);
  const offices = officesOf(p);
  const locations: PostingLocation[] = offices
    .flatMap((o) => parseLocations(o, { preferCountry: "DE" }))
    // An office the gazetteer does not know ("HQ") is kept only when its text names a country.
    .filter((l) => l.lat !== undefined || l.country !== undefined);
  const employment = cleanLine(textOf(p.employmentType))?.toLowerCase() ?? "";
  const schedule = cleanLine(textOf(p.schedule))?.toLowerCase() ?? "";
  const department = cleanLine(textOf(p.department));
  const category = cleanLine(textOf(p.recruitingCategory));
  const employmentType =
    EMPLOYMENT[employment] ??
    SCHEDULE[schedule] ??
    detectEmploymentType({ strong: [title, employment, schedule], text: description });
  const bySeniority = SENIORITY[cleanLine(textOf(p.seniority))?.toLowerCase() ?? ""];
  const fromTitle = detectSeniority(title);
  const postedAt = toIsoUtc(textOf(p.createdAt));
  const url = `${c.siteBase}/job/${encodeURIComponent(id)}`;
  return validatePosting(
    {
      id: postingId(c.source, id),
      title,
      company,
      locations,
      remoteMode: detectRemoteMode({ strong: [title, ...offices], text: description }),
      employmentType,
      seniority: fromTitle !== "unknown" ? fromTitle : (bySeniority ?? "unknown"),
      language: detectLanguage(`${title}\n${description}`),
      ...(postedAt ? { postedAt } : {}),
      description: [
        department && category ? `${department} · ${category}` : (department ?? category),
        description,
      ]
        .filter(Boolean)
        .join("\n\n"),
      applyUrl: url,
      sources: [{ source: c.source, sourceId: id, url }],
    },
    label,
  );
}

/** Options for {@link createPersonioSource}. */
export interface PersonioSourceOptions extends PersonioParams {
  /** Feed host with an optional `{company}` placeholder; `/xml` is appended. @defaultValue {@link PERSONIO_DEFAULT_BASE} */
  baseUrl?: string | undefined;
}

/**
 * One company's Personio feed. The feed lists every open position, so a fetch is a complete listing
 * (positions missing from it have closed). It has no incremental mode; `since` is not used.
 */
export function createPersonioSource(o: PersonioSourceOptions): SourceAdapter {
  const base = (o.baseUrl ?? PERSONIO_DEFAULT_BASE).replace(/\{company\}/g, o.company).replace(/\/+$/, "");
  const ctx: PersonioNormalizeContext = {
    source: sourceKey(PERSONIO_KIND, o.company),
    companyName: o.name ?? displayName(o.company),
    siteBase: base,
  };
  return {
    id: ctx.source,
    displayName: `Personio ${ctx.companyName}`,
    policy: personioPolicy,
    paramsSchema: personioParamsSchema,
    completeListing: true,
    async fetchPage(fctx) {
      const url = `${base}/xml`;
      const res = await fctx.http.getText(url, { headers: { accept: XML_ACCEPT }, signal: fctx.signal });
      const doc = parseXmlBody(res.text, {
        url,
        status: res.status,
        roots: ["workzag-jobs"],
        arrays: ["position", "office", "jobDescription"],
      });
      const positions = listOf(recordOf(doc["workzag-jobs"])?.position);
      const items = positions.map((raw, i) => ({
        sourceId: cleanLine(textOf(recordOf(raw)?.id), 100) ?? `position-${i}`,
        raw,
      }));
      return { items, next: undefined, total: items.length };
    },
    normalize: (item) => normalizePersonioPosition(item, ctx),
  };
}

/** Personio: one XML feed per company, tracked per workspace (`personio-acme`). */
export const personioKind: SourceKind<PersonioParams> = {
  kind: PERSONIO_KIND,
  displayName: "Personio",
  policy: personioPolicy,
  paramsSchema: personioParamsSchema,
  baseUrlSetting: "PERSONIO_BASE_URL",
  detect(url) {
    const m = /^([a-z0-9](?:[a-z0-9-]*[a-z0-9])?)\.jobs\.personio\.(?:de|com)$/i.exec(url.hostname);
    return m?.[1] ? { company: m[1].toLowerCase() } : undefined;
  },
  keyOf: (p) => p.company,
  label: (p) => `Personio ${p.name ?? p.company}`,
  create: (p, env) => createPersonioSource({ ...p, baseUrl: env.baseUrl }),
};
