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
  find(jobId: string | number): StoredJob {
    const id = typeof jobId === "number" ? jobId : this.jobs.idByUid(jobId);
    const job = id === undefined ? undefined : this.jobs.getMany([id])[0];
    if (!job)
      throw new AppError("job_not_found", `job ${jobId} not found`, {
        userMessage: "I can't find that job any more.",
      });
    return job;
  }

  details(actor: Actor, jobId: string | number, maxChars = 1500): JobDetails {
    const job = this.find(jobId);
    const p = job.posting;
    const text =
      p.description.length > maxChars ? `${p.description.slice(0, maxChars).trimEnd()}…` : p.description;
    return {
      card: toJobCard(1, job),
      description: text,
      employmentType: p.employmentType,
      seniority: p.seniority,
      language: p.language,
      saved: this.marks.has(actor.workspaceId, actor.userId, job.id, "saved"),
    };
  }

  mark(actor: Actor, jobId: string | number, mark: JobMark): JobCard {
    const job = this.find(jobId);
    this.marks.set(actor.workspaceId, actor.userId, job.id, mark);
    return toJobCard(1, job);
  }

  unmark(actor: Actor, jobId: string | number, mark: JobMark): JobCard {
    const job = this.find(jobId);
    this.marks.unset(actor.workspaceId, actor.userId, job.id, mark);
    return toJobCard(1, job);
  }

  saved(actor: Actor, limit = 25): JobCard[] {
    const ids = this.marks.list(actor.workspaceId, actor.userId, "saved", limit);
    return this.jobs.getMany(ids).map((j, i) => toJobCard(i + 1, j));
  }

  /** Store ids this user hid; searches leave them out for this user only. */
  hidden(actor: Actor): ReadonlySet<number> {
    return new Set(this.marks.list(actor.workspaceId, actor.userId, "hidden", 100_000));
  }
}
