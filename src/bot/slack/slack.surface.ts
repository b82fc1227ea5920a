import { App as BoltApp, webApi } from "@slack/bolt";
import type { SurfaceDeps } from "../surface-deps.js";
import { AppError, describeError } from "../../core/errors.js";
import { boltLogger } from "./bolt-logger.js";
import { SlackEventDedupe } from "./event-dedupe.js";
import { ForwardedReceiver } from "./forwarded.receiver.js";
import { registerSlackHandlers } from "./index.js";
import { SlackIdentity } from "./slack-identity.js";
import { SlackTurnRunner } from "./turn-runner.js";

/** Options for {@link startSlackSurface}. */
export interface SlackSurfaceOptions {
  /** Slash command name. @defaultValue `/jobs` */
  command?: string;
  /** Least time between two edits of a progress message. @defaultValue `1000` */
  progressIntervalMs?: number;
  /** How long users.info answers (admin flag, name) are reused. @defaultValue `300000` */
  userCacheMs?: number;
  /** How long `stop()` lets turns in flight finish. @defaultValue `30000` */
  drainTimeoutMs?: number;
}

/** A running Slack surface. */
export interface SlackSurface {
  transport: "socket" | "http";
  /** The HTTP Events API port (useful with `SLACK_PORT=0`); null in Socket Mode. */
  port: number | null;
  /** Stop receiving, let turns in flight finish (bounded), disconnect. */
  stop(): Promise<void>;
}

function missing(message: string): AppError {
  return new AppError("config_invalid", message, { userMessage: message });
}

/**
 * Slack as a chat surface: Socket Mode when `SLACK_APP_TOKEN` is set, else the HTTP Events API on
 * `SLACK_PORT` verified with `SLACK_SIGNING_SECRET`. Every turn and press goes to `app.chat`.
 */
export async function startSlackSurface(
  app: SurfaceDeps,
  opts: SlackSurfaceOptions = {},
): Promise<SlackSurface> {
  const c = app.config;
  const token = c.SLACK_BOT_TOKEN;
  if (!token) throw missing("Slack needs SLACK_BOT_TOKEN (the bot token, xoxb-…).");
  if (!c.SLACK_APP_TOKEN && !c.SLACK_SIGNING_SECRET) {
    throw missing(
      "Slack needs SLACK_APP_TOKEN (Socket Mode, xapp-…) or SLACK_SIGNING_SECRET (HTTP Events API); neither is set.",
    );
  }
  const logger = app.logger.child({ role: "slack" });
  const clientOptions: webApi.WebClientOptions = {
    logger: boltLogger(logger),
    ...(c.SLACK_API_URL ? { slackApiUrl: c.SLACK_API_URL } : {}),
  };

  // Check the token ourselves: a clear start-up error instead of a rejection inside Bolt, and Bolt
  // gets the bot's ids so it needs no auth.test of its own.
  let auth: webApi.AuthTestResponse;
  try {
    auth = await new webApi.WebClient(token, { ...clientOptions, retryConfig: { retries: 2 } }).auth.test();
  } catch (err) {
    throw new AppError("config_invalid", `Slack rejected SLACK_BOT_TOKEN: ${describeError(err)}`, {
      userMessage: `Slack rejected SLACK_BOT_TOKEN: ${describeError(err)}`,
      cause: err,
    });
  }
  if (!auth.user_id || !auth.bot_id)
    throw missing("SLACK_BOT_TOKEN is not a bot token (auth.test has no bot id).");

  const appToken = c.SLACK_APP_TOKEN;
  const socket = appToken !== undefined;
  // Requests are received, verified and acked in a thread of their own; this thread runs the turns.
  const receiver = new ForwardedReceiver({
    worker: {
      token,
      botId: auth.bot_id,
      botUserId: auth.user_id,
      appToken,
      signingSecret: c.SLACK_SIGNING_SECRET,
      port: c.SLACK_PORT,
      slackApiUrl: c.SLACK_API_URL,
      command: opts.command ?? "/jobs",
    },
    logger,
  });
  const bolt = new BoltApp({
    token,
    botId: auth.bot_id,
    botUserId: auth.user_id,
    logger: boltLogger(logger),
    clientOptions,
    receiver,
  });
  bolt.error((err) => {
    logger.error("slack listener error", { code: err.code, error: err.message });
    return Promise.resolve();
  });

  const runner = new SlackTurnRunner({
    chat: app.chat,
    logger,
    ...(opts.progressIntervalMs !== undefined ? { progressIntervalMs: opts.progressIntervalMs } : {}),
  });
  registerSlackHandlers(bolt, {
    runner,
    identity: new SlackIdentity({
      logger,
      ...(opts.userCacheMs !== undefined ? { ttlMs: opts.userCacheMs } : {}),
    }),
    dedupe: new SlackEventDedupe({ redis: app.connection, prefix: c.JOBSCOUT_QUEUE_PREFIX, logger }),
    logger,
    answersEveryMessage: (workspaceId, channel) => app.chat.answersEveryMessage(workspaceId, channel),
    botUserId: auth.user_id,
    command: opts.command ?? "/jobs",
  });

  try {
    await bolt.start();
  } catch (err) {
    const which = socket ? "SLACK_APP_TOKEN (Socket Mode)" : `SLACK_PORT ${c.SLACK_PORT}`;
    throw new AppError("slack_start", `Slack did not start with ${which}: ${describeError(err)}`, {
      userMessage: `Slack did not start with ${which}: ${describeError(err)}`,
      cause: err,
    });
  }
  const port = receiver.boundPort;
  logger.info("slack surface started", { transport: socket ? "socket" : "http", port, team: auth.team_id });

  let stopping: Promise<void> | undefined;
  return {
    transport: socket ? "socket" : "http",
    port,
    stop: () =>
      (stopping ??= (async () => {
        await bolt.stop().catch((err: unknown) => logger.warn("slack stop failed", { error: String(err) }));
        await runner.drain(opts.drainTimeoutMs ?? 30_000);
      })()),
  };
}
