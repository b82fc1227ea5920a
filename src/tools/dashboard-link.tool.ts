import { tool } from "@langchain/core/tools";
import { z } from "zod";
import type { LoginGrant } from "../dashboard/login-links.js";
import { phrasesFor } from "../answers/phrases/phrases.js";
import { turnContext } from "./context.js";

export const dashboardLinkSchema = z.object({});

/** What the dashboard_link tool answers. */
export interface DashboardLinkResult {
  url: string;
  expiresAt: string;
  admin: boolean;
  /** The sentence to show the person. */
  message: string;
}

/** Dependencies of the dashboard_link tool. */
export interface DashboardLinkDeps {
  issueLoginLink(grant: LoginGrant): Promise<{ url: string; expiresAt: Date }>;
}

/**
 * A one-time login link to the dashboard for the person asking, for their workspace only. Who they
 * are and whether they administer it come from the platform event, never from the model.
 */
export function createDashboardLinkTool(deps: DashboardLinkDeps) {
  return tool(
    async (_input, config): Promise<[string, DashboardLinkResult]> => {
      const ctx = turnContext(config);
      const admin = ctx.isAdmin;
      const { url, expiresAt } = await deps.issueLoginLink({
        workspaceId: ctx.workspaceId,
        userId: ctx.userId,
        admin,
      });
      const until = `${expiresAt.toISOString().slice(11, 16)} UTC`;
      const result: DashboardLinkResult = {
        url,
        expiresAt: expiresAt.toISOString(),
        admin,
        message: phrasesFor(ctx.lang).dashboardLink(url, until, admin),
      };
      return [JSON.stringify(result), result];
    },
    {
      name: "dashboard_link",
      description:
        "A one-time login link to the web dashboard (runs live, history, source health) for the person asking. Use when they ask for the dashboard.",
      schema: dashboardLinkSchema,
      responseFormat: "content_and_artifact",
    },
  );
}
