import type { webApi } from "@slack/bolt";
import type { Logger } from "../../core/logger.js";
import type { ChatUser } from "../../chat/chat-turn.js";

/** Options for {@link SlackIdentity}. */
export interface SlackIdentityOptions {
  /** How long a users.info answer is reused. @defaultValue `300000` (5 minutes) */
  ttlMs?: number;
  /** How long a failed lookup counts as "not an admin" before asking again. @defaultValue `60000` */
  failureTtlMs?: number;
  logger: Logger;
}

/**
 * Who a Slack user is: name and whether they administer the workspace (admin or owner), from
 * users.info, cached per user — a chatty channel must not call users.info on every message.
 */
export class SlackIdentity {
  private readonly cache = new Map<string, { until: number; user: Promise<ChatUser> }>();
  private readonly ttlMs: number;
  private readonly failureTtlMs: number;

  constructor(private readonly o: SlackIdentityOptions) {
    this.ttlMs = o.ttlMs ?? 300_000;
    this.failureTtlMs = o.failureTtlMs ?? 60_000;
  }

  user(client: webApi.WebClient, teamId: string, userId: string): Promise<ChatUser> {
    const key = `${teamId}:${userId}`;
    const now = Date.now();
    const hit = this.cache.get(key);
    if (hit && hit.until > now) return hit.user;
    const entry = { until: now + this.ttlMs, user: this.lookup(client, userId, key) };
    this.cache.set(key, entry);
    if (this.cache.size > 10_000) this.cache.delete(this.cache.keys().next().value ?? key);
    return entry.user;
  }

  private async lookup(client: webApi.WebClient, userId: string, key: string): Promise<ChatUser> {
    try {
      const res = await client.users.info({ user: userId });
      const u = res.user;
      const name = u?.profile?.display_name || u?.real_name || u?.name;
      return {
        id: userId,
        ...(name ? { name } : {}),
        isAdmin: Boolean(u?.is_admin || u?.is_owner),
        ...(u?.tz ? { timeZone: u.tz } : {}),
      };
    } catch (err) {
      this.o.logger.warn("slack users.info failed; treating the user as no admin", { error: String(err) });
      const entry = this.cache.get(key);
      if (entry) entry.until = Date.now() + this.failureTtlMs;
      return { id: userId, isAdmin: false };
    }
  }
}
