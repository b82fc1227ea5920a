// Stopping workers never waits forever on Redis. A graceful stop (SIGTERM) lets the jobs in hand
// finish, but BullMQ's Worker.close() waits for its blocking connection to end, and a connection
// waiting to reconnect to a Redis that is away never ends (BullMQ #2430, #4656): a worker process
// that was told to stop hung until killed. Seen as an afterEach that closed an app right after its
// Redis came back hanging 60 s (the workers' blocking connections were still reconnecting).
import type { Redis } from "ioredis";
import { Redis as IORedis } from "ioredis";
import { afterEach, describe, expect, it } from "vitest";
import { createLogger } from "../../src/core/logger.js";
import { startDigestWorkers } from "../../src/jobs/alerts/digest-worker.js";
import { connectRedis } from "../../src/pipeline/redis.js";
import { RedisOutage } from "../../src/pipeline/redis-outage.js";
import { eventually } from "../support/harness.js";
import { startPrivateRedis } from "../support/private-redis.js";

const cleanups: Array<() => unknown> = [];
afterEach(async () => {
  for (const c of cleanups.splice(0).reverse()) await c();
});

function capturingLogger() {
  const lines: Array<{ msg?: string; stopMs?: number; redis?: string }> = [];
  const logger = createLogger("info", {}, (line) => lines.push(JSON.parse(line) as (typeof lines)[number]));
  return { logger, messages: () => lines.map((l) => l.msg) };
}

describe("a graceful stop of the workers", () => {
  it("ends within its stop time when Redis went away, cutting the workers' connections, instead of waiting forever", async () => {
    const redis = await startPrivateRedis();
    cleanups.push(() => redis.close());
    const connection = connectRedis(redis.url);
    connection.on("error", () => undefined);
    cleanups.push(() => connection.disconnect());
    const log = capturingLogger();
    const workers = startDigestWorkers({
      connection,
      prefix: `stop-${process.pid}-${Date.now()}`,
      platforms: ["slack"],
      concurrency: 1,
      lockMs: 5000,
      logger: log.logger,
      process: () => Promise.resolve("posted" as const),
      stopMs: 300,
    });
    // The worker's blocking connection is a copy of the shared one.
    await eventually(
      () => connection.openCopies.length === 1 && connection.openCopies[0]?.status === "ready",
    );
    const blocking = connection.openCopies[0] as Redis;
    blocking.on("error", () => undefined);

    await redis.stop();
    await eventually(() => blocking.status === "reconnecting");
    // Graceful (the process has not noticed the outage): without a bound this never returns.
    await workers.close(false);

    expect(log.messages()).toContain(
      "workers did not stop in time: their connections are cut, jobs in hand go to another worker",
    );
    expect(connection.openCopies).toEqual([]);
  }, 30_000);
});

describe("a Redis outage", () => {
  it("lasts until every watched connection is back, a worker's blocking connection included", async () => {
    // Two servers so one connection can come back while the other still cannot.
    const first = await startPrivateRedis();
    cleanups.push(() => first.close());
    const second = await startPrivateRedis();
    cleanups.push(() => second.close());
    const log = capturingLogger();
    const outage = new RedisOutage({ logger: log.logger, where: "test" });
    const clients = [first, second].map((r) => {
      const c = new IORedis(r.url, { maxRetriesPerRequest: null, retryStrategy: () => 50 });
      c.on("error", () => undefined);
      cleanups.push(() => c.disconnect());
      return c;
    });
    const [shared, blocking] = clients as [IORedis, IORedis];
    outage.watch(shared, () => undefined);
    outage.watch(blocking);
    await eventually(() => shared.status === "ready" && blocking.status === "ready");
    expect(outage.down).toBe(false);

    await first.stop();
    await second.stop();
    await eventually(() => outage.down);

    let downWhenSharedBack: boolean | undefined;
    shared.once("ready", () => (downWhenSharedBack = outage.down));
    await first.start();
    await eventually(() => downWhenSharedBack !== undefined);
    expect(downWhenSharedBack).toBe(true);
    expect(blocking.status).not.toBe("ready");

    await second.start();
    await eventually(() => !outage.down);
    expect(blocking.status).toBe("ready");
    expect(log.messages()).toEqual(["redis unreachable", "redis reachable again"]);
  }, 30_000);
});
