import { foldText } from "../../core/geo-distance.js";
import { postingSchema, type Posting } from "../../core/posting.js";
import { canonicalUrl } from "../canonical-url.js";
import { STAGE_PROGRESS } from "../queues.js";
import type { PipelineServices, StageProcessor } from "../stage.js";

const BATCH = 500;

/**
 * Give every normalized item one job: the job already known under the same source id, else the
 * job with the same canonical URL at the same company, else a new job. Each batch commits with
 * the items' job ids, so a retried stage resumes where it stopped and never creates a job twice.
 */
export function createDedupeProcessor(s: PipelineServices): StageProcessor<"dedupe"> {
  return async ({ runId }, ctx) => {
    await s.runs.setStage(runId, "dedupe", STAGE_PROGRESS.dedupe);
    const total = s.items.countPendingDedupe(runId);
    let done = 0;
    for (;;) {
      const batch = s.items.pendingDedupe(runId, BATCH);
      if (batch.length === 0) break;
      const now = new Date().toISOString();
      s.jobs.transaction(() => {
        for (const item of batch) {
          const posting = postingSchema.parse(JSON.parse(item.postingJson));
          const ref = posting.sources.find((r) => r.source === item.source) ?? {
            source: item.source,
            sourceId: item.sourceId,
          };
          const canon = canonicalUrl(posting.applyUrl) ?? null;
          const own = s.jobs.findBySourceRef(item.source, item.sourceId);
          const crossPosted = own === undefined ? sameJobByUrl(s, canon, posting) : undefined;
          let jobId: number;
          let outcome: "new" | "updated" | "unchanged";
          if (own !== undefined) {
            jobId = own;
            outcome = s.jobs.update(jobId, posting, canon, now) ? "updated" : "unchanged";
          } else if (crossPosted !== undefined) {
            // Same job seen at another source: keep the fields we have, remember the new reference.
            jobId = crossPosted;
            outcome = "unchanged";
          } else {
            jobId = s.jobs.insert(posting, canon, now);
            outcome = "new";
          }
          s.jobs.addSourceRef(jobId, ref, runId, now);
          s.items.setJob(runId, item.source, item.sourceId, jobId, outcome);
        }
      });
      done += batch.length;
      // Also yields to the event loop between batches, so the job's lock keeps being renewed.
      await ctx.progress(Math.round((done / Math.max(1, total)) * 100));
    }
    for (const [source, c] of s.items.counts(runId)) {
      await s.runs.updateSource(runId, source, { newJobs: c.newJobs, updatedJobs: c.updatedJobs });
    }
    await ctx.progress(100);
  };
}

function sameJobByUrl(s: PipelineServices, canon: string | null, posting: Posting): number | undefined {
  // A bare host ("https://acme.com/") is a careers landing page shared by many jobs, not an identity.
  if (!canon || new URL(canon).pathname === "/") return undefined;
  const id = s.jobs.findByCanonicalUrl(canon);
  if (id === undefined) return undefined;
  const [other] = s.jobs.getMany([id]);
  return other && foldText(other.posting.company) === foldText(posting.company) ? id : undefined;
}
