import { timingSafeEqual, createHash } from "node:crypto";
import type { FastifyInstance, FastifyReply, FastifyRequest } from "fastify";
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

const waitTime = (seconds: number): string =>
  seconds < 120 ? `${seconds} seconds` : `${Math.ceil(seconds / 60)} minutes`;

/** Log in with the operator token or a one-time link from chat; log out. */
export function registerLoginRoutes(app: FastifyInstance, ctx: DashboardContext): void {
  const start = async (reply: FastifyReply, who: Omit<Session, "csrf" | "expiresAt">, to: string) => {
    const { id } = await ctx.sessions.create(who);
    setSessionCookie(reply, id, ctx.sessions.ttlMs);
    return reply.redirect(to, 303);
  };

  // A client that guessed wrong too often is told to wait before its token is even looked at,
  // so guessing stays slow; a good token from it works again once the window has passed.
  const throttled = async (req: FastifyRequest, reply: FastifyReply): Promise<boolean> => {
    const waitMs = await ctx.throttle.blockedFor(req.ip);
    if (waitMs === 0) return false;
    const seconds = Math.ceil(waitMs / 1000);
    ctx.o.logger.warn("dashboard login throttled", { ip: req.ip, retryAfterSeconds: seconds });
    void reply.header("retry-after", String(seconds));
    await sendPage(
      reply,
      loginPage(`Too many failed logins from here. Try again in ${waitTime(seconds)}.`),
      429,
    );
    return true;
  };

  app.get("/login", async (_req, reply) => sendPage(reply, loginPage()));

  app.post("/login", async (req, reply) => {
    if (await throttled(req, reply)) return reply;
    const token = ctx.o.auth.token;
    const given = formField(req, "token");
    if (!token || !timingSafeEqual(digest(given), digest(token))) {
      await ctx.throttle.failed(req.ip);
      ctx.o.logger.warn("dashboard login refused", { ip: req.ip });
      return sendPage(reply, loginPage("That token is not right."), 401);
    }
    return start(reply, { userId: "operator", workspaces: [ALL_WORKSPACES], admin: true }, "/");
  });

  app.get<{ Params: { token: string } }>("/login/:token", async (req, reply) => {
    if (await throttled(req, reply)) return reply;
    const grant = await ctx.links.redeem(req.params.token);
    if (!grant) {
      await ctx.throttle.failed(req.ip);
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
