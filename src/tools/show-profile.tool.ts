import { tool } from "@langchain/core/tools";
import { z } from "zod";
import { profileView, type ProfileView } from "../answers/profile-text.js";
import type { ProfileService } from "../jobs/profiles/profile-service.js";
import { privateOnly, toolError, turnContext, personOf } from "./context.js";

/** What show_profile returns: the caller's own profile (facts, preferences; CV lines counted), or null. */
export interface ShowProfileResult {
  profile: ProfileView | null;
}

/** The caller's profile (their own only: the owner comes from the platform event). */
export function createShowProfileTool(deps: { profiles: ProfileService }) {
  return tool(
    async (_input, config): Promise<[string, ShowProfileResult | null]> => {
      const ctx = turnContext(config);
      const refused = privateOnly(ctx);
      if (refused) return [toolError(refused), null];
      const found = await deps.profiles.show(personOf(ctx));
      const profile = found ? profileView(found) : null;
      const hint = profile ? {} : { hint: "No profile yet: the person can send a CV (PDF, DOCX or text)." };
      return [JSON.stringify({ profile, ...hint }), { profile }];
    },
    {
      name: "show_profile",
      description:
        "Show the person's own profile: facts read from their CV (skills, titles, years, languages, places, degrees, each with the CV lines L1…Ln that state it) and their stated preferences.",
      schema: z.object({}),
      responseFormat: "content_and_artifact",
    },
  );
}
