import { Client, Events, GatewayIntentBits, Partials } from "discord.js";
import type { SurfaceDeps } from "../surface-deps.js";
import { AppError, describeError } from "../../core/errors.js";
import { BackgroundWork } from "../shared/background-work.js";
import { AckGate } from "./ack-gate.js";
import type { DiscordContext } from "./context.js";
import { DiscordConversations } from "./conversations.js";
import { registerDiscordHandlers } from "./index.js";
import { requireDiscordSetting } from "./settings.js";
import { NO_PINGS } from "./targets.js";
import { encodeUploads } from "./uploads.js";

/** Options for {@link startDiscordSurface}. */
export interface DiscordSurfaceOptions {
  /** How long discord.js waits for guilds that are unavailable at start, in ms. @defaultValue `15000` */
  waitGuildTimeout?: number;
  /** Minimum time between edits of a progress message, in ms. @defaultValue `1000` */
  progressIntervalMs?: number;
  /** How long `stop()` waits for turns in flight before disconnecting, in ms. @defaultValue `10000` */
  drainMs?: number;
}

export interface DiscordSurface {
  /** The connected discord.js client (for diagnostics; handlers are already attached). */
  client: Client;
  /** Take no new events, let turns in flight finish (up to `drainMs`), disconnect. */
  stop(): Promise<void>;
}

/**
 * Connect the bot to Discord (gateway + REST, both behind DISCORD_API_URL) and answer mentions,
 * DMs, /jobs and job-card buttons through `app.chat`. Resolves once the client is ready.
 */
export async function startDiscordSurface(
  app: SurfaceDeps,
  opts: DiscordSurfaceOptions = {},
): Promise<DiscordSurface> {
  const { config } = app;
  const token = requireDiscordSetting(app.config, "DISCORD_TOKEN", "to connect to Discord");
  const logger = app.logger.child({ role: "discord" });
  const client = new Client({
    intents: [
      GatewayIntentBits.Guilds,
      GatewayIntentBits.GuildMessages,
      GatewayIntentBits.MessageContent,
      GatewayIntentBits.DirectMessages,
    ],
    // DM channels are not cached before their first message; without this their messages are dropped.
    partials: [Partials.Channel],
    allowedMentions: NO_PINGS,
    waitGuildTimeout: opts.waitGuildTimeout ?? 15_000,
    rest: {
      makeRequest: encodeUploads(),
      ...(config.DISCORD_API_URL ? { api: config.DISCORD_API_URL } : {}),
    },
  });
  // Never forward discord.js debug output: it includes the token.
  client.on(Events.Error, (err) => logger.error("discord client error", { error: describeError(err) }));
  client.on(Events.Warn, (message) => logger.warn("discord client warning", { message }));

  const work = new BackgroundWork({ logger, platform: "discord" });
  const ctx: DiscordContext = {
    chat: app.chat,
    conversations: new DiscordConversations({
      redis: app.connection,
      prefix: config.JOBSCOUT_QUEUE_PREFIX,
      logger,
    }),
    logger,
    acks: new AckGate(),
    progressIntervalMs: opts.progressIntervalMs ?? 1000,
    background: (name, fn) => work.spawn(name, fn),
  };
  registerDiscordHandlers(client, ctx);

  const ready = new Promise<void>((resolve) => client.once(Events.ClientReady, () => resolve()));
  try {
    await client.login(token);
    await ready;
  } catch (err) {
    await client.destroy();
    throw new AppError("discord_login", `Could not connect to Discord: ${describeError(err)}`, {
      cause: err,
      userMessage: `Could not connect to Discord (check DISCORD_TOKEN): ${describeError(err)}`,
    });
  }
  const appId = client.application?.id;
  if (config.DISCORD_APPLICATION_ID && appId && appId !== config.DISCORD_APPLICATION_ID)
    logger.warn(
      "DISCORD_APPLICATION_ID is not this bot's application; slash commands registered there won't reach it",
      {
        botApplication: appId,
      },
    );
  logger.info("discord connected", { user: client.user?.id, guilds: client.guilds.cache.size });

  return {
    client,
    async stop() {
      await work.drain(opts.drainMs ?? 10_000);
      await client.destroy();
    },
  };
}
