import type { Db } from "./db.js";

/** One change as the audit trail shows it. */
export interface AuditEntry {
  workspaceId: string;
  channelId: string | null;
  actorId: string;
  /** What was done: "alert.pause", "channel.settings", "role.grant", … */
  action: string;
  /** What it was done to, in words ("alert “python in Berlin”", "<@U2> → admin"). */
  subject: string;
  at: string;
}

/** The workspace's audit trail: appended to, never changed; read by admins. */
export class AuditRepo {
  constructor(private readonly db: Db) {}

  async add(e: Omit<AuditEntry, "at">): Promise<void> {
    await this.db.kysely
      .insertInto("audit_log")
      .values({
        workspace_id: e.workspaceId,
        channel_id: e.channelId,
        actor_id: e.actorId,
        action: e.action,
        subject: e.subject.slice(0, 300),
        at: new Date().toISOString(),
      })
      .execute();
  }

  /** Newest first; only this workspace's, optionally one channel's or one kind of action. */
  async list(
    workspaceId: string,
    o: { channelId?: string | undefined; actionPrefix?: string | undefined; limit?: number } = {},
  ): Promise<AuditEntry[]> {
    let q = this.db.kysely.selectFrom("audit_log").selectAll().where("workspace_id", "=", workspaceId);
    if (o.channelId) q = q.where("channel_id", "=", o.channelId);
    if (o.actionPrefix) q = q.where("action", "like", `${o.actionPrefix}%`);
    const rows = await q
      .orderBy("id", "desc")
      .limit(o.limit ?? 20)
      .execute();
    return rows.map((r) => ({
      workspaceId: r.workspace_id,
      channelId: r.channel_id,
      actorId: r.actor_id,
      action: r.action,
      subject: r.subject,
      at: r.at,
    }));
  }
}
