import type { Job } from "bullmq";
import { UnrecoverableError, Worker } from "./queue-lib.js";
import type { Redis } from "ioredis";
import { AppError, asAppError } from "../core/errors.js";
import type { Logger } from "../core/logger.js";
import type { FitService } from "../jobs/fit/fit-service.js";
import type { ProfileService } from "../jobs/profiles/profile-service.js";
import { createEvaluateProcessor, type EvaluateRunSource } from "./processors/evaluate.processor.js";
import { createParseCvProcessor } from "./processors/parse-cv.processor.js";
import {
  PROFILE_STAGES,
  profilePayloadSchemas,
  profileQueueName,
  type ProfileStage,
} from "./profile-queue.js";
import type { RedisOutage } from "./redis-outage.js";
import type { StageContext } from "./stage.js";
import { reportWorkerErrors, workerSet, type WorkerSet } from "./worker-set.js";

/** Options for {@link startProfileWorkers}. */
export interface ProfileWorkersOptions {
  connection: Redis;
  prefix: string;
  concurrency: number;
  lockMs: number;
  logger: Logger;
  profiles: ProfileService;
  fit: FitService;
  runs: EvaluateRunSource;
  /** Where lost connections are reported, so an outage is logged once. */
  outage?: RedisOutage | undefined;
  /** Longest wait for the jobs in hand when stopping (`JOBSCOUT_WORKER_STOP_MS`). */
  stopMs?: number | undefined;
}

/** One BullMQ worker per profile stage (parse-cv, evaluate), each calling its processor with a checked payload. */
export function startProfileWorkers(o: ProfileWorkersOptions): WorkerSet {
  const processors: Record<ProfileStage, (payload: never, ctx: StageContext) => Promise<void>> = {
    "parse-cv": createParseCvProcessor(o.profiles),
    evaluate: createEvaluateProcessor(o.fit, o.runs),
  };
  const workers = PROFILE_STAGES.map((stage) => {
    const logger = o.logger.child({ stage });
    const run = async (job: Job) => {
      const payload = profilePayloadSchemas[stage].safeParse(job.data);
      if (!payload.success)
        throw new UnrecoverableError(`invalid ${stage} payload: ${payload.error.message}`);
      const ctx: StageContext = {
        attempt: job.attemptsMade + 1,
        maxAttempts: job.opts.attempts ?? 1,
        progress: (p: number) => job.updateProgress(p),
        logger,
      };
      try {
        await processors[stage](payload.data as never, ctx);
      } catch (err) {
        // An error marked not retryable fails at once.
        if (err instanceof AppError && !err.retryable) throw new UnrecoverableError(asAppError(err).message);
        throw err;
      }
    };
    const worker = new Worker(profileQueueName(stage), run, {
      connection: o.connection,
      prefix: o.prefix,
      concurrency: o.concurrency,
      lockDuration: o.lockMs,
    });
    reportWorkerErrors(worker, logger, o.outage);
    worker.on("failed", (job, err) => logger.warn("job failed", { jobId: job?.id, error: err.message }));
    return worker;
  });
  return workerSet(workers, { connection: o.connection, logger: o.logger, stopMs: o.stopMs });
}
