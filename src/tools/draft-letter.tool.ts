import { tool } from "@langchain/core/tools";
import { z } from "zod";
import type { LetterService, LetterView } from "../jobs/applications/letter-service.js";
import { notAsked, toolError, turnContext, personOf } from "./context.js";
import { expected, letterResult } from "./letter-common.js";

export const draftLetterSchema = z.object({
  jobId: z
    .string()
    .optional()
    .describe("The job's id (j_…) from search results; omit to rewrite the last letter."),
  tone: z.enum(["neutral", "formal", "warm"]).optional(),
  length: z.enum(["short", "normal", "long"]).optional(),
  focus: z.string().max(80).optional().describe("Something the person asked to mention, e.g. 'Kubernetes'."),
});

/** "Draft a letter for job 2" / "shorter": a letter from CV lines chosen by code, checked, stored as a draft. */
export function createDraftLetterTool(deps: { letters: LetterService }) {
  return tool(
    async (input, config): Promise<[string, LetterView | null]> => {
      const ctx = turnContext(config);
      const refused = notAsked(ctx, "letter");
      if (refused) return [toolError(refused), null];
      const args = draftLetterSchema.parse(input);
      const owner = personOf(ctx);
      const opts = { tone: args.tone, length: args.length, focus: args.focus, says: ctx.lang };
      return expected(
        async () =>
          letterResult(
            args.jobId
              ? await deps.letters.draft(owner, args.jobId, opts)
              : await deps.letters.regenerate(owner, undefined, opts),
          ),
        ctx.lang,
      );
    },
    {
      name: "draft_letter",
      description:
        "Draft a cover letter for one job from the person's CV (facts chosen and checked in code), or rewrite the last one with a tone, length or focus. The draft waits for the person's approval.",
      schema: draftLetterSchema,
      responseFormat: "content_and_artifact",
    },
  );
}
