import type { FastifyInstance } from "fastify";
import type { DashboardContext } from "../dashboard.server.js";
import { sendPage } from "../guard.js";
import { sourceHealth } from "../source-health.js";
import { layout } from "../views/layout.view.js";
import { problemPage } from "../views/login.view.js";
import { sourcesPage } from "../views/sources.view.js";

/** Source health per source over time, and pausing/resuming a tracked source (admins). */
export function registerSourceRoutes(app: FastifyInstance, ctx: DashboardContext): void {
  app.get<{ Params: { ws: string } }>("/w/:ws/sources", async (req, reply) => {
    const ws = req.params.ws;
    const session = await ctx.guard.workspace(req, reply, ws);
    if (!session) return reply;
    const sources = await sourceHealth(ctx.sourceDeps, ws);
    return sendPage(
      reply,
      layout(
        { title: "Sources", session, workspaceId: ws, tab: "sources" },
        sourcesPage(ws, sources, session),
      ),
    );
  });

  for (const action of ["pause", "resume"] as const) {
    app.post<{ Params: { ws: string; key: string } }>(`/w/:ws/sources/:key/${action}`, async (req, reply) => {
      const { ws, key } = req.params;
      const session = await ctx.guard.admin(req, reply, ws);
      if (!session) return reply;
      const tracked = await ctx.o.repo.setSourceEnabled(ws, key, action === "resume");
      if (!tracked) {
        return sendPage(
          reply,
          problemPage("Not a tracked source", "Only sources this workspace tracks can be paused here."),
          404,
        );
      }
      ctx.o.logger.info(`source ${action}d from the dashboard`, {
        workspace: ws,
        source: key,
        user: session.userId,
      });
      return reply.redirect(`/w/${encodeURIComponent(ws)}/sources`, 303);
    });
  }
}
