import type { Logger } from "../core/logger.js";
import type { Embedder } from "../search/embedder.js";
import type { JobsRepo } from "../store/jobs.repo.js";
import type { RunItemsRepo } from "../store/run-items.repo.js";
import type { RunsRepo } from "../store/runs.repo.js";
import type { VectorsRepo } from "../store/vectors.repo.js";
import type { PayloadOf, Stage } from "./queues.js";
import type { HttpClient } from "./sources/http.js";
import type { SourceAdapter } from "./sources/source.js";

/** What a processor may know about the queue job running it — never the BullMQ Job itself. */
export interface StageContext {
  /** 1-based attempt number. */
  attempt: number;
  maxAttempts: number;
  /** Report progress within the stage, 0–100. */
  progress(percent: number): Promise<void>;
  logger: Logger;
}

export type StageProcessor<S extends Stage> = (payload: PayloadOf<S>, ctx: StageContext) => Promise<void>;

/** Keeps the vector index caught up with the store's vectors. */
export interface IndexUpdater {
  /** Add every vector stored since the last catch-up; returns how many. */
  catchUp(): Promise<number>;
  /** Save the index, and publish it for replicas that start later when a snapshot dir is set. */
  publish(): Promise<unknown>;
}

/** Everything the stage processors need, injected. */
export interface PipelineServices {
  runs: RunsRepo;
  items: RunItemsRepo;
  jobs: JobsRepo;
  vectors: VectorsRepo;
  /** Adapter by source key (catalog sources, plus `import`). */
  sources: { get(key: string, workspaceId: string): Promise<SourceAdapter | undefined> };
  http: HttpClient;
  /** HTTP for one source (rate limits per host, robots, circuit breaker); default: `http` as is. */
  httpFor?: ((adapter: SourceAdapter) => HttpClient) | undefined;
  embedder: Embedder;
  index: IndexUpdater;
  /** Pages fetched per source and run. */
  maxPages: number;
  /** How long after the run began fetching a source may still fetch (`JOBSCOUT_SOURCE_DEADLINE_MS`); absent: no limit. */
  sourceDeadlineMs?: number | undefined;
  /** Items kept per fetched page (`JOBSCOUT_FETCH_MAX_ITEMS`); the rest are dropped and the listing counts as partial. */
  maxItemsPerPage?: number | undefined;
  /** Called after the index stage added jobs (in-process search refresh). */
  onIndexed?: ((jobIds: readonly number[]) => Promise<void> | void) | undefined;
  /** Scores the run's jobs against the workspace's profiles after the index stage (the `evaluate` stage). */
  evaluate?: { enqueueRunEvaluation(runId: string): Promise<void> } | undefined;
}
