import type { FastifyReply, FastifyRequest } from "fastify";
import type { SafeHtml } from "./html.js";
import { canSee, type Session, type SessionStore } from "./sessions.js";
import { problemPage } from "./views/login.view.js";

export const SESSION_COOKIE = "jobscout_session";

/** The value of one cookie of the request. */
export function cookieOf(req: FastifyRequest, name: string): string | undefined {
  for (const part of (req.headers.cookie ?? "").split(";")) {
    const [k, ...v] = part.trim().split("=");
    if (k === name) return decodeURIComponent(v.join("="));
  }
  return undefined;
}

/** Send a server-rendered page with headers that keep it from being framed, cached or leaking its URL. */
export function sendPage(reply: FastifyReply, page: SafeHtml, status = 200): FastifyReply {
  return reply
    .code(status)
    .header("content-type", "text/html; charset=utf-8")
    .header(
      "content-security-policy",
      "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; frame-ancestors 'none'; form-action 'self'",
    )
    .header("x-frame-options", "DENY")
    .header("x-content-type-options", "nosniff")
    .header("referrer-policy", "no-referrer")
    .header("cache-control", "no-store")
    .send(page.value);
}

/** Who may do what: every route asks here before it reads anything of a workspace. */
export class Guard {
  constructor(private readonly sessions: SessionStore) {}

  session(req: FastifyRequest): Promise<Session | undefined> {
    return this.sessions.get(cookieOf(req, SESSION_COOKIE));
  }

  /** The login, or a redirect to the login page (undefined: the reply is sent). */
  async page(req: FastifyRequest, reply: FastifyReply): Promise<Session | undefined> {
    const session = await this.session(req);
    if (!session) await reply.redirect("/login", 303);
    return session;
  }

  /** The login if it may see this workspace; else 403 — the same answer whether the workspace exists or not. */
  async workspace(
    req: FastifyRequest,
    reply: FastifyReply,
    workspaceId: string,
  ): Promise<Session | undefined> {
    const session = await this.page(req, reply);
    if (!session) return undefined;
    if (canSee(session, workspaceId)) return session;
    await sendPage(
      reply,
      problemPage("Not your workspace", "This login cannot open that workspace. Ask its admin for a link."),
      403,
    );
    return undefined;
  }

  /** Like {@link workspace}, for actions: an admin, and the form's CSRF token must match the session's. */
  async admin(req: FastifyRequest, reply: FastifyReply, workspaceId: string): Promise<Session | undefined> {
    const session = await this.workspace(req, reply, workspaceId);
    if (!session) return undefined;
    const csrf = formField(req, "csrf");
    if (session.admin && csrf === session.csrf) return session;
    await sendPage(
      reply,
      problemPage(
        "Not allowed",
        "Only an admin of this workspace can do that, from the dashboard's own pages.",
      ),
      403,
    );
    return undefined;
  }
}

/** A field of a url-encoded form body ("" when absent). */
export function formField(req: FastifyRequest, name: string): string {
  const body = req.body as Record<string, unknown> | undefined | null;
  const v = body && typeof body === "object" ? body[name] : undefined;
  return typeof v === "string" ? v : "";
}
