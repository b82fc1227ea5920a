import { tool } from "@langchain/core/tools";
import { z } from "zod";
import type { ApplicationMail, MailOutcome, MailPreview } from "../jobs/applications/application-mail.js";
import { notAsked, toolError, turnContext, personOf } from "./context.js";
import { expected } from "./letter-common.js";

export const sendApplicationSchema = z.object({
  to: z.string().min(1).max(320).describe("The address the person wrote."),
  jobId: z.string().optional().describe("The job (j_…) whose approved letter to send; omit for the latest."),
  letterId: z.string().optional().describe("With confirmation: the letter id from the preview."),
  confirmation: z
    .string()
    .optional()
    .describe("Only after the person confirmed the preview in their own message: the preview's token."),
});

export type SendApplicationResult = ({ preview: MailPreview } | { outcome: MailOutcome }) & { to: string };

/**
 * Mail an approved letter: first a preview the person must confirm in their own next message; the
 * confirmation's token names exactly that letter text and address.
 */
export function createSendApplicationTool(deps: { mail: ApplicationMail }) {
  return tool(
    async (input, config): Promise<[string, SendApplicationResult | null]> => {
      const ctx = turnContext(config);
      const refused = notAsked(ctx, "send");
      if (refused) return [toolError(refused), null];
      const a = sendApplicationSchema.parse(input);
      const owner = personOf(ctx);
      return expected(async (): Promise<[string, SendApplicationResult]> => {
        if (a.confirmation && a.letterId) {
          const outcome = await deps.mail.send(owner, a.letterId, a.to, a.confirmation, ctx.lang);
          return [JSON.stringify({ outcome }), { outcome, to: a.to }];
        }
        const preview = await deps.mail.preview(owner, { jobId: a.jobId }, a.to, ctx.lang);
        return [
          JSON.stringify({ preview, note: "Ask the person to confirm; send only after they say so." }),
          { preview, to: a.to },
        ];
      }, ctx.lang);
    },
    {
      name: "send_application",
      description:
        "Email the person's approved cover letter to an address they gave: without confirmation it returns a preview to show them; call again with the preview's letterId and confirmation only after they confirm.",
      schema: sendApplicationSchema,
      responseFormat: "content_and_artifact",
    },
  );
}
