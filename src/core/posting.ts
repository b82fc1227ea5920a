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
});
export type Posting = z.infer<typeof postingSchema>;

/** Stable id for a posting first seen at `source` under `sourceId`. */
export function postingId(source: string, sourceId: string): string {
  return "j_" + createHash("sha256").update(`${source}\u0000${sourceId}`).digest("hex").slice(0, 20);
}

/** Human-readable place of a posting ("Berlin, DE" / "Remote"). */
export function formatPlace(p: Pick<Posting, "locations" | "remoteMode">): string {
  const first = p.locations[0];
  const place = first ? [first.city ?? first.region, first.country].filter(Boolean).join(", ") : "";
  if (p.remoteMode === "remote") return place ? `${place} (remote)` : "Remote";
  if (p.remoteMode === "hybrid") return place ? `${place} (hybrid)` : "Hybrid";
  return place || "Place not given";
}
