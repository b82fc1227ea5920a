// The digests themselves at scale: a store of `jobs` indexed postings (bench/search-corpus.ts), the
// last `fresh` of them new since every saved search's boundary, and `searches` saved searches all due
// at once, each built by the real DigestBuilder (one filtered hybrid search) and posted by the real
// Slack poster (conversations.open + chat.postMessage) to the Slack stand-in, through BullMQ digest
// workers and the store's claim — the same processor a `jobscout worker` runs.
import path from "node:path";
import { performance } from "node:perf_hooks";
import { createLogger } from "../src/core/logger.js";
import { createSlackDigestPoster } from "../src/bot/slack/digest-poster.js";
import { DigestBuilder } from "../src/jobs/alerts/digest-builder.js";
import { BullDigestSchedules } from "../src/jobs/alerts/digest-schedules.js";
import { startDigestWorkers } from "../src/jobs/alerts/digest-worker.js";
import type { SavedSearch } from "../src/jobs/alerts/saved-search.js";
import { connectRedis } from "../src/pipeline/redis.js";
import { createDigestProcessor } from "../src/pipeline/processors/digest.processor.js";
import { embedderKey, postingText } from "../src/search/embedder.js";
import { Facets } from "../src/search/facets.js";
import { HashingEmbedder } from "../src/search/hashing.embedder.js";
import { IndexSync } from "../src/search/index-sync.js";
import { SearchService } from "../src/search/search.service.js";
import type { Db } from "../src/store/db.js";
import { DeliveriesRepo } from "../src/store/deliveries.repo.js";
import { JobsRepo } from "../src/store/jobs.repo.js";
import { SavedSearchesRepo } from "../src/store/saved-searches.repo.js";
import { VectorsRepo } from "../src/store/vectors.repo.js";
import { startSlackServer } from "../test/support/slack-server.js";
import { buildCorpus, CITIES } from "./search-corpus.js";

/** What the delivery phase needs from the bench around it. */
export interface DeliveryBenchOptions {
  db: Db;
  dir: string;
  dataDir: string;
  redisUrl: string;
  /** A key prefix of its own (dropped by the caller afterwards). */
  prefix: string;
  searches: number;
  jobs: number;
  fresh: number;
  workers: number;
  concurrency: number;
  out(what: string, value: string): void;
}

const KEYWORDS = ["python", "Pflege", "Softwareentwickler", "security", "Kaufmann", "Data Engineer", ""];
const secs = (ms: number) => `${(ms / 1000).toFixed(2)} s`;
const pct = (sorted: number[], p: number) =>
  sorted[Math.min(sorted.length - 1, Math.floor(sorted.length * p))] ?? 0;

export async function benchDelivery(o: DeliveryBenchOptions): Promise<void> {
  const now = Date.parse("2026-12-07T07:00:00Z");
  let t = performance.now();
  const corpus = buildCorpus(o.jobs, o.dataDir, now);
  const jobs = new JobsRepo(o.db);
  const vectors = new VectorsRepo(o.db);
  const embedder = new HashingEmbedder({ dim: 384 });
  const key = embedderKey(embedder);
  const nowIso = new Date(now).toISOString();
  const ids = await jobs.transaction(async (tx) => {
    const made: number[] = [];
    for (const p of corpus.postings) {
      const id = await tx.insert(p, null, nowIso);
      for (const ref of p.sources) await tx.addSourceRef(id, ref, null, nowIso);
      made.push(id);
    }
    return made;
  });
  for (let i = 0; i < ids.length; i += 5000) {
    await vectors.put(
      key,
      ids.slice(i, i + 5000).map((jobId, j) => ({
        jobId,
        contentHash: "h",
        vector: embedder.embedOne(postingText(corpus.postings[i + j]!)),
      })),
    );
  }
  o.out(
    `store: ${o.jobs.toLocaleString("en")} jobs written and embedded (${corpus.source})`,
    secs(performance.now() - t),
  );
  t = performance.now();
  const sync = new IndexSync({
    vectors,
    embedderKey: key,
    dim: embedder.dim,
    dir: path.join(o.dir, "index"),
    hnsw: { M: 16, efConstruction: 200, ef: 320 },
  });
  await sync.open();
  const search = new SearchService({
    db: o.db,
    jobs,
    embedder,
    sync,
    facets: new Facets(jobs),
    now: () => new Date(now),
  });
  await search.refresh();
  await search.search({ text: "warm up", limit: 10 });
  o.out("hnsw index built (M 16, efC 200) and search warmed up", secs(performance.now() - t));

  // Every search's boundary sits before the last `fresh` jobs: those are what its digest may show.
  const deliveries = new DeliveriesRepo(o.db);
  const boundary = (await deliveries.latestSeq(key)) - o.fresh;
  const repo = new SavedSearchesRepo(o.db);
  const users = Array.from({ length: o.searches }, (_, i) => ({ id: `UD${i}`, name: `user${i}` }));
  const slack = await startSlackServer({ users });
  const saved: SavedSearch[] = [];
  for (let i = 0; i < o.searches; i++) {
    const city = CITIES[i % CITIES.length]!;
    const { search: s } = await repo.upsert({
      workspaceId: "slack:TBENCH",
      ownerId: `UD${i}`,
      platform: "slack",
      name: `alert ${i}`,
      query: {
        keywords: KEYWORDS[i % KEYWORDS.length]!,
        ...(i % 3 === 0 ? {} : { place: city.city, radiusKm: 25 + (i % 4) * 25 }),
        remote: i % 5 === 0 ? "remote_ok" : "any",
      },
      schedule: { kind: "cron", pattern: "0 8 * * *" },
      tz: "Europe/Berlin",
      target: { kind: "dm" },
      whenEmpty: "notice",
      boundarySeq: boundary,
    });
    saved.push(s);
  }
  const schedulesConnection = connectRedis(o.redisUrl);
  const schedules = new BullDigestSchedules({ connection: schedulesConnection, prefix: o.prefix });
  const queue = schedules.queue("slack");
  for (let i = 0; i < saved.length; i += 50)
    await Promise.all(saved.slice(i, i + 50).map((s) => schedules.upsert(s)));
  await queue.promoteJobs({ count: 1000 });
  o.out("due jobs waiting when the workers start", String(await queue.getWaitingCount()));

  const logger = createLogger("silent");
  const builder = new DigestBuilder({
    deliveries,
    search,
    resolvePlace: (name) => {
      const c = CITIES.find((x) => x.city === name);
      return c ? { name, lat: c.lat, lon: c.lon } : undefined;
    },
    latestRuns: () => Promise.resolve([]),
    embedderKey: key,
    maxJobs: 10,
    perCompany: 2,
  });
  const poster = createSlackDigestPoster({ token: slack.botToken, apiUrl: slack.apiUrl, logger });
  const processor = createDigestProcessor({
    searches: repo,
    deliveries,
    builder,
    posterFor: () => poster,
    pauseGone: () => Promise.resolve(),
    languageOf: () => Promise.resolve("en"),
    workerId: "bench",
    logger,
  });
  const took: number[] = [];
  const outcomes = new Map<string, number>();
  let handled = 0;
  let allDone: () => void = () => undefined;
  const finished = new Promise<void>((r) => (allDone = r));
  const connections = Array.from({ length: o.workers }, () => connectRedis(o.redisUrl));
  t = performance.now();
  const workers = connections.map((connection) =>
    startDigestWorkers({
      connection,
      prefix: o.prefix,
      platforms: ["slack"],
      concurrency: o.concurrency,
      lockMs: 120_000,
      logger,
      process: async (payload) => {
        const start = performance.now();
        const outcome = await processor(payload);
        took.push(performance.now() - start);
        return outcome;
      },
      onDone: (_id, outcome) => {
        outcomes.set(outcome, (outcomes.get(outcome) ?? 0) + 1);
        if (++handled === o.searches) allDone();
      },
    }),
  );
  await finished;
  const allMs = performance.now() - t;
  await Promise.all(workers.map((w) => w.close()));
  for (const c of connections) c.disconnect();

  const posts = slack.callsTo("chat.postMessage").filter((c) => c.response.ok === true);
  const perChannel = new Map<string, number>();
  for (const p of posts)
    perChannel.set(String(p.args.channel), (perChannel.get(String(p.args.channel)) ?? 0) + 1);
  const twice = [...perChannel.values()].filter((n) => n > 1).length;
  const withJobs = posts.filter((p) => String(p.args.text).startsWith("New for your alert")).length;
  const sorted = [...took].sort((a, b) => a - b);
  o.out(
    `all ${o.searches.toLocaleString("en")} digests built and posted (${o.workers} workers × ${o.concurrency}, one process)`,
    `${secs(allMs)} (${Math.round((o.searches / allMs) * 60_000).toLocaleString("en")} digests/min)`,
  );
  o.out(
    "per digest (claim + search + post), p50 / p95 / max",
    `${Math.round(pct(sorted, 0.5))} / ${Math.round(pct(sorted, 0.95))} / ${Math.round(sorted.at(-1) ?? 0)} ms`,
  );
  o.out(
    "exactly once: DMs posted / DMs with two posts / outcomes",
    `${perChannel.size} / ${twice} / ${[...outcomes].map(([k, v]) => `${k} ${v}`).join(", ")}; ${withJobs} with jobs, ${posts.length - withJobs} "nothing new"`,
  );
  o.out("Slack rejections (invalid blocks, too long)", String(slack.rejected.length));
  await slack.close();
  await schedules.close();
  schedulesConnection.disconnect();
}
