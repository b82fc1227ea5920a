import type { Worker } from "bullmq";
import type { Redis } from "ioredis";
import type { Logger } from "../core/logger.js";
import { BullConnection } from "./redis.js";
import type { RedisOutage } from "./redis-outage.js";

/** How long a graceful stop waits for the jobs in hand by default (`JOBSCOUT_WORKER_STOP_MS`). */
export const DEFAULT_WORKER_STOP_MS = 30_000;

/** The BullMQ workers of one kind in this process, stopped together. */
export interface WorkerSet {
  /**
   * Finish the jobs in hand, then stop (SIGTERM path). With `force` (Redis is away, so nothing in
   * hand can be finished anyway) stop at once; the jobs' locks expire and another worker retries them.
   * A graceful stop waits at most the set's stop time: if Redis goes away while it waits, BullMQ
   * would wait for it forever (#2430, #4656), so then the workers' connections are cut and the jobs
   * still in hand are left to their locks as with `force`.
   */
  close(force?: boolean): Promise<void>;
}

/** What a {@link WorkerSet} needs to stop in bounded time. */
export interface WorkerStop {
  /** The connection the workers were made with (their blocking connections are copies of it). */
  connection: Redis;
  logger: Logger;
  /** Longest wait for a graceful stop, ms ({@link DEFAULT_WORKER_STOP_MS} when not given). */
  stopMs?: number | undefined;
}

/**
 * Route a worker's errors: a lost connection is reported to the process's outage (logged once for
 * all connections), anything else is logged as `message`.
 */
export function reportWorkerErrors(
  worker: Worker,
  logger: Logger,
  outage: RedisOutage | undefined,
  message = "worker error",
): void {
  const log = (err: unknown) =>
    logger.error(message, { error: err instanceof Error ? err.message : String(err) });
  worker.on("error", (err) => (outage ? outage.report(err, log) : log(err)));
}

/** One {@link WorkerSet} over `workers`. */
export function workerSet(workers: readonly Worker[], stop: WorkerStop): WorkerSet {
  const stopMs = stop.stopMs ?? DEFAULT_WORKER_STOP_MS;
  return {
    close: async (force = false) => {
      const closing = Promise.all(workers.map((w) => w.close(force)));
      let timer: NodeJS.Timeout | undefined;
      const late = await Promise.race([
        closing.then(() => false),
        new Promise<boolean>((resolve) => {
          timer = setTimeout(() => resolve(true), stopMs);
        }),
      ]);
      clearTimeout(timer);
      if (!late) return;
      // Still waiting on Redis: whatever it ends with later is nobody's business now.
      closing.catch(() => undefined);
      stop.logger.warn(
        "workers did not stop in time: their connections are cut, jobs in hand go to another worker",
        {
          stopMs,
        },
      );
      if (stop.connection instanceof BullConnection) stop.connection.cutCopies();
    },
  };
}
