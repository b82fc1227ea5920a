import { composeApp } from "../compose/app.js";
import { composeSurfaces, type RunningSurfaces, type SurfaceName } from "../compose/surfaces.js";
import { AppError } from "../core/errors.js";
import { bootstrap, serveRoleHealth, untilSignal, type Companion } from "./shared.js";

/**
 * Run chat surfaces until SIGINT/SIGTERM: `jobscout start` with tokens configured (all of them, plus
 * the workers), or one role (`jobscout slack`, `jobscout discord`) for scale-out.
 */
export async function surfacesCommand(opts: {
  surfaces: readonly SurfaceName[];
  workers: boolean;
  companion?: Companion | undefined;
}): Promise<number> {
  const { config, logger } = bootstrap("info");
  const app = await composeApp({ config, logger, workers: opts.workers, digests: {} });
  let surfaces: RunningSurfaces | undefined;
  let companion: { close(): Promise<void> } | undefined;
  try {
    companion = await opts.companion?.(app);
    surfaces = await composeSurfaces(opts.surfaces, {
      config: app.config,
      logger,
      chat: app.chat,
      connection: app.connection,
    });
    logger.info("jobscout ready", {
      surfaces: surfaces.names,
      workers: opts.workers,
      model: app.modelDescription,
      redis: app.redis.origin,
    });
    const sig = await untilSignal();
    logger.info("stopping: finishing turns and jobs in hand", { signal: sig });
  } finally {
    // Surfaces first: they still need the agent, the store and Redis to finish their turns.
    await surfaces?.stop();
    await companion?.close();
    await app.close();
  }
  return 0;
}
/** The surfaces whose tokens are configured. */
export function configuredSurfaces(config: {
  SLACK_BOT_TOKEN?: string | undefined;
  DISCORD_TOKEN?: string | undefined;
}): SurfaceName[] {
  return [
    ...(config.SLACK_BOT_TOKEN ? ["slack" as const] : []),
    ...(config.DISCORD_TOKEN ? ["discord" as const] : []),
  ];
}

/** `jobscout slack` / `jobscout discord`: one surface, no workers (they run in `jobscout worker`). */
export function surfaceRoleCommand(name: SurfaceName, opts: { workers: boolean }): Promise<number> {
  const { config } = bootstrap("info");
  if (!configuredSurfaces(config).includes(name)) {
    const v = name === "slack" ? "SLACK_BOT_TOKEN" : "DISCORD_TOKEN";
    throw new AppError("config_invalid", `jobscout ${name} needs ${v}.`, {
      userMessage: `jobscout ${name} needs ${v}.`,
    });
  }
  const port = config.JOBSCOUT_HEALTH_PORT;
  const companion: Companion | undefined =
    port === undefined
      ? undefined
      : (app) => serveRoleHealth(name, { port, host: config.JOBSCOUT_DASHBOARD_HOST }, app);
  return surfacesCommand({ surfaces: [name], workers: opts.workers, companion });
}
