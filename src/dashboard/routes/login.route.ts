import { timingSafeEqual, createHash } from "node:crypto";
import type { FastifyInstance, FastifyReply } from "fastify";
import type { DashboardContext } from "../dashboard.server.js";
import { cookieOf, formField, sendPage, SESSION_COOKIE } from "../guard.js";
import { ALL_WORKSPACES, type Session } from "../sessions.js";
import { loginPage } from "../views/login.view.js";

const digest = (s: string): Buffer => createHash("sha256").update(s).digest();

function setSessionCookie(reply: FastifyReply, id: string, ttlMs: number): void {
  // Lax, not Strict: the one-time link arrives from a chat app (another site) and must log in.
  // Actions are POSTs that also need the session's CSRF token.
  void reply.header(
    "set-cookie",
    `${SESSION_COOKIE}=${encodeURIComponent(id)}; Path=/; HttpOnly; SameSite=Lax; Max-Age=${Math.floor(ttlMs / 1000)}`,
  );
}

/** Log in with the operator token or a one-time link from chat; log out. */
export function registerLoginRoutes(app: FastifyInstance, ctx: DashboardContext): void {
  const start = async (reply: FastifyReply, who: Omit<Session, "csrf" | "expiresAt">, to: string) => {
    const { id } = await ctx.sessions.create(who);
    setSessionCookie(reply, id, ctx.sessions.ttlMs);
    return reply.redirect(to, 303);
  };

  app.get("/login", async (_req, reply) => sendPage(reply, loginPage()));

  app.post("/login", async (req, reply) => {
    const token = ctx.o.auth.token;
    const given = formField(req, "token");
    if (!token || !timingSafeEqual(digest(given), digest(token))) {
      ctx.o.logger.warn("dashboard login refused", { ip: req.ip });
      return sendPage(reply, loginPage("That token is not right."), 401);
    }
    return start(reply, { userId: "operator", workspaces: [ALL_WORKSPACES], admin: true }, "/");
  });

  app.get<{ Params: { token: string } }>("/login/:token", async (req, reply) => {
    const grant = await ctx.links.redeem(req.params.token);
    if (!grant) {
      return sendPage(
        reply,
        loginPage("This link was used already or has expired. Ask the bot for a new one: dashboard"),
        410,
      );
    }
    ctx.o.logger.info("dashboard login by link", { workspace: grant.workspaceId, user: grant.userId });
    return start(
      reply,
      { userId: grant.userId, workspaces: [grant.workspaceId], admin: grant.admin },
      `/w/${encodeURIComponent(grant.workspaceId)}/`,
    );
  });

  app.post("/logout", async (req, reply) => {
    await ctx.sessions.destroy(cookieOf(req, SESSION_COOKIE));
    void reply.header("set-cookie", `${SESSION_COOKIE}=; Path=/; HttpOnly; SameSite=Lax; Max-Age=0`);
    return reply.redirect("/login", 303);
  });
}
