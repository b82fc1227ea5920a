// Shared set-up for integration tests: a temp data dir, a unique queue prefix on the real Redis,
// the replay server standing in for the job sites, and cleanup of all of it.
import { randomUUID } from "node:crypto";
import { mkdtempSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { Redis } from "ioredis";
import { afterAll, beforeAll } from "vitest";
import { composeApp, type App, type AppOptions } from "../../src/compose/app.js";
import { loadConfig, type Config } from "../../src/config/config.js";
import { createLogger } from "../../src/core/logger.js";
import { AppError } from "../../src/core/errors.js";

export const REDIS_URL = process.env.TEST_REDIS_URL ?? "redis://127.0.0.1:6379";

export function tempDir(prefix = "jobscout-test-"): { dir: string; remove(): void } {
  const dir = mkdtempSync(path.join(os.tmpdir(), prefix));
  return { dir, remove: () => rmSync(dir, { recursive: true, force: true }) };
}

/** Environment for a test: its own data dir and queue prefix, sources pointed at `sourcesUrl`. */
export type TestEnv = Record<string, string> & { JOBSCOUT_QUEUE_PREFIX: string; JOBSCOUT_DATA_DIR: string };

export function testEnv(dataDir: string, sourcesUrl: string, extra: Record<string, string> = {}): TestEnv {
  return {
    JOBSCOUT_DATA_DIR: dataDir,
    REDIS_URL,
    JOBSCOUT_QUEUE_PREFIX: `test-${randomUUID().slice(0, 8)}`,
    ARBEITNOW_BASE_URL: sourcesUrl,
    BA_JOBSUCHE_BASE_URL: sourcesUrl,
    // The replay server is ours: the workers' per-host rate limit need not space requests for it as
    // for the real sites (Arbeitnow's declared 30/min would make every run take minutes).
    JOBSCOUT_HOST_RATE_LIMITS: `${new URL(sourcesUrl).host}=60000`,
    JOBSCOUT_JOB_ATTEMPTS: "2",
    JOBSCOUT_BACKOFF_MS: "50",
    JOBSCOUT_FETCH_TIMEOUT_MS: "3000",
    JOBSCOUT_RUN_WAIT_MS: "60000",
    JOBSCOUT_PROGRESS: "false",
    JOBSCOUT_LOG_LEVEL: "silent",
    ...extra,
  };
}

export function testConfig(env: Record<string, string>): Config {
  return loadConfig(env, env.JOBSCOUT_DATA_DIR);
}

export async function testApp(config: Config, opts: Partial<Omit<AppOptions, "config">> = {}): Promise<App> {
  return composeApp({ config, logger: createLogger("silent"), workers: true, ...opts });
}

/**
 * An app with its own data dir and queue prefix on the real Redis; closing it, dropping the prefix
 * and removing the dir are pushed onto `cleanups` (run them in reverse order after the test).
 */
export async function startTestApp(
  sourcesUrl: string,
  extra: Record<string, string>,
  cleanups: Array<() => Promise<void> | void>,
  opts: Partial<Omit<AppOptions, "config">> = {},
): Promise<App> {
  const tmp = tempDir();
  const env = testEnv(tmp.dir, sourcesUrl, extra);
  const app = await testApp(testConfig(env), opts);
  cleanups.push(
    tmp.remove,
    () => dropPrefix(env.JOBSCOUT_QUEUE_PREFIX),
    () => app.close(),
  );
  return app;
}

/** Delete every Redis key under a queue prefix. */
export async function dropPrefix(prefix: string): Promise<void> {
  const redis = new Redis(REDIS_URL);
  try {
    let cursor = "0";
    do {
      const [next, keys] = await redis.scan(cursor, "MATCH", `${prefix}:*`, "COUNT", 1000);
      cursor = next;
      if (keys.length > 0) await redis.del(...keys);
    } while (cursor !== "0");
  } finally {
    redis.disconnect();
  }
}

/** Poll until `check` returns a value (not undefined/false) or the time is up. */
export async function eventually<T>(
  check: () => Promise<T | undefined | false> | T | undefined | false,
  timeoutMs = 20_000,
  everyMs = 100,
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const v = await check();
    if (v !== undefined && v !== false) return v;
    if (Date.now() > deadline) throw new Error(`condition not met within ${timeoutMs} ms`);
    await new Promise((r) => setTimeout(r, everyMs));
  }
}

export const TEST_WORKSPACE = { workspaceId: "ws-test", userId: "u-test" };

/** A Redis connection and a unique key prefix for one test file; the keys are dropped afterwards. */
export function redisForFile(): { prefix: string; redis(): Redis } {
  const prefix = `test-${randomUUID().slice(0, 8)}`;
  let redis: Redis | undefined;
  beforeAll(() => {
    redis = new Redis(REDIS_URL);
  });
  afterAll(async () => {
    await dropPrefix(prefix);
    redis?.disconnect();
  });
  return {
    prefix,
    redis: () => {
      if (!redis) throw new Error("redisForFile: use it inside a test");
      return redis;
    },
  };
}

/** The error a promise rejects with, which must be one of jobscout's (the test fails when it resolves). */
export async function refusal(p: Promise<unknown>): Promise<AppError> {
  const err = await p.then(
    () => undefined,
    (e: unknown) => e,
  );
  if (!(err instanceof AppError)) throw new Error(`expected an AppError, got ${String(err)}`);
  return err;
}
