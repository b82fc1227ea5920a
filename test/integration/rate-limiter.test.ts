// The per-host budget and pauses shared by every worker process, on the real Redis.
import { randomUUID } from "node:crypto";
import { describe, expect, it } from "vitest";
import { HostRateLimiter, HostThrottledError } from "../../src/pipeline/sources/rate-limiter.js";
import { eventually, redisForFile } from "../support/harness.js";

const { prefix, redis: conn } = redisForFile();

const slotKey = (host: string) => `${prefix}:ratelimit:${host}`;

describe("HostRateLimiter", () => {
  it("spaces requests by the budget with headroom and a Crawl-delay as a lower bound", () => {
    const limiter = new HostRateLimiter({ redis: conn(), prefix });
    expect(limiter.intervalMs({ perMinute: 60 })).toBe(1100);
    expect(limiter.intervalMs({ perMinute: 600, minIntervalMs: 5000 })).toBe(5500);
    expect(new HostRateLimiter({ redis: conn(), prefix, headroom: 0 }).intervalMs({ perMinute: 7 })).toBe(
      8572,
    );
  });

  it("makes a request that waits for its slot wait out a pause recorded meanwhile (a 429 seen by another process)", async () => {
    const host = `wait-${randomUUID().slice(0, 8)}.example`;
    const worker1 = new HostRateLimiter({ redis: conn(), prefix });
    const worker2 = new HostRateLimiter({ redis: conn(), prefix });
    const budget = { perMinute: 60 };
    await worker1.acquire(host, budget);
    const firstSlot = Number(await conn().get(slotKey(host)));
    let passedWhilePausedMs: number | undefined;
    const second = worker2.acquire(host, budget).then(async () => {
      passedWhilePausedMs = await worker2.pausedForMs(host);
    });
    // The second request has reserved the next slot and sleeps until it: now the host says 429.
    await eventually(async () => Number(await conn().get(slotKey(host))) > firstSlot, 5000, 5);
    await worker1.pause(host, 2500);
    expect(await worker1.pausedForMs(host)).toBeGreaterThan(2000);
    await second;
    expect(passedWhilePausedMs).toBe(0);
  });

  it("fails a request at once, retryably, when the pause is longer than it may wait", async () => {
    const host = `long-${randomUUID().slice(0, 8)}.example`;
    const limiter = new HostRateLimiter({ redis: conn(), prefix, maxWaitMs: 1000 });
    await limiter.pause(host, 60_000);
    await limiter.pause(host, 5_000); // a shorter pause never shortens the longer one
    expect(await limiter.pausedForMs(host)).toBeGreaterThan(50_000);
    const err = await limiter.acquire(host, { perMinute: 60 }).then(
      () => undefined,
      (e: unknown) => e,
    );
    expect(err).toBeInstanceOf(HostThrottledError);
    expect(err).toMatchObject({ code: "host_throttled", retryable: true });
    expect((err as HostThrottledError).retryAfterSeconds).toBeGreaterThan(50);
    expect((err as Error).message).toMatch(
      new RegExp(`^${host.replace(/\./g, "\\.")} asked us to slow down`),
    );
  });
});
