import type { FastifyInstance } from "fastify";
import { processMetrics } from "../../core/process-metrics.js";

/** What a scraper gets from a process whose metrics are switched off. */
export const METRICS_OFF = "metrics are off in this process (JOBSCOUT_METRICS=off)\n";

/**
 * `/metrics` in Prometheus text format, without login like `/healthz`: it carries no workspace and
 * no posting, and scrapers do not log in. Bind the dashboard to a private address. With the
 * process's metrics off (`JOBSCOUT_METRICS=off`) it answers 404 and says so, rather than a partial set.
 */
export function registerMetricsRoute(
  app: FastifyInstance,
  metrics: { contentType: string; render(): Promise<string> },
): void {
  app.get("/metrics", async (_req, reply) =>
    processMetrics.enabled
      ? reply.type(metrics.contentType).send(await metrics.render())
      : reply.code(404).type("text/plain").send(METRICS_OFF),
  );
}
