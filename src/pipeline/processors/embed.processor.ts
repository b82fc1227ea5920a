import type { Embedder } from "../../search/embedder.js";
import { embedderKey, postingText } from "../../search/embedder.js";
import { contentHash, type JobsRepo } from "../../store/jobs.repo.js";
import type { VectorsRepo } from "../../store/vectors.repo.js";
import { STAGE_PROGRESS } from "../queues.js";
import type { PipelineServices, StageProcessor } from "../stage.js";

const BATCH = 256;

/** What {@link embedJobs} needs. */
export interface EmbedJobsDeps {
  jobs: JobsRepo;
  vectors: VectorsRepo;
  embedder: Embedder;
}

/**
 * Embed these jobs where their content changed since they were last embedded by this embedder
 * (idempotent), a batch at a time; `onBatch` gets how many ids are done.
 */
export async function embedJobs(
  s: EmbedJobsDeps,
  ids: readonly number[],
  onBatch?: (done: number) => Promise<void> | void,
): Promise<number> {
  const key = embedderKey(s.embedder);
  let embedded = 0;
  for (let i = 0; i < ids.length; i += BATCH) {
    const slice = ids.slice(i, i + BATCH);
    const known = await s.vectors.hashes(key, slice);
    const todo = (await s.jobs.getMany(slice))
      .map((j) => ({ id: j.id, posting: j.posting, hash: contentHash(j.posting) }))
      .filter((j) => known.get(j.id) !== j.hash);
    if (todo.length > 0) {
      const vectors = await s.embedder.embed(todo.map((j) => postingText(j.posting)));
      await s.vectors.put(
        key,
        todo.map((j, n) => {
          const vector = vectors[n];
          if (!vector)
            throw new Error(`embedder returned ${vectors.length} vectors for ${todo.length} texts`);
          return { jobId: j.id, contentHash: j.hash, vector };
        }),
      );
      embedded += todo.length;
    }
    await onBatch?.(i + slice.length);
  }
  return embedded;
}

/** Embed the run's jobs whose content changed since they were last embedded (idempotent). */
export function createEmbedProcessor(s: PipelineServices): StageProcessor<"embed"> {
  return async ({ runId }, ctx) => {
    await s.runs.setStage(runId, "embed", STAGE_PROGRESS.embed);
    const ids = await s.items.jobIds(runId);
    await embedJobs(s, ids, (done) => ctx.progress(Math.round((done / ids.length) * 100)));
  };
}
