import { tool } from "@langchain/core/tools";
import { z } from "zod";
import { AppError, describeError } from "../core/errors.js";
import type { JobCard } from "../core/job-card.js";
import { notAsked, toolError, turnContext } from "./context.js";
import type { JobActions } from "../jobs/job-actions.js";

export const markJobSchema = z.object({
  jobId: z.string().min(1).max(64).describe("The job's id (jobId from search results)."),
  action: z
    .enum(["save", "hide", "unsave", "unhide"])
    .describe(
      "save: keep it in the user's saved jobs; hide: 'not for me', never show it to this user again.",
    ),
});

export function createMarkJobTool(deps: { actions: JobActions }) {
  return tool(
    async (input, config): Promise<[string, JobCard | null]> => {
      const ctx = turnContext(config);
      const { jobId, action } = markJobSchema.parse(input);
      const refused = notAsked(ctx, "mark");
      if (refused) return [toolError(refused), null];
      const actor = { workspaceId: ctx.workspaceId, userId: ctx.userId };
      try {
        const card =
          action === "save" || action === "hide"
            ? await deps.actions.mark(actor, jobId, action === "save" ? "saved" : "hidden")
            : await deps.actions.unmark(actor, jobId, action === "unsave" ? "saved" : "hidden");
        return [
          JSON.stringify({
            ok: true,
            action,
            job: { jobId: card.jobId, title: card.title, company: card.company },
          }),
          card,
        ];
      } catch (err) {
        if (err instanceof AppError && err.userMessage)
          return [toolError(describeError(err, ctx.lang)), null];
        throw err;
      }
    },
    {
      name: "mark_job",
      description:
        "Save a job for the user, or hide it ('not for me') so searches never show it to this user again.",
      schema: markJobSchema,
      responseFormat: "content_and_artifact",
    },
  );
}
