import Fastify, { type FastifyError, type FastifyInstance } from "fastify";
import { Queue } from "../pipeline/queue-lib.js";
import type { Redis } from "ioredis";
import type { Logger } from "../core/logger.js";
import { queueName, STAGES } from "../pipeline/queues.js";
import type { RunService } from "../pipeline/run-service.js";
import type { DashboardRepo } from "../store/dashboard.repo.js";
import type { MetricsRepo } from "../store/metrics.repo.js";
import type { RunsRepo } from "../store/runs.repo.js";
import { Guard } from "./guard.js";
import { LoginLinks } from "./login-links.js";
import { LoginThrottle } from "./login-throttle.js";
import { createMetrics } from "./metrics.js";
import { registerAssetRoutes } from "./routes/assets.route.js";
import { registerEventRoutes } from "./routes/events.route.js";
import { registerHealthRoutes, type ReadinessCheck } from "./routes/health.route.js";
import { registerHomeRoutes } from "./routes/home.route.js";
import { registerLoginRoutes } from "./routes/login.route.js";
import { registerMetricsRoute } from "./routes/metrics.route.js";
import { registerQueueBoard } from "./routes/queues.route.js";
import { registerRunActionRoutes } from "./routes/run-actions.route.js";
import { registerRunRoutes } from "./routes/runs.route.js";
import { registerSourceRoutes } from "./routes/sources.route.js";
import { SessionStore } from "./sessions.js";
import type { SourceHealthDeps } from "./source-health.js";

/** Everything the dashboard reads and acts on, passed in explicitly (it builds none of it). */
export interface DashboardOptions {
  runs: RunsRepo;
  /** Starting runs (admin actions). */
  runService: Pick<RunService, "start">;
  repo: DashboardRepo;
  /** Aggregates for `/metrics`. */
  metrics: MetricsRepo;
  /** The workspace's tracked sources and their labels. */
  catalog: SourceHealthDeps["catalog"];
  /** `JOBSCOUT_SOURCES`. */
  defaultSources: readonly string[];
  /** Sessions, login links and the queue board. */
  redis: Redis;
  /** `JOBSCOUT_QUEUE_PREFIX`. */
  prefix: string;
  auth: {
    /** `JOBSCOUT_DASHBOARD_TOKEN`; unset: only one-time links log in. */
    token?: string | undefined;
    sessionTtlMs: number;
    linkTtlMs: number;
    /** Where browsers reach the dashboard (for links). */
    baseUrl: string;
    /** Failed logins one client may make per window. @defaultValue `10` */
    loginAttempts?: number;
    /** The window for {@link loginAttempts}. @defaultValue `900000` (15 min) */
    loginWindowMs?: number;
  };
  /** What `/readyz` checks (Redis, store, index…). */
  readiness?: readonly ReadinessCheck[];
  logger: Logger;
  /** How often live pages look for changes. @defaultValue `1000` */
  liveIntervalMs?: number;
}

/** What the route files share. */
export interface DashboardContext {
  o: DashboardOptions;
  guard: Guard;
  sessions: SessionStore;
  links: LoginLinks;
  throttle: LoginThrottle;
  sourceDeps: SourceHealthDeps;
}

/** The dashboard server, built but not listening. */
export async function createDashboard(o: DashboardOptions): Promise<FastifyInstance> {
  const app = Fastify({ logger: false, trustProxy: false, bodyLimit: 16 * 1024 });
  const sessions = new SessionStore({ redis: o.redis, prefix: o.prefix, ttlMs: o.auth.sessionTtlMs });
  const links = new LoginLinks({
    redis: o.redis,
    prefix: o.prefix,
    baseUrl: o.auth.baseUrl,
    ttlMs: o.auth.linkTtlMs,
  });
  const ctx: DashboardContext = {
    o,
    guard: new Guard(sessions),
    sessions,
    links,
    throttle: new LoginThrottle({
      redis: o.redis,
      prefix: o.prefix,
      attempts: o.auth.loginAttempts ?? 10,
      windowMs: o.auth.loginWindowMs ?? 15 * 60_000,
    }),
    sourceDeps: { runs: o.runs, catalog: o.catalog, defaults: o.defaultSources },
  };
  app.addContentTypeParser(
    "application/x-www-form-urlencoded",
    { parseAs: "string" },
    (_req, body: string, done) => done(null, Object.fromEntries(new URLSearchParams(body))),
  );
  app.setErrorHandler<FastifyError>((err, req, reply) => {
    o.logger.error("dashboard request failed", { url: req.url, error: err.message });
    // Never a stack or an internal message in the page.
    void reply
      .code(err.statusCode && err.statusCode < 500 ? err.statusCode : 500)
      .type("text/plain")
      .send("Something went wrong; see the dashboard's log.");
  });
  registerAssetRoutes(app);
  registerHealthRoutes(app, o.readiness ?? []);
  registerLoginRoutes(app, ctx);
  registerHomeRoutes(app, ctx);
  registerRunRoutes(app, ctx);
  registerRunActionRoutes(app, ctx);
  registerSourceRoutes(app, ctx);
  registerEventRoutes(app, ctx);
  const queues = STAGES.map((s) => new Queue(queueName(s), { connection: o.redis, prefix: o.prefix }));
  for (const q of queues) {
    // Without a listener BullMQ prints every connection error; readiness reports an outage instead.
    q.on("error", (err: Error) => o.logger.debug("queue board connection error", { error: err.message }));
  }
  app.addHook("onClose", async () => {
    await Promise.all(queues.map((q) => q.close()));
  });
  registerMetricsRoute(app, createMetrics({ metrics: o.metrics, sizes: o.repo, queues }));
  await registerQueueBoard(app, ctx, queues);
  return app;
}
