import type { Redis } from "ioredis";
import type { Logger } from "../core/logger.js";
import type { RunService } from "../pipeline/run-service.js";
import type { SourceCatalog } from "../pipeline/sources/catalog.js";
import type { IndexSync } from "../search/index-sync.js";
import { DashboardRepo } from "../store/dashboard.repo.js";
import type { Db } from "../store/db.js";
import { MetricsRepo } from "../store/metrics.repo.js";
import type { RunsRepo } from "../store/runs.repo.js";
import { createDashboard } from "./dashboard.server.js";
import { coreReadiness } from "./health.server.js";
import { dashboardBaseUrl, DEFAULT_DASHBOARD_PORT, type DashboardConfig } from "./login-links.js";

/** The long-lived parts the dashboard reads and acts on (built by the caller's composition). */
export interface DashboardParts {
  db: Db;
  runs: RunsRepo;
  runService: RunService;
  catalog: SourceCatalog;
  /** The shared Redis connection (sessions, links, queue board, readiness). */
  connection: Redis;
  /** The vector index (readiness). */
  index: IndexSync;
}

/** Build the dashboard from config and the given parts and start listening; resolves with its URL. */
export async function serveDashboard(
  parts: DashboardParts,
  config: DashboardConfig,
  logger: Logger,
): Promise<{ url: string; close(): Promise<void> }> {
  const port = config.JOBSCOUT_DASHBOARD_PORT ?? DEFAULT_DASHBOARD_PORT;
  const repo = new DashboardRepo(parts.db);
  const server = await createDashboard({
    runs: parts.runs,
    runService: parts.runService,
    repo,
    metrics: new MetricsRepo(parts.db),
    catalog: parts.catalog,
    defaultSources: config.JOBSCOUT_SOURCES,
    redis: parts.connection,
    prefix: config.JOBSCOUT_QUEUE_PREFIX,
    auth: {
      token: config.JOBSCOUT_DASHBOARD_TOKEN,
      sessionTtlMs: config.JOBSCOUT_DASHBOARD_SESSION_MS,
      linkTtlMs: config.JOBSCOUT_DASHBOARD_LINK_MS,
      loginAttempts: config.JOBSCOUT_DASHBOARD_LOGIN_ATTEMPTS,
      loginWindowMs: config.JOBSCOUT_DASHBOARD_LOGIN_WINDOW_MS,
      baseUrl: dashboardBaseUrl(config, port),
    },
    readiness: coreReadiness(parts),
    logger: logger.child({ role: "dashboard" }),
  });
  const address = await server.listen({ port, host: config.JOBSCOUT_DASHBOARD_HOST });
  logger.info("dashboard listening", { url: address });
  return { url: address, close: () => server.close() };
}
