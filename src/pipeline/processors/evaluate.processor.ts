import type { FitService } from "../../jobs/fit/fit-service.js";
import type { EvaluatePayload } from "../profile-queue.js";
import type { StageContext } from "../stage.js";

/** What the evaluate stage reads about a run. */
export interface EvaluateRunSource {
  /**
   * The run's workspace and its requester (with the workspace their profile lives in), or
   * undefined when the run is gone.
   */
  ownersOf(
    runId: string,
  ): Promise<{ workspaceId: string; requester: { workspaceId: string; userId: string } } | undefined>;
  jobIds(runId: string): Promise<readonly number[]>;
}

/**
 * Score jobs against profiles: a finished run's jobs for every profile of its workspace and for its
 * requester's own profile (which lives elsewhere after a DM or a Discord server's request), or the
 * jobs a person asked to evaluate. Scores are upserts, so a retried stage changes nothing.
 */
export function createEvaluateProcessor(fit: FitService, runs: EvaluateRunSource) {
  return async (payload: EvaluatePayload, ctx: StageContext): Promise<void> => {
    if ("runId" in payload) {
      const owners = await runs.ownersOf(payload.runId);
      if (!owners) return;
      const ids = await runs.jobIds(payload.runId);
      const people = await fit.scoreForRun(owners.workspaceId, owners.requester, ids);
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
