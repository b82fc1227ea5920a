import { createOpenAiModel } from "../agents/model.js";
import { loadPrompt } from "../agents/prompts.js";
import type { Config } from "../config/config.js";
import type { Logger } from "../core/logger.js";
import { FitService } from "../jobs/fit/fit-service.js";
import type { ModelVerdicts } from "../jobs/fit/verdict-model.js";
import { ProfileService } from "../jobs/profiles/profile-service.js";
import { BullProfileQueue, type ProfileQueue } from "../pipeline/profile-queue.js";
import { startProfileWorkers } from "../pipeline/profile-workers.js";
import type { Embedder } from "../search/embedder.js";
import type { Closers } from "./lifecycle.js";
import type { QueueParts } from "./pipeline.js";
import type { Store } from "./store.js";
import type { Redis } from "ioredis";

/** Profiles (CV → profile, via the parse-cv queue) and fit scores. */
export interface ProfileParts {
  profiles: ProfileService;
  fit: FitService;
  profileQueue: ProfileQueue;
}

/** The model asked for fit verdicts, when one is configured and verdicts are not switched off. */
export async function composeVerdicts(config: Config, logger: Logger): Promise<ModelVerdicts | undefined> {
  if (config.JOBSCOUT_FIT_VERDICT === "off") return undefined;
  const model = await createOpenAiModel(config, { maxRetries: config.JOBSCOUT_FIT_VERDICT_RETRIES });
  if (!model) return undefined;
  // With the model only: the verdicts' messages are LangChain's (whose core the workers need not load).
  const { ModelVerdicts } = await import("../jobs/fit/verdict-model.js");
  return new ModelVerdicts({
    model,
    modelId: config.OPENAI_MODEL,
    systemPrompt: loadPrompt("fit-verdict"),
    concurrency: config.JOBSCOUT_FIT_VERDICT_CONCURRENCY,
    logger: logger.child({ part: "fit-verdict" }),
  });
}

export async function composeProfiles(
  config: Config,
  logger: Logger,
  store: Store,
  embedder: Embedder,
  connection: Redis,
  closers: Closers,
): Promise<ProfileParts> {
  const profileQueue = new BullProfileQueue({
    connection,
    prefix: config.JOBSCOUT_QUEUE_PREFIX,
    attempts: config.JOBSCOUT_JOB_ATTEMPTS,
    backoffMs: config.JOBSCOUT_BACKOFF_MS,
  });
  closers.add(() => profileQueue.close());
  const profiles = new ProfileService({
    profiles: store.profiles,
    queue: profileQueue,
    maxBytes: config.JOBSCOUT_CV_MAX_MB * 1024 * 1024,
    ...(config.JOBSCOUT_CV_PARSER === "llamaparse" && config.LLAMA_CLOUD_API_KEY
      ? {
          // LlamaCloud's client is loaded only when it reads the CVs.
          reader: (await import("../jobs/profiles/llamaparse-reader.js")).createLlamaParseReader({
            apiKey: config.LLAMA_CLOUD_API_KEY,
            baseURL: config.LLAMA_CLOUD_BASE_URL,
            timeoutMs: config.JOBSCOUT_CV_WAIT_MS,
          }),
        }
      : {}),
  });
  const fit = new FitService({
    profiles: store.profiles,
    fits: store.fits,
    jobs: store.jobs,
    embedder,
    vectors: store.vectors,
    verdicts: await composeVerdicts(config, logger),
  });
  return { profiles, fit, profileQueue };
}

/** The parse-cv and evaluate workers; closed (finishing jobs in hand) on shutdown. */
export function composeProfileWorkers(
  config: Config,
  logger: Logger,
  store: Store,
  parts: ProfileParts,
  queue: Pick<QueueParts, "connection" | "outage">,
  closers: Closers,
): void {
  const workers = startProfileWorkers({
    connection: queue.connection,
    outage: queue.outage,
    prefix: config.JOBSCOUT_QUEUE_PREFIX,
    concurrency: config.JOBSCOUT_WORKER_CONCURRENCY,
    lockMs: config.JOBSCOUT_LOCK_MS,
    stopMs: config.JOBSCOUT_WORKER_STOP_MS,
    logger: logger.child({ role: "worker" }),
    profiles: parts.profiles,
    fit: parts.fit,
    runs: {
      ownersOf: async (runId) => {
        const run = await store.runs.getInternal(runId);
        return (
          run && {
            workspaceId: run.workspaceId,
            requester: { workspaceId: run.requesterWorkspaceId ?? run.workspaceId, userId: run.userId },
          }
        );
      },
      jobIds: (runId) => Promise.resolve(store.items.jobIds(runId)),
    },
  });
  // With Redis away nothing in hand can finish: stop at once (the jobs' locks expire and are retried).
  closers.add(() => workers.close(queue.outage.down));
}
