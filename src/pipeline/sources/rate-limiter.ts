import { createHash } from "node:crypto";
import { setTimeout as sleep } from "node:timers/promises";
import type { Redis } from "ioredis";
import { AppError } from "../../core/errors.js";

// GCRA without bursts: the host's key holds the next free slot (ms on the Redis clock, so the clocks of
// the worker machines never matter). A caller reserves the slot and moves it one interval on; the
// interval is the caller's, so a Crawl-delay and an API budget on one host mix correctly. A paused
// host (Retry-After) has a second key whose TTL is the pause. Returns {reserved, waitMs, paused}.
const ACQUIRE = `
local paused = redis.call('PTTL', KEYS[2])
if paused > 0 then return {0, paused, 1} end
local t = redis.call('TIME')
local now = tonumber(t[1]) * 1000 + math.floor(tonumber(t[2]) / 1000)
local slot = math.max(tonumber(redis.call('GET', KEYS[1]) or '0'), now)
local wait = slot - now
if wait > tonumber(ARGV[2]) then return {0, wait, 0} end
local nextSlot = slot + tonumber(ARGV[1])
redis.call('SET', KEYS[1], string.format('%d', nextSlot), 'PX', string.format('%d', nextSlot - now + 1000))
return {1, wait, 0}
`;

// Extend a pause, never shorten it: two processes may both see a 429 with different Retry-After.
const PAUSE = `
if redis.call('PTTL', KEYS[1]) < tonumber(ARGV[1]) then redis.call('SET', KEYS[1], '1', 'PX', ARGV[1]) end
return redis.call('PTTL', KEYS[1])
`;

const sha = (s: string) => createHash("sha1").update(s).digest("hex");
const SCRIPTS = { acquire: { lua: ACQUIRE, sha: sha(ACQUIRE) }, pause: { lua: PAUSE, sha: sha(PAUSE) } };

/** A request to a host could not get a slot soon enough: the host is paused or its queue is long. */
export class HostThrottledError extends AppError {
  /** When a slot may be free again (a hint; another process may take it first). */
  readonly retryAfterSeconds: number;
  /** When a slot may be free again. */
  readonly until: Date;
  /** The host itself asked us to slow down (HTTP 429/503), rather than our own limit being reached. */
  readonly paused: boolean;

  constructor(host: string, waitMs: number, paused: boolean) {
    const at = new Date(Date.now() + waitMs).toISOString().slice(11, 19);
    const message = paused
      ? `${host} asked us to slow down (HTTP 429/503); paused until ${at} UTC`
      : `${host} has no free request slot before ${at} UTC (its rate limit or Crawl-delay)`;
    super("host_throttled", message, { retryable: true, userMessage: message });
    this.name = "HostThrottledError";
    this.retryAfterSeconds = Math.ceil(waitMs / 1000);
    this.until = new Date(Date.now() + waitMs);
    this.paused = paused;
  }
}

/** Options for {@link HostRateLimiter}. */
export interface HostRateLimiterOptions {
  /** Redis shared by every worker process; the budget holds across all of them. */
  redis: Redis;
  /** Key prefix (`JOBSCOUT_QUEUE_PREFIX`); keys are `<prefix>:ratelimit:<host>[:paused]`. */
  prefix: string;
  /**
   * Fraction we stay under a budget: the site counts arrivals, which network and scheduling jitter
   * bunch together, so spacing requests exactly at the budget would exceed it at the site's end.
   * @defaultValue `0.1`
   */
  headroom?: number;
  /**
   * Longest a request waits for its slot or for a pause to end; beyond it the request fails with a
   * retryable {@link HostThrottledError} instead of holding a worker. @defaultValue `120000`
   */
  maxWaitMs?: number;
}

/** What one request may cost a host. */
export interface HostBudget {
  /** Requests per minute (the configured or the source's declared rate). */
  perMinute: number;
  /** A lower bound on the spacing, e.g. the host's robots.txt Crawl-delay. */
  minIntervalMs?: number | undefined;
}

/** Per-host request spacing and pauses, shared by all processes through Redis. */
export class HostRateLimiter {
  private readonly headroom: number;
  private readonly maxWaitMs: number;

  constructor(private readonly o: HostRateLimiterOptions) {
    this.headroom = o.headroom ?? 0.1;
    this.maxWaitMs = o.maxWaitMs ?? 120_000;
  }

  /** Spacing between two requests to a host under this budget (with headroom), in whole ms. */
  intervalMs(budget: HostBudget): number {
    const spacing = Math.max(60_000 / budget.perMinute, budget.minIntervalMs ?? 0);
    return Math.max(1, Math.ceil(spacing * (1 + this.headroom)));
  }

  /** Wait for this host's next free slot (or the end of its pause). Rejects when `signal` aborts. */
  async acquire(host: string, budget: HostBudget, signal?: AbortSignal): Promise<void> {
    const interval = this.intervalMs(budget);
    for (;;) {
      signal?.throwIfAborted();
      const [reserved = 0, waitMs = 0, paused = 0] = await this.run("acquire", host, [
        interval,
        this.maxWaitMs,
      ]);
      if (!reserved) {
        if (waitMs > this.maxWaitMs) throw new HostThrottledError(host, waitMs, paused === 1);
        await sleep(waitMs, undefined, { signal });
        continue;
      }
      if (waitMs <= 0) return;
      await sleep(waitMs, undefined, { signal });
      // A pause recorded while we slept voids our slot: queue again behind it.
      if ((await this.o.redis.pttl(this.key(host, "paused"))) <= 0) return;
    }
  }

  /** Hold every process's requests to this host for `ms` (a Retry-After); never shortens a pause. */
  async pause(host: string, ms: number): Promise<void> {
    if (ms <= 0) return;
    await this.run("pause", host, [Math.ceil(ms)]);
  }

  /** How long this host is still paused, in ms (0 when not paused). */
  async pausedForMs(host: string): Promise<number> {
    return Math.max(0, await this.o.redis.pttl(this.key(host, "paused")));
  }

  private key(host: string, part?: "paused"): string {
    return `${this.o.prefix}:ratelimit:${host.toLowerCase()}${part ? `:${part}` : ""}`;
  }

  private async run(name: keyof typeof SCRIPTS, host: string, args: number[]): Promise<number[]> {
    const s = SCRIPTS[name];
    const keys = name === "acquire" ? [this.key(host), this.key(host, "paused")] : [this.key(host, "paused")];
    let out: unknown;
    try {
      out = await this.o.redis.evalsha(s.sha, keys.length, ...keys, ...args);
    } catch (err) {
      // First use on this Redis (or after SCRIPT FLUSH): send the script itself once.
      if (!(err instanceof Error) || !err.message.startsWith("NOSCRIPT")) throw err;
      out = await this.o.redis.eval(s.lua, keys.length, ...keys, ...args);
    }
    return Array.isArray(out) ? out.map(Number) : [Number(out)];
  }
}
