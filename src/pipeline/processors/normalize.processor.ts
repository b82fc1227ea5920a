import { UnrecoverableError } from "../queue-lib.js";
import { clipPosting, postingSchema } from "../../core/posting.js";
import { STAGE_PROGRESS } from "../queues.js";
import type { SourceAdapter } from "../sources/source.js";
import type { PipelineServices, StageProcessor } from "../stage.js";

const BATCH = 500;

/**
 * Normalize every staged raw item of a run to the unified schema. Items that cannot be normalized
 * are kept with their reason; they never fail the run. Re-running rewrites the same rows.
 */
export function createNormalizeProcessor(s: PipelineServices): StageProcessor<"normalize"> {
  return async ({ runId }, ctx) => {
    const run = await s.runs.getInternal(runId);
    if (!run) throw new UnrecoverableError(`run ${runId} not found`);
    await s.runs.setStage(runId, "normalize", STAGE_PROGRESS.normalize);
    const total = [...(await s.items.counts(runId)).values()].reduce((n, c) => n + c.fetched, 0);
    let done = 0;
    let after: { source: string; sourceId: string } | null = null;
    for (;;) {
      const batch = await s.items.raw(runId, after, BATCH);
      if (batch.length === 0) break;
      const clippedBy = new Map<string, number>();
      const adapters = new Map<string, SourceAdapter | undefined>();
      for (const source of new Set(batch.map((item) => item.source)))
        adapters.set(source, await s.sources.get(source, run.workspaceId));
      const results = batch.map((item) => {
        const adapter = adapters.get(item.source);
        if (!adapter) return { ...item, postingJson: null, reject: `no adapter for source "${item.source}"` };
        const r = adapter.normalize({ sourceId: item.sourceId, raw: item.raw });
        if (!r.ok) return { ...item, postingJson: null, reject: r.reason };
        // Adapters are trusted code but the data is not: bound and validate at the stage boundary too.
        const { posting, clipped } = clipPosting(r.posting);
        if (clipped.length > 0) clippedBy.set(item.source, (clippedBy.get(item.source) ?? 0) + 1);
        const checked = postingSchema.safeParse(posting);
        if (!checked.success) {
          const issue = checked.error.issues[0];
          return {
            ...item,
            postingJson: null,
            reject: `invalid ${issue?.path.join(".") ?? "posting"}: ${issue?.message ?? ""}`,
          };
        }
        return { ...item, postingJson: JSON.stringify(checked.data), reject: null };
      });
      await s.items.setNormalized(runId, results);
      for (const [source, postings] of clippedBy)
        ctx.logger.info("postings clipped to their field limits", { source, postings });
      done += batch.length;
      // Also yields to the event loop between batches, so the job's lock keeps being renewed.
      await ctx.progress(Math.round((done / Math.max(1, total)) * 100));
      const last = batch[batch.length - 1];
      if (!last) break;
      after = { source: last.source, sourceId: last.sourceId };
    }
    for (const [source, c] of await s.items.counts(runId)) {
      await s.runs.updateSource(runId, source, { normalized: c.normalized, rejected: c.rejected });
    }
    await ctx.progress(100);
  };
}
