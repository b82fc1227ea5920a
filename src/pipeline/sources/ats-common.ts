// Helpers shared by the ATS board adapters (Greenhouse, Lever, Ashby, SmartRecruiters): board
// tokens, places from structured or free-text fields, the catch-all that keeps `normalize` from
// throwing, and the single-response fetch. Item problems come back as values, never as throws.
import { createHash } from "node:crypto";
import { z } from "zod";
import { AppError } from "../../core/errors.js";
import type { PostingLocation, RemoteMode, Salary } from "../../core/posting.js";
import { resolvePlace } from "../../core/geo/gazetteer.js";
import { parseLocations } from "../../core/geo/location-text.js";
import { countryCode, regionName } from "../../core/geo/names.js";
import { regionCountry } from "../../core/geo/names.js";
import { HttpError } from "./http.js";
import { cleanLine, makeSalary } from "./posting-signals.js";
import type { FetchContext, NormalizeResult, RawItem } from "./source.js";

/** A board token / company slug as it appears in the ATS URL: letters, digits, `.`, `_`, `-`. */
export const boardToken = z
  .string()
  .trim()
  .min(1)
  .max(100)
  .regex(/^[A-Za-z0-9][A-Za-z0-9._-]*$/, "letters, digits, '.', '_' or '-' as in the board URL");

/** A decoded path segment when it is a board token; pasted URLs may hold broken %-escapes. */
function asToken(raw: string | undefined): string | undefined {
  if (!raw) return undefined;
  let seg: string;
  try {
    seg = decodeURIComponent(raw);
  } catch {
    return undefined;
  }
  return boardToken.safeParse(seg).success ? seg : undefined;
}

/** The first path segment of a URL, when it looks like a board token and is not a reserved word. */
export function firstSegment(url: URL, reserved: readonly string[] = []): string | undefined {
  const seg = asToken(url.pathname.split("/").filter(Boolean)[0]);
  return seg && !reserved.includes(seg.toLowerCase()) ? seg : undefined;
}

/** The token captured by `pattern`'s first group in the URL's path (`/v1/boards/([^/]+)`). */
export function tokenInPath(url: URL, pattern: RegExp): string | undefined {
  return asToken(pattern.exec(url.pathname)?.[1]);
}

/** "smarterdx" → "Smarterdx", "mistral-ai" → "Mistral Ai": a readable company name from a slug. */
export function companyFromSlug(slug: string): string {
  return slug
    .split(/[-_.]+/)
    .filter(Boolean)
    .map((w) => w.charAt(0).toUpperCase() + w.slice(1))
    .join(" ");
}

/** The item's own id as a string, else a stable hash of the item so `normalize` can still report it. */
export function rawId(raw: unknown, field: string): string {
  const v = raw && typeof raw === "object" ? (raw as Record<string, unknown>)[field] : undefined;
  if ((typeof v === "string" && v.trim()) || (typeof v === "number" && Number.isFinite(v)))
    return String(v).trim();
  const hash = createHash("sha256")
    .update(JSON.stringify(raw) ?? "")
    .digest("hex")
    .slice(0, 16);
  return `noid-${hash}`;
}

// Ashby/Lever/Greenhouse boards name areas that are no place on a map; as a "city" they would mislead.
const AREA_WORDS =
  /^(?:latam|latin america|apac|asia|asia pacific|americas|north america|south america|africa|middle east|mena|emea|europe|eu|global|international|worldwide|anywhere|remote|hybrid|various|multiple locations|flexible|tbd|n\/a)$/i;

/** A coordinate from a number or a numeric string, within range. */
function coord(v: unknown, max: number): number | undefined {
  const n = typeof v === "string" && v.trim() !== "" ? Number(v) : v;
  return typeof n === "number" && Number.isFinite(n) && Math.abs(n) <= max ? n : undefined;
}

/** Structured place parts, as ATS APIs send them (all optional, all untrusted). */
export interface PlaceParts {
  city?: unknown;
  region?: unknown;
  country?: unknown;
  postalCode?: unknown;
  lat?: unknown;
  lon?: unknown;
}

/**
 * A location from structured fields. The source's coordinates win; else the gazetteer places the
 * city (in the given country only, so "Sandy, UT, us" is not a Sandy elsewhere).
 */
export function placeFromParts(p: PlaceParts): PostingLocation | undefined {
  const cityText = cleanLine(p.city, 200);
  const city = cityText && !AREA_WORDS.test(cityText) ? cityText : undefined;
  const regionText = cleanLine(p.region, 200);
  const countryText = cleanLine(p.country, 100);
  const country = countryText ? countryCode(countryText) : undefined;
  const lat = coord(p.lat, 90);
  const lon = coord(p.lon, 180);
  const place = city
    ? resolvePlace(city, { preferCountry: country, strictCountry: country !== undefined, region: regionText })
    : undefined;
  const loc: PostingLocation = {};
  if (city) loc.city = place?.name ?? city;
  // "BE" is Berlin only in Germany; elsewhere a state code is kept as the source wrote it.
  const known = regionText ? regionName(regionText) : undefined;
  const knownHere = known && (!country || regionCountry(regionText ?? "") === country) ? known : undefined;
  const region = regionText ? (knownHere ?? regionText) : place?.region;
  if (region) loc.region = region;
  const ctry = country ?? place?.country;
  if (ctry) loc.country = ctry;
  const postal = cleanLine(p.postalCode, 20);
  if (postal) loc.postalCode = postal;
  if (lat !== undefined && lon !== undefined && !(lat === 0 && lon === 0)) {
    loc.lat = lat;
    loc.lon = lon;
  } else if (place) {
    loc.lat = place.lat;
    loc.lon = place.lon;
  }
  return Object.keys(loc).length > 0 ? loc : undefined;
}

/** Locations from free text ("Berlin, Germany; Remote"), minus areas read as cities ("LatAm"). */
export function placesFromText(text: unknown, country?: string): PostingLocation[] {
  const t = cleanLine(text, 1000);
  if (!t) return [];
  const code = country ? countryCode(country) : undefined;
  return parseLocations(t, { preferCountry: code ?? "DE" })
    .map((l) => {
      if (!l.city || !AREA_WORDS.test(l.city)) return l;
      const { city: _area, ...rest } = l;
      return rest;
    })
    .filter((l) => Object.keys(l).length > 0);
}

/** Drop repeats (same city, region and country), keeping the first. */
export function uniquePlaces(list: readonly (PostingLocation | undefined)[]): PostingLocation[] {
  const seen = new Set<string>();
  const out: PostingLocation[] = [];
  for (const l of list) {
    if (!l) continue;
    const key = `${l.city ?? ""}|${l.region ?? ""}|${l.country ?? ""}`.toLowerCase();
    if (seen.has(key)) continue;
    seen.add(key);
    out.push(l);
  }
  // A bare country next to a city in that country adds nothing.
  return out.filter((l) => l.city || l.region || !out.some((o) => o !== l && o.country === l.country));
}

/** "1 YEAR", "per-year-salary", "per-hour-wage", "MONTHLY" → a salary period. */
export function periodOf(interval: unknown): Salary["period"] | undefined {
  if (typeof interval !== "string") return undefined;
  if (/year|annual/i.test(interval)) return "year";
  if (/month/i.test(interval)) return "month";
  if (/week/i.test(interval)) return "week";
  if (/day|daily/i.test(interval)) return "day";
  if (/hour/i.test(interval)) return "hour";
  return undefined;
}

/** A salary from an ATS range with an interval word; undefined without amount, period or a real currency. */
export function rangeSalary(
  min: unknown,
  max: unknown,
  currency: unknown,
  interval: unknown,
): Salary | undefined {
  // A missing currency must not become EUR (makeSalary's default for German sources).
  if (typeof currency !== "string" || !/^[A-Za-z]{3}$/.test(currency.trim())) return undefined;
  const period = periodOf(interval);
  return period ? makeSalary({ min, max, currency, period }) : undefined;
}

/** Upper bound on HTML we convert per item: job ads are a few KB; megabytes are junk or an attack. */
export const MAX_HTML_CHARS = 100_000;

/** The start of an HTML/text field, bounded (see {@link MAX_HTML_CHARS}). */
export function boundedText(v: unknown): string {
  return typeof v === "string" ? v.slice(0, MAX_HTML_CHARS) : "";
}

/** Marks reasons produced by the catch-all, so tests can tell them from deliberate rejections. */
export const UNEXPECTED = "unexpected error while normalizing";

/**
 * Run a normalizer so that it keeps its promise never to throw: a bug or an input nobody foresaw
 * rejects that one item with a reason, instead of failing the page or the run.
 */
export function guarded(
  label: string,
  item: RawItem,
  fn: (item: RawItem) => NormalizeResult,
): NormalizeResult {
  try {
    return fn(item);
  } catch (err) {
    const msg = err instanceof Error ? err.message : String(err);
    return { ok: false, reason: `${label} ${item.sourceId}: ${UNEXPECTED} (${msg.slice(0, 200)})` };
  }
}

/** A zod issue as a short reason: "title missing or malformed". */
export function issueReason(label: string, sourceId: string, error: z.ZodError): string {
  const issue = error.issues[0];
  return `${label} item ${sourceId}: ${issue?.path.join(".") || "item"} missing or malformed`;
}

/** Boards answer in one response; any cursor is a caller bug. */
export function assertFirstPage(kind: string, cursor: string | undefined): void {
  if (cursor !== undefined)
    throw new AppError(
      "source_bad_cursor",
      `${kind}: one response lists the whole board; got cursor ${cursor}`,
    );
}

/** GET JSON and check its shape; a wrong shape is a non-retryable bad body naming the host. */
export async function getShaped<T>(
  ctx: FetchContext,
  url: string,
  schema: z.ZodType<T>,
  what: string,
): Promise<T> {
  const { status, data } = await ctx.http.getJson(url, { signal: ctx.signal });
  const parsed = schema.safeParse(data);
  if (!parsed.success)
    throw new HttpError("http_bad_body", `${new URL(url).host} sent JSON that is not ${what}`, {
      status,
      retryable: false,
    });
  return parsed.data;
}

const WORKPLACE: Record<string, RemoteMode> = { remote: "remote", hybrid: "hybrid", onsite: "onsite" };

/** An ATS's declared workplace type ("Remote", "On-site", "HYBRID"…), when it names one we know. */
export function workplaceMode(value: string | null | undefined): RemoteMode | undefined {
  return WORKPLACE[(value ?? "").toLowerCase().replace(/[^a-z]/g, "")];
}
