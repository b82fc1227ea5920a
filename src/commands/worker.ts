import { composePipelineRole } from "../compose/pipeline-role.js";
import { bootstrap, untilSignal } from "./shared.js";

/**
 * `jobscout worker`: pipeline workers only, for scale-out — no chat model, agent, tools or chat
 * service. Stops gracefully on SIGTERM/SIGINT.
 */
export async function workerCommand(): Promise<number> {
  const { config, logger } = bootstrap("info");
  const role = await composePipelineRole({ config, logger, workers: true });
  // Loaded only when asked for: a plain worker needs no HTTP server.
  const health =
    config.JOBSCOUT_WORKER_HEALTH_PORT === undefined
      ? undefined
      : await import("../dashboard/health.server.js").then((h) =>
          h.serveHealth({
            port: config.JOBSCOUT_WORKER_HEALTH_PORT ?? 0,
            host: config.JOBSCOUT_DASHBOARD_HOST,
            checks: h.coreReadiness({ connection: role.connection, db: role.db, index: role.index }),
          }),
        );
  if (health) process.stderr.write(`jobscout worker health: ${health.url}\n`);
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
