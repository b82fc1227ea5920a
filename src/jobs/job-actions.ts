import { phrasesFor } from "../answers/phrases/phrases.js";
import { AppError } from "../core/errors.js";
import { toJobCard, type JobCard } from "../core/job-card.js";
import type { JobsRepo, StoredJob } from "../store/jobs.repo.js";
import type { JobMark, MarksRepo } from "../store/marks.repo.js";

/** Who acts: always from the platform event. */
export interface Actor {
  workspaceId: string;
  userId: string;
}

/** A job with its full text, for "Details". Description is posting data (untrusted), cut to a readable size. */
export interface JobDetails {
  card: JobCard;
  description: string;
  employmentType: string;
  seniority: string;
  language: string;
  saved: boolean;
}

/**
 * What a user can do with one job — details, save, "not for me", list saved — shared by the agent's
 * tools and the chat surfaces' buttons, so both behave the same.
 */
export class JobActions {
  constructor(
    private readonly jobs: JobsRepo,
    private readonly marks: MarksRepo,
  ) {}

  /** The job with this stable id (`j_…`) or store id. */
  async find(jobId: string | number): Promise<StoredJob> {
    const id = typeof jobId === "number" ? jobId : await this.jobs.idByUid(jobId);
    const job = id === undefined ? undefined : (await this.jobs.getMany([id]))[0];
    if (!job)
      throw new AppError("job_not_found", `job ${jobId} not found`, {
        userMessage: (lang) => phrasesFor(lang).jobGone,
      });
    return job;
  }

  async details(actor: Actor, jobId: string | number, maxChars = 1500): Promise<JobDetails> {
    const job = await this.find(jobId);
    const p = job.posting;
    const text =
      p.description.length > maxChars ? `${p.description.slice(0, maxChars).trimEnd()}…` : p.description;
    return {
      card: toJobCard(1, job),
      description: text,
      employmentType: p.employmentType,
      seniority: p.seniority,
      language: p.language,
      saved: await this.marks.has(actor.workspaceId, actor.userId, job.id, "saved"),
    };
  }

  async mark(actor: Actor, jobId: string | number, mark: JobMark): Promise<JobCard> {
    const job = await this.find(jobId);
    await this.marks.set(actor.workspaceId, actor.userId, job.id, mark);
    return toJobCard(1, job);
  }

  async unmark(actor: Actor, jobId: string | number, mark: JobMark): Promise<JobCard> {
    const job = await this.find(jobId);
    await this.marks.unset(actor.workspaceId, actor.userId, job.id, mark);
    return toJobCard(1, job);
  }

  async saved(actor: Actor, limit = 25): Promise<JobCard[]> {
    const ids = await this.marks.list(actor.workspaceId, actor.userId, "saved", limit);
    return (await this.jobs.getMany(ids)).map((j, i) => toJobCard(i + 1, j));
  }

  /** Store ids this user hid; searches leave them out for this user only. */
  async hidden(actor: Actor): Promise<ReadonlySet<number>> {
    return new Set(await this.marks.list(actor.workspaceId, actor.userId, "hidden", 100_000));
  }
}
