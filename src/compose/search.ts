import path from "node:path";
import type { Config } from "../config/config.js";
import type { Logger } from "../core/logger.js";
import { createEmbedder } from "../search/create-embedder.js";
import { embedderKey, type Embedder } from "../search/embedder.js";
import { Facets } from "../search/facets.js";
import { IndexSync } from "../search/index-sync.js";
import { SearchService } from "../search/search.service.js";
import type { Closers } from "./lifecycle.js";
import type { Store } from "./store.js";

/** The configured embedder and its vector index, caught up with the store. */
export interface IndexParts {
  embedder: Embedder;
  index: IndexSync;
}

/** Embedder + hnswlib index: what the workers and `reindex` write, and search reads. */
export async function composeIndex(
  config: Config,
  logger: Logger,
  store: Store,
  closers: Closers,
): Promise<IndexParts> {
  const embedder = await createEmbedder(config);
  const index = new IndexSync({
    vectors: store.vectors,
    embedderKey: embedderKey(embedder),
    dim: embedder.dim,
    dir: path.join(config.dataDir, "index"),
    snapshotDir: config.snapshotDir,
    hnsw: {
      M: config.JOBSCOUT_HNSW_M,
      efConstruction: config.JOBSCOUT_HNSW_EF_CONSTRUCTION,
      ef: config.JOBSCOUT_HNSW_EF,
    },
    logger,
  });
  await index.open();
  closers.add(() => index.flush());
  return { embedder, index };
}

/** Hybrid search over the store and the index (the facet table lives in memory for the process). */
export function composeSearch(store: Store, parts: IndexParts, logger: Logger): SearchService {
  return new SearchService({
    db: store.db,
    jobs: store.jobs,
    embedder: parts.embedder,
    sync: parts.index,
    facets: new Facets(store.jobs),
    logger,
  });
}
