import { createApp } from "../app.js";
import { AppError } from "../core/errors.js";
import { bootstrap, untilSignal, type Companion } from "./shared.js";

type Surface = "slack" | "discord";

/**
 * Run chat surfaces until SIGINT/SIGTERM: `jobscout start` with tokens configured (all of them, plus
 * the workers), or one role (`jobscout slack`, `jobscout discord`) for scale-out.
 */
export async function surfacesCommand(opts: {
  surfaces: readonly Surface[];
  workers: boolean;
  companion?: Companion | undefined;
}): Promise<number> {
  const { config, logger } = bootstrap("info");
  const app = await createApp({ config, logger, workers: opts.workers });
  const running: Array<{ name: Surface | "companion"; stop(): Promise<void> }> = [];
  try {
    const companion = await opts.companion?.(app);
    if (companion) running.push({ name: "companion", stop: () => companion.close() });
    for (const name of opts.surfaces) {
      if (name === "slack") {
        const { startSlackSurface } = await import("../bot/slack/slack.surface.js");
        const s = await startSlackSurface(app);
        running.push({ name, stop: () => s.stop() });
        logger.info("slack connected", { transport: s.transport, port: s.port });
      } else {
        const { startDiscordSurface } = await import("../bot/discord/discord.surface.js");
        const d = await startDiscordSurface(app);
        running.push({ name, stop: () => d.stop() });
        logger.info("discord connected", { bot: d.client.user?.tag });
      }
    }
    logger.info("jobscout ready", {
      surfaces: running.map((r) => r.name),
      workers: opts.workers,
      model: app.modelDescription,
      redis: app.redis.origin,
    });
    const sig = await untilSignal();
    logger.info("stopping: finishing turns and jobs in hand", { signal: sig });
  } finally {
    // Surfaces first: they still need the agent, the store and Redis to finish their turns.
    for (const r of running.reverse())
      await r.stop().catch((err: unknown) => logger.warn(`${r.name} stop failed`, { error: String(err) }));
    await app.close();
  }
  return 0;
}

/** The surfaces whose tokens are configured. */
export function configuredSurfaces(config: {
  SLACK_BOT_TOKEN?: string | undefined;
  DISCORD_TOKEN?: string | undefined;
}): Surface[] {
  return [
    ...(config.SLACK_BOT_TOKEN ? ["slack" as const] : []),
    ...(config.DISCORD_TOKEN ? ["discord" as const] : []),
  ];
}

/** `jobscout slack` / `jobscout discord`: one surface, no workers (they run in `jobscout worker`). */
export function surfaceRoleCommand(name: Surface, opts: { workers: boolean }): Promise<number> {
  const { config } = bootstrap("info");
  if (!configuredSurfaces(config).includes(name)) {
    const v = name === "slack" ? "SLACK_BOT_TOKEN" : "DISCORD_TOKEN";
    throw new AppError("config_invalid", `jobscout ${name} needs ${v}.`, {
      userMessage: `jobscout ${name} needs ${v}.`,
    });
  }
  return surfacesCommand({ surfaces: [name], workers: opts.workers });
}
