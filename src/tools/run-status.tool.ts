import { tool } from "@langchain/core/tools";
import { phrasesFor } from "../answers/phrases/phrases.js";
import { z } from "zod";
import type { RunService } from "../pipeline/run-service.js";
import { toolError, turnContext } from "./context.js";
import { summarizeRun, type RunSummary } from "../answers/run-summary.js";

export const runStatusSchema = z.object({
  runId: z.uuid().optional().describe("The run's id; omit for the latest run of this workspace."),
});

export function createRunStatusTool(deps: { runs: RunService }) {
  return tool(
    async (input, config): Promise<[string, RunSummary | null]> => {
      const ctx = turnContext(config);
      const { runId } = runStatusSchema.parse(input);
      const run = await deps.runs.status(ctx.workspaceId, runId);
      if (!run)
        return [toolError(runId ? phrasesFor(ctx.lang).noRun(runId) : phrasesFor(ctx.lang).noRuns), null];
      const summary = summarizeRun(run);
      return [JSON.stringify(summary), summary];
    },
    {
      name: "run_status",
      description: "Status and per-source outcome of a pipeline run (the latest one when no id is given).",
      schema: runStatusSchema,
      responseFormat: "content_and_artifact",
    },
  );
}
