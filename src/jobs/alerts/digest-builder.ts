import { toJobCard } from "../../core/job-card.js";
import { companyKey } from "../../pipeline/dedupe/company-key.js";
import type { SearchHit, SearchRequest, SearchResult } from "../../search/search.service.js";
import type { DeliveriesRepo } from "../../store/deliveries.repo.js";
import type { RunView } from "../../store/runs.repo.js";
import type { RemoteMode } from "../../core/posting.js";
import type { DigestAnswer, DigestSourceFailure } from "../../answers/digest.js";
import type { SavedSearch } from "./saved-search.js";
import { levelsFor } from "../../core/posting.js";

/** Fit scores (0–1) of jobs for a member with a profile; absent when they have none. */
export type FitScores = (
  workspaceId: string,
  userId: string,
  jobIds: readonly number[],
) => Promise<ReadonlyMap<number, number> | undefined>;

/** Options for {@link DigestBuilder}. */
export interface DigestBuilderOptions {
  deliveries: DeliveriesRepo;
  search: { search(req: SearchRequest): Promise<SearchResult> };
  resolvePlace(name: string): { name: string; lat: number; lon: number } | undefined;
  /** Jobs the owner hid ("Not for me"). */
  hiddenFor?(actor: { workspaceId: string; userId: string }): Promise<ReadonlySet<number>>;
  /** The workspace's latest runs (for the source-health footer). */
  latestRuns(workspaceId: string): Promise<RunView[]>;
  embedderKey: string;
  maxJobs: number;
  perCompany: number;
  /**
   * A team channel's shared marks on these jobs, as cards show them ("claimed by <@U1>"); a digest
   * posted to a channel carries them, a DM's never does.
   */
  teamNotesFor?(
    workspaceId: string,
    channel: string,
    jobIds: readonly number[],
  ): Promise<ReadonlyMap<number, string[]>>;
  /** Ranks by fit when the owner has a profile (issue #9); by search relevance otherwise. */
  fitScores?: FitScores | undefined;
}

const REMOTE: Record<string, { remote?: RemoteMode[]; remoteAnywhere?: boolean }> = {
  any: {},
  remote_only: { remote: ["remote"] },
  remote_ok: { remoteAnywhere: true },
  no_remote: { remote: ["onsite", "hybrid", "unknown"] },
  hybrid: { remote: ["hybrid"] },
};

/**
 * Order digest hits (by fit when scores are given, else as the search ranked them), then keep one
 * card per job, at most `perCompany` per company and `maxJobs` in all.
 */
export function rankForDigest(
  hits: readonly SearchHit[],
  o: { maxJobs: number; perCompany: number; fit?: ReadonlyMap<number, number> | undefined },
): SearchHit[] {
  const ordered = o.fit
    ? [...hits].sort((a, b) => (o.fit?.get(b.job.id) ?? 0) - (o.fit?.get(a.job.id) ?? 0) || b.score - a.score)
    : [...hits];
  const seen = new Set<number>();
  const perCompany = new Map<string, number>();
  const out: SearchHit[] = [];
  for (const h of ordered) {
    if (out.length >= o.maxJobs) break;
    if (seen.has(h.job.id) || h.job.status !== "open") continue;
    const company = companyKey(h.job.posting.company) || h.job.posting.company;
    const n = perCompany.get(company) ?? 0;
    if (n >= o.perCompany) continue;
    seen.add(h.job.id);
    perCompany.set(company, n + 1);
    out.push(h);
  }
  return out;
}

/** What a digest will post, and the boundary to store once it is posted. */
export interface BuiltDigest {
  answer: DigestAnswer;
  boundarySeq: number;
}

/** Builds one saved search's digest: the jobs new or changed since its boundary that match it. */
export class DigestBuilder {
  constructor(private readonly o: DigestBuilderOptions) {}

  async build(s: SavedSearch): Promise<BuiltDigest> {
    const changed = await this.o.deliveries.changedSince(this.o.embedderKey, s.boundarySeq);
    const health = await this.health(s.workspaceId);
    const empty = { searchId: s.id, name: s.name, query: s.query, jobs: [], matched: 0, health };
    if (changed.jobIds.length === 0) return { answer: empty, boundarySeq: changed.lastSeq };
    const place = s.query.place ? this.o.resolvePlace(s.query.place) : undefined;
    const result = await this.o.search.search({
      text: s.query.keywords,
      place: place ? { ...place, radiusKm: s.query.radiusKm ?? 25 } : undefined,
      ...REMOTE[s.query.remote],
      employment: s.query.employmentType ? [s.query.employmentType] : undefined,
      salaryAtLeast: s.query.salaryMin,
      seniority: levelsFor(s.query.seniority),
      onlyJobIds: new Set(changed.jobIds),
      excludeJobIds: await this.o.hiddenFor?.({ workspaceId: s.workspaceId, userId: s.ownerId }),
      limit: Math.min(500, this.o.maxJobs * 20),
    });
    const fit = await this.o.fitScores?.(
      s.workspaceId,
      s.ownerId,
      result.hits.map((h) => h.job.id),
    );
    const kept = rankForDigest(result.hits, { maxJobs: this.o.maxJobs, perCompany: this.o.perCompany, fit });
    const team =
      s.target.kind === "channel"
        ? await this.o.teamNotesFor?.(
            s.workspaceId,
            s.target.channel,
            kept.map((h) => h.job.id),
          )
        : undefined;
    return {
      answer: {
        ...empty,
        jobs: kept.map((h, i) => ({
          ...toJobCard(i + 1, h.job, { score: fit?.get(h.job.id) ?? h.score, why: h.why }),
          ...(team?.get(h.job.id) ? { team: team.get(h.job.id) } : {}),
        })),
        matched: result.hits.length,
      },
      boundarySeq: changed.lastSeq,
    };
  }

  private async health(workspaceId: string): Promise<DigestSourceFailure[]> {
    const [last] = await this.o.latestRuns(workspaceId);
    if (!last) return [];
    return last.outcomes
      .filter((o) => o.status === "failed")
      .map((o) => ({
        label: o.label.slice(0, 80),
        error: o.error?.slice(0, 200) ?? null,
        ...(o.failure ? { failure: o.failure } : {}),
      }));
  }
}
