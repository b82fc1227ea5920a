import { createApp, type App } from "../app.js";
import { loadConfig, type Config } from "../config/config.js";
import { loadDotEnv } from "../config/env-file.js";
import { createLogger, type Logger, type LogLevel } from "../core/logger.js";

/** Config and logger for a command; `quiet` roles (the chat) log warnings only unless told otherwise. */
export function bootstrap(defaultLevel: LogLevel): { config: Config; logger: Logger } {
  loadDotEnv();
  const config = loadConfig();
  const logger = createLogger(config.JOBSCOUT_LOG_LEVEL ?? defaultLevel);
  return { config, logger };
}

/** Something a command runs beside its main part on the same app (the dashboard in `jobscout start`). */
export type Companion = (app: App) => Promise<{ close(): Promise<void> }>;

/** Resolve on the first SIGINT/SIGTERM. */
export function untilSignal(): Promise<NodeJS.Signals> {
  return new Promise((resolve) => {
    const on = (sig: NodeJS.Signals) => {
      process.off("SIGINT", on);
      process.off("SIGTERM", on);
      resolve(sig);
    };
    process.on("SIGINT", on);
    process.on("SIGTERM", on);
  });
}

/**
 * Run `fn` with the app of a terminal command (`chat`, `ask`, `import`): quiet logs, the local
 * workspace and user registered, everything closed afterwards.
 */
export async function withTerminalApp<T>(
  opts: { workers: boolean; companion?: Companion | undefined },
  fn: (app: App, config: Config) => Promise<T>,
): Promise<T> {
  const { config, logger } = bootstrap("error");
  const app = await createApp({ config, logger, workers: opts.workers });
  let companion: { close(): Promise<void> } | undefined;
  try {
    companion = await opts.companion?.(app);
    await app.workspaces.ensure({
      workspaceId: config.JOBSCOUT_WORKSPACE,
      platform: "cli",
      userId: config.JOBSCOUT_USER,
    });
    return await fn(app, config);
  } finally {
    await companion?.close();
    await app.close();
  }
}
