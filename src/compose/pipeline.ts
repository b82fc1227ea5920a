import { existsSync } from "node:fs";
import path from "node:path";
import type { Redis } from "ioredis";
import type { Config } from "../config/config.js";
import type { Logger } from "../core/logger.js";
import { claimQueuePrefix, withInstallationPrefix } from "../pipeline/installation-prefix.js";
import { RedisOutage } from "../pipeline/redis-outage.js";
import {
  connectProducer,
  connectRedis,
  ensureRedis,
  redactRedisUrl,
  type RedisHandle,
} from "../pipeline/redis.js";
import { BullRunQueue } from "../pipeline/run-queue.js";
import { RunService } from "../pipeline/run-service.js";
import type { SourceCatalog } from "../pipeline/sources/catalog.js";
import type { OutboundPolicy, ResolveHost } from "../pipeline/sources/outbound-policy.js";
import { createImportSource } from "../pipeline/sources/import.source.js";
import { createSourceCatalog, outboundPolicyFor } from "../pipeline/sources/registry.js";
import type { SourceAdapter } from "../pipeline/sources/source.js";
import { startPipelineWorkers } from "../pipeline/workers.js";
import type { Db } from "../store/db.js";
import { composeHttp } from "./http.js";
import type { Closers } from "./lifecycle.js";
import { composeIndex, type IndexParts } from "./search.js";
import { composeProfiles, composeProfileWorkers, type ProfileParts } from "./profiles.js";
import { composeStore, type Store } from "./store.js";

/** Every fetchable source: the catalog (built-in APIs, tracked boards and feeds) plus `import`. */
export interface SourceParts {
  catalog: SourceCatalog;
  /** Adapter by source key as a workspace sees it: the catalog plus `import`. */
  sources: { get(key: string, workspaceId: string): Promise<SourceAdapter | undefined> };
  /** What tracked sources may fetch: no private networks unless the operator configured or allowed them. */
  outbound: OutboundPolicy;
}

/** The source catalog, seeded from `sources.yaml` when there is one. Needs the store only. */
export async function composeSources(
  config: Config,
  logger: Logger,
  db: Db,
  /** Name resolution for tracked sources' fetches; tests map public-looking names to private addresses. */
  resolveHost?: ResolveHost,
): Promise<SourceParts> {
  const catalog = createSourceCatalog(config, db);
  const seedFile = config.JOBSCOUT_SOURCES_FILE ?? path.join(config.dataDir, "sources.yaml");
  if (config.JOBSCOUT_SOURCES_FILE || existsSync(seedFile)) {
    // The YAML parser is loaded only when there is a file to read.
    const { seedSourcesFromYaml } = await import("../pipeline/sources/seed.js");
    const seeded = await seedSourcesFromYaml(catalog, path.resolve(seedFile));
    logger.info("seeded sources", { file: seedFile, sources: seeded.length });
  }
  const importSource = createImportSource();
  return {
    catalog,
    sources: {
      get: async (key: string, workspaceId: string) =>
        key === importSource.id ? importSource : catalog.get(key, workspaceId),
    },
    outbound: outboundPolicyFor(config, resolveHost),
  };
}

/** Redis, the run queue on it, and the service that starts and follows runs. */
export interface QueueParts {
  redis: RedisHandle;
  /** Shared Redis connection (BullMQ producer, rate limits, "already handled" marks of platform events). */
  connection: Redis;
  /** This installation's Redis key prefix (`JOBSCOUT_QUEUE_PREFIX`, or derived from the store). */
  queuePrefix: string;
  /** Whether Redis is reachable; every connection reports here, so an outage is logged once. */
  outage: RedisOutage;
  runService: RunService;
}

/**
 * Redis (`REDIS_URL`, the local one, or a private server) and the BullMQ run queue, under the
 * installation's prefix (`config` is the one {@link withInstallationPrefix} returned).
 */
export async function composeQueue(
  config: Config,
  logger: Logger,
  store: Store,
  sources: SourceParts,
  closers: Closers,
): Promise<QueueParts> {
  const redis = await ensureRedis({ url: config.REDIS_URL, dataDir: config.dataDir, logger });
  closers.add(() => redis.stop());
  const where = redactRedisUrl(redis.url);
  const outage = new RedisOutage({ logger, where });
  const connection = connectRedis(redis.url);
  const producer = connectProducer(redis.url);
  for (const client of [connection, producer]) {
    outage.watch(client, (err) => logger.warn("redis connection error", { error: String(err) }));
    closers.add(() => closeRedis(client));
  }
  // Each worker's blocking connection is a copy of `connection`: an outage lasts until they are back too.
  connection.onCopy((copy) => outage.watch(copy));
  await claimQueuePrefix(connection, config.JOBSCOUT_QUEUE_PREFIX, await store.installation.id());
  const queue = new BullRunQueue({
    connection: producer,
    where,
    timeoutMs: Math.max(1000, Math.min(config.JOBSCOUT_RUN_WAIT_MS, 10_000)),
    prefix: config.JOBSCOUT_QUEUE_PREFIX,
    attempts: config.JOBSCOUT_JOB_ATTEMPTS,
    backoffMs: config.JOBSCOUT_BACKOFF_MS,
  });
  closers.add(() => queue.close());
  const runService = new RunService({
    runs: store.runs,
    items: store.items,
    queue,
    sources: sources.catalog,
    maxActivePerWorkspace: config.JOBSCOUT_MAX_ACTIVE_RUNS,
  });
  // Runs whose jobs a Redis restart lost are failed with the reason: now, and whenever Redis is back.
  const reconcile = () =>
    runService
      .reconcileOrphans()
      .then((ids) => {
        if (ids.length > 0) logger.warn("runs lost by the job queue failed", { runs: ids });
      })
      .catch((err: unknown) =>
        outage.report(err, () => logger.warn("reconciling runs failed", { error: String(err) })),
      );
  connection.on("ready", () => void reconcile());
  await reconcile();
  return { redis, connection, queuePrefix: config.JOBSCOUT_QUEUE_PREFIX, outage, runService };
}

/** Close a Redis client; while Redis is away `quit` would wait for it, so disconnect instead. */
async function closeRedis(client: Redis): Promise<void> {
  if (client.status !== "ready") {
    client.disconnect();
    return;
  }
  await client.quit().catch(() => client.disconnect());
}

/** What every role that starts or runs runs holds: the store, the index, the sources, the queue. */
export interface RunParts {
  /** The config with the installation's queue prefix: what everything composed after the store uses. */
  config: Config;
  store: Store;
  index: IndexParts;
  sources: SourceParts;
  queue: QueueParts;
  profiles: ProfileParts;
}

export async function composeRunParts(
  base: Config,
  logger: Logger,
  closers: Closers,
  resolveHost?: ResolveHost,
): Promise<RunParts> {
  const store = await composeStore(base, closers);
  const config = withInstallationPrefix(base, await store.installation.id());
  const index = await composeIndex(config, logger, store, closers);
  const sources = await composeSources(config, logger, store.db, resolveHost);
  const queue = await composeQueue(config, logger, store, sources, closers);
  const profiles = await composeProfiles(config, logger, store, index.embedder, queue.connection, closers);
  return { config, store, index, sources, queue, profiles };
}

/** One BullMQ worker per stage with polite HTTP; closed (finishing jobs in hand) on shutdown. */
export function composeWorkers(
  logger: Logger,
  parts: RunParts,
  closers: Closers,
  /** Called after the index stage added jobs, so this process's search sees them at once. */
  onIndexed?: (jobIds: readonly number[]) => Promise<void> | void,
): void {
  const { config, store, index, sources, queue, profiles } = parts;
  const { http, polite, unwatch } = composeHttp(config, logger, queue.connection, sources.outbound);
  closers.add(() => Promise.resolve(unwatch()));
  const workers = startPipelineWorkers({
    connection: queue.connection,
    prefix: config.JOBSCOUT_QUEUE_PREFIX,
    concurrency: config.JOBSCOUT_WORKER_CONCURRENCY,
    lockMs: config.JOBSCOUT_LOCK_MS,
    stopMs: config.JOBSCOUT_WORKER_STOP_MS,
    backoffMs: config.JOBSCOUT_BACKOFF_MS,
    maxRetryWaitMs: config.JOBSCOUT_MAX_RETRY_WAIT_MS,
    logger: logger.child({ role: "worker" }),
    outage: queue.outage,
    services: {
      runs: store.runs,
      items: store.items,
      jobs: store.jobs,
      vectors: store.vectors,
      sources: sources.sources,
      http,
      httpFor: polite.forSource,
      embedder: index.embedder,
      index: index.index,
      maxPages: config.JOBSCOUT_FETCH_MAX_PAGES,
      sourceDeadlineMs: config.JOBSCOUT_SOURCE_DEADLINE_MS,
      maxItemsPerPage: config.JOBSCOUT_FETCH_MAX_ITEMS,
      onIndexed,
      evaluate: profiles.profileQueue,
    },
  });
  closers.add(() => workers.close(queue.outage.down));
  composeProfileWorkers(config, logger, store, profiles, queue, closers);
}
