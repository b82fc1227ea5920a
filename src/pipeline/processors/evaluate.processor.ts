import type { FitService } from "../../jobs/fit/fit-service.js";
import type { EvaluatePayload } from "../profile-queue.js";
import type { StageContext } from "../stage.js";

/** What the evaluate stage reads about a run. */
export interface EvaluateRunSource {
  workspaceOf(runId: string): Promise<string | undefined>;
  jobIds(runId: string): Promise<readonly number[]>;
}

/**
 * Score jobs against profiles: a finished run's jobs for every profile of its workspace, or the
 * jobs a person asked to evaluate. Scores are upserts, so a retried stage changes nothing.
 */
export function createEvaluateProcessor(fit: FitService, runs: EvaluateRunSource) {
  return async (payload: EvaluatePayload, ctx: StageContext): Promise<void> => {
    if ("runId" in payload) {
      const workspaceId = await runs.workspaceOf(payload.runId);
      if (!workspaceId) return;
      const ids = await runs.jobIds(payload.runId);
      const people = await fit.scoreForWorkspace(workspaceId, ids);
      ctx.logger.info("run evaluated", { runId: payload.runId, jobs: ids.length, profiles: people });
      return;
    }
    const owner = { workspaceId: payload.workspaceId, userId: payload.userId };
    const profile = await fit.profileOf(owner);
    if (!profile) return;
    await fit.scoreJobs(profile, payload.jobIds, (done) =>
      ctx.progress(Math.round((100 * done) / Math.max(1, payload.jobIds.length))),
    );
    await ctx.progress(100);
  };
}
