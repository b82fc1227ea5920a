import { tool } from "@langchain/core/tools";
import { z } from "zod";
import type { ProfileService } from "../jobs/profiles/profile-service.js";
import { notAsked, toolError, turnContext, personOf } from "./context.js";

/** Delete the caller's profile (CV text, facts, preferences, scores), only when their message asks. */
export function createForgetProfileTool(deps: { profiles: ProfileService }) {
  return tool(
    async (_input, config): Promise<[string, { forgotten: boolean } | null]> => {
      const ctx = turnContext(config);
      const refused = notAsked(ctx, "profile");
      if (refused) return [toolError(refused), null];
      const forgotten = await deps.profiles.forget(personOf(ctx));
      return [JSON.stringify({ forgotten }), { forgotten }];
    },
    {
      name: "forget_profile",
      description:
        "Delete the person's own profile: CV text, facts, preferences and fit scores. Only when they ask.",
      schema: z.object({}),
      responseFormat: "content_and_artifact",
    },
  );
}
