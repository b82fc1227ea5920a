import type { Kysely } from "kysely";

/**
 * Who wrote in a channel: where the platform cannot list a channel's members (a Discord guild
 * channel), "best for the team" counts the profiles of the members who wrote there.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable("channel_members")
    .addColumn("workspace_id", "text", (c) => c.notNull())
    .addColumn("channel_id", "text", (c) => c.notNull())
    .addColumn("user_id", "text", (c) => c.notNull())
    .addColumn("last_seen_at", "text", (c) => c.notNull())
    .addPrimaryKeyConstraint("channel_members_pk", ["workspace_id", "channel_id", "user_id"])
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable("channel_members").ifExists().execute();
}
