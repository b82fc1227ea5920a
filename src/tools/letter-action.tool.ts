import { tool } from "@langchain/core/tools";
import { z } from "zod";
import type { LetterService, LetterView } from "../jobs/applications/letter-service.js";
import { notAsked, toolError, turnContext, personOf } from "./context.js";
import { expected, letterResult } from "./letter-common.js";

export const letterActionSchema = z.object({
  action: z.enum(["show", "approve", "approve_anyway", "edit"]),
  letterId: z.string().optional().describe("Omit for the person's latest letter."),
  text: z
    .string()
    .max(8000)
    .optional()
    .describe("The whole new letter text (edit only), as the person wrote it."),
});

/**
 * Approve or edit a letter. Approval needs the person's own words ("approve"); approving sentences
 * the check could not support needs them explicitly ("approve anyway").
 */
export function createLetterActionTool(deps: { letters: LetterService }) {
  return tool(
    async (input, config): Promise<[string, LetterView | null]> => {
      const ctx = turnContext(config);
      const args = letterActionSchema.parse(input);
      const need = args.action === "show" ? undefined : args.action === "edit" ? "letter" : "approve";
      const refused = need && notAsked(ctx, need);
      if (refused) return [toolError(refused), null];
      const owner = personOf(ctx);
      return expected(async () => {
        switch (args.action) {
          case "show":
            return letterResult(await deps.letters.view(owner, args.letterId, ctx.lang));
          case "edit":
            return letterResult(await deps.letters.edit(owner, args.letterId, args.text ?? "", ctx.lang));
          default: {
            const anyway = args.action === "approve_anyway";
            return letterResult(await deps.letters.approve(owner, args.letterId, anyway, ctx.lang), {
              approved: true,
              anyway,
            });
          }
        }
      }, ctx.lang);
    },
    {
      name: "letter_action",
      description:
        "Show, approve (approve_anyway when the person confirms unsupported sentences) or edit (with the person's whole new text) a cover letter.",
      schema: letterActionSchema,
      responseFormat: "content_and_artifact",
    },
  );
}
