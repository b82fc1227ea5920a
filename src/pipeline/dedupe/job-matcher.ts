import type { StoredJobCopy } from "../../store/job-copies.repo.js";
import type { JobsRepo } from "../../store/jobs.repo.js";
import {
  employmentCompatible,
  placesCompatible,
  unionPlaces,
  type CopyIdentity,
  type CopyPlaces,
} from "./copy-identity.js";
import { sketchFromBytes, sketchSimilarity } from "./minhash.js";
import { sameRole, titleSimilarity } from "./title-key.js";

/** How a copy was found to be a job already known. */
export type MatchKind = "url" | "fingerprint" | "near-duplicate";

export interface JobMatch {
  jobId: number;
  kind: MatchKind;
}

/** Thresholds of {@link JobMatcher}. */
export interface MatchRules {
  /**
   * A job last seen longer ago than this is not matched: the same title at the same company months
   * later is a new opening, within it a repost. @defaultValue `60`
   */
  repostWindowDays: number;
  /**
   * Title words in common (Jaccard) for a URL match; for a near-duplicate one title's words must
   * also contain the other's. @defaultValue `0.5`
   */
  minTitleSimilarity: number;
  /** Estimated Jaccard of the descriptions' word shingles for a near-duplicate. @defaultValue `0.7` */
  minDescriptionSimilarity: number;
}

export const DEFAULT_MATCH_RULES: MatchRules = {
  repostWindowDays: 60,
  minTitleSimilarity: 0.5,
  minDescriptionSimilarity: 0.7,
};

const DAY_MS = 86_400_000;

function placesOfRow(c: StoredJobCopy): CopyPlaces {
  try {
    const v = JSON.parse(c.placesJson) as Partial<CopyPlaces>;
    return {
      cities: Array.isArray(v.cities) ? v.cities : [],
      countries: Array.isArray(v.countries) ? v.countries : [],
    };
  } catch {
    return { cities: [], countries: [] };
  }
}

/** What a candidate job looks like from the copy being matched. */
interface JobView {
  /** Seen within the repost window, and every copy agrees with this one on place and working time. */
  fits: boolean;
  /** Some copy of the job names a city. */
  located: boolean;
}

/**
 * The job among `candidates` (distinct ids, best first) that the copy belongs to. Where either
 * side does not say where it is, a guess could hide one job inside another ("Verkäufer (m/w/d)",
 * Germany, while the chain lists that job in five towns): then only an unambiguous candidate is
 * taken, and otherwise the copy becomes a job of its own — a duplicate is the smaller harm.
 */
function choose(
  copy: CopyIdentity,
  candidates: readonly number[],
  view: (id: number) => JobView,
): number | "ambiguous" | undefined {
  const fitting = candidates.filter((id) => view(id).fits);
  if (fitting.length === 0) return undefined;
  if (copy.places.cities.length === 0) return fitting.length === 1 ? fitting[0] : "ambiguous";
  const located = fitting.find((id) => view(id).located);
  if (located !== undefined) return located;
  // Only jobs that never said where fit: one of them is this job unless the title is listed elsewhere too.
  return candidates.some((id) => view(id).located) ? "ambiguous" : fitting[0];
}

const match = (
  jobId: number | "ambiguous" | undefined,
  kind: MatchKind,
): JobMatch | "ambiguous" | undefined => (typeof jobId === "number" ? { jobId, kind } : jobId);

/**
 * Finds the job a new copy (a posting under a source id not seen before) belongs to, in order:
 * the same apply URL at the same company with a similar title; the same fingerprint (company key
 * and title key) at a compatible place; a near-duplicate description (MinHash LSH) at the same
 * company with a similar title and the same seniority. Every rule also needs a job seen within the
 * repost window whose copies all agree on place and working time. Each step is an indexed lookup.
 */
export class JobMatcher {
  private readonly rules: MatchRules;

  constructor(rules: Partial<MatchRules> = {}) {
    this.rules = { ...DEFAULT_MATCH_RULES, ...rules };
  }

  async find(jobs: JobsRepo, copy: CopyIdentity, now: string): Promise<JobMatch | undefined> {
    // Copies of the candidate jobs, read once per find (in one query per rule).
    const cache = new Map<number, StoredJobCopy[]>();
    const load = async (ids: readonly number[]) => {
      const missing = ids.filter((id) => !cache.has(id));
      const read = await jobs.copies.copiesOfMany(missing);
      for (const id of missing) cache.set(id, read.get(id) ?? []);
    };
    const copies = (id: number) => cache.get(id) ?? [];
    const views = new Map<number, JobView>();
    const view = (id: number): JobView => {
      let v = views.get(id);
      if (!v) views.set(id, (v = this.view(copy, copies(id), now)));
      return v;
    };
    // A bare host ("https://acme.com/") is a careers landing page shared by many jobs, not an identity.
    const url =
      copy.canonicalUrl && !/^https:\/\/[^/]+\/(?:\?|$)/.test(copy.canonicalUrl) ? copy.canonicalUrl : null;
    const c = await jobs.copies.candidates({
      url,
      companyKey: copy.companyKey,
      titleKey: copy.titleKey,
      bands: copy.sketch ? copy.bands : [],
    });
    await load([...new Set([...c.byUrl.map((x) => x.jobId), ...c.byKeys, ...c.byBands])]);
    const found =
      this.byUrl(copy, c.byUrl, copies, view) ??
      match(choose(copy, c.byKeys, view), "fingerprint") ??
      this.byDescription(copy, c.byBands, copies, view);
    // Ambiguous by fingerprint stays ambiguous: a sketch shared with one of the towns proves nothing.
    return found === "ambiguous" ? undefined : found;
  }

  private view(copy: CopyIdentity, all: readonly StoredJobCopy[], now: string): JobView {
    const places = unionPlaces(all.map(placesOfRow));
    const lastSeen = all[0]?.jobLastSeenAt;
    const recent =
      lastSeen !== undefined &&
      Date.parse(now) - Date.parse(lastSeen) <= this.rules.repostWindowDays * DAY_MS;
    return {
      // Against every copy: a copy that only says "DE" must not let a Thurnau copy join a Bamberg job.
      fits:
        recent &&
        all.every((x) => employmentCompatible(copy.employment, x.employment)) &&
        placesCompatible(copy.places, places),
      located: places.cities.length > 0,
    };
  }

  private byUrl(
    copy: CopyIdentity,
    byUrl: ReadonlyArray<{ jobId: number; titleKey: string }>,
    copies: (id: number) => readonly StoredJobCopy[],
    view: (id: number) => JobView,
  ): JobMatch | undefined {
    const hit = byUrl.find(
      (c) =>
        titleSimilarity(c.titleKey, copy.titleKey) >= this.rules.minTitleSimilarity &&
        copies(c.jobId).every((x) => x.seniority === copy.seniority) &&
        view(c.jobId).fits,
    );
    return hit ? { jobId: hit.jobId, kind: "url" } : undefined;
  }

  private byDescription(
    copy: CopyIdentity,
    candidates: readonly number[],
    copies: (id: number) => readonly StoredJobCopy[],
    view: (id: number) => JobView,
  ): JobMatch | "ambiguous" | undefined {
    if (!copy.sketch) return undefined;
    const hits: Array<{ jobId: number; similarity: number }> = [];
    for (const jobId of candidates) {
      let best = 0;
      for (const c of copies(jobId)) {
        const sketch = sketchFromBytes(c.minhash);
        // Boilerplate descriptions make different roles at one company look alike; the title tells them apart.
        if (
          !sketch ||
          c.companyKey !== copy.companyKey ||
          c.seniority !== copy.seniority ||
          !sameRole(c.titleKey, copy.titleKey, this.rules.minTitleSimilarity)
        )
          continue;
        best = Math.max(best, sketchSimilarity(copy.sketch, sketch));
      }
      if (best >= this.rules.minDescriptionSimilarity) hits.push({ jobId, similarity: best });
    }
    hits.sort((a, b) => b.similarity - a.similarity);
    return match(
      choose(
        copy,
        hits.map((h) => h.jobId),
        view,
      ),
      "near-duplicate",
    );
  }
}
