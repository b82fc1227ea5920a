import { tool } from "@langchain/core/tools";
import { z } from "zod";
import { AppError, describeError } from "../core/errors.js";
import type { RunService } from "../pipeline/run-service.js";
import { notAsked, personOf, toolError, turnContext } from "./context.js";
import { notesIn, queryWithin, type Notes } from "./limits.js";
import { summarizeRun, type RunSummary } from "../answers/run-summary.js";

export const startRunSchema = z.object({
  keywords: z.string().default("").describe("What to search the job sites for, e.g. 'python'."),
  place: z.string().optional().describe("City to search around, e.g. 'Frankfurt'."),
  radiusKm: z.number().optional().describe("Distance around the place in km, 1–300."),
  sources: z
    .array(z.string().regex(/^[a-z0-9-]+$/))
    .max(20)
    .optional()
    .describe("Source ids; omit for the defaults."),
  wait: z.boolean().default(true).describe("Wait until the run has finished (shows progress meanwhile)."),
});

/** Dependencies of the start_run tool. */
export interface StartRunDeps {
  runs: RunService;
  /** How long to wait for a run when `wait` is true. */
  waitMs: number;
}

export function createStartRunTool(deps: StartRunDeps) {
  return tool(
    async (input, config): Promise<[string, RunSummary | null]> => {
      const ctx = turnContext(config);
      const notes: Notes = notesIn(ctx.lang);
      const args = queryWithin(startRunSchema.parse(input), notes);
      const refused = notAsked(ctx, "run");
      if (refused) return [toolError(refused), null];
      let run;
      try {
        run = await deps.runs.start({
          workspaceId: ctx.workspaceId,
          userId: ctx.userId,
          requesterWorkspaceId: personOf(ctx).workspaceId,
          query: {
            ...(args.keywords ? { keywords: args.keywords } : {}),
            ...(args.place ? { place: args.place } : {}),
            ...(args.radiusKm ? { radiusKm: args.radiusKm } : {}),
          },
          ...(args.sources ? { sources: args.sources } : {}),
        });
        ctx.onProgress?.(run);
        if (args.wait) {
          run = await deps.runs.wait(ctx.workspaceId, run.id, {
            timeoutMs: deps.waitMs,
            onProgress: ctx.onProgress,
          });
        }
      } catch (err) {
        if (err instanceof AppError && err.userMessage) {
          const summary = run ? summarizeRun(run) : null;
          return [JSON.stringify({ error: describeError(err, ctx.lang), run: summary }), summary];
        }
        throw err;
      }
      const summary = summarizeRun(run);
      return [JSON.stringify(notes.length > 0 ? { ...summary, notes } : summary), summary];
    },
    {
      name: "start_run",
      description:
        "Fetch fresh postings from the job sites (a queued pipeline run: fetch, normalize, dedupe, embed, index). Use when search_jobs finds nothing or the user asks for fresh results. Reports each source's outcome.",
      schema: startRunSchema,
      responseFormat: "content_and_artifact",
    },
  );
}
