// What a source fetch sees of the per-host budget at its edges, on the real Redis: host names in any
// case share one budget, a request never goes out before its slot, the wait limits and their error
// messages, aborting a waiting request, Retry-After values that are zero or fractional, and a Redis
// that has just restarted (its script cache empty).
import { randomUUID } from "node:crypto";
import { Redis } from "ioredis";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { HostRateLimiter, HostThrottledError } from "../../src/pipeline/sources/rate-limiter.js";
import { eventually, redisForFile } from "../support/harness.js";
import { startPrivateRedis, type PrivateRedis } from "../support/private-redis.js";

const { prefix, redis: conn } = redisForFile();

const newHost = (name: string) => `${name}-${randomUUID().slice(0, 8)}.example`;
const slotKey = (host: string) => `${prefix}:ratelimit:${host}`;
const failure = (p: Promise<unknown>) =>
  p.then(
    () => undefined,
    (e: unknown) => e,
  );
/** The Redis clock in ms, the clock the limiter's slots are kept on. */
async function redisNowMs(): Promise<number> {
  const [s, us] = await conn().time();
  return Number(s) * 1000 + Math.floor(Number(us) / 1000);
}

describe("HostRateLimiter at its edges", () => {
  it("holds a host's pause whatever the case of its name", async () => {
    const host = newHost("case");
    const limiter = new HostRateLimiter({ redis: conn(), prefix });
    await limiter.pause(host.toUpperCase(), 30_000);
    expect(await limiter.pausedForMs(host)).toBeGreaterThan(25_000);
    expect(await conn().pttl(`${slotKey(host)}:paused`)).toBeGreaterThan(25_000);
  });

  it("sends the next request to a host no earlier than its slot", async () => {
    const host = newHost("slot");
    const limiter = new HostRateLimiter({ redis: conn(), prefix });
    await limiter.acquire(host, { perMinute: 60 });
    const secondSlot = Number(await conn().get(slotKey(host)));
    await limiter.acquire(host, { perMinute: 60 });
    // Node's timers may fire up to 1 ms before the ms they were set for.
    expect(await redisNowMs()).toBeGreaterThanOrEqual(secondSlot - 1);
  });

  it("reports 0 ms for a host that is not paused, records nothing for a Retry-After of 0 or less, and rounds a fractional one up", async () => {
    const host = newHost("retry-after");
    const limiter = new HostRateLimiter({ redis: conn(), prefix });
    expect(await limiter.pausedForMs(host)).toBe(0);
    await limiter.pause(host, 0);
    await limiter.pause(host, -1000);
    expect(await limiter.pausedForMs(host)).toBe(0);
    await limiter.pause(host, 20_000.25);
    const paused = await limiter.pausedForMs(host);
    expect(paused).toBeGreaterThan(15_000);
    expect(paused).toBeLessThanOrEqual(20_001);
  });

  it("fails a request at once when the host is paused beyond two minutes, the default wait limit", async () => {
    const host = newHost("default-wait");
    const limiter = new HostRateLimiter({ redis: conn(), prefix });
    await limiter.pause(host, 200_000);
    const err = await failure(limiter.acquire(host, { perMinute: 60 }));
    expect(err).toBeInstanceOf(HostThrottledError);
    const e = err as HostThrottledError;
    expect(e.retryAfterSeconds).toBeGreaterThan(190);
    expect(e.retryAfterSeconds).toBeLessThanOrEqual(200);
    expect(e.message).toMatch(
      new RegExp(
        `^${host.replace(/\./g, "\\.")} asked us to slow down \\(HTTP 429/503\\); paused until \\d\\d:\\d\\d:\\d\\d UTC$`,
      ),
    );
  });

  it("fails a request at once, naming the rate limit, when its slot is further away than it may wait", async () => {
    const host = newHost("queue");
    const limiter = new HostRateLimiter({ redis: conn(), prefix, maxWaitMs: 1000, headroom: 0 });
    await limiter.acquire(host, { perMinute: 6 }); // the next slot is 10 s away
    const err = await failure(limiter.acquire(host, { perMinute: 6 }));
    expect(err).toBeInstanceOf(HostThrottledError);
    const e = err as HostThrottledError;
    expect(e).toMatchObject({ code: "host_throttled", retryable: true });
    expect(e.retryAfterSeconds).toBeGreaterThanOrEqual(9);
    expect(e.retryAfterSeconds).toBeLessThanOrEqual(10);
    expect(e.message).toMatch(
      new RegExp(
        `^${host.replace(/\./g, "\\.")} has no free request slot before \\d\\d:\\d\\d:\\d\\d UTC \\(its rate limit or Crawl-delay\\)$`,
      ),
    );
    expect(e.userMessage).toBe(e.message);
  });

  it("rejects a request waiting for its slot when its fetch is aborted", async () => {
    const host = newHost("abort");
    const limiter = new HostRateLimiter({ redis: conn(), prefix });
    await limiter.acquire(host, { perMinute: 2 }); // the next slot is 33 s away
    const firstNext = Number(await conn().get(slotKey(host)));
    const ac = new AbortController();
    const waiting = failure(limiter.acquire(host, { perMinute: 2 }, ac.signal));
    await eventually(async () => Number(await conn().get(slotKey(host))) > firstNext, 5000, 5);
    ac.abort();
    expect(await waiting).toMatchObject({ name: "AbortError" });
    expect(await failure(limiter.acquire(host, { perMinute: 2 }, AbortSignal.abort()))).toMatchObject({
      name: "AbortError",
    });
  });

  it("rejects a request waiting out a pause when its fetch is aborted, and names the error in logs", async () => {
    const host = newHost("abort-paused");
    const limiter = new HostRateLimiter({ redis: conn(), prefix });
    await limiter.pause(host, 60_000);
    const ac = new AbortController();
    const waiting = failure(limiter.acquire(host, { perMinute: 60 }, ac.signal));
    ac.abort(); // before Redis has answered: the wait for the pause must see it
    expect(await waiting).toMatchObject({ name: "AbortError" });
    const short = new HostRateLimiter({ redis: conn(), prefix, maxWaitMs: 1000 });
    expect(await failure(short.acquire(host, { perMinute: 60 }))).toMatchObject({
      name: "HostThrottledError",
    });
  });

  it("waits out a short pause and then sends the request", async () => {
    const host = newHost("short-pause");
    const limiter = new HostRateLimiter({ redis: conn(), prefix });
    await limiter.pause(host, 300);
    await limiter.acquire(host, { perMinute: 60 });
    expect(await limiter.pausedForMs(host)).toBe(0);
    expect(Number(await conn().get(slotKey(host)))).toBeGreaterThan(0);
  });
});

describe("HostRateLimiter on a Redis that has just started", () => {
  let server: PrivateRedis;
  let fresh: Redis;
  beforeAll(async () => {
    server = await startPrivateRedis();
    fresh = new Redis(server.url);
  });
  afterAll(async () => {
    fresh.disconnect();
    await server.close();
  });

  it("spaces and pauses requests as before, loading its scripts into the new Redis", async () => {
    const limiter = new HostRateLimiter({ redis: fresh, prefix: "fresh" });
    await limiter.pause("paused.example", 30_000);
    expect(await limiter.pausedForMs("paused.example")).toBeGreaterThan(25_000);
    await limiter.acquire("jobs.example", { perMinute: 60 });
    expect(Number(await fresh.get("fresh:ratelimit:jobs.example"))).toBeGreaterThan(0);
  });
});
