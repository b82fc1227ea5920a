import type { FastifyInstance } from "fastify";
import { describeError } from "../../core/errors.js";
import { runQuerySchema } from "../../store/runs.repo.js";
import type { DashboardContext } from "../dashboard.server.js";
import { formField, sendPage } from "../guard.js";
import { problemPage } from "../views/login.view.js";
import { noSuchRun, runOfWorkspace } from "./runs.route.js";

/** Admin actions on runs: start one, retry a failed one (a new run with the same query and sources). */
export function registerRunActionRoutes(app: FastifyInstance, ctx: DashboardContext): void {
  app.post<{ Params: { ws: string } }>("/w/:ws/runs", async (req, reply) => {
    const ws = req.params.ws;
    const session = await ctx.guard.admin(req, reply, ws);
    if (!session) return reply;
    const query = runQuerySchema.safeParse({
      ...(formField(req, "keywords").trim() ? { keywords: formField(req, "keywords").trim() } : {}),
      ...(formField(req, "place").trim() ? { place: formField(req, "place").trim() } : {}),
    });
    if (!query.success)
      return sendPage(reply, problemPage("Run not started", "Keywords or place are too long."), 400);
    try {
      await ctx.o.runService.start({ workspaceId: ws, userId: session.userId, query: query.data });
    } catch (err) {
      return sendPage(reply, problemPage("Run not started", describeError(err)), 503);
    }
    ctx.o.logger.info("run started from the dashboard", { workspace: ws, user: session.userId });
    return reply.redirect(`/w/${encodeURIComponent(ws)}/`, 303);
  });

  app.post<{ Params: { ws: string; id: string } }>("/w/:ws/runs/:id/retry", async (req, reply) => {
    const ws = req.params.ws;
    const session = await ctx.guard.admin(req, reply, ws);
    if (!session) return reply;
    const run = await runOfWorkspace(ctx, ws, req.params.id);
    if (!run) return noSuchRun(reply);
    if (run.status !== "failed") {
      return sendPage(reply, problemPage("Nothing to retry", "Only a failed run can be retried."), 409);
    }
    try {
      await ctx.o.runService.start({
        workspaceId: ws,
        userId: session.userId,
        query: run.query,
        sources: run.sources,
      });
    } catch (err) {
      return sendPage(reply, problemPage("Run not started", describeError(err)), 503);
    }
    ctx.o.logger.info("run retried from the dashboard", {
      workspace: ws,
      runId: run.id,
      user: session.userId,
    });
    return reply.redirect(`/w/${encodeURIComponent(ws)}/`, 303);
  });
}
