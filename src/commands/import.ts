import path from "node:path";
import type { Config } from "../config/config.js";
import type { Logger } from "../core/logger.js";
import { renderRunSummary } from "../agents/render.js";
import { terminalProgress } from "../bot/cli/progress.js";
import { readImportFile } from "../pipeline/sources/import.source.js";
import { summarizeRun } from "../answers/run-summary.js";
import { composePipelineRole } from "../compose/pipeline-role.js";
import { withTerminalRole } from "./shared.js";

/** `jobscout import FILE`: stage postings from a JSONL or JobSpy CSV file and run them through the pipeline. */
export function importCommand(file: string, opts: { workers: boolean; wait: boolean }): Promise<number> {
  // Staging and enqueueing need the store, the sources and the queue; no chat model or agent.
  const compose = (config: Config, logger: Logger) =>
    composePipelineRole({ config, logger, workers: opts.workers });
  return withTerminalRole(compose, async (app, config) => {
    const progress = terminalProgress(process.stderr, config.JOBSCOUT_PROGRESS);
    const run = await app.runService.startStaged({
      workspaceId: config.JOBSCOUT_WORKSPACE,
      userId: config.JOBSCOUT_USER,
      source: "import",
      batches: readImportFile(path.resolve(file)),
      onBatch: (n) => {
        if (config.JOBSCOUT_PROGRESS) process.stderr.write(`\rread ${n} items from ${file}`);
      },
    });
    if (config.JOBSCOUT_PROGRESS) process.stderr.write("\n");
    if (!opts.wait) {
      process.stdout.write(`Queued run ${run.id} for ${file}.\n`);
      return 0;
    }
    const done = await app.runService.wait(config.JOBSCOUT_WORKSPACE, run.id, {
      timeoutMs: config.JOBSCOUT_RUN_WAIT_MS,
      onProgress: (r) => progress.onProgress(summarizeRun(r)),
    });
    progress.done();
    process.stdout.write(`${renderRunSummary(summarizeRun(done))}\n`);
    const reasons = (await app.items.counts(done.id)).get("import")?.reasons ?? [];
    if (reasons.length > 0) {
      process.stdout.write(`Skipped items, for example:\n${reasons.map((r) => `- ${r}`).join("\n")}\n`);
    }
    return done.status === "completed" ? 0 : 1;
  });
}
