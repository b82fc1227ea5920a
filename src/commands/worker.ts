import { createApp } from "../app.js";
import { bootstrap, untilSignal } from "./shared.js";

/** `jobscout worker`: pipeline workers only, for scale-out. Stops gracefully on SIGTERM/SIGINT. */
export async function workerCommand(): Promise<number> {
  const { config, logger } = bootstrap("info");
  const app = await createApp({ config, logger, workers: true });
  logger.info("worker ready", {
    redis: app.redis.origin,
    dataDir: config.dataDir,
    concurrency: config.JOBSCOUT_WORKER_CONCURRENCY,
  });
  const sig = await untilSignal();
  logger.info("stopping worker: finishing jobs in hand", { signal: sig });
  await app.close();
  return 0;
}
