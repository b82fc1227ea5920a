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
  sources: Array<{
    source: string;
    status: string;
    fetched: number;
    newJobs: number;
    updatedJobs: number;
    rejected: number;
    httpStatus: number | null;
    error: string | null;
  }>;
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
    sources: run.outcomes.map((o) => ({
      source: o.source,
      status: o.status,
      fetched: o.fetched,
      newJobs: o.newJobs,
      updatedJobs: o.updatedJobs,
      rejected: o.rejected,
      httpStatus: o.httpStatus,
      error: o.error,
    })),
  };
}
