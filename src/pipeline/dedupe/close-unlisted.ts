import type { JobsRepo } from "../../store/jobs.repo.js";
import type { RunsRepo } from "../../store/runs.repo.js";

/** What {@link closeUnlisted} did. */
export interface ClosedByRun {
  /** References closed per source (postings its complete listing no longer had). */
  closedRefs: Map<string, number>;
  /** Jobs whose references were closed by this run (closed themselves when none is left open). */
  jobIds: number[];
}

/**
 * After a run's items are deduped: for each source whose fetch listed everything it has (a board or
 * feed fetched to its last page), close the references it no longer lists and the jobs left with
 * no open reference, and record the count on the run's source outcome. A job seen again reopens
 * (dedupe reopens its reference and job). Idempotent: the count is read back from what this run
 * closed, so a retried stage neither closes nor counts anything twice.
 */
export async function closeUnlisted(
  s: { runs: RunsRepo; jobs: JobsRepo },
  runId: string,
  now: string,
): Promise<ClosedByRun> {
  const run = await s.runs.getInternal(runId);
  const complete = (run?.outcomes ?? []).filter((o) => o.status === "ok" && o.complete);
  for (const o of complete) {
    // Only what no run saw since this fetch began: another run may have listed it meanwhile.
    const since = o.startedAt ?? run?.createdAt ?? now;
    await s.jobs.transaction((jobs) => jobs.closeUnlisted(runId, o.source, since, now));
  }
  const closed = await s.jobs.closedByRun(runId);
  const closedRefs = new Map<string, number>();
  for (const o of complete) {
    const n = closed.get(o.source)?.length ?? 0;
    closedRefs.set(o.source, n);
    await s.runs.updateSource(runId, o.source, { closedJobs: n });
  }
  return { closedRefs, jobIds: [...new Set([...closed.values()].flat())] };
}
