// A second worker process for the polite-HTTP tests: wired from config the way src/app.ts wires a
// worker (plain client with our User-Agent → createPoliteHttp on the shared Redis), it fetches one URL
// a number of times on behalf of one source and reports what happened as one JSON line.
//
//   FETCH_URL=http://127.0.0.1:PORT/limited FETCH_COUNT=40 FETCH_CONCURRENCY=2 FETCH_RATE=6000 \
//   FETCH_NAME=a FETCH_WAIT_FOR_GO=1 REDIS_URL=… JOBSCOUT_QUEUE_PREFIX=… node --import tsx test/support/polite-fetcher.ts
//
// It prints `ready` once Redis and HTTP are warm; with FETCH_WAIT_FOR_GO it then waits for a line on
// stdin, so the test can start several processes at the same moment.
import { readFileSync } from "node:fs";
import { createInterface } from "node:readline";
import { Redis } from "ioredis";
import { loadConfig } from "../../src/config/config.js";
import { describeError } from "../../src/core/errors.js";
import { createHttpClient } from "../../src/pipeline/sources/http.js";
import { createPoliteHttp } from "../../src/pipeline/sources/polite-http.js";

// The version src/app.ts puts in the User-Agent; importing the app itself would add seconds of start-up.
const { version } = JSON.parse(readFileSync(new URL("../../package.json", import.meta.url), "utf8")) as {
  version: string;
};
const env = process.env;
const config = loadConfig(env);
const url = env.FETCH_URL ?? "";
const count = Number(env.FETCH_COUNT ?? "1");
const lanes = Number(env.FETCH_CONCURRENCY ?? "1");

const redis = new Redis(config.REDIS_URL ?? "redis://127.0.0.1:6379", { maxRetriesPerRequest: null });
const polite = createPoliteHttp({
  http: createHttpClient({
    userAgent: `jobscout/${version} (+${config.JOBSCOUT_CONTACT})`,
    timeoutMs: config.JOBSCOUT_FETCH_TIMEOUT_MS,
  }),
  redis,
  prefix: config.JOBSCOUT_QUEUE_PREFIX,
  hostRateLimits: config.JOBSCOUT_HOST_RATE_LIMITS,
  breakerFailures: config.JOBSCOUT_BREAKER_FAILURES,
  breakerCooldownMs: config.JOBSCOUT_BREAKER_COOLDOWN_MS,
});
const http = polite.forSource({
  id: env.FETCH_SOURCE ?? "test-source",
  displayName: "Test source",
  policy: { kind: "api", rateLimitPerMinute: Number(env.FETCH_RATE ?? "60"), terms: "test" },
});

// Warm the Redis connection and Node's fetch, so the first measured request is not a cold start.
await redis.ping();
await fetch(new URL("/warmup", url)).then((r) => r.text());
process.stdout.write("ready\n");
if (env.FETCH_WAIT_FOR_GO) {
  const lines = createInterface({ input: process.stdin });
  await new Promise<void>((resolve) => lines.once("line", () => resolve()));
  lines.close();
}

let next = 0;
let ok = 0;
const errors: string[] = [];
const lane = async () => {
  while (next < count) {
    next += 1;
    try {
      await http.getText(url, { headers: { "x-fetcher": env.FETCH_NAME ?? "?" } });
      ok += 1;
    } catch (err) {
      errors.push(describeError(err));
    }
  }
};
await Promise.all(Array.from({ length: lanes }, lane));
process.stdout.write(`${JSON.stringify({ ok, errors })}\n`);
await redis.quit();
