import type { FastifyInstance, FastifyReply } from "fastify";
import type { RunView } from "../../store/runs.repo.js";
import type { DashboardContext } from "../dashboard.server.js";
import { sendPage } from "../guard.js";
import { problemPage } from "../views/login.view.js";
import { layout } from "../views/layout.view.js";
import { historyPage, runPage, runsPage } from "../views/runs.view.js";

type WsParams = { Params: { ws: string } };

/** How many runs the live page and the history show. */
export const LIVE_RUNS = 10;
const HISTORY_RUNS = 200;

/** A run of this workspace by the id in the URL (anything but a run id finds nothing). */
export async function runOfWorkspace(
  ctx: DashboardContext,
  ws: string,
  id: string,
): Promise<RunView | undefined> {
  return /^[0-9a-f-]{36}$/.test(id) ? ctx.o.runs.get(ws, id) : undefined;
}

/** The same 404 for a run of another workspace as for no run at all. */
export const noSuchRun = (reply: FastifyReply): FastifyReply =>
  sendPage(reply, problemPage("No such run", "This workspace has no run with that id."), 404);

/** Runs live, run history, one run — every read scoped by the workspace in the path, after the guard. */
export function registerRunRoutes(app: FastifyInstance, ctx: DashboardContext): void {
  app.get<WsParams>("/w/:ws", async (req, reply) =>
    reply.redirect(`/w/${encodeURIComponent(req.params.ws)}/`, 303),
  );

  app.get<WsParams>("/w/:ws/", async (req, reply) => {
    const ws = req.params.ws;
    const session = await ctx.guard.workspace(req, reply, ws);
    if (!session) return reply;
    const runs = await ctx.o.runs.latest(ws, LIVE_RUNS);
    return sendPage(
      reply,
      layout({ title: "Runs", session, workspaceId: ws, tab: "runs" }, runsPage(ws, runs, session)),
    );
  });

  app.get<WsParams>("/w/:ws/history", async (req, reply) => {
    const ws = req.params.ws;
    const session = await ctx.guard.workspace(req, reply, ws);
    if (!session) return reply;
    const runs = await ctx.o.runs.latest(ws, HISTORY_RUNS);
    return sendPage(
      reply,
      layout({ title: "Run history", session, workspaceId: ws, tab: "history" }, historyPage(runs)),
    );
  });

  app.get<{ Params: { ws: string; id: string } }>("/w/:ws/runs/:id", async (req, reply) => {
    const ws = req.params.ws;
    const session = await ctx.guard.workspace(req, reply, ws);
    if (!session) return reply;
    const run = await runOfWorkspace(ctx, ws, req.params.id);
    if (!run) return noSuchRun(reply);
    return sendPage(
      reply,
      layout({ title: "Run", session, workspaceId: ws, tab: "history" }, runPage(run, session)),
    );
  });
}
