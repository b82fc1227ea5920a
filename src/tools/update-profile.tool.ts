import { tool } from "@langchain/core/tools";
import { phrasesFor } from "../answers/phrases/phrases.js";
import { z } from "zod";
import type { ProfileService } from "../jobs/profiles/profile-service.js";
import type { Preferences, Profile } from "../jobs/profiles/profile.js";
import { notAsked, toolError, turnContext, personOf } from "./context.js";
import type { ResolvedPlace } from "./search-jobs.tool.js";

export const updateProfileSchema = z.object({
  addSkills: z
    .array(z.string().min(1).max(80))
    .max(20)
    .optional()
    .describe("Skills the person says they have, e.g. ['Kubernetes']."),
  places: z
    .array(z.string().min(1).max(100))
    .max(5)
    .optional()
    .describe("Cities they want to work in, e.g. ['Frankfurt']."),
  radiusKm: z.number().optional().describe("How far from those places, in km (default 30)."),
  remote: z
    .enum(["remote_only", "remote_ok", "no_remote"])
    .optional()
    .describe("remote_only, remote_ok (remote or the places), no_remote."),
  languages: z
    .array(z.string().regex(/^[a-z]{2}$/))
    .max(5)
    .optional()
    .describe("Working languages as ISO codes, e.g. ['de','en']."),
  salaryMin: z.number().optional().describe("Yearly salary floor, e.g. 60000."),
  seniority: z.enum(["intern", "junior", "mid", "senior", "lead", "executive"]).optional(),
  workPermit: z
    .boolean()
    .optional()
    .describe("true: may work in the EU without a visa; false: needs sponsorship."),
});

/** What update_profile returns. */
export interface UpdateProfileResult {
  profile: Profile;
  added: string[];
  preferences: Preferences;
}

/** Add stated skills and preferences to the caller's profile, only when their own message asks. */
export function createUpdateProfileTool(deps: {
  profiles: ProfileService;
  resolvePlace(name: string): ResolvedPlace | undefined;
}) {
  return tool(
    async (input, config): Promise<[string, UpdateProfileResult | null]> => {
      const ctx = turnContext(config);
      const refused = notAsked(ctx, "profile");
      if (refused) return [toolError(refused), null];
      const args = updateProfileSchema.parse(input);
      const owner = personOf(ctx);
      const places = [];
      for (const name of args.places ?? []) {
        const p = deps.resolvePlace(name);
        if (!p) return [toolError(phrasesFor(ctx.lang).unknownPlace(name)), null];
        places.push({
          name: p.name,
          lat: p.lat,
          lon: p.lon,
          radiusKm: Math.min(300, Math.max(1, args.radiusKm ?? 30)),
        });
      }
      const preferences: Preferences = {
        ...(places.length > 0 ? { places } : {}),
        ...(args.remote ? { remote: args.remote } : {}),
        ...(args.languages ? { languages: args.languages } : {}),
        ...(args.salaryMin ? { salaryMin: Math.round(args.salaryMin) } : {}),
        ...(args.seniority ? { seniority: args.seniority } : {}),
        ...(args.workPermit !== undefined ? { workPermit: args.workPermit } : {}),
      };
      let profile = args.addSkills?.length ? await deps.profiles.addStated(owner, args.addSkills) : undefined;
      if (Object.keys(preferences).length > 0)
        profile = await deps.profiles.setPreferences(owner, preferences);
      if (!profile) return [toolError(phrasesFor(ctx.lang).nothingToAdd), null];
      const out = { profile, added: args.addSkills ?? [], preferences };
      return [JSON.stringify({ added: out.added, preferences, version: profile.version }), out];
    },
    {
      name: "update_profile",
      description:
        "Add to the person's own profile what they state in their message: skills they have ('I also know Kubernetes'; marked as stated, not from the CV) and preferences (places and radius, remote, languages, salary floor, seniority, work permit).",
      schema: updateProfileSchema,
      responseFormat: "content_and_artifact",
    },
  );
}
