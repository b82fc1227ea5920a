// Digest schedules at scale: 10,000 saved searches all due in the same minute.
//
//   npx tsx bench/digests.bench.ts [--searches 10000] [--workers 3] [--concurrency 8]
//                                  [--jobs 100000] [--fresh 2000] [--digest-concurrency 4]
//
// Measures, against the real Redis (127.0.0.1:6379 or REDIS_URL) under a private prefix and a temp
// SQLite store: writing the saved searches; registering one BullMQ job scheduler each
// (`BullDigestSchedules.upsert`, cron + tz) and the Redis memory that costs per scheduler; the
// delivery claim in the store alone and with three claimants racing for every (search, due time);
// and the whole hand-off when every due job is promoted at once — `--workers` digest workers (each
// its own Redis connection) taking the jobs and claiming them, as the real processor does first —
// which counts posts that would happen twice (must be 0). Then (`--jobs` > 0, bench/digest-delivery.ts)
// the digests themselves: the same number of searches due at once against a store of `--jobs` indexed
// postings, built and posted to the Slack stand-in; time until all are posted, p95 per digest, and
// how many DMs got more than one post (must be 0).
import { randomUUID } from "node:crypto";
import { mkdtempSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { performance } from "node:perf_hooks";
import { Redis } from "ioredis";
import { fileURLToPath } from "node:url";
import { createLogger } from "../src/core/logger.js";
import { BullDigestSchedules } from "../src/jobs/alerts/digest-schedules.js";
import { startDigestWorkers } from "../src/jobs/alerts/digest-worker.js";
import type { SavedSearch } from "../src/jobs/alerts/saved-search.js";
import { connectRedis } from "../src/pipeline/redis.js";
import { openDb } from "../src/store/db.js";
import { DeliveriesRepo } from "../src/store/deliveries.repo.js";
import { SavedSearchesRepo } from "../src/store/saved-searches.repo.js";
import { benchDelivery } from "./digest-delivery.js";

function arg(name: string, dflt: number): number {
  const i = process.argv.indexOf(name);
  const v = i >= 0 ? Number(process.argv[i + 1]) : NaN;
  return Number.isFinite(v) && v > 0 ? v : dflt;
}

/** Run `fn` over `items` with at most `limit` in flight. */
async function pool<T>(items: readonly T[], limit: number, fn: (t: T) => Promise<unknown>): Promise<void> {
  let next = 0;
  await Promise.all(
    Array.from({ length: limit }, async () => {
      while (next < items.length) await fn(items[next++]!);
    }),
  );
}

async function usedMemory(redis: Redis): Promise<number> {
  const info = await redis.info("memory");
  return Number(/used_memory:(\d+)/.exec(info)?.[1] ?? 0);
}

async function keysUnder(redis: Redis, prefix: string, del = false): Promise<number> {
  let cursor = "0";
  let n = 0;
  do {
    const [c, keys] = await redis.scan(cursor, "MATCH", `${prefix}:*`, "COUNT", 1000);
    cursor = c;
    n += keys.length;
    if (del && keys.length > 0) await redis.del(...keys);
  } while (cursor !== "0");
  return n;
}

const rate = (n: number, ms: number) => `${Math.round((n / ms) * 1000).toLocaleString("en")}/s`;
const secs = (ms: number) => `${(ms / 1000).toFixed(2)} s`;

async function main(): Promise<void> {
  const n = arg("--searches", 10_000);
  const workerCount = arg("--workers", 3);
  const concurrency = arg("--concurrency", 8);
  const redisUrl = process.env.REDIS_URL ?? "redis://127.0.0.1:6379";
  const prefix = `bench-${randomUUID().slice(0, 8)}`;
  const dir = mkdtempSync(path.join(os.tmpdir(), "jobscout-digest-bench-"));
  const db = await openDb({ file: path.join(dir, "jobscout.sqlite") });
  const redis = new Redis(redisUrl);
  const searches = new SavedSearchesRepo(db);
  const deliveries = new DeliveriesRepo(db);
  const schedulesConnection = connectRedis(redisUrl);
  const schedules = new BullDigestSchedules({ connection: schedulesConnection, prefix });
  const rows: Array<[string, string]> = [];
  const out = (what: string, value: string) => {
    rows.push([what, value]);
    process.stdout.write(`${what}: ${value}\n`);
  };
  try {
    process.stdout.write(`${n} saved searches, all due at 09:00 Europe/Berlin; prefix ${prefix}\n`);
    let t = performance.now();
    const saved: SavedSearch[] = [];
    for (let i = 0; i < n; i++) {
      const { search } = await searches.upsert({
        workspaceId: `slack:T${i % 50}`,
        ownerId: `U${i}`,
        platform: "slack",
        name: `python in Berlin ${i}`,
        query: { keywords: "python", place: "Berlin", remote: "any" },
        schedule: { kind: "cron", pattern: "0 9 * * *" },
        tz: "Europe/Berlin",
        target: { kind: "dm" },
        whenEmpty: "skip",
        boundarySeq: 0,
      });
      saved.push(search);
    }
    out(
      "store: saved searches written (one at a time)",
      `${secs(performance.now() - t)} (${rate(n, performance.now() - t)})`,
    );

    const queue = schedules.queue("slack");
    await queue.waitUntilReady();
    const before = await usedMemory(redis);
    t = performance.now();
    await pool(saved, 50, (s) => schedules.upsert(s));
    const upsertMs = performance.now() - t;
    out(
      "schedulers registered (upsertJobScheduler, 50 in flight)",
      `${secs(upsertMs)} (${rate(n, upsertMs)})`,
    );
    const after = await usedMemory(redis);
    out(
      "Redis memory for them (used_memory after − before)",
      `${((after - before) / 1e6).toFixed(1)} MB, ${Math.round((after - before) / n)} bytes per scheduler`,
    );
    out("Redis keys under the prefix", String(await keysUnder(redis, prefix)));
    t = performance.now();
    await pool(saved, 50, (s) => schedules.upsert(s));
    out(
      "re-registering all at start-up (unchanged)",
      `${secs(performance.now() - t)} (${rate(n, performance.now() - t)})`,
    );
    out("delayed jobs held (one per scheduler)", String(await queue.getDelayedCount()));

    const due = "2026-12-07T08:00:00.000Z";
    t = performance.now();
    for (const s of saved) await deliveries.claim(s.id, due, "bench");
    out("claims, one claimant", `${secs(performance.now() - t)} (${rate(n, performance.now() - t)})`);
    const due2 = "2026-12-08T08:00:00.000Z";
    t = performance.now();
    // 100 deliveries at a time, each claimed by three claimants at once (as workers with a bounded
    // concurrency would race for them).
    let won = 0;
    for (let i = 0; i < saved.length; i += 100) {
      const results = await Promise.all(
        saved
          .slice(i, i + 100)
          .flatMap((s) => ["w1", "w2", "w3"].map((w) => deliveries.claim(s.id, due2, w))),
      );
      won += results.filter((r) => r === "claimed").length;
    }
    out(
      "claims, three claimants racing per delivery",
      `${secs(performance.now() - t)} (${rate(3 * n, performance.now() - t)} claim calls), ${won} won of ${n}`,
    );

    // Every due job at once: promoted (all waiting) before the workers start, so the next due
    // jobs the schedulers add while they work stay delayed; each worker claims first, as the
    // processor does. A delivery (search, due time) claimed twice would be a double post.
    t = performance.now();
    await queue.promoteJobs({ count: 1000 });
    out(
      "due jobs promoted (delayed → waiting)",
      `${secs(performance.now() - t)}; ${await queue.getWaitingCount()} waiting`,
    );
    const claimed = new Map<string, number>();
    let doubles = 0;
    let handled = 0;
    let allDone: () => void = () => undefined;
    const finished = new Promise<void>((r) => (allDone = r));
    const connections = Array.from({ length: workerCount }, () => connectRedis(redisUrl));
    t = performance.now();
    const workers = connections.map((connection, w) =>
      startDigestWorkers({
        connection,
        prefix,
        platforms: ["slack"],
        concurrency,
        lockMs: 30_000,
        logger: createLogger("silent"),
        process: async ({ searchId, dueAt }) => {
          const claim = await deliveries.claim(searchId, dueAt, `worker-${w}`);
          if (claim !== "claimed") return "already";
          const key = `${searchId} ${dueAt}`;
          claimed.set(key, (claimed.get(key) ?? 0) + 1);
          if ((claimed.get(key) ?? 0) > 1) doubles++;
          await deliveries.finish(searchId, dueAt, "posted", { jobs: 0 });
          return "posted";
        },
        onDone: () => {
          if (++handled === n) allDone();
        },
      }),
    );
    await finished;
    const handMs = performance.now() - t;
    out(
      `due jobs handled by ${workerCount} workers × ${concurrency} (claim + finish, no digest built)`,
      `${secs(handMs)} (${rate(n, handMs)}), ${claimed.size} deliveries, ${doubles} claimed twice`,
    );
    await Promise.all(workers.map((w) => w.close()));
    for (const c of connections) c.disconnect();
    out("next due jobs held afterwards", String(await queue.getDelayedCount()));
    const jobs = arg("--jobs", 100_000);
    if (!process.argv.includes("--no-delivery"))
      await benchDelivery({
        db,
        dir,
        dataDir: path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../../shared/data/jobs"),
        redisUrl,
        prefix: `${prefix}-delivery`,
        searches: n,
        jobs,
        fresh: arg("--fresh", 2000),
        workers: workerCount,
        concurrency: arg("--digest-concurrency", 4),
        out,
      });
    process.stdout.write(
      `\n| what | value |\n|---|---|\n${rows.map(([a, b]) => `| ${a} | ${b} |`).join("\n")}\n`,
    );
  } finally {
    await schedules.close();
    schedulesConnection.disconnect();
    await keysUnder(redis, prefix, true);
    await keysUnder(redis, `${prefix}-delivery`, true);
    redis.disconnect();
    await db.close();
    rmSync(dir, { recursive: true, force: true });
  }
}

await main();
