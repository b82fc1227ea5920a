// Bundesagentur für Arbeit, Jobsuche API (v6): GET /jobboerse/jobsuche-service/pc/v6/jobs with the
// public client key header. The search result has no description text, so one is built from the
// occupation, place and working time.
import { z } from "zod";
import { AppError } from "../../core/errors.js";
import { inGerman } from "../../core/job-names.js";
import { postingId, type EmploymentType, type PostingLocation } from "../../core/posting.js";
import { resolvePlace } from "../../core/geo/gazetteer.js";
import { countryCode, regionName } from "../../core/geo/names.js";
import { HttpError } from "./http.js";
import {
  cleanLine,
  detectEmploymentType,
  detectRemoteMode,
  detectSeniority,
  httpUrl,
  makeSalary,
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

export const BA_JOBSUCHE_SOURCE_ID = "ba-jobsuche";
/** The API's public client id, sent as `X-API-Key` (documented by the Bundesagentur; not a secret). */
export const BA_JOBSUCHE_API_KEY = "jobboerse-jobsuche";
const PAGE_SIZE = 100;

export const baJobsuchePolicy: AccessPolicy = {
  kind: "api",
  rateLimitPerMinute: 30,
  terms:
    "Public Jobsuche API of the Bundesagentur für Arbeit, used with its public client id `jobboerse-jobsuche` (documented at https://jobsuche.api.bund.dev); no published rate limit, so we keep to 30 requests a minute.",
};

/** Options for {@link createBaJobsucheSource}. */
export interface BaJobsucheSourceOptions {
  /** API host without path. @defaultValue `https://rest.arbeitsagentur.de` */
  baseUrl?: string;
  /** Radius in km when the run query names a place but no radius. @defaultValue `25` */
  defaultRadiusKm?: number;
}

const responseSchema = z.object({
  ergebnisliste: z.array(z.unknown()).nullable().optional(),
  maxErgebnisse: z.coerce.number().optional(),
  page: z.coerce.number().optional(),
  size: z.coerce.number().optional(),
});

const place = z.object({
  adresse: z
    .object({
      ort: z.string().nullish(),
      plz: z.string().nullish(),
      region: z.string().nullish(),
      land: z.string().nullish(),
    })
    .nullish(),
  breite: z.number().nullish(),
  laenge: z.number().nullish(),
});

const itemSchema = z.object({
  referenznummer: z.string().min(1),
  stellenangebotsTitel: z.string().nullish(),
  firma: z.string().nullish(),
  hauptberuf: z.string().nullish(),
  alleBerufe: z.array(z.string()).nullish(),
  stellenangebotsart: z.string().nullish(),
  stellenlokationen: z.array(place).nullish(),
  homeofficemoeglich: z.boolean().nullish(),
  arbeitszeitVollzeit: z.boolean().nullish(),
  arbeitszeitTeilzeitVormittag: z.boolean().nullish(),
  arbeitszeitTeilzeitNachmittag: z.boolean().nullish(),
  arbeitszeitTeilzeitAbend: z.boolean().nullish(),
  arbeitszeitTeilzeitFlexibel: z.boolean().nullish(),
  arbeitszeitSchichtNachtWochenende: z.boolean().nullish(),
  istGeringfuegigeBeschaeftigung: z.boolean().nullish(),
  verguetungsangabe: z.string().nullish(),
  gehaltsspanneVon: z.number().nullish(),
  gehaltsspanneBis: z.number().nullish(),
  eintrittszeitraum: z.object({ von: z.string().nullish() }).nullish(),
  datumErsteVeroeffentlichung: z.string().nullish(),
  aenderungsdatum: z.string().nullish(),
  externeURL: z.string().nullish(),
});
type BaItem = z.infer<typeof itemSchema>;

/** Where a posting is shown on arbeitsagentur.de. */
export function baDetailUrl(referenznummer: string): string {
  return `https://www.arbeitsagentur.de/jobsuche/jobdetail/${encodeURIComponent(referenznummer)}`;
}

// "NORDRHEIN_WESTFALEN" → "Nordrhein-Westfalen" via the region table; unknown enums are title-cased.
function regionOf(value: string | null | undefined): string | undefined {
  if (!value) return undefined;
  const known = regionName(value);
  if (known) return known;
  if (/^(?:UEBERREGIONAL|BUNDESWEIT|KEINE_ANGABE|AUSLAND)$/i.test(value)) return undefined;
  return value
    .toLowerCase()
    .replace(/(^|[_\s-])(\p{L})/gu, (_m, sep: string, c: string) => (sep ? "-" : "") + c.toUpperCase());
}

function locationsOf(a: BaItem): PostingLocation[] {
  const out: PostingLocation[] = [];
  for (const l of a.stellenlokationen ?? []) {
    const adr = l.adresse ?? {};
    // The v4 search wrote "Nürnberg, Mittelfranken"; the qualifier is the region, not the city.
    const city = adr.ort?.split(",")[0]?.trim() || undefined;
    const region = regionOf(adr.region);
    const country = adr.land ? countryCode(adr.land) : "DE";
    const loc: PostingLocation = {};
    if (city) loc.city = city;
    if (region) loc.region = region;
    if (country) loc.country = country;
    if (adr.plz?.trim()) loc.postalCode = adr.plz.trim();
    if (
      typeof l.breite === "number" &&
      typeof l.laenge === "number" &&
      Math.abs(l.breite) <= 90 &&
      Math.abs(l.laenge) <= 180
    ) {
      loc.lat = l.breite;
      loc.lon = l.laenge;
    } else if (city) {
      const p = resolvePlace(city, { preferCountry: country ?? "DE", region: adr.region ?? undefined });
      if (p) {
        loc.lat = p.lat;
        loc.lon = p.lon;
      }
    }
    if (Object.keys(loc).length > 0) out.push(loc);
  }
  return out;
}

function employmentOf(a: BaItem, title: string): EmploymentType {
  const art = a.stellenangebotsart ?? "";
  if (/AUSBILDUNG/i.test(art)) return "apprenticeship";
  if (/PRAKTIKUM|TRAINEE/i.test(art)) return "internship";
  if (/SELBST/i.test(art)) return "contract";
  if (a.istGeringfuegigeBeschaeftigung) return "mini_job";
  const partTime =
    a.arbeitszeitTeilzeitVormittag ||
    a.arbeitszeitTeilzeitNachmittag ||
    a.arbeitszeitTeilzeitAbend ||
    a.arbeitszeitTeilzeitFlexibel;
  if (a.arbeitszeitVollzeit) return "full_time";
  if (partTime) return "part_time";
  return detectEmploymentType({ strong: [title] });
}

const WORKING_TIME: Partial<Record<EmploymentType, string>> = {
  full_time: "Vollzeit",
  part_time: "Teilzeit",
  mini_job: "Minijob",
  apprenticeship: "Ausbildung",
  internship: "Praktikum / Trainee",
  contract: "Selbstständigkeit / freie Mitarbeit",
};

function describe(
  a: BaItem,
  title: string,
  company: string,
  locations: PostingLocation[],
  employment: EmploymentType,
): string {
  const jobs = [...new Set([a.hauptberuf, ...(a.alleBerufe ?? [])].filter((x): x is string => !!x))];
  const where = locations
    .map((l) => [l.postalCode, l.city].filter(Boolean).join(" ") + (l.region ? ` (${l.region})` : ""))
    .filter(Boolean);
  const time = WORKING_TIME[employment];
  const lines = [
    `${title} bei ${company}${where.length ? ` in ${where.join(", ")}` : ""}.`,
    jobs.length ? `Beruf: ${jobs.join(", ")}.` : "",
    time ? `Arbeitszeit: ${time}.` : "",
    a.homeofficemoeglich ? "Homeoffice möglich." : "",
    a.eintrittszeitraum?.von ? `Eintritt ab ${a.eintrittszeitraum.von}.` : "",
  ];
  return lines.filter(Boolean).join("\n");
}

/** Normalize one v6 `ergebnisliste` item (see {@link createBaJobsucheSource}). */
export function normalizeBaItem(item: RawItem): NormalizeResult {
  const parsed = itemSchema.safeParse(item.raw);
  if (!parsed.success)
    return {
      ok: false,
      reason: `ba-jobsuche item ${item.sourceId}: ${parsed.error.issues[0]?.path.join(".") || "item"} missing or malformed`,
    };
  const a = parsed.data;
  const ref = a.referenznummer;
  // About 1 % of BA postings have no title of their own; the site then shows the occupation.
  const title = cleanLine(a.stellenangebotsTitel) ?? cleanLine(a.hauptberuf) ?? cleanLine(a.alleBerufe?.[0]);
  const company = cleanLine(a.firma, 300);
  if (!title) return { ok: false, reason: `ba-jobsuche ${ref}: neither title nor occupation` };
  if (!company) return { ok: false, reason: `ba-jobsuche ${ref}: no employer (firma)` };
  const locations = locationsOf(a);
  const employmentType = employmentOf(a, title);
  const detail = baDetailUrl(ref);
  const salary = makeSalary({
    min: a.gehaltsspanneVon,
    max: a.gehaltsspanneBis,
    currency: "EUR",
    period: a.verguetungsangabe,
  });
  const postedAt = toIsoUtc(a.datumErsteVeroeffentlichung);
  const updatedAt = toIsoUtc(a.aenderungsdatum);
  const remoteMode =
    a.homeofficemoeglich === true
      ? detectRemoteMode({ strong: [title] }) === "remote"
        ? "remote"
        : "hybrid"
      : detectRemoteMode({ flag: a.homeofficemoeglich ?? undefined, strong: [title] });
  return validatePosting(
    {
      id: postingId(BA_JOBSUCHE_SOURCE_ID, ref),
      title,
      company,
      locations,
      remoteMode,
      employmentType,
      seniority: detectSeniority(title),
      ...(salary ? { salary } : {}),
      language: "de",
      ...(postedAt ? { postedAt } : {}),
      ...(updatedAt ? { updatedAt } : {}),
      description: describe(a, title, company, locations, employmentType),
      applyUrl: httpUrl(a.externeURL) ?? detail,
      sources: [{ source: BA_JOBSUCHE_SOURCE_ID, sourceId: ref, url: detail }],
    },
    `ba-jobsuche ${ref}`,
  );
}

/**
 * The Bundesagentur adapter. Cursor = page number (1-based). Keywords go to `was`, the place to
 * `wo` with `umkreis` (radius km). Paging stops when page × size reaches `maxErgebnisse` or a page
 * comes back empty (the API may leave `ergebnisliste` out entirely then).
 */
export function createBaJobsucheSource(options: BaJobsucheSourceOptions = {}): SourceAdapter {
  const base = (options.baseUrl ?? "https://rest.arbeitsagentur.de").replace(/\/+$/, "");
  const defaultRadius = options.defaultRadiusKm ?? 25;
  return {
    id: BA_JOBSUCHE_SOURCE_ID,
    displayName: "Bundesagentur für Arbeit – Jobsuche",
    policy: baJobsuchePolicy,
    async fetchPage(ctx: FetchContext, cursor: string | undefined): Promise<SourcePage> {
      const page = cursor === undefined ? 1 : Number(cursor);
      if (!Number.isInteger(page) || page < 1)
        throw new AppError("source_bad_cursor", `ba-jobsuche: bad page cursor ${JSON.stringify(cursor)}`);
      const params = new URLSearchParams();
      // The Jobsuche indexes German titles: "nursing" finds little there, "Pflege" finds the jobs.
      const was = ctx.query.keywords ? inGerman(ctx.query.keywords).trim() : undefined;
      const wo = ctx.query.place?.trim();
      if (was) params.set("was", was);
      if (wo) {
        params.set("wo", wo);
        params.set("umkreis", String(ctx.query.radiusKm ?? defaultRadius));
      }
      params.set("page", String(page));
      params.set("size", String(PAGE_SIZE));
      const url = `${base}/jobboerse/jobsuche-service/pc/v6/jobs?${params.toString()}`;
      const { status, data } = await ctx.http.getJson(url, {
        headers: { "X-API-Key": BA_JOBSUCHE_API_KEY },
        signal: ctx.signal,
      });
      const res = responseSchema.safeParse(data);
      if (!res.success) {
        throw new HttpError(
          "http_bad_body",
          `${new URL(url).host} sent a Jobsuche answer of an unknown shape (page ${page})`,
          { status, retryable: false },
        );
      }
      const list = res.data.ergebnisliste ?? [];
      const items = list.map((raw, i) => {
        const ref = (raw as { referenznummer?: unknown } | null)?.referenznummer;
        return { sourceId: typeof ref === "string" && ref ? ref : `page${page}-item${i}`, raw };
      });
      const total = res.data.maxErgebnisse;
      const size = res.data.size && res.data.size > 0 ? res.data.size : PAGE_SIZE;
      const more = items.length > 0 && (total !== undefined ? page * size < total : items.length >= size);
      return { items, next: more ? String(page + 1) : undefined, total };
    },
    normalize: normalizeBaItem,
  };
}
