import type { FastifyInstance } from "fastify";
import type { DashboardContext } from "../dashboard.server.js";
import type { SafeHtml } from "../html.js";
import type { Session } from "../sessions.js";
import { sourceHealth } from "../source-health.js";
import { liveRuns } from "../views/runs.view.js";
import { sourcesTable } from "../views/sources.view.js";
import { LIVE_RUNS } from "./runs.route.js";

/** One SSE message; every line of the fragment gets its own `data:` field. */
export function sseMessage(event: string, fragment: string): string {
  return `event: ${event}\n${fragment
    .split("\n")
    .map((l) => `data: ${l}`)
    .join("\n")}\n\n`;
}

const FEEDS = {
  runs: async (ctx: DashboardContext, ws: string, s: Session): Promise<SafeHtml> =>
    liveRuns(await ctx.o.runs.latest(ws, LIVE_RUNS), s),
  sources: async (ctx: DashboardContext, ws: string, s: Session): Promise<SafeHtml> =>
    sourcesTable(ws, await sourceHealth(ctx.sourceDeps, ws), s),
} as const;

/**
 * `/w/:ws/events?feed=runs|sources`: server-sent events carrying the re-rendered live part of a page
 * whenever it changes. It watches the store, the truth every worker process writes to, so runs
 * worked on anywhere show up. The session is checked on every tick: a logout or expiry ends the stream.
 */
export function registerEventRoutes(app: FastifyInstance, ctx: DashboardContext): void {
  const open = new Set<() => void>();
  app.addHook("preClose", (done) => {
    for (const end of open) end();
    done();
  });

  app.get<{ Params: { ws: string }; Querystring: { feed?: string } }>("/w/:ws/events", async (req, reply) => {
    const ws = req.params.ws;
    const session = await ctx.guard.workspace(req, reply, ws);
    if (!session) return reply;
    const feedName = req.query.feed === "sources" ? "sources" : "runs";
    const feed = FEEDS[feedName];
    reply.hijack();
    const res = reply.raw;
    res.writeHead(200, {
      "content-type": "text/event-stream; charset=utf-8",
      "cache-control": "no-store",
      connection: "keep-alive",
      "x-accel-buffering": "no",
    });
    res.write("retry: 2000\n\n");
    let last = "";
    let busy = false;
    let ticks = 0;
    const tick = async () => {
      if (busy) return;
      busy = true;
      try {
        const now = await ctx.guard.session(req);
        if (!now) {
          end();
          return;
        }
        const fragment = (await feed(ctx, ws, now)).value;
        if (fragment !== last) {
          last = fragment;
          res.write(sseMessage(feedName, fragment));
        } else if (++ticks % 15 === 0) {
          res.write(": keep-alive\n\n");
        }
      } catch (err) {
        ctx.o.logger.warn("dashboard live update failed", {
          workspace: ws,
          error: err instanceof Error ? err.message : String(err),
        });
      } finally {
        busy = false;
      }
    };
    const timer = setInterval(() => void tick(), ctx.o.liveIntervalMs ?? 1000);
    const end = () => {
      clearInterval(timer);
      open.delete(end);
      if (!res.writableEnded) res.end();
    };
    open.add(end);
    req.raw.on("close", end);
    void tick();
    return reply;
  });
}
