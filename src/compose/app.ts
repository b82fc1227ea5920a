import type { BaseChatModel } from "@langchain/core/language_models/chat_models";
import type { Config } from "../config/config.js";
import type { Logger } from "../core/logger.js";
import type { ResolveHost } from "../pipeline/sources/outbound-policy.js";
import type { SearchService } from "../search/search.service.js";
import { embedderKey } from "../search/embedder.js";
import type { DigestOutcome } from "../pipeline/processors/digest.processor.js";
import { composeAlerts, composeDigestWorkers, digestPosters, type AlertParts } from "./alerts.js";
import { composeChat, composeMemory, type ChatParts } from "./chat.js";
import { Closers, composing } from "./lifecycle.js";
import { composeRunParts, composeWorkers, type QueueParts, type SourceParts } from "./pipeline.js";
import { composeSearch, type IndexParts } from "./search.js";
import type { Store } from "./store.js";

/** Options for {@link composeApp}. */
export interface AppOptions {
  config: Config;
  logger: Logger;
  /** Run the pipeline workers in this process (`start`, `chat`, `ask`); false for a pure client. */
  workers: boolean;
  /** The chat model; by default chosen from config (OpenAI-compatible or offline). */
  model?: BaseChatModel;
  /** Name resolution for tracked sources' fetches; tests map public-looking names to private addresses. */
  resolveHost?: ResolveHost;
  /**
   * Post due digests from this process: to Slack and Discord when their tokens are set, and to
   * `terminal` when given (the terminal chat). Absent: this process posts none.
   */
  digests?: {
    terminal?: NodeJS.WritableStream | undefined;
    onDone?: ((searchId: string, outcome: DigestOutcome) => void) | undefined;
  };
}

/**
 * A process that chats (`start`, `chat`, `ask`, `slack`, `discord`): the store, search, the run
 * queue, the chat — and the pipeline workers when asked to run them in the same process.
 */
export type App = Store &
  IndexParts &
  SourceParts &
  QueueParts &
  ChatParts &
  AlertParts & {
    config: Config;
    logger: Logger;
    search: SearchService;
    close(): Promise<void>;
  };

export async function composeApp(o: AppOptions): Promise<App> {
  const { logger } = o;
  const closers = new Closers(logger);
  return composing(closers, async () => {
    const parts = await composeRunParts(o.config, logger, closers, o.resolveHost);
    // From here on the config carries the installation's queue prefix.
    const { config, store, index, sources, queue } = parts;
    const search = composeSearch(store, index, logger);
    if (o.workers) composeWorkers(logger, parts, closers, (ids) => search.jobsChanged(ids));
    const key = embedderKey(index.embedder);
    const alerts = composeAlerts(config, store, queue.connection, key, closers);
    if (o.digests) {
      composeDigestWorkers({
        config,
        logger,
        store,
        search,
        alerts: alerts.alerts,
        embedderKey: key,
        posters: await digestPosters(config, logger, o.digests.terminal),
        runService: queue.runService,
        onDone: o.digests.onDone,
        queue,
        closers,
      });
    }
    const chat = await composeChat({
      config,
      logger,
      store,
      search,
      runService: queue.runService,
      connection: queue.connection,
      sources,
      checkpointer: await composeMemory(config, closers),
      model: o.model,
      alerts: alerts.alerts,
      team: alerts.team,
      profiles: parts.profiles,
      closers,
    });
    return {
      ...store,
      ...index,
      ...sources,
      ...queue,
      ...chat,
      ...alerts,
      config,
      logger,
      search,
      close: () => closers.close(),
    };
  });
}
