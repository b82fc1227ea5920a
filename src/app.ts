import { existsSync } from "node:fs";
import path from "node:path";
import type { BaseChatModel } from "@langchain/core/language_models/chat_models";
import type { Redis } from "ioredis";
import { ChatService } from "./bot/chat-service.js";
import { createJobAgent, type JobAgent } from "./agents/agent.js";
import { createChatModel } from "./agents/model.js";
import { createPlaceLookup } from "./agents/place-lookup.js";
import { loadPrompt } from "./agents/prompts.js";
import type { Config } from "./config/config.js";
import type { Logger } from "./core/logger.js";
import { connectRedis, ensureRedis, type RedisHandle } from "./pipeline/redis.js";
import { BullRunQueue } from "./pipeline/run-queue.js";
import { RunService } from "./pipeline/run-service.js";
import { createHttpClient } from "./pipeline/sources/http.js";
import { createPoliteHttp } from "./pipeline/sources/polite-http.js";
import { createImportSource } from "./pipeline/sources/import.source.js";
import { resolvePlace } from "./pipeline/sources/geo.js";
import { createSourceCatalog } from "./pipeline/sources/registry.js";
import type { SourceCatalog } from "./pipeline/sources/catalog.js";
import { seedSourcesFromYaml } from "./pipeline/sources/seed.js";
import type { SourceAdapter } from "./pipeline/sources/source.js";
import { startPipelineWorkers, type PipelineWorkers } from "./pipeline/workers.js";
import { embedderKey, type Embedder } from "./search/embedder.js";
import { Facets } from "./search/facets.js";
import { createEmbedder } from "./search/create-embedder.js";
import { IndexSync } from "./search/index-sync.js";
import { SearchService } from "./search/search.service.js";
import { openDb, type Db } from "./store/db.js";
import { JobsRepo } from "./store/jobs.repo.js";
import { RunItemsRepo } from "./store/run-items.repo.js";
import { RunsRepo } from "./store/runs.repo.js";
import { VectorsRepo } from "./store/vectors.repo.js";
import { WorkspacesRepo } from "./store/workspaces.repo.js";
import { createRunStatusTool } from "./tools/run-status.tool.js";
import { createSearchJobsTool } from "./tools/search-jobs.tool.js";
import { createStartRunTool } from "./tools/start-run.tool.js";
import { JobActions } from "./tools/job-actions.js";
import { createJobDetailsTool } from "./tools/job-details.tool.js";
import { createMarkJobTool } from "./tools/mark-job.tool.js";
import { createSavedJobsTool } from "./tools/saved-jobs.tool.js";
import { createSourceHealthTool } from "./tools/source-health.tool.js";
import { createTrackSourceTool } from "./tools/track-source.tool.js";
import { MarksRepo } from "./store/marks.repo.js";
import { loginLinksFor } from "./dashboard/login-links.js";
import { createDashboardLinkTool } from "./tools/dashboard-link.tool.js";

export const VERSION = "0.1.0";

/** Options for {@link createApp}. */
export interface AppOptions {
  config: Config;
  logger: Logger;
  /** Run the pipeline workers in this process (`start`, `chat`, `ask`); false for a pure client. */
  workers: boolean;
  /** The chat model; by default chosen from config (OpenAI-compatible or offline). */
  model?: BaseChatModel;
}

/** Every long-lived part of jobscout, built once with its dependencies. */
export interface App {
  config: Config;
  logger: Logger;
  db: Db;
  jobs: JobsRepo;
  runs: RunsRepo;
  items: RunItemsRepo;
  workspaces: WorkspacesRepo;
  marks: MarksRepo;
  /** Details, save, hide, saved list — shared by tools and chat buttons. */
  jobActions: JobActions;
  embedder: Embedder;
  vectors: VectorsRepo;
  /** The vector index, kept caught up with the store. */
  index: IndexSync;
  search: SearchService;
  /** Every fetchable source (built-in search APIs and the boards and feeds workspaces track). */
  catalog: SourceCatalog;
  /** Adapter by source key: the catalog plus `import`. */
  sources: { get(key: string): SourceAdapter | undefined };
  runService: RunService;
  agent: JobAgent;
  /** Turns and button presses from every surface go through here. */
  chat: ChatService;
  modelDescription: string;
  redis: RedisHandle;
  /** Shared Redis connection (BullMQ producer, dedupe of platform retries). */
  connection: Redis;
  close(): Promise<void>;
}

/** The composition root: the only place that decides which implementation each seam gets. */
export async function createApp(o: AppOptions): Promise<App> {
  const { config, logger } = o;
  const closers: Array<() => Promise<void>> = [];
  const close = async () => {
    for (const c of closers.reverse()) {
      try {
        await c();
      } catch (err) {
        logger.warn("error while shutting down", { error: String(err) });
      }
    }
  };
  try {
    const db = await openDb({ file: config.sqlitePath });
    closers.push(() => db.close());
    const jobs = new JobsRepo(db);
    const runs = new RunsRepo(db);
    const items = new RunItemsRepo(db);
    const vectors = new VectorsRepo(db);
    const workspaces = new WorkspacesRepo(db);
    const marks = new MarksRepo(db);
    const jobActions = new JobActions(jobs, marks);

    const embedder = await createEmbedder(config);
    const sync = new IndexSync({
      vectors,
      embedderKey: embedderKey(embedder),
      dim: embedder.dim,
      dir: path.join(config.dataDir, "index"),
      hnsw: {
        M: config.JOBSCOUT_HNSW_M,
        efConstruction: config.JOBSCOUT_HNSW_EF_CONSTRUCTION,
        ef: config.JOBSCOUT_HNSW_EF,
      },
      logger,
    });
    await sync.open();
    closers.push(() => sync.flush());
    const facets = new Facets(jobs);
    const search = new SearchService({ db, jobs, embedder, sync, facets, logger });

    const redis = await ensureRedis({ url: config.REDIS_URL, dataDir: config.dataDir, logger });
    closers.push(() => redis.stop());
    const connection = connectRedis(redis.url);
    connection.on("error", (err: Error) => logger.warn("redis connection error", { error: err.message }));
    closers.push(async () => {
      await connection.quit().catch(() => connection.disconnect());
    });

    const catalog = createSourceCatalog(config, db);
    const seedFile = config.JOBSCOUT_SOURCES_FILE ?? path.join(config.dataDir, "sources.yaml");
    if (config.JOBSCOUT_SOURCES_FILE || existsSync(seedFile)) {
      const seeded = seedSourcesFromYaml(catalog, path.resolve(seedFile));
      logger.info("seeded sources", { file: seedFile, sources: seeded.length });
    }
    const importSource = createImportSource();
    const sources = { get: (key: string) => (key === importSource.id ? importSource : catalog.get(key)) };
    const queue = new BullRunQueue({
      connection,
      prefix: config.JOBSCOUT_QUEUE_PREFIX,
      attempts: config.JOBSCOUT_JOB_ATTEMPTS,
      backoffMs: config.JOBSCOUT_BACKOFF_MS,
    });
    closers.push(() => queue.close());
    const runService = new RunService({
      runs,
      items,
      queue,
      sources: catalog,
    });

    if (o.workers) {
      const http = createHttpClient({
        userAgent: `jobscout/${VERSION} (+${config.JOBSCOUT_CONTACT})`,
        timeoutMs: config.JOBSCOUT_FETCH_TIMEOUT_MS,
      });
      // Rate limits per host across all worker processes, Retry-After, circuit breakers, robots.txt.
      const polite = createPoliteHttp({
        http,
        redis: connection,
        prefix: config.JOBSCOUT_QUEUE_PREFIX,
        hostRateLimits: config.JOBSCOUT_HOST_RATE_LIMITS,
        breakerFailures: config.JOBSCOUT_BREAKER_FAILURES,
        breakerCooldownMs: config.JOBSCOUT_BREAKER_COOLDOWN_MS,
        logger: logger.child({ role: "http" }),
      });
      const workers: PipelineWorkers = startPipelineWorkers({
        connection,
        prefix: config.JOBSCOUT_QUEUE_PREFIX,
        concurrency: config.JOBSCOUT_WORKER_CONCURRENCY,
        lockMs: config.JOBSCOUT_LOCK_MS,
        backoffMs: config.JOBSCOUT_BACKOFF_MS,
        maxRetryWaitMs: config.JOBSCOUT_MAX_RETRY_WAIT_MS,
        logger: logger.child({ role: "worker" }),
        services: {
          runs,
          items,
          jobs,
          vectors,
          sources,
          http,
          httpFor: polite.forSource,
          embedder,
          index: sync,
          maxPages: config.JOBSCOUT_FETCH_MAX_PAGES,
          onIndexed: (ids) => search.jobsChanged(ids),
        },
      });
      closers.push(() => workers.close());
    }

    const lookupPlace = createPlaceLookup((name) => resolvePlace(name));
    const chosen = o.model
      ? { model: o.model, description: "injected model" }
      : createChatModel(config, lookupPlace);
    const agent = createJobAgent({
      model: chosen.model,
      modelDescription: chosen.description,
      systemPrompt: loadPrompt("system"),
      tools: [
        createSearchJobsTool({
          search,
          resolvePlace: (name) => resolvePlace(name),
          hiddenFor: (actor) => jobActions.hidden(actor),
        }),
        createStartRunTool({ runs: runService, waitMs: config.JOBSCOUT_RUN_WAIT_MS }),
        createRunStatusTool({ runs: runService }),
        createJobDetailsTool({ actions: jobActions }),
        createMarkJobTool({ actions: jobActions }),
        createSavedJobsTool({ actions: jobActions }),
        createSourceHealthTool({ catalog, runs, defaults: config.JOBSCOUT_SOURCES }),
        createTrackSourceTool({ catalog }),
        createDashboardLinkTool(loginLinksFor(config, connection)),
      ],
    });

    const chat = new ChatService({ agent, workspaces, jobActions, logger: logger.child({ role: "chat" }) });

    return {
      config,
      logger,
      db,
      jobs,
      runs,
      items,
      workspaces,
      marks,
      jobActions,
      embedder,
      vectors,
      index: sync,
      search,
      catalog,
      sources,
      runService,
      agent,
      chat,
      modelDescription: chosen.description,
      redis,
      connection,
      close,
    };
  } catch (err) {
    await close();
    throw err;
  }
}
