import type { Redis } from "ioredis";
import type { Config } from "../config/config.js";
import type { Logger } from "../core/logger.js";
import { processMetrics } from "../core/process-metrics.js";
import { VERSION } from "../core/version.js";
import { createHttpClient, type HttpClient } from "../pipeline/sources/http.js";
import type { OutboundPolicy } from "../pipeline/sources/outbound-policy.js";
import { createPoliteHttp, type PoliteHttp } from "../pipeline/sources/polite-http.js";

/** The outbound HTTP of the pipeline workers. */
export interface HttpParts {
  /** The plain client (User-Agent with contact, timeout, errors classified). */
  http: HttpClient;
  /** The politeness stack per source on top of it. */
  polite: PoliteHttp;
  /** Stop reporting these breakers in the process's metrics (on shutdown). */
  unwatch: () => void;
}

/**
 * The one place where jobscout's HTTP client for job sites is built: every outbound request of the
 * pipeline goes through what this returns.
 */
export function composeHttp(
  config: Config,
  logger: Logger,
  redis: Redis,
  outbound: OutboundPolicy,
): HttpParts {
  const http = createHttpClient({
    userAgent: `jobscout/${VERSION} (+${config.JOBSCOUT_CONTACT})`,
    timeoutMs: config.JOBSCOUT_FETCH_TIMEOUT_MS,
    // No fetch into private networks unless the operator configured or allowed the host.
    outbound,
    maxBodyBytes: config.JOBSCOUT_MAX_BODY_BYTES,
  });
  // Rate limits per host across all worker processes, Retry-After, circuit breakers, robots.txt.
  const polite = createPoliteHttp({
    http,
    redis,
    prefix: config.JOBSCOUT_QUEUE_PREFIX,
    hostRateLimits: config.JOBSCOUT_HOST_RATE_LIMITS,
    breakerFailures: config.JOBSCOUT_BREAKER_FAILURES,
    breakerCooldownMs: config.JOBSCOUT_BREAKER_COOLDOWN_MS,
    maxBodyBytes: config.JOBSCOUT_MAX_BODY_BYTES_BY_KIND,
    logger: logger.child({ role: "http" }),
  });
  const unwatch = processMetrics.watchBreakers(() =>
    polite.breakers.states().map((b) => ({ source: b.source, open: b.state === "closed" ? 0 : 1 })),
  );
  return { http, polite, unwatch };
}
