import type { Failure } from "../core/failure.js";
import type { RunView } from "../store/runs.repo.js";

/** A run as tools report it to the model and surfaces render it. */
export interface RunSummary {
  runId: string;
  status: RunView["status"];
  stage: RunView["stage"];
  progress: number;
  query: RunView["query"];
  createdAt: string;
  finishedAt: string | null;
  /** Why a failed run failed when no source says it (e.g. the job queue lost it), in English. */
  error?: string | null;
  /** The same as a code: what people read, in their language (rows from before codes have none). */
  failure?: Failure | null;
  sources: Array<{
    source: string;
    /** "Greenhouse n26". */
    label: string;
    status: string;
    fetched: number;
    newJobs: number;
    updatedJobs: number;
    rejected: number;
    closedJobs: number;
    retries: number;
    http: Record<string, number>;
    durationMs: number | null;
    complete: boolean;
    httpStatus: number | null;
    /** Why it failed, in English (logs; shown only when there is no `failure`). */
    error: string | null;
    /** Why it failed as a code and parameters, rendered in the reader's language. */
    failure?: Failure | null;
    /** While retrying: when the next attempt starts (ISO). */
    retryAt: string | null;
  }>;
  /** Work other than fetching (reading a CV, scoring jobs): what progress messages say instead. */
  activity?: { working: string; done: string; failed: string } | undefined;
}

/** Progress of work that is not a fetch run (a CV being read, jobs being scored), as surfaces show runs. */
export function activitySummary(
  id: string,
  activity: NonNullable<RunSummary["activity"]>,
  status: RunSummary["status"],
  progress: number,
): RunSummary {
  const now = new Date().toISOString();
  const done = status === "completed" || status === "failed";
  return {
    runId: id,
    status,
    stage: done ? "done" : "queued",
    progress,
    query: {},
    createdAt: now,
    finishedAt: done ? now : null,
    sources: [],
    activity,
  };
}

export function summarizeRun(run: RunView): RunSummary {
  return {
    runId: run.id,
    status: run.status,
    stage: run.stage,
    progress: run.progress,
    query: run.query,
    createdAt: run.createdAt,
    finishedAt: run.finishedAt,
    error: run.status === "failed" ? run.error : null,
    failure: run.status === "failed" ? run.failure : null,
    sources: run.outcomes.map((o) => ({
      source: o.source,
      label: o.label,
      status: o.status,
      fetched: o.fetched,
      newJobs: o.newJobs,
      updatedJobs: o.updatedJobs,
      rejected: o.rejected,
      closedJobs: o.closedJobs,
      retries: o.retries,
      http: o.http,
      durationMs: o.durationMs,
      complete: o.complete,
      httpStatus: o.httpStatus,
      error: o.error,
      failure: o.failure,
      retryAt: o.retryAt,
    })),
  };
}
