import type { Worker } from "bullmq";
import type { Logger } from "../core/logger.js";
import type { RedisOutage } from "./redis-outage.js";

/** The BullMQ workers of one kind in this process, stopped together. */
export interface WorkerSet {
  /**
   * Finish the jobs in hand, then stop (SIGTERM path). With `force` (Redis is away, so nothing in
   * hand can be finished anyway) stop at once; the jobs' locks expire and another worker retries them.
   */
  close(force?: boolean): Promise<void>;
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
export function workerSet(workers: readonly Worker[]): WorkerSet {
  return {
    close: async (force = false) => {
      await Promise.all(workers.map((w) => w.close(force)));
    },
  };
}
