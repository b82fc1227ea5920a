import type { FastifyInstance } from "fastify";

/**
 * `/metrics` in Prometheus text format, without login like `/healthz`: it carries no workspace and
 * no posting, and scrapers do not log in. Bind the dashboard to a private address.
 */
export function registerMetricsRoute(
  app: FastifyInstance,
  metrics: { contentType: string; render(): Promise<string> },
): void {
  app.get("/metrics", async (_req, reply) => reply.type(metrics.contentType).send(await metrics.render()));
}
