import type { SurfaceDeps } from "../bot/surface-deps.js";

export type SurfaceName = "slack" | "discord";

/** Chat surfaces that are running. */
export interface RunningSurfaces {
  names: SurfaceName[];
  /** Stop them newest first; each lets its turns in flight finish. */
  stop(): Promise<void>;
}

/**
 * Connect each named surface, giving it only what a surface uses (chat service, the Redis
 * connection it claims events in, settings, logger). Platform modules load only when used. If one
 * fails to start, those already started are stopped before the error goes on.
 */
export async function composeSurfaces(
  names: readonly SurfaceName[],
  deps: SurfaceDeps,
): Promise<RunningSurfaces> {
  const running: Array<{ name: SurfaceName; stop(): Promise<void> }> = [];
  const stop = async () => {
    for (let r = running.pop(); r; r = running.pop()) {
      const name = r.name;
      await r.stop().catch((err: unknown) => deps.logger.warn(`${name} stop failed`, { error: String(err) }));
    }
  };
  try {
    for (const name of names) {
      if (name === "slack") {
        const { startSlackSurface } = await import("../bot/slack/slack.surface.js");
        const s = await startSlackSurface(deps);
        running.push({ name, stop: () => s.stop() });
        deps.logger.info("slack connected", { transport: s.transport, port: s.port });
      } else {
        const { startDiscordSurface } = await import("../bot/discord/discord.surface.js");
        const d = await startDiscordSurface(deps);
        running.push({ name, stop: () => d.stop() });
        deps.logger.info("discord connected", { bot: d.client.user?.tag });
      }
    }
  } catch (err) {
    await stop();
    throw err;
  }
  return { names: running.map((r) => r.name), stop };
}
