import type { FastifyInstance } from "fastify";
import type { DashboardContext } from "../dashboard.server.js";
import { sendPage } from "../guard.js";
import { isOperator } from "../sessions.js";
import { homePage } from "../views/home.view.js";
import { layout } from "../views/layout.view.js";

/** `/`: the workspaces this login may open (a member goes straight to theirs). */
export function registerHomeRoutes(app: FastifyInstance, ctx: DashboardContext): void {
  app.get("/", async (req, reply) => {
    const session = await ctx.guard.page(req, reply);
    if (!session) return reply;
    const only = session.workspaces[0];
    if (!isOperator(session) && session.workspaces.length === 1 && only) {
      return reply.redirect(`/w/${encodeURIComponent(only)}/`, 303);
    }
    const workspaces = await ctx.o.repo.workspaces(isOperator(session) ? "all" : session.workspaces);
    return sendPage(
      reply,
      layout({ title: "Workspaces", session }, homePage(workspaces, await ctx.o.repo.sizes())),
    );
  });
}
