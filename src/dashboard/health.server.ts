import Fastify from "fastify";
import type { Redis } from "ioredis";
import type { IndexSync } from "../search/index-sync.js";
import { DashboardRepo } from "../store/dashboard.repo.js";
import type { Db } from "../store/db.js";
import { processMetrics } from "../core/process-metrics.js";
import { registerMetricsRoute } from "./routes/metrics.route.js";
import { registerHealthRoutes, type ReadinessCheck } from "./routes/health.route.js";

/** What a role's readiness is checked on. */
export interface ReadinessParts {
  connection: Redis;
  db: Db;
  index: IndexSync;
}

/**
 * What every long-running role's `/readyz` checks: Redis answers, the store answers, and the vector
 * index is open and caught up with the store's vectors (a catch-up is one indexed query when
 * nothing is new; while a large backlog is applied the check times out and the role says unready).
 */
export function coreReadiness(parts: ReadinessParts): ReadinessCheck[] {
  const repo = new DashboardRepo(parts.db);
  return [
    {
      name: "redis",
      check: async () => {
        await parts.connection.ping();
      },
    },
    { name: "store", check: () => repo.ping() },
    {
      name: "index",
      check: async () => {
        await parts.index.catchUp();
      },
    },
  ];
}

/**
 * `/healthz`, `/readyz` and this process's own `/metrics` (its breakers, Node's figures), for roles
 * without the dashboard (`jobscout worker`).
 */
export async function serveHealth(o: {
  port: number;
  host: string;
  checks: readonly ReadinessCheck[];
}): Promise<{ url: string; close(): Promise<void> }> {
  const app = Fastify({ logger: false });
  registerHealthRoutes(app, o.checks);
  registerMetricsRoute(app, processMetrics);
  const url = await app.listen({ port: o.port, host: o.host });
  return { url, close: () => app.close() };
}
