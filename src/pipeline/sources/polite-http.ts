import type { Redis } from "ioredis";
import { AppError } from "../../core/errors.js";
import type { Logger } from "../../core/logger.js";
import { SourceBreakers } from "./breaker.js";
import { ConditionalCache, type CachedAnswer } from "./conditional-cache.js";
import { HttpError, parseJsonBody, type GetInit, type HttpClient, type HttpTextResponse } from "./http.js";
import { HostRateLimiter } from "./rate-limiter.js";
import { isRobotsUrl, RobotsGate } from "./robots.js";
import type { AccessPolicy, SourceAdapter } from "./source.js";

/** Options for {@link createPoliteHttp}. */
export interface PoliteHttpOptions {
  /** The plain client every request ends in (User-Agent with contact, timeout, error classes). */
  http: HttpClient;
  /** Redis shared by all worker processes (`app.connection`). */
  redis: Redis;
  /** `JOBSCOUT_QUEUE_PREFIX`: rate-limit and cache keys live under it. */
  prefix: string;
  /** Requests per minute by host (`JOBSCOUT_HOST_RATE_LIMITS`), overriding the sources' declared rates; 0 switches a host off. */
  hostRateLimits?: Readonly<Record<string, number>> | undefined;
  /** `JOBSCOUT_BREAKER_FAILURES`. */
  breakerFailures: number;
  /** `JOBSCOUT_BREAKER_COOLDOWN_MS`. */
  breakerCooldownMs: number;
  /** Token matched against robots.txt `User-agent:` lines. @defaultValue `jobscout` */
  robotsAgent?: string | undefined;
  /** How long a robots.txt is trusted. @defaultValue `3600000` */
  robotsTtlMs?: number | undefined;
  /** See {@link HostRateLimiterOptions.headroom}. @defaultValue `0.1` */
  headroom?: number | undefined;
  /** See {@link HostRateLimiterOptions.maxWaitMs}. @defaultValue `120000` */
  maxWaitMs?: number | undefined;
  /** Pause of a host that answers 429 without Retry-After. @defaultValue `30000` */
  pauseOn429Ms?: number | undefined;
  /** Conditional GET (ETag / Last-Modified kept in Redis); `false` turns it off. @defaultValue on, 7 days, 4 MiB */
  conditionalGet?: false | { ttlMs?: number; maxBodyBytes?: number } | undefined;
  /** `JOBSCOUT_MAX_BODY_BYTES_BY_KIND`: largest body per kind of source; others get the plain client's cap. */
  maxBodyBytes?: Partial<Record<AccessPolicy["kind"], number>> | undefined;
  logger?: Logger | undefined;
}

/** What polite HTTP needs to know of a source. */
export type PoliteSource = Pick<SourceAdapter, "id" | "displayName" | "policy">;

export interface PoliteHttp {
  /**
   * The HTTP client for one source (plugs into `PipelineServices.httpFor`): its circuit breaker, the
   * per-host rate limit across processes, Retry-After pauses, robots.txt for `page` sources, and
   * conditional GET. A 304 comes back as status 304 with the body of the cached 200 answer, so an
   * adapter parses it as before and can tell that nothing changed.
   */
  readonly forSource: (source: PoliteSource) => HttpClient;
  readonly limiter: HostRateLimiter;
  readonly breakers: SourceBreakers;
}

// Retry-After beyond an hour is not worth holding a host for; the run will have given up by then.
const MAX_PAUSE_MS = 3_600_000;

/** Respectful fetching for every source, built once per process from config. */
export function createPoliteHttp(o: PoliteHttpOptions): PoliteHttp {
  const limiter = new HostRateLimiter({
    redis: o.redis,
    prefix: o.prefix,
    ...(o.headroom !== undefined ? { headroom: o.headroom } : {}),
    ...(o.maxWaitMs !== undefined ? { maxWaitMs: o.maxWaitMs } : {}),
  });
  const breakers = new SourceBreakers({
    failures: o.breakerFailures,
    cooldownMs: o.breakerCooldownMs,
    logger: o.logger,
  });
  const robots = new RobotsGate({
    ...(o.robotsAgent !== undefined ? { agent: o.robotsAgent } : {}),
    ...(o.robotsTtlMs !== undefined ? { ttlMs: o.robotsTtlMs } : {}),
  });
  const cache =
    o.conditionalGet === false
      ? undefined
      : new ConditionalCache({ redis: o.redis, prefix: o.prefix, ...o.conditionalGet });

  const budgetOf = (host: string, source: PoliteSource): number => {
    const perMinute =
      o.hostRateLimits?.[host] ??
      o.hostRateLimits?.[new URL(`http://${host}`).hostname] ??
      source.policy.rateLimitPerMinute;
    if (!(perMinute > 0)) {
      const message = `requests to ${host} are switched off (its rate limit is 0)`;
      throw new AppError("host_disabled", message, { userMessage: message });
    }
    return perMinute;
  };

  /** One request on the wire: wait for the host's slot, send, and pause the host when it asks. */
  const send = async (
    source: PoliteSource,
    url: string,
    init: GetInit,
    minIntervalMs?: number,
  ): Promise<HttpTextResponse> => {
    const host = new URL(url).host;
    await limiter.acquire(host, { perMinute: budgetOf(host, source), minIntervalMs }, init.signal);
    try {
      return await o.http.getText(url, init);
    } catch (err) {
      if (err instanceof HttpError && (err.status === 429 || err.status === 503)) {
        const ms =
          err.retryAfterSeconds !== undefined
            ? err.retryAfterSeconds * 1000
            : err.status === 429
              ? (o.pauseOn429Ms ?? 30_000)
              : 0;
        await limiter.pause(host, Math.min(ms, MAX_PAUSE_MS));
        if (ms > 0) o.logger?.info("host paused", { host, source: source.id, status: err.status, ms });
      }
      throw err;
    }
  };

  const robotsFetch = (source: PoliteSource) => (url: string) =>
    send(source, url, { headers: { accept: "text/plain, */*;q=0.5" } });

  const getText = async (
    source: PoliteSource,
    url: string,
    init: GetInit = {},
  ): Promise<HttpTextResponse> => {
    const page = source.policy.kind === "page";
    // Feeds and APIs are published for machines; pages are what robots.txt speaks about.
    if (page && isRobotsUrl(url)) return robots.robotsTxt(url, robotsFetch(source));
    const verdict = page ? await robots.check(url, robotsFetch(source)) : undefined;
    const conditional = cache?.applies(init.headers) ? cache : undefined;
    const cached = await conditional?.get(url, init.headers);
    const headers =
      cached && conditional ? { ...init.headers, ...conditional.validators(cached) } : init.headers;
    try {
      const res = await send(
        source,
        url,
        { ...init, ...(headers ? { headers } : {}) },
        verdict?.crawlDelayMs,
      );
      await conditional?.put(url, init.headers, res);
      return res;
    } catch (err) {
      if (!(cached && conditional && err instanceof HttpError && err.status === 304)) throw err;
      await conditional.touch(url, init.headers);
      return revalidated(cached);
    }
  };

  return {
    limiter,
    breakers,
    forSource: (source) => {
      const cap = o.maxBodyBytes?.[source.policy.kind];
      const text: HttpClient["getText"] = (url, init = {}) =>
        breakers.run(source, () =>
          getText(
            source,
            url,
            cap !== undefined && init.maxBytes === undefined ? { ...init, maxBytes: cap } : init,
          ),
        );
      return {
        getText: text,
        async getJson(url, init) {
          const res = await text(url, init);
          return { status: res.status, data: parseJsonBody(url, res) };
        },
      };
    },
  };
}

function revalidated(cached: CachedAnswer): HttpTextResponse {
  const headers = new Headers();
  if (cached.contentType) headers.set("content-type", cached.contentType);
  if (cached.etag) headers.set("etag", cached.etag);
  if (cached.lastModified) headers.set("last-modified", cached.lastModified);
  return { status: 304, headers, text: cached.text };
}
