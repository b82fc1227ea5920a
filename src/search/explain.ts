// The "why" lines of a search hit: short reasons a job seeker understands at a glance.
import { haversineKm } from "../core/geo/distance.js";
import { foldText } from "../core/text.js";
import type { StoredJob } from "../store/jobs.repo.js";
import type { PlaceFilter } from "./facets.js";
import { alternatives } from "../core/job-names.js";

const DAY_MS = 86_400_000;

/** Only the start of a description is searched for the "why" (what the embedder saw too). */
const MAX_FIELD_CHARS = 2000;

function escapeRegExp(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
}

function occursIn(text: string, word: string): boolean {
  const f = foldText(word);
  if (f.length >= 4) return text.includes(f);
  return new RegExp(`(^|[^\\p{L}\\p{N}])${escapeRegExp(f)}`, "u").test(text);
}

/**
 * Terms that occur in `field` as a word, a word prefix, or (4+ letters) inside a compound ("pflege"
 * in "krankenpfleger") — also by another name ("nursing" as "Pflege"): each with the name found.
 */
export function termsIn(field: string, terms: readonly string[]): Array<{ term: string; found: string }> {
  if (terms.length === 0) return [];
  const text = foldText(field.length > MAX_FIELD_CHARS ? field.slice(0, MAX_FIELD_CHARS) : field);
  const out: Array<{ term: string; found: string }> = [];
  for (const term of terms) {
    const found = alternatives(term).find((a) => occursIn(text, a));
    if (found !== undefined) out.push({ term, found });
  }
  return out;
}

function quoteList(terms: readonly string[]): string {
  const q = terms.map((t) => `“${t}”`);
  return q.length <= 1 ? (q[0] ?? "") : `${q.slice(0, -1).join(", ")} and ${q[q.length - 1]!}`;
}

/** Distance from `place` to the job's first located place, or null when it has no coordinates. */
export function jobDistanceKm(job: StoredJob, place: PlaceFilter | undefined): number | null {
  const loc = job.posting.locations[0];
  if (!place || loc?.lat === undefined || loc.lon === undefined) return null;
  return haversineKm(place.lat, place.lon, loc.lat, loc.lon);
}

export function formatKm(km: number): string {
  if (km < 1) return "less than 1 km";
  return `${km < 10 ? Math.round(km * 10) / 10 : Math.round(km)} km`;
}

export function postedAgo(postedAt: string, now: Date): string {
  const days = Math.floor((now.getTime() - Date.parse(postedAt)) / DAY_MS);
  if (days <= 0) return "posted today";
  if (days === 1) return "posted yesterday";
  if (days < 14) return `posted ${days} days ago`;
  if (days < 60) return `posted ${Math.round(days / 7)} weeks ago`;
  return `posted ${Math.round(days / 30)} months ago`;
}

export interface ExplainInput {
  job: StoredJob;
  terms: readonly string[];
  /** Whether the hit came from keyword and/or meaning similarity. */
  lexical: boolean;
  semantic: boolean;
  place: PlaceFilter | undefined;
  distanceKm: number | null;
  now: Date;
}

export function explain(x: ExplainInput): string[] {
  const { job, terms } = x;
  const p = job.posting;
  const why: string[] = [];
  let rest = terms;
  for (const [field, label] of [
    [p.title, "title matches"],
    [p.company, "company matches"],
    [p.description, "description mentions"],
  ] as const) {
    if (rest.length === 0) break;
    const hits = termsIn(field, rest);
    if (hits.length === 0) continue;
    why.push(`${label} ${quoteList(hits.map((h) => h.found))}`);
    rest = rest.filter((t) => !hits.some((h) => h.term === t));
  }
  if (why.length === 0 && x.lexical) why.push("matches your keywords");
  else if (why.length === 0 && x.semantic) why.push("similar to what you searched for");
  if (x.place) {
    const where = x.place.name;
    if (x.distanceKm !== null && x.distanceKm <= x.place.radiusKm)
      why.push(`${formatKm(x.distanceKm)} from ${where}`);
    else if (p.remoteMode === "remote") why.push("remote, so the place does not matter");
    else if (x.distanceKm === null) why.push(`in ${p.locations[0]?.city ?? where}`);
  }
  if (p.remoteMode === "remote" && !why.some((w) => w.startsWith("remote"))) why.push("remote");
  if (p.remoteMode === "hybrid") why.push("hybrid (partly remote)");
  if (p.postedAt) why.push(postedAgo(p.postedAt, x.now));
  return why;
}
