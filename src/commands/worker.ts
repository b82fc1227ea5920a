import { composePipelineRole } from "../compose/pipeline-role.js";
import { bootstrap, untilSignal } from "./shared.js";

/**
 * `jobscout worker`: pipeline workers only, for scale-out — no chat model, agent, tools or chat
 * service. Stops gracefully on SIGTERM/SIGINT.
 */
export async function workerCommand(): Promise<number> {
  const { config, logger } = bootstrap("info");
  const role = await composePipelineRole({ config, logger, workers: true });
  logger.info("worker ready", {
    redis: role.redis.origin,
    dataDir: config.dataDir,
    concurrency: config.JOBSCOUT_WORKER_CONCURRENCY,
  });
  const sig = await untilSignal();
  logger.info("stopping worker: finishing jobs in hand", { signal: sig });
  await role.close();
  return 0;
}
