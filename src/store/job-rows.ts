import { createHash } from "node:crypto";
import type { Posting, PostingLocation, SourceRef } from "../core/posting.js";
import type { JobRow } from "./schema.js";

/** Hash of everything that feeds the embedding, so unchanged postings are not re-embedded. */
export function contentHash(p: Posting): string {
  return createHash("sha1")
    .update([p.title, p.company, p.description, placeText(p)].join("\u0001"))
    .digest("hex");
}

/** Text of all places of a posting, for the lexical index and display. */
export function placeText(p: Pick<Posting, "locations" | "remoteMode">): string {
  const parts = p.locations.flatMap((l) => [l.city, l.region, l.country, l.postalCode]).filter(Boolean);
  if (p.remoteMode === "remote") parts.push("remote");
  return parts.join(" ");
}

/**
 * A stored row as a posting. Rows were validated against the posting schema when they were written,
 * so reading them back does not validate again (that was most of the cost of showing results).
 */
export function rowToPosting(row: JobRow, refs: SourceRef[]): Posting {
  const p: Posting = {
    id: row.uid,
    title: row.title,
    company: row.company,
    locations: JSON.parse(row.locations_json) as Posting["locations"],
    remoteMode: row.remote_mode as Posting["remoteMode"],
    employmentType: row.employment_type as Posting["employmentType"],
    seniority: row.seniority as Posting["seniority"],
    language: row.language,
    description: row.description,
    sources: refs,
  };
  if (row.salary_currency && row.salary_period && (row.salary_min !== null || row.salary_max !== null)) {
    p.salary = {
      currency: row.salary_currency,
      period: row.salary_period as NonNullable<Posting["salary"]>["period"],
      ...(row.salary_min !== null ? { min: row.salary_min } : {}),
      ...(row.salary_max !== null ? { max: row.salary_max } : {}),
    };
  }
  if (row.posted_at) p.postedAt = row.posted_at;
  if (row.updated_at) p.updatedAt = row.updated_at;
  if (row.apply_url) p.applyUrl = row.apply_url;
  return p;
}

const isLocated = (l: PostingLocation) => l.lat !== undefined && l.lon !== undefined;

/**
 * Where a posting is, for the row: the first place with coordinates (else the first place) in the
 * row's own columns, and every further place with coordinates as `[[lat, lon], …]` JSON (null when
 * there is none), so a search finds a posting for Hamburg, Berlin and Frankfurt at each of them.
 */
export function placesOf(locations: readonly PostingLocation[]): {
  first: PostingLocation | undefined;
  more: string | null;
} {
  const first = locations.find(isLocated) ?? locations[0];
  const more = locations
    .filter((l) => l !== first && isLocated(l))
    .map((l) => [l.lat!, l.lon!] as const)
    .filter(([lat, lon], i, all) => all.findIndex(([a, b]) => a === lat && b === lon) === i)
    .filter(([lat, lon]) => lat !== first?.lat || lon !== first?.lon);
  return { first, more: more.length > 0 ? JSON.stringify(more) : null };
}

// Reads take at most this many ids per statement (both engines' parameter limits are far above).
export const IN_CHUNK = 500;

/** A posting as the values of a `jobs` row (plus `now` for the seen-at columns). */
export function toRow(p: Posting, canonicalUrl: string | null, now: string) {
  const { first, more } = placesOf(p.locations);
  return {
    uid: p.id,
    title: p.title,
    company: p.company,
    city: first?.city ?? null,
    region: first?.region ?? null,
    country: first?.country ?? null,
    lat: first?.lat ?? null,
    lon: first?.lon ?? null,
    more_places: more,
    locations_json: JSON.stringify(p.locations),
    remote_mode: p.remoteMode,
    employment_type: p.employmentType,
    seniority: p.seniority,
    salary_min: p.salary?.min ?? null,
    salary_max: p.salary?.max ?? null,
    salary_currency: p.salary?.currency ?? null,
    salary_period: p.salary?.period ?? null,
    language: p.language,
    posted_at: p.postedAt ?? null,
    updated_at: p.updatedAt ?? null,
    description: p.description,
    apply_url: p.applyUrl ?? null,
    canonical_url: canonicalUrl,
    content_hash: contentHash(p),
    now,
  };
}
