import { composePipelineRole } from "../compose/pipeline-role.js";
import { bootstrap, serveRoleHealth, untilSignal } from "./shared.js";

/**
 * `jobscout worker`: pipeline workers only, for scale-out — no chat model, agent, tools or chat
 * service. Stops gracefully on SIGTERM/SIGINT.
 */
export async function workerCommand(): Promise<number> {
  const { config, logger } = bootstrap("info");
  const role = await composePipelineRole({ config, logger, workers: true });
  const health =
    config.JOBSCOUT_WORKER_HEALTH_PORT === undefined
      ? undefined
      : await serveRoleHealth(
          "worker",
          { port: config.JOBSCOUT_WORKER_HEALTH_PORT, host: config.JOBSCOUT_DASHBOARD_HOST },
          role,
        );
  logger.info("worker ready", {
    redis: role.redis.origin,
    dataDir: config.dataDir,
    queuePrefix: role.queuePrefix,
    concurrency: config.JOBSCOUT_WORKER_CONCURRENCY,
  });
  const sig = await untilSignal();
  logger.info("stopping worker: finishing jobs in hand", { signal: sig });
  await health?.close();
  await role.close();
  return 0;
}
