import { postingSchema } from "../../core/posting.js";
import { closeUnlisted } from "../dedupe/close-unlisted.js";
import { JobIdentity, type Assignment } from "../dedupe/job-identity.js";
import { STAGE_PROGRESS } from "../queues.js";
import type { PipelineServices, StageProcessor } from "../stage.js";

const BATCH = 500;

/**
 * Give every normalized item one job (see {@link JobIdentity}: same source id, same apply URL,
 * same fingerprint or near-duplicate description within the repost window, else a new job), then
 * close what complete listings no longer list. Each batch commits with the items' job ids, so a
 * retried stage resumes where it stopped and never creates a job twice; closing is idempotent too.
 */
export function createDedupeProcessor(s: PipelineServices): StageProcessor<"dedupe"> {
  return async ({ runId }, ctx) => {
    await s.runs.setStage(runId, "dedupe", STAGE_PROGRESS.dedupe);
    const identity = new JobIdentity();
    // Jobs stored before the dedupe index existed get their copies indexed first, so they can match.
    while ((await s.jobs.transaction((jobs) => identity.backfill(jobs, BATCH))) === BATCH)
      await ctx.progress(0);

    const total = await s.items.countPendingDedupe(runId);
    const matches = new Map<Assignment["match"], number>();
    let done = 0;
    for (;;) {
      const batch = await s.items.pendingDedupe(runId, BATCH);
      if (batch.length === 0) break;
      const now = new Date().toISOString();
      await s.jobs.transaction(async (jobs, tx) => {
        const assigned = await identity.assignAll(
          jobs,
          batch.map((item) => ({
            posting: postingSchema.parse(JSON.parse(item.postingJson)),
            source: item.source,
            sourceId: item.sourceId,
            runId,
            now,
          })),
        );
        for (const a of assigned) matches.set(a.match, (matches.get(a.match) ?? 0) + 1);
        await s.items.in(tx).setJobs(
          runId,
          batch.map((item, i) => ({
            source: item.source,
            sourceId: item.sourceId,
            jobId: assigned[i]!.jobId,
            outcome: assigned[i]!.outcome,
          })),
        );
      });
      done += batch.length;
      // Also yields to the event loop between batches, so the job's lock keeps being renewed.
      await ctx.progress(Math.round((done / Math.max(1, total)) * 100));
    }
    const closed = await closeUnlisted(s, runId, new Date().toISOString());
    for (const [source, c] of await s.items.counts(runId)) {
      await s.runs.updateSource(runId, source, { newJobs: c.newJobs, updatedJobs: c.updatedJobs });
    }
    ctx.logger.info("deduped", {
      items: done,
      ...Object.fromEntries(matches),
      closedRefs: [...closed.closedRefs.values()].reduce((a, b) => a + b, 0),
      closedJobs: closed.jobIds.length,
    });
    await ctx.progress(100);
  };
}
