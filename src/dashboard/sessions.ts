import { createHash, randomBytes } from "node:crypto";
import type { Redis } from "ioredis";
import { z } from "zod";

/** Who is logged in: an operator (token from config: every workspace) or a chat user (their workspace). */
export const sessionSchema = z.object({
  /** Chat user id, or `operator`. */
  userId: z.string(),
  /** Workspaces this login may see; `*` means all (operator). */
  workspaces: z.array(z.string()),
  /** May pause/resume sources, retry and start runs. */
  admin: z.boolean(),
  /** Sent with every form; a cross-site post cannot know it. */
  csrf: z.string(),
  expiresAt: z.number(),
});
export type Session = z.infer<typeof sessionSchema>;

export const ALL_WORKSPACES = "*";

/** Whether this login may see `workspaceId`. */
export function canSee(session: Session, workspaceId: string): boolean {
  return session.workspaces.includes(ALL_WORKSPACES) || session.workspaces.includes(workspaceId);
}

export const isOperator = (session: Session): boolean => session.workspaces.includes(ALL_WORKSPACES);

/** Random URL-safe secret. */
export const newSecret = (): string => randomBytes(24).toString("base64url");

/** Redis holds only hashes of secrets: a dump of it logs nobody in. */
export const secretKey = (prefix: string, kind: string, secret: string): string =>
  `${prefix}:dashboard:${kind}:${createHash("sha256").update(secret).digest("hex")}`;

/** Options for {@link SessionStore}. */
export interface SessionStoreOptions {
  redis: Redis;
  /** The installation's Redis key prefix (`JOBSCOUT_QUEUE_PREFIX`). */
  prefix: string;
  /** Session lifetime (`JOBSCOUT_DASHBOARD_SESSION_MS`). */
  ttlMs: number;
}

/** Dashboard logins in Redis, so every dashboard process shares them and they expire by themselves. */
export class SessionStore {
  constructor(private readonly o: SessionStoreOptions) {}

  get ttlMs(): number {
    return this.o.ttlMs;
  }

  /** Start a session; returns the cookie value. */
  async create(who: Omit<Session, "csrf" | "expiresAt">): Promise<{ id: string; session: Session }> {
    const id = newSecret();
    const session: Session = { ...who, csrf: newSecret(), expiresAt: Date.now() + this.o.ttlMs };
    await this.o.redis.set(this.key(id), JSON.stringify(session), "PX", this.o.ttlMs);
    return { id, session };
  }

  async get(id: string | undefined): Promise<Session | undefined> {
    if (!id) return undefined;
    const raw = await this.o.redis.get(this.key(id));
    if (!raw) return undefined;
    const parsed = sessionSchema.safeParse(JSON.parse(raw));
    return parsed.success && parsed.data.expiresAt > Date.now() ? parsed.data : undefined;
  }

  async destroy(id: string | undefined): Promise<void> {
    if (id) await this.o.redis.del(this.key(id));
  }

  private key(id: string): string {
    return secretKey(this.o.prefix, "session", id);
  }
}
