import type { Db } from "./db.js";

/** Per-member settings; only the member's own (workspace, user) is read or written. */
export class MemberSettingsRepo {
  constructor(private readonly db: Db) {}

  async timeZone(workspaceId: string, userId: string): Promise<string | undefined> {
    const row = await this.db.kysely
      .selectFrom("member_settings")
      .select("tz")
      .where("workspace_id", "=", workspaceId)
      .where("user_id", "=", userId)
      .executeTakeFirst();
    return row?.tz ?? undefined;
  }

  async setTimeZone(workspaceId: string, userId: string, tz: string): Promise<void> {
    const now = new Date().toISOString();
    await this.db.kysely
      .insertInto("member_settings")
      .values({ workspace_id: workspaceId, user_id: userId, tz, updated_at: now })
      .onConflict((oc) => oc.columns(["workspace_id", "user_id"]).doUpdateSet({ tz, updated_at: now }))
      .execute();
  }
}
