import { STAGE_PROGRESS } from "../queues.js";
import type { PipelineServices, StageProcessor } from "../stage.js";

/**
 * Bring the vector index up to date with the store and persist it, then settle the run: completed
 * when at least one source delivered (partial results count), failed when every source failed.
 * Labels are job ids, so a retried index stage replaces vectors rather than adding them twice.
 */
export function createIndexProcessor(s: PipelineServices): StageProcessor<"index"> {
  return async ({ runId }, ctx) => {
    await s.runs.setStage(runId, "index", STAGE_PROGRESS.index);
    const added = await s.index.catchUp();
    await s.index.publish();
    // Searchers in every process read the change feed past their watermark; old entries can go.
    await s.jobs.pruneChanges();
    const run = await s.runs.getInternal(runId);
    if (!run) return;
    // Jobs the run closed (complete listings lacked them) leave the in-process search too.
    const closed = await s.jobs.closedByRun(runId);
    await s.onIndexed?.([...(await s.items.jobIds(runId)), ...[...closed.values()].flat()]);
    const failed = run.outcomes.filter((o) => o.status === "failed");
    // A source still "retrying" here ran out of attempts without reporting (e.g. its worker died).
    for (const o of run.outcomes.filter((x) => x.status !== "ok" && x.status !== "failed")) {
      // One that never reported keeps the reason of its last attempt, when it had one.
      const failure = o.failure ?? { code: "did_not_finish" as const };
      await s.runs.updateSource(runId, o.source, {
        status: "failed",
        error: o.error ?? "did not finish",
        failure,
      });
      failed.push({ ...o, failure });
    }
    const allFailed = run.outcomes.length > 0 && failed.length === run.outcomes.length;
    // Each failing source says why itself; the run's own reason only counts them.
    await s.runs.finish(
      runId,
      allFailed ? "failed" : "completed",
      failed.length > 0
        ? {
            error: failed.map((o) => `${o.source}: ${o.error ?? "failed"}`).join("; "),
            failure: { code: "sources_failed", count: failed.length },
          }
        : null,
    );
    // Score the run's jobs for the people of its workspace (profiles), as a stage of its own.
    if (!allFailed) await s.evaluate?.enqueueRunEvaluation(runId);
    ctx.logger.info("run finished", { indexed: added, failedSources: failed.length });
    await ctx.progress(100);
  };
}
