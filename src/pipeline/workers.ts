import type { Job } from "bullmq";
import { DelayedError, UnrecoverableError, Worker } from "./queue-lib.js";
import type { Redis } from "ioredis";
import { AppError, asAppError } from "../core/errors.js";
import type { Logger } from "../core/logger.js";
import { isStoreBusy } from "../store/db.js";
import { createDedupeProcessor } from "./processors/dedupe.processor.js";
import { createEmbedProcessor } from "./processors/embed.processor.js";
import { createFetchProcessor, retryDelayMs } from "./processors/fetch.processor.js";
import { createIndexProcessor } from "./processors/index.processor.js";
import { createNormalizeProcessor } from "./processors/normalize.processor.js";
import { payloadSchemas, queueName, STAGES, type Stage } from "./queues.js";
import { BACKOFF_TYPE } from "./run-queue.js";
import type { RedisOutage } from "./redis-outage.js";
import type { PipelineServices, StageProcessor } from "./stage.js";
import { reportWorkerErrors, workerSet, type WorkerSet } from "./worker-set.js";

/** Options for {@link startPipelineWorkers}. */
export interface PipelineWorkersOptions {
  connection: Redis;
  prefix: string;
  /** Jobs per stage run at once in this process. */
  concurrency: number;
  /** Lock duration; a worker silent this long is considered dead and its job is retried elsewhere. */
  lockMs: number;
  backoffMs: number;
  /** A source retry further away than this fails the source for the run instead of holding it up. */
  maxRetryWaitMs: number;
  logger: Logger;
  /** Where lost connections are reported, so an outage is logged once, not per worker and retry. */
  outage?: RedisOutage | undefined;
  services: PipelineServices;
  /** Longest wait for the jobs in hand when stopping (`JOBSCOUT_WORKER_STOP_MS`). */
  stopMs?: number | undefined;
}

export type PipelineWorkers = WorkerSet;

/** Thin wiring: one BullMQ worker per stage queue, each calling its processor with a validated payload. */
export function startPipelineWorkers(o: PipelineWorkersOptions): PipelineWorkers {
  const processors: { [S in Stage]: StageProcessor<S> } = {
    fetch: createFetchProcessor(o.services, { backoffMs: o.backoffMs, maxRetryWaitMs: o.maxRetryWaitMs }),
    normalize: createNormalizeProcessor(o.services),
    dedupe: createDedupeProcessor(o.services),
    embed: createEmbedProcessor(o.services),
    index: createIndexProcessor(o.services),
  };

  // Another program holding the SQLite store's write lock is waited out: one line when it starts,
  // one when a step gets through again, not one per job and retry.
  let storeLockedSince: number | undefined;

  const workers = STAGES.map((stage) => {
    const logger = o.logger.child({ stage });
    const run = async (job: Job, token?: string) => {
      const payload = payloadSchemas[stage].safeParse(job.data);
      if (!payload.success)
        throw new UnrecoverableError(`invalid ${stage} payload: ${payload.error.message}`);
      const maxAttempts = job.opts.attempts ?? 1;
      // Every line this job logs names its run (and source), so one grep follows a run through stages.
      const jobLogger = logger.child({
        runId: payload.data.runId,
        ...("source" in payload.data ? { source: payload.data.source } : {}),
      });
      const ctx = {
        attempt: job.attemptsMade + 1,
        maxAttempts,
        // BullMQ's own progress only feeds the queue board (people see the store's): a job whose
        // keys a Redis restart lost must not fail over it, nor show BullMQ's words for it.
        progress: (p: number) =>
          job
            .updateProgress(p)
            .catch((err: unknown) => jobLogger.debug("progress not recorded", { error: String(err) })),
        logger: jobLogger,
      };
      try {
        await (processors[stage] as StageProcessor<Stage>)(payload.data, ctx);
        if (storeLockedSince !== undefined) {
          o.logger.info("the store is writable again", { lockedForMs: Date.now() - storeLockedSince });
          storeLockedSince = undefined;
        }
      } catch (err) {
        if (isStoreBusy(err) && token) {
          // Not this job's fault and no attempt used up: the step runs again when the lock may be
          // gone (every step is idempotent), for as long as the lock lasts.
          if (storeLockedSince === undefined) {
            storeLockedSince = Date.now();
            jobLogger.warn(
              "the store is locked by another program; pipeline steps wait for it and try again",
              { retryInMs: o.backoffMs, error: asAppError(err).message },
            );
          }
          await job.moveToDelayed(Date.now() + o.backoffMs, token);
          throw new DelayedError();
        }
        // An error marked not retryable fails its stage at once, whichever stage it is.
        const hopeless = err instanceof UnrecoverableError || (err instanceof AppError && !err.retryable);
        const final = hopeless || ctx.attempt >= maxAttempts;
        // A fetch failure is that source's problem (recorded by the processor); any other stage failing
        // for good means the run cannot finish.
        if (final && stage !== "fetch") {
          await o.services.runs.finish(payload.data.runId, "failed", {
            error: `${stage} failed: ${asAppError(err).message}`,
            failure: { code: "stage_failed", stage },
          });
        }
        throw hopeless && !(err instanceof UnrecoverableError)
          ? new UnrecoverableError(asAppError(err).message)
          : err;
      }
    };
    const worker = new Worker(queueName(stage), run, {
      connection: o.connection,
      prefix: o.prefix,
      // The index stage writes one file per process; one at a time keeps it simple and safe.
      concurrency: stage === "index" ? 1 : o.concurrency,
      lockDuration: o.lockMs,
      stalledInterval: Math.max(500, Math.floor(o.lockMs / 2)),
      maxStalledCount: 2,
      settings: {
        backoffStrategy: (attemptsMade: number, type?: string, err?: Error) =>
          type === BACKOFF_TYPE ? retryDelayMs(attemptsMade, o.backoffMs, err) : o.backoffMs,
      },
    });
    reportWorkerErrors(worker, logger, o.outage);
    worker.on("failed", (job, err) => {
      // Attempts that will be retried are routine (the run's progress shows them); give-ups are not.
      const final = !job || job.attemptsMade >= (job.opts.attempts ?? 1) || err instanceof UnrecoverableError;
      const data = job?.data as { runId?: unknown; source?: unknown } | undefined;
      const fields = {
        jobId: job?.id,
        runId: data?.runId,
        source: data?.source,
        attempts: job?.attemptsMade,
        error: err.message,
      };
      if (final) logger.warn("job failed", fields);
      else logger.debug("job failed", fields);
      // A job BullMQ gives up on by itself (it stalled too often: its worker died or hung each time)
      // never reached the processor's catch: settle the run here so nobody waits for it.
      const runId = data?.runId;
      if (final && stage !== "fetch" && typeof runId === "string") {
        o.services.runs
          .failIfActive(runId, {
            error: `the ${stage} step stopped: the worker doing it died or hung repeatedly`,
            failure: { code: "stage_stalled", stage },
          })
          .catch((e: unknown) => logger.warn("could not settle the run", { runId, error: String(e) }));
      }
    });
    return worker;
  });

  return workerSet(workers, { connection: o.connection, logger: o.logger, stopMs: o.stopMs });
}
