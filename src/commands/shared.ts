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
