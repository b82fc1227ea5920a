import { embedJobs } from "../pipeline/processors/embed.processor.js";
import { embedderKey } from "../search/embedder.js";
import { composeIndexRole } from "../compose/pipeline-role.js";
import { withTerminalRole } from "./shared.js";

/**
 * `jobscout reindex`: embed the open jobs that have no vector from the configured embedder (after
 * switching JOBSCOUT_EMBEDDER or the model) and add them to its index. Safe to stop and run again.
 */
export function reindexCommand(): Promise<number> {
  // The store and the index only: reindex works with no Redis reachable.
  return withTerminalRole(
    (config, logger) => composeIndexRole({ config, logger }),
    async (app, config) => {
      const key = embedderKey(app.embedder);
      const ids = await app.vectors.missing(key);
      if (ids.length === 0) {
        process.stdout.write(`Every open job already has a vector from ${key}.\n`);
        return 0;
      }
      const show = config.JOBSCOUT_PROGRESS;
      const embedded = await embedJobs(app, ids, (done) => {
        if (show) process.stderr.write(`\rembedding with ${key}: ${done}/${ids.length}`);
        void app.index.catchUp();
      });
      if (show) process.stderr.write("\n");
      await app.index.catchUp();
      await app.index.flush();
      process.stdout.write(
        `Embedded ${embedded} jobs with ${key}; the index now holds ${app.index.index.size()}.\n`,
      );
      return 0;
    },
  );
}
