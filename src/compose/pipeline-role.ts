import type { Config } from "../config/config.js";
import type { Logger } from "../core/logger.js";
import { Closers, composing } from "./lifecycle.js";
import { composeRunParts, composeWorkers, type QueueParts, type SourceParts } from "./pipeline.js";
import { embedderKey } from "../search/embedder.js";
import { composeAlerts, composeDigestWorkers, digestPosters } from "./alerts.js";
import { composeIndex, composeSearch, type IndexParts } from "./search.js";
import { composeStore, type Store } from "./store.js";

/** A process that runs or feeds the pipeline without chatting (`worker`, `import`): no model, agent or tools. */
export type PipelineRole = Store &
  IndexParts &
  SourceParts &
  QueueParts & {
    /** The config with the installation's queue prefix. */
    config: Config;
    close(): Promise<void>;
  };

/** The store, the index, the sources, the run queue — and the stage workers when `workers` is set. */
export async function composePipelineRole(o: {
  config: Config;
  logger: Logger;
  workers: boolean;
}): Promise<PipelineRole> {
  const { config, logger } = o;
  const closers = new Closers(logger);
  return composing(closers, async () => {
    const parts = await composeRunParts(config, logger, closers);
    const { store, index, sources, queue } = parts;
    if (o.workers) {
      composeWorkers(logger, parts, closers);
      // Digests to Slack and Discord are posted by any worker with their tokens (claimed once in the store).
      const posters = await digestPosters(config, logger);
      if (Object.keys(posters).length > 0) {
        const search = composeSearch(store, index, logger);
        const key = embedderKey(index.embedder);
        const { alerts } = composeAlerts(config, store, queue.connection, key, closers);
        composeDigestWorkers({
          config,
          logger,
          store,
          search,
          alerts,
          embedderKey: key,
          posters,
          runService: queue.runService,
          queue,
          closers,
        });
      }
    }
    return { ...store, ...index, ...sources, ...queue, config: parts.config, close: () => closers.close() };
  });
}

/** The store and the vector index only (`reindex`): no Redis, no queue, no chat. */
export async function composeIndexRole(o: {
  config: Config;
  logger: Logger;
}): Promise<Store & IndexParts & { close(): Promise<void> }> {
  const closers = new Closers(o.logger);
  return composing(closers, async () => {
    const store = await composeStore(o.config, closers);
    const index = await composeIndex(o.config, o.logger, store, closers);
    return { ...store, ...index, close: () => closers.close() };
  });
}
