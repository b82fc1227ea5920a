// Polite HTTP benchmark: what respectful fetching costs per request, what conditional GET saves, and
// the rate a host actually sees under a budget.
//
//   npx tsx bench/polite-http.bench.ts [--requests 200]
//
// Serves the real 100-posting Arbeitnow page (test/fixtures, 497 KB) from a local server; needs Redis
// on 127.0.0.1:6379 (or TEST_REDIS_URL).
import { readFileSync } from "node:fs";
import http from "node:http";
import type { AddressInfo } from "node:net";
import { performance } from "node:perf_hooks";
import { Redis } from "ioredis";
import { createHttpClient, type HttpClient } from "../src/pipeline/sources/http.js";
import { createPoliteHttp } from "../src/pipeline/sources/polite-http.js";
import { HostRateLimiter } from "../src/pipeline/sources/rate-limiter.js";
import { dropPrefix, REDIS_URL } from "../test/support/harness.js";

const arg = (name: string, dflt: number) => {
  const i = process.argv.indexOf(name);
  return i >= 0 ? Number(process.argv[i + 1]) : dflt;
};
const N = arg("--requests", 200);
const BODY = readFileSync(
  new URL("../test/fixtures/job-sources/arbeitnow/job-board-api-data-100.json", import.meta.url),
  "utf8",
);
const ETAG = '"page-1"';

let bytesSent = 0;
const arrivals: number[] = [];
const server = http.createServer((req, res) => {
  arrivals.push(performance.now());
  if (req.url?.startsWith("/etag") && req.headers["if-none-match"] === ETAG) {
    res.writeHead(304, { etag: ETAG }).end();
    return;
  }
  const headers: Record<string, string> = { "content-type": "application/json" };
  if (req.url?.startsWith("/etag")) headers.etag = ETAG;
  bytesSent += Buffer.byteLength(BODY);
  res.writeHead(200, headers).end(BODY);
});
await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
const host = new URL(base).host;

const prefix = `bench-polite-${process.pid}`;
const redis = new Redis(REDIS_URL, { maxRetriesPerRequest: null });
const plain = createHttpClient({ userAgent: "jobscout-bench/0.1 (+bench)", timeoutMs: 10_000 });
const src = (rate: number) => ({
  id: "bench",
  displayName: "Bench",
  policy: { kind: "api" as const, rateLimitPerMinute: rate, terms: "bench" },
});

const pct = (xs: number[], p: number) => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.floor((p / 100) * s.length))] ?? NaN;
};
const fmt = (x: number) => x.toFixed(3);

async function timeEach(n: number, fn: (i: number) => Promise<unknown>): Promise<number[]> {
  const out: number[] = [];
  for (let i = 0; i < n; i++) {
    const t = performance.now();
    await fn(i);
    out.push(performance.now() - t);
  }
  return out;
}

try {
  // 1. One slot reservation: a Lua script round trip, on a host with nothing to wait for.
  const limiter = new HostRateLimiter({ redis, prefix, headroom: 0 });
  await limiter.acquire("warm", { perMinute: 60_000 });
  const acquire = await timeEach(N * 10, (i) => limiter.acquire(`h${i}`, { perMinute: 60 }));

  // 2. A whole request through the polite client vs the plain one (budget high enough to never wait).
  const fast = createPoliteHttp({
    http: plain,
    redis,
    prefix,
    hostRateLimits: { [host]: 60_000 },
    headroom: 0,
    breakerFailures: 5,
    breakerCooldownMs: 60_000,
    conditionalGet: false,
  }).forSource(src(60_000));
  const get = (c: HttpClient, path: string) => () => c.getText(`${base}${path}`);
  // Interleaved, after a warm-up of both, so neither profits from going second (JIT, sockets, GC).
  await timeEach(20, get(plain, "/plain"));
  await timeEach(20, get(fast, "/plain"));
  const plainMs: number[] = [];
  const politeMs: number[] = [];
  const pingMs: number[] = [];
  for (let i = 0; i < N; i++) {
    plainMs.push(...(await timeEach(1, get(plain, "/plain"))));
    politeMs.push(...(await timeEach(1, get(fast, "/plain"))));
    plainMs.push(...(await timeEach(1, get(plain, "/plain"))));
    // What the polite client adds is one Redis round trip (the slot's EVALSHA) after an HTTP request,
    // so time exactly that: a PING after the same gap.
    pingMs.push(...(await timeEach(1, () => redis.ping())));
  }

  // 3. Conditional GET: the first answer is kept (gzip + Redis); later ones are 304 + cache read.
  const cond = createPoliteHttp({
    http: plain,
    redis,
    prefix,
    hostRateLimits: { [host]: 60_000 },
    headroom: 0,
    breakerFailures: 5,
    breakerCooldownMs: 60_000,
  }).forSource(src(60_000));
  const firstMs = await timeEach(1, get(cond, "/etag"));
  bytesSent = 0;
  const revalidateMs = await timeEach(N, get(cond, "/etag"));
  const bytes304 = bytesSent;
  const stored = await redis.memory("USAGE", (await redis.keys(`${prefix}:httpcache:*`))[0] ?? "none");

  // 4. The rate a host sees: budget 1,200/min, four requests in flight at a time.
  const budget = 1200;
  const limited = createPoliteHttp({
    http: plain,
    redis,
    prefix: `${prefix}-rate`,
    breakerFailures: 5,
    breakerCooldownMs: 60_000,
    conditionalGet: false,
  }).forSource(src(budget));
  arrivals.length = 0;
  let next = 0;
  const lanes = Array.from({ length: 4 }, async () => {
    while (next++ < 100) await limited.getText(`${base}/rate`);
  });
  await Promise.all(lanes);
  const span = (arrivals.at(-1)! - arrivals[0]!) / 60_000;
  const seen = (arrivals.length - 1) / span;

  const row = (label: string, xs: number[], extra = "") =>
    `${label.padEnd(34)} p50 ${fmt(pct(xs, 50))} ms  p99 ${fmt(pct(xs, 99))} ms${extra}`;
  const kib = (Buffer.byteLength(BODY) / 1024).toFixed(0);
  console.log(
    [
      `polite-http bench — ${N} requests per figure, body ${kib} KiB`,
      row("slot reservation (Lua, no wait)", acquire),
      row("GET, plain client", plainMs),
      row("GET, polite client (no wait)", politeMs),
      row("Redis PING after a plain GET", pingMs),
      `${"conditional GET, first 200 + store".padEnd(34)} ${fmt(firstMs[0]!)} ms; Redis entry ${stored ?? "?"} bytes (gzip)`,
      row("conditional GET, 304 + cache read", revalidateMs, `; body bytes sent ${bytes304}`),
      `${"rate seen by the host".padEnd(34)} ${seen.toFixed(0)}/min for a budget of ${budget}/min (${((seen / budget) * 100).toFixed(1)}%)`,
    ].join("\n"),
  );
} finally {
  redis.disconnect();
  await dropPrefix(prefix);
  await dropPrefix(`${prefix}-rate`);
  server.close();
}
