// How jobscout finds Redis on a machine that has none running: a private redis-server in the data
// dir, reused by other processes, or a message saying what to install.
import { existsSync, readFileSync } from "node:fs";
import path from "node:path";
import { Redis } from "ioredis";
import { afterEach, describe, expect, it } from "vitest";
import { createLogger } from "../../src/core/logger.js";
import { ensureRedis, type RedisHandle } from "../../src/pipeline/redis.js";
import { deadPort } from "../support/dead-port.js";
import { tempDir } from "../support/harness.js";

const logger = createLogger("silent");
const cleanups: Array<() => Promise<void> | void> = [];
afterEach(async () => {
  for (const c of cleanups.splice(0).reverse()) await c();
});

async function ping(url: string): Promise<string> {
  const r = new Redis(url, { lazyConnect: true, maxRetriesPerRequest: 0, retryStrategy: () => null });
  r.on("error", () => undefined);
  try {
    await r.connect();
    return await r.ping();
  } finally {
    r.disconnect();
  }
}

describe("ensureRedis", () => {
  it("starts a private redis-server with its files in the data dir, which another process reuses", async () => {
    const tmp = tempDir();
    cleanups.push(tmp.remove);
    const first: RedisHandle = await ensureRedis({
      url: undefined,
      dataDir: tmp.dir,
      logger,
      skipDefaultPort: true,
    });
    cleanups.push(() => first.stop());
    expect(first.origin).toBe("embedded");
    expect(await ping(first.url)).toBe("PONG");
    const port = readFileSync(path.join(tmp.dir, "redis", "port"), "utf8");
    expect(first.url).toBe(`redis://127.0.0.1:${port}`);

    const second = await ensureRedis({ url: undefined, dataDir: tmp.dir, logger, skipDefaultPort: true });
    expect(second.url).toBe(first.url);

    // Queued work survives a restart: the private server keeps an append-only file in the data dir.
    const r = new Redis(first.url);
    await r.set("jobscout-test-key", "kept");
    await r.quit();
    await first.stop();
    const aof = ["appendonlydir", "appendonly.aof"].map((f) => path.join(tmp.dir, "redis", f)); // Redis 7 / 6
    expect(aof.some((f) => existsSync(f))).toBe(true);
    const again = await ensureRedis({ url: undefined, dataDir: tmp.dir, logger, skipDefaultPort: true });
    cleanups.push(() => again.stop());
    const r2 = new Redis(again.url);
    expect(await r2.get("jobscout-test-key")).toBe("kept");
    await r2.quit();
  });

  it("says what to install when there is no Redis and no redis-server", async () => {
    const tmp = tempDir();
    cleanups.push(tmp.remove);
    await expect(
      ensureRedis({
        url: undefined,
        dataDir: tmp.dir,
        logger,
        skipDefaultPort: true,
        redisServerBin: "/nonexistent/redis-server",
      }),
    ).rejects.toThrow(
      /needs Redis[\s\S]*apt-get install redis-server[\s\S]*brew install redis[\s\S]*REDIS_URL/,
    );
  });

  it("names REDIS_URL when nothing answers there", async () => {
    const tmp = tempDir();
    const dead = await deadPort();
    cleanups.push(tmp.remove, () => dead.close());
    await expect(
      ensureRedis({ url: `redis://:secret@127.0.0.1:${dead.port}`, dataDir: tmp.dir, logger }),
    ).rejects.toThrow(
      new RegExp(`REDIS_URL is set to redis://:\\*\\*\\*@127\\.0\\.0\\.1:${dead.port}.* nothing answers`),
    );
  });
});
