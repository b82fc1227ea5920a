import type { Job } from "bullmq";
import { UnrecoverableError, Worker } from "../../pipeline/queue-lib.js";
import type { Redis } from "ioredis";
import type { Logger } from "../../core/logger.js";
import type { DigestOutcome } from "../../pipeline/processors/digest.processor.js";
import type { RedisOutage } from "../../pipeline/redis-outage.js";
import { reportWorkerErrors, workerSet, type WorkerSet } from "../../pipeline/worker-set.js";
import { digestPayloadSchema, digestQueueName, type DigestPlatform } from "./digest-schedules.js";

/** Options for {@link startDigestWorkers}. */
export interface DigestWorkersOptions {
  connection: Redis;
  prefix: string;
  /** The surfaces this process can post to. */
  platforms: readonly DigestPlatform[];
  concurrency: number;
  lockMs: number;
  logger: Logger;
  process(payload: { searchId: string; dueAt: string }): Promise<DigestOutcome>;
  /** Called after each digest job (tests, the terminal). */
  onDone?: ((searchId: string, outcome: DigestOutcome) => void) | undefined;
  /** Where lost connections are reported, so an outage is logged once. */
  outage?: RedisOutage | undefined;
  /** Longest wait for the jobs in hand when stopping (`JOBSCOUT_WORKER_STOP_MS`). */
  stopMs?: number | undefined;
}

/** The due time of a scheduler's job: BullMQ names it `repeat:<scheduler id>:<due ms>`. */
export function dueTimeOf(job: Pick<Job, "id" | "timestamp" | "opts">): string {
  const fromId = /[:-](\d{10,})$/.exec(job.id ?? "")?.[1];
  const ms = fromId ? Number(fromId) : (job.opts.prevMillis ?? job.timestamp);
  return new Date(ms).toISOString();
}

/** One BullMQ worker per digest queue this process can post to. */
export function startDigestWorkers(o: DigestWorkersOptions): WorkerSet {
  const workers = o.platforms.map((platform) => {
    const logger = o.logger.child({ digest: platform });
    const worker = new Worker(
      digestQueueName(platform),
      async (job: Job) => {
        const payload = digestPayloadSchema.safeParse(job.data);
        if (!payload.success)
          throw new UnrecoverableError(`invalid digest payload: ${payload.error.message}`);
        const outcome = await o.process({ searchId: payload.data.searchId, dueAt: dueTimeOf(job) });
        logger.info("digest", { search: payload.data.searchId, due: dueTimeOf(job), outcome });
        o.onDone?.(payload.data.searchId, outcome);
        return outcome;
      },
      {
        connection: o.connection,
        prefix: o.prefix,
        concurrency: o.concurrency,
        lockDuration: o.lockMs,
        stalledInterval: Math.max(500, Math.floor(o.lockMs / 2)),
      },
    );
    reportWorkerErrors(worker, logger, o.outage, "digest worker error");
    worker.on("failed", (job, err) => logger.warn("digest failed", { jobId: job?.id, error: err.message }));
    return worker;
  });
  return workerSet(workers, { connection: o.connection, logger: o.logger, stopMs: o.stopMs });
}
