import { loadConfig, type Config } from "../config/config.js";
import { loadDotEnv } from "../config/env-file.js";
import { createLogger, type Logger, type LogLevel } from "../core/logger.js";
import { processMetrics } from "../core/process-metrics.js";
import type { App } from "../compose/app.js";
import type { ReadinessParts } from "../dashboard/health.server.js";
import type { WorkspacesRepo } from "../store/workspaces.repo.js";

/** Config and logger for a command; `quiet` roles (the chat) log warnings only unless told otherwise. */
export function bootstrap(defaultLevel: LogLevel): { config: Config; logger: Logger } {
  loadDotEnv();
  const config = loadConfig();
  processMetrics.configure(config.JOBSCOUT_METRICS);
  const logger = createLogger(config.JOBSCOUT_LOG_LEVEL ?? defaultLevel);
  return { config, logger };
}

/**
 * `/healthz`, `/readyz` (Redis, store, index) and the process's `/metrics` for a role without the
 * dashboard, announced on stderr. Loaded only when asked for: a plain role needs no HTTP server.
 */
export async function serveRoleHealth(
  role: string,
  at: { port: number; host: string },
  parts: ReadinessParts,
): Promise<{ url: string; close(): Promise<void> }> {
  const h = await import("../dashboard/health.server.js");
  const health = await h.serveHealth({ ...at, checks: h.coreReadiness(parts) });
  process.stderr.write(`jobscout ${role} health: ${health.url}\n`);
  return health;
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
 * Run `fn` with the parts a terminal command composes (`chat`, `ask`, `import`, `reindex`): quiet
 * logs, the local workspace and user registered, everything closed afterwards.
 */
export async function withTerminalRole<R extends { workspaces: WorkspacesRepo; close(): Promise<void> }, T>(
  compose: (config: Config, logger: Logger) => Promise<R>,
  fn: (role: R, config: Config) => Promise<T>,
  companion?: (role: R) => Promise<{ close(): Promise<void> }>,
): Promise<T> {
  const { config, logger } = bootstrap("error");
  const role = await compose(config, logger);
  let beside: { close(): Promise<void> } | undefined;
  try {
    beside = await companion?.(role);
    await role.workspaces.ensure({
      workspaceId: config.JOBSCOUT_WORKSPACE,
      platform: "cli",
      userId: config.JOBSCOUT_USER,
    });
    return await fn(role, config);
  } finally {
    await beside?.close();
    await role.close();
  }
}

/** {@link withTerminalRole} for the terminal chat commands (`chat`, `ask`): the whole chat app. */
export function withTerminalApp<T>(
  opts: {
    workers: boolean;
    companion?: Companion | undefined;
    /** Print due terminal digests here while the chat runs. */
    digestsTo?: NodeJS.WritableStream | undefined;
  },
  fn: (app: App, config: Config) => Promise<T>,
): Promise<T> {
  // The chat app (agent, LangChain, tools) is loaded here, not with this module: the pipeline roles
  // (`worker`, `import`, `reindex`) share this module and need none of it.
  return withTerminalRole(
    async (config, logger) =>
      (await import("../compose/app.js")).composeApp({
        config,
        logger,
        workers: opts.workers,
        ...(opts.digestsTo ? { digests: { terminal: opts.digestsTo } } : {}),
      }),
    fn,
    opts.companion,
  );
}
