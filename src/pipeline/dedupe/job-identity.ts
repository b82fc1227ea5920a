import { postingId, type Posting, type SourceRef } from "../../core/posting.js";
import type { JobCopy } from "../../store/job-copies.repo.js";
import { refKey, type JobsRepo, type SeenRef } from "../../store/jobs.repo.js";
import { canonicalUrl } from "../canonical-url.js";
import { copyIdentity, type CopyIdentity } from "./copy-identity.js";
import { JobMatcher, type MatchKind, type MatchRules } from "./job-matcher.js";
import { mergeCopies } from "./merge-copies.js";
import { sketchToBytes } from "./minhash.js";

/** One normalized item to give a job. */
export interface CopyInput {
  posting: Posting;
  source: string;
  sourceId: string;
  runId: string | null;
  /** ISO time the copy is seen (the repost window is measured from it). */
  now: string;
}

/** The job an item became and how it was found. */
export interface Assignment {
  jobId: number;
  outcome: "new" | "updated" | "unchanged";
  match: "source-id" | MatchKind | "new";
}

function toStored(c: CopyIdentity): JobCopy {
  return {
    companyKey: c.companyKey,
    titleKey: c.titleKey,
    placesJson: JSON.stringify(c.places),
    seniority: c.seniority,
    employment: c.employment,
    canonicalUrl: c.canonicalUrl,
    postedAt: c.postedAt,
    descLength: c.descLength,
    minhash: c.sketch ? sketchToBytes(c.sketch) : null,
    bands: c.bands,
  };
}

/**
 * One identity per job across sites. Each copy (a posting at one source under one id) goes to the
 * job known under the same source id, else to the job the {@link JobMatcher} finds (same URL,
 * fingerprint or near-duplicate description, within the repost window), else to a new job. The job
 * keeps every reference; it shows the copy with the richest description, gaps filled from the
 * others, and the earliest posting date. Call it with the repository of the batch's transaction
 * ({@link JobsRepo.transaction}), together with recording the item's job, so a retried stage never
 * assigns an item twice and two writers never make two jobs of one posting.
 */
export class JobIdentity {
  private readonly matcher: JobMatcher;
  /** Where {@link backfill} goes on from. */
  private backfilled = { source: "", sourceId: "" };

  constructor(rules: Partial<MatchRules> = {}) {
    this.matcher = new JobMatcher(rules);
  }

  /** Give one copy its job (see {@link assignAll}). */
  async assign(jobs: JobsRepo, input: CopyInput): Promise<Assignment> {
    return (await this.assignAll(jobs, [input]))[0]!;
  }

  /**
   * Give each copy of a batch its job, in order (a later copy can match a job an earlier one made).
   * The batch's known references are read in one query and its seen references written in one,
   * since on PostgreSQL every statement is a round trip.
   */
  async assignAll(jobs: JobsRepo, inputs: readonly CopyInput[]): Promise<Assignment[]> {
    const refs = inputs.map(({ posting, source, sourceId }): SourceRef => ({
      ...posting.sources.find((r) => r.source === source),
      source,
      sourceId,
    }));
    const known = await jobs.findBySourceRefs(refs);
    const seen: SeenRef[] = [];
    const out: Assignment[] = [];
    for (const [i, input] of inputs.entries()) {
      const ref = refs[i]!;
      const key = refKey(ref.source, ref.sourceId);
      const a = await this.assignOne(jobs, input, ref, known.get(key));
      known.set(key, a.jobId);
      seen.push({ jobId: a.jobId, ref, runId: input.runId, now: input.now });
      out.push(a);
    }
    await jobs.seeRefs(seen);
    return out;
  }

  private async assignOne(
    jobs: JobsRepo,
    input: CopyInput,
    ref: SourceRef,
    knownJob: number | undefined,
  ): Promise<Assignment> {
    const { posting, now } = input;
    const canon = canonicalUrl(posting.applyUrl) ?? null;
    const copy = copyIdentity(posting, canon);
    let jobId = knownJob;
    let match: Assignment["match"] = "source-id";
    if (jobId === undefined) {
      const found = await this.matcher.find(jobs, copy, now);
      jobId = found?.jobId;
      match = found?.kind ?? "new";
    }
    let outcome: Assignment["outcome"] = "new";
    let primary: boolean | "sole" = "sole";
    if (jobId === undefined) {
      jobId = await jobs.insert(posting, canon, now);
    } else {
      const merged = await this.merge(jobs, jobId, posting, ref, canon, now);
      outcome = merged.changed ? "updated" : "unchanged";
      primary = merged.primary;
    }
    await jobs.copies.indexCopy(jobId, ref, toStored(copy), primary);
    return { jobId, outcome, match };
  }

  /**
   * Index the copies of references stored before the dedupe index existed, up to `limit` of them,
   * from their job's posting. Returns how many were found (fewer than `limit`: none left).
   */
  async backfill(jobs: JobsRepo, limit: number): Promise<number> {
    const refs = await jobs.copies.refsWithoutCopy(limit, this.backfilled);
    const last = refs[refs.length - 1];
    if (last) this.backfilled = { source: last.source, sourceId: last.sourceId };
    const byId = new Map((await jobs.getMany([...new Set(refs.map((r) => r.jobId))])).map((j) => [j.id, j]));
    for (const r of refs) {
      const job = byId.get(r.jobId);
      if (!job) continue;
      const copy = copyIdentity(job.posting, canonicalUrl(job.posting.applyUrl) ?? null);
      // The job was created from the copy its stable id was derived from.
      await jobs.copies.indexCopy(
        r.jobId,
        r,
        toStored(copy),
        job.posting.id === postingId(r.source, r.sourceId),
      );
    }
    return refs.length;
  }

  private async merge(
    jobs: JobsRepo,
    jobId: number,
    posting: Posting,
    ref: SourceRef,
    canon: string | null,
    now: string,
  ): Promise<{ changed: boolean; primary: boolean }> {
    const current = await jobs.postingOf(jobId);
    if (!current) throw new Error(`job ${jobId} vanished during dedupe`);
    const shown = (await jobs.copies.copiesOf(jobId)).find((c) => c.primary);
    // The copy the job shows brings its own updates; another copy takes over when it is richer.
    const primary =
      !shown ||
      (shown.source === ref.source && shown.sourceId === ref.sourceId) ||
      posting.description.length > current.description.length;
    const merged = primary ? mergeCopies(posting, current) : mergeCopies(current, posting);
    return { changed: await jobs.saveMerged(jobId, merged, canon, now), primary };
  }
}
