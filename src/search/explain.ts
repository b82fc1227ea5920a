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

/**
 * The words of the "why" lines in one language. The search fills them in; the tables live with
 * every other text (src/answers/phrases) and come with the request, English by default.
 */
export interface WhyWords {
  /** Quoted terms: “python”, “django” and “sql”. */
  list: (terms: readonly string[]) => string;
  titleMatches: string;
  companyMatches: string;
  descriptionMentions: string;
  matchesKeywords: string;
  similar: string;
  lessThanOneKm: string;
  kmFrom: (km: string, place: string) => string;
  remoteAnyPlace: string;
  inCity: (city: string) => string;
  remote: string;
  hybrid: string;
  postedDays: (days: number) => string;
}

/** English, what search results have always said (src/answers/phrases/en.ts points here). */
export const WHY_EN: WhyWords = {
  list: (terms) => {
    const q = terms.map((t) => `“${t}”`);
    return q.length <= 1 ? (q[0] ?? "") : `${q.slice(0, -1).join(", ")} and ${q[q.length - 1]!}`;
  },
  titleMatches: "title matches",
  companyMatches: "company matches",
  descriptionMentions: "description mentions",
  matchesKeywords: "matches your keywords",
  similar: "similar to what you searched for",
  lessThanOneKm: "less than 1 km",
  kmFrom: (km, place) => `${km} from ${place}`,
  remoteAnyPlace: "remote, so the place does not matter",
  inCity: (city) => `in ${city}`,
  remote: "remote",
  hybrid: "hybrid (partly remote)",
  postedDays: (days) =>
    days <= 0
      ? "posted today"
      : days === 1
        ? "posted yesterday"
        : days < 14
          ? `posted ${days} days ago`
          : days < 60
            ? `posted ${Math.round(days / 7)} weeks ago`
            : `posted ${Math.round(days / 30)} months ago`,
};

/**
 * Distance from `place` to the job's nearest place with coordinates (a posting may name several
 * offices), or null when it has none.
 */
export function jobDistanceKm(job: StoredJob, place: PlaceFilter | undefined): number | null {
  if (!place) return null;
  let best: number | null = null;
  for (const l of job.posting.locations) {
    if (l.lat === undefined || l.lon === undefined) continue;
    const km = haversineKm(place.lat, place.lon, l.lat, l.lon);
    if (best === null || km < best) best = km;
  }
  return best;
}

export function formatKm(km: number, w: WhyWords = WHY_EN): string {
  if (km < 1) return w.lessThanOneKm;
  return `${km < 10 ? Math.round(km * 10) / 10 : Math.round(km)} km`;
}

export function postedAgo(postedAt: string, now: Date, w: WhyWords = WHY_EN): string {
  return w.postedDays(Math.floor((now.getTime() - Date.parse(postedAt)) / DAY_MS));
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
  /** @defaultValue {@link WHY_EN} */
  words?: WhyWords | undefined;
}

export function explain(x: ExplainInput): string[] {
  const { job, terms } = x;
  const p = job.posting;
  const w = x.words ?? WHY_EN;
  const why: string[] = [];
  let rest = terms;
  for (const [field, label] of [
    [p.title, w.titleMatches],
    [p.company, w.companyMatches],
    [p.description, w.descriptionMentions],
  ] as const) {
    if (rest.length === 0) break;
    const hits = termsIn(field, rest);
    if (hits.length === 0) continue;
    why.push(`${label} ${w.list(hits.map((h) => h.found))}`);
    rest = rest.filter((t) => !hits.some((h) => h.term === t));
  }
  if (why.length === 0 && x.lexical) why.push(w.matchesKeywords);
  else if (why.length === 0 && x.semantic) why.push(w.similar);
  let saidRemote = false;
  if (x.place) {
    const where = x.place.name;
    if (x.distanceKm !== null && x.distanceKm <= x.place.radiusKm)
      why.push(w.kmFrom(formatKm(x.distanceKm, w), where));
    else if (p.remoteMode === "remote") {
      why.push(w.remoteAnyPlace);
      saidRemote = true;
    } else if (x.distanceKm === null) why.push(w.inCity(p.locations[0]?.city ?? where));
  }
  if (p.remoteMode === "remote" && !saidRemote) why.push(w.remote);
  if (p.remoteMode === "hybrid") why.push(w.hybrid);
  if (p.postedAt) why.push(postedAgo(p.postedAt, x.now, w));
  return why;
}
