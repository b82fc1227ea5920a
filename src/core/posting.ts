import { createHash } from "node:crypto";
import { z } from "zod";

export const remoteModes = ["onsite", "hybrid", "remote", "unknown"] as const;
export type RemoteMode = (typeof remoteModes)[number];

export const employmentTypes = [
  "full_time",
  "part_time",
  "contract",
  "temporary",
  "internship",
  "apprenticeship",
  "mini_job",
  "unknown",
] as const;
export type EmploymentType = (typeof employmentTypes)[number];

export const seniorities = ["intern", "junior", "mid", "senior", "lead", "executive", "unknown"] as const;
export type Seniority = (typeof seniorities)[number];

export const salaryPeriods = ["hour", "day", "week", "month", "year"] as const;

/** The levels a wished-for seniority admits (a lead is senior too); undefined for any other wish. */
export function levelsFor(wanted: string | undefined): Seniority[] | undefined {
  if (wanted === "junior") return ["junior"];
  if (wanted === "senior") return ["senior", "lead"];
  return undefined;
}

/** Periods in a working year (full time), to compare salaries stated per hour, month or year. */
export const PER_YEAR: Record<(typeof salaryPeriods)[number], number> = {
  hour: 1720,
  day: 220,
  week: 46,
  month: 12,
  year: 1,
};

/** The most a salary pays in a year (its max, else its min), or undefined when it states neither. */
export function yearlyTop(
  s:
    | { min?: number | undefined; max?: number | undefined; period: (typeof salaryPeriods)[number] }
    | undefined,
): number | undefined {
  const top = s ? (s.max ?? s.min) : undefined;
  return s && top !== undefined ? Math.round(top * PER_YEAR[s.period]) : undefined;
}

const isoDate = z.iso.datetime({ offset: true });

export const locationSchema = z.object({
  city: z.string().min(1).optional(),
  region: z.string().min(1).optional(),
  /** ISO 3166-1 alpha-2, upper case. */
  country: z
    .string()
    .regex(/^[A-Z]{2}$/)
    .optional(),
  postalCode: z.string().min(1).optional(),
  lat: z.number().min(-90).max(90).optional(),
  lon: z.number().min(-180).max(180).optional(),
});
export type PostingLocation = z.infer<typeof locationSchema>;

export const salarySchema = z
  .object({
    min: z.number().nonnegative().optional(),
    max: z.number().nonnegative().optional(),
    /** ISO 4217. */
    currency: z.string().regex(/^[A-Z]{3}$/),
    period: z.enum(salaryPeriods),
  })
  .refine((s) => s.min !== undefined || s.max !== undefined, "salary needs min or max")
  .refine((s) => s.min === undefined || s.max === undefined || s.min <= s.max, "salary min > max");
export type Salary = z.infer<typeof salarySchema>;

export const sourceRefSchema = z.object({
  /** Source adapter id, e.g. `arbeitnow`. */
  source: z.string().min(1),
  /** The posting's id at that source. */
  sourceId: z.string().min(1),
  /** Where the posting is shown at that source. */
  url: z.url().optional(),
});
export type SourceRef = z.infer<typeof sourceRefSchema>;

/** The unified posting every source is normalized to. */
export const postingSchema = z.object({
  /** Stable id: derived from the first source reference, kept when other sources are merged in. */
  id: z.string().min(1),
  title: z.string().min(1).max(500),
  company: z.string().min(1).max(300),
  locations: z.array(locationSchema),
  remoteMode: z.enum(remoteModes),
  employmentType: z.enum(employmentTypes),
  seniority: z.enum(seniorities),
  salary: salarySchema.optional(),
  /** ISO 639-1 code, or `und` when unknown. */
  language: z.string().regex(/^([a-z]{2}|und)$/),
  postedAt: isoDate.optional(),
  updatedAt: isoDate.optional(),
  /** Plain text, never HTML. */
  description: z.string(),
  applyUrl: z.url().optional(),
  sources: z.array(sourceRefSchema).min(1),
  /** Fields {@link clipPosting} shortened on the way in (`description`, `title`, `locations`…). */
  clipped: z.array(z.string()).optional(),
});
export type Posting = z.infer<typeof postingSchema>;

/** Stable id for a posting first seen at `source` under `sourceId`. */
export function postingId(source: string, sourceId: string): string {
  return "j_" + createHash("sha256").update(`${source}\u0000${sourceId}`).digest("hex").slice(0, 20);
}

/** Places a card names before "+N". */
const PLACES_SHOWN = 3;

/**
 * Human-readable place of a posting: "Berlin, DE", "Hamburg / Berlin, DE" (one posting for several
 * offices), "Berlin, DE / Wien, AT", "Hamburg / Berlin / Köln +2, DE", "Remote".
 */
export function formatPlace(p: Pick<Posting, "locations" | "remoteMode">): string {
  const named = p.locations.filter((l) => l.city || l.region);
  const shown = (named.length > 0 ? named : p.locations).slice(0, PLACES_SHOWN);
  const more = named.length > PLACES_SHOWN ? ` +${named.length - PLACES_SHOWN}` : "";
  const oneCountry = shown.every((l) => l.country === shown[0]?.country);
  const place = oneCountry
    ? [
        shown
          .map((l) => l.city ?? l.region)
          .filter(Boolean)
          .join(" / ") + more,
        shown[0]?.country,
      ]
        .filter(Boolean)
        .join(", ")
    : shown.map((l) => [l.city ?? l.region, l.country].filter(Boolean).join(", ")).join(" / ") + more;
  if (p.remoteMode === "remote") return place ? `${place} (remote)` : "Remote";
  if (p.remoteMode === "hybrid") return place ? `${place} (hybrid)` : "Hybrid";
  return place || "Place not given";
}

/**
 * Longest value kept per field. Postings are untrusted input: a real ad fits easily, while one
 * 50-million-character description must not reach the store, the index or a prompt.
 */
export const POSTING_LIMITS = {
  title: 500,
  company: 300,
  description: 50_000,
  /** Chars of a location's city, region or postal code. */
  place: 200,
  locations: 50,
  /** A longer URL is dropped: a cut URL leads nowhere. */
  url: 2048,
} as const;

/** The posting within {@link POSTING_LIMITS}, with the names of the fields that had to be shortened. */
export function clipPosting(p: Posting): { posting: Posting; clipped: string[] } {
  const clipped = new Set<string>();
  const cut = (field: string, value: string, max: number): string => {
    if (value.length <= max) return value;
    clipped.add(field);
    return `${value.slice(0, max - 1)}…`;
  };
  const url = (field: string, value: string | undefined): string | undefined => {
    if (value === undefined || value.length <= POSTING_LIMITS.url) return value;
    clipped.add(field);
    return undefined;
  };
  if (p.locations.length > POSTING_LIMITS.locations) clipped.add("locations");
  const locations = p.locations.slice(0, POSTING_LIMITS.locations).map((l) => ({
    ...l,
    ...(l.city !== undefined ? { city: cut("locations", l.city, POSTING_LIMITS.place) } : {}),
    ...(l.region !== undefined ? { region: cut("locations", l.region, POSTING_LIMITS.place) } : {}),
    ...(l.postalCode !== undefined ? { postalCode: cut("locations", l.postalCode, 20) } : {}),
  }));
  const { applyUrl: rawApply, ...rest } = p;
  const applyUrl = url("applyUrl", rawApply);
  const posting: Posting = {
    ...rest,
    title: cut("title", p.title, POSTING_LIMITS.title),
    company: cut("company", p.company, POSTING_LIMITS.company),
    description: cut("description", p.description, POSTING_LIMITS.description),
    locations,
    ...(applyUrl !== undefined ? { applyUrl } : {}),
    sources: p.sources.map(({ url: u, ...ref }) => {
      const kept = url("sources", u);
      return kept !== undefined ? { ...ref, url: kept } : ref;
    }),
  };
  const names = [...clipped];
  return { posting: names.length > 0 ? { ...posting, clipped: names } : posting, clipped: names };
}
