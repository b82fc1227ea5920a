import { tool } from "@langchain/core/tools";
import { phrasesFor } from "../answers/phrases/phrases.js";
import { z } from "zod";
import { AppError, describeError } from "../core/errors.js";
import type { SourceCatalog } from "../pipeline/sources/catalog.js";
import type { OutboundPolicy } from "../pipeline/sources/outbound-policy.js";
import { HttpError } from "../pipeline/sources/http.js";
import { notAsked, toolError, turnContext } from "./context.js";

export const trackSourceSchema = z.object({
  url: z
    .string()
    .min(8)
    .max(500)
    .describe("The job board, feed or careers page URL the user gave, e.g. https://boards.greenhouse.io/n26"),
  action: z.enum(["track", "untrack"]).default("track"),
});

export interface TrackedSourceResult {
  action: "track" | "untrack";
  key: string;
  label: string;
  kind: string;
}

/** Track (or stop tracking) a job board / feed / careers page for the caller's workspace. */
export function createTrackSourceTool(deps: {
  catalog: SourceCatalog;
  outbound: Pick<OutboundPolicy, "check">;
  /** The admins granted in chat, named for a refusal ("<@U1>, <@U2>"); undefined when none. */
  whoMay?: ((workspaceId: string) => Promise<string | undefined>) | undefined;
}) {
  return tool(
    async (input, config): Promise<[string, TrackedSourceResult | null]> => {
      const ctx = turnContext(config);
      const { url, action } = trackSourceSchema.parse(input);
      // Only the person's own message can ask for this, and only for a URL they wrote themselves.
      const refused = notAsked(ctx, action);
      if (refused) return [toolError(refused), null];
      const detected = deps.catalog.detect(url);
      if (!detected) {
        const known = deps.catalog
          .kinds()
          .filter((k) => k.detect !== undefined)
          .map((k) => k.displayName)
          .join(", ");
        return [toolError(phrasesFor(ctx.lang).unknownBoard(url, known)), null];
      }
      const written = ctx.request.urls.map((u) => deps.catalog.detect(u)?.key);
      if (action === "track" && !written.includes(detected.key))
        return [toolError(phrasesFor(ctx.lang).trackOwnUrlOnly), null];
      // Sources are shared by the whole workspace, so only its admins change them (DMs: the user).
      if (!ctx.isAdmin)
        return [toolError(phrasesFor(ctx.lang).adminsOnly(await deps.whoMay?.(ctx.workspaceId))), null];
      if (action === "untrack") {
        const removed = await deps.catalog.untrack(ctx.workspaceId, detected.key);
        if (!removed) return [toolError(phrasesFor(ctx.lang).notTracked(detected.label)), null];
        const out = { action, key: detected.key, label: detected.label, kind: detected.kind.kind };
        return [JSON.stringify(out), out];
      }
      try {
        // Feeds and career pages are fetched at the URL given (no operator base URL): refuse an
        // internal address now, not after saying "Now tracking".
        if (!detected.kind.baseUrlSetting) await deps.outbound.check(url);
        const t = await deps.catalog.track({
          workspaceId: ctx.workspaceId,
          userId: ctx.userId,
          kind: detected.kind.kind,
          params: detected.params,
        });
        const out = { action, key: t.key, label: t.label, kind: t.kind };
        return [JSON.stringify(out), out];
      } catch (err) {
        if (err instanceof HttpError && err.code === "http_refused")
          return [toolError(phrasesFor(ctx.lang).trackRefused(url)), null];
        if (err instanceof AppError && err.userMessage)
          return [toolError(describeError(err, ctx.lang)), null];
        throw err;
      }
    },
    {
      name: "track_source",
      description:
        "Add a job board, feed or careers page (by URL) to the sources this workspace's runs fetch, or remove it (action untrack). Detects the job board from the URL (Greenhouse, Lever, Ashby, SmartRecruiters, Personio, RSS/Atom, schema.org JobPosting pages).",
      schema: trackSourceSchema,
      responseFormat: "content_and_artifact",
    },
  );
}
