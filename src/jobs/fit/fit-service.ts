import { phrasesFor } from "../../answers/phrases/phrases.js";
import { AppError } from "../../core/errors.js";
import type { CardFit } from "../../core/job-card.js";
import type { Posting } from "../../core/posting.js";
import { embedderKey, postingText, type Embedder } from "../../search/embedder.js";
import type { FitScoresRepo, StoredFit } from "../../store/fit-scores.repo.js";
import { contentHash, type StoredJob } from "../../store/jobs.repo.js";
import type { ProfilesRepo } from "../../store/profiles.repo.js";
import type { Profile, ProfileOwner } from "../profiles/profile.js";
import {
  FIT_PROMPT_VERSION,
  OFFLINE_FIT_MODEL,
  scoreFit,
  topReasons,
  topReasonsOf,
  type FitBreakdown,
} from "./fit-score.js";
import { ProfileIndex } from "./profile-index.js";
import { requirementsOf, type Requirement } from "./requirements.js";
import { applyVerdict } from "./verdict.js";
import type { ModelVerdicts } from "./verdict-model.js";

/** Options for {@link FitService}. */
export interface FitServiceOptions {
  profiles: ProfilesRepo;
  fits: FitScoresRepo;
  jobs: { getMany(ids: readonly number[]): Promise<StoredJob[]> };
  embedder: Embedder;
  /**
   * Vectors the embed stage already stored: a job whose stored vector was made from its current
   * content is not embedded again. Absent: every job is embedded here.
   */
  vectors?: {
    forJobs(
      embedder: string,
      jobIds: readonly number[],
    ): Promise<Map<number, { contentHash: string; vector: Float32Array }>>;
  };
  /**
   * A language model asked for a verdict on each job (at most ±10 points, only with citations
   * that check out). Absent: offline scores only.
   */
  verdicts?: ModelVerdicts | undefined;
  /** Jobs scored per batch (one store read and one write each). @defaultValue `500`, `20` with a model */
  batch?: number;
}

/** A job's score as a card shows it. */
export type FitSummary = CardFit;

/** The text a CV is embedded from: its lines, then stated skills. */
export function profileText(p: Profile): string {
  const stated = p.facts.filter((f) => f.stated).map((f) => f.value);
  return [...p.lines.map((l) => l.text), ...stated].join("\n").slice(0, 8000);
}

const REQ_CACHE = 20_000;

/**
 * Scores jobs for people and keeps the scores: after each run (the `evaluate` stage), on demand, and
 * when a search or a "why" needs a score that is missing or stale (another profile version, a
 * changed posting, another scoring method).
 */
export class FitService {
  private readonly requirements = new Map<string, Requirement[]>();
  private readonly key: string;

  constructor(private readonly o: FitServiceOptions) {
    this.key = embedderKey(o.embedder);
  }

  private requirementsFor(hash: string, p: Posting): Requirement[] {
    let r = this.requirements.get(hash);
    if (!r) {
      r = requirementsOf(p);
      if (this.requirements.size >= REQ_CACHE) this.requirements.clear();
      this.requirements.set(hash, r);
    }
    return r;
  }

  /** Score these jobs for one profile and store the scores; `onBatch` hears how many are done. */
  async scoreJobs(
    profile: Profile,
    jobIds: readonly number[],
    onBatch?: (done: number) => Promise<void> | void,
  ): Promise<Map<number, FitBreakdown>> {
    const owner = { workspaceId: profile.workspaceId, userId: profile.userId };
    const index = new ProfileIndex(profile);
    const [profileVector] = await this.o.embedder.embed([profileText(profile)]);
    const out = new Map<number, FitBreakdown>();
    const verdicts = this.o.verdicts?.session();
    const batch = this.o.batch ?? (verdicts ? 20 : 500);
    for (let i = 0; i < jobIds.length; i += batch) {
      const jobs = await this.o.jobs.getMany(jobIds.slice(i, i + batch));
      const hashes = jobs.map((j) => contentHash(j.posting));
      const vectors = await this.jobVectors(jobs, hashes);
      const stored: StoredFit[] = [];
      const answers = await verdicts?.judge(
        profile.lines,
        jobs.map((j) => j.posting),
      );
      jobs.forEach((j, n) => {
        const hash = hashes[n]!;
        const offline = scoreFit({
          posting: j.posting,
          requirements: this.requirementsFor(hash, j.posting),
          jobVector: vectors[n]!,
          profile: index,
          profileVector: profileVector!,
          embedder: this.key,
        });
        const answer = answers?.[n];
        const b = answer ? applyVerdict(offline, profile.lines, answer, this.o.verdicts!.modelId) : offline;
        out.set(j.id, b);
        stored.push({
          jobId: j.id,
          total: b.total,
          breakdown: b,
          profileVersion: profile.version,
          modelId: b.modelId,
          promptVersion: b.promptVersion,
          contentHash: hash,
        });
      });
      await this.o.fits.putMany(owner, stored);
      await onBatch?.(Math.min(jobIds.length, i + batch));
    }
    return out;
  }

  /** Each job's vector: the stored one when it was made from this content, else embedded now. */
  private async jobVectors(jobs: readonly StoredJob[], hashes: readonly string[]): Promise<Float32Array[]> {
    const stored =
      (await this.o.vectors?.forJobs(
        this.key,
        jobs.map((j) => j.id),
      )) ?? new Map<number, { contentHash: string; vector: Float32Array }>();
    const out: Array<Float32Array | undefined> = jobs.map((j, n) => {
      const v = stored.get(j.id);
      return v && v.contentHash === hashes[n] ? v.vector : undefined;
    });
    const missing = jobs.flatMap((_, n) => (out[n] ? [] : [n]));
    if (missing.length > 0) {
      const made = await this.o.embedder.embed(missing.map((n) => postingText(jobs[n]!.posting)));
      missing.forEach((n, k) => (out[n] = made[k]));
    }
    return out as Float32Array[];
  }

  profileOf(owner: ProfileOwner): Promise<Profile | undefined> {
    return this.o.profiles.get(owner);
  }

  /**
   * Score a run's jobs for every profile of its workspace and for the requester's own profile (the
   * `evaluate` stage); returns how many profiles were scored.
   */
  async scoreForRun(
    workspaceId: string,
    requester: ProfileOwner,
    jobIds: readonly number[],
  ): Promise<number> {
    // A DM's or a Discord server's requester keeps their profile in their personal workspace.
    const profiles = await this.o.profiles.inWorkspace(workspaceId);
    const own = (p: ProfileOwner) => p.workspaceId === requester.workspaceId && p.userId === requester.userId;
    if (!profiles.some(own)) {
      const p = await this.o.profiles.get(requester);
      if (p) profiles.push(p);
    }
    for (const p of profiles) await this.scoreJobs(p, jobIds);
    return profiles.length;
  }

  /**
   * Scores of these jobs for this person, computing those missing or stale; undefined when the
   * person has no profile.
   */
  async scoresFor(
    owner: ProfileOwner,
    jobIds: readonly number[],
  ): Promise<Map<number, FitBreakdown> | undefined> {
    const profile = await this.o.profiles.get(owner);
    if (!profile) return undefined;
    const stored = await this.o.fits.getMany<FitBreakdown>(owner, jobIds);
    const jobs = new Map((await this.o.jobs.getMany(jobIds)).map((j) => [j.id, j]));
    const out = new Map<number, FitBreakdown>();
    const stale: number[] = [];
    for (const id of jobIds) {
      const s = stored.get(id);
      const job = jobs.get(id);
      if (!job) continue;
      const fresh =
        s &&
        s.profileVersion === profile.version &&
        s.promptVersion === (this.o.verdicts?.promptVersion ?? FIT_PROMPT_VERSION) &&
        s.modelId === (this.o.verdicts?.modelId ?? OFFLINE_FIT_MODEL) &&
        s.contentHash === contentHash(job.posting) &&
        s.breakdown.embedder === this.key;
      if (fresh) out.set(id, s.breakdown);
      else stale.push(id);
    }
    if (stale.length > 0) for (const [id, b] of await this.scoreJobs(profile, stale)) out.set(id, b);
    return out;
  }

  /**
   * "Best for the team": each job's best total among the profiles of these members of a channel
   * (each in the workspace their profile lives in: their personal one on Discord), and how many
   * profiles counted (no owner or reason leaves here).
   */
  async bestAmong(
    members: readonly ProfileOwner[],
    jobIds: readonly number[],
  ): Promise<{ fits: Map<number, number>; members: number }> {
    const profiles: Profile[] = [];
    for (const m of members) {
      const p = await this.o.profiles.get(m);
      if (p) profiles.push(p);
    }
    const fits = new Map<number, number>();
    for (const p of profiles) {
      const scores = await this.scoresFor(p, jobIds);
      for (const [id, b] of scores ?? []) fits.set(id, Math.max(fits.get(id) ?? -1, b.total));
    }
    return { fits, members: profiles.length };
  }

  /** Card summaries (total and top reasons) of these jobs, or undefined without a profile. */
  async summaries(
    owner: ProfileOwner,
    jobIds: readonly number[],
  ): Promise<Map<number, FitSummary> | undefined> {
    const scores = await this.scoresFor(owner, jobIds);
    if (!scores) return undefined;
    return new Map(
      [...scores].map(([id, b]) => [id, { total: b.total, reasons: topReasons(b), top: topReasonsOf(b) }]),
    );
  }

  /** The full breakdown of one job for this person ("why 72 for job 3?"). */
  async explain(owner: ProfileOwner, jobId: number): Promise<{ breakdown: FitBreakdown; profile: Profile }> {
    const profile = await this.o.profiles.get(owner);
    if (!profile)
      throw new AppError("no_profile", "no profile", {
        userMessage: (lang) => phrasesFor(lang).noProfileToScore,
      });
    const b = (await this.scoresFor(owner, [jobId]))?.get(jobId);
    if (!b)
      throw new AppError("job_not_found", `job ${jobId} not found`, {
        userMessage: (lang) => phrasesFor(lang).jobGone,
      });
    return { breakdown: b, profile };
  }
}
