import type { Kysely } from "kysely";

/**
 * Whose private data a run serves: a person's profile lives in their personal workspace
 * (`slack:<team>` for a Slack DM, `discord-user:<id>` on Discord), which is not the workspace a run
 * from a DM or a Discord server belongs to, so the run keeps it for the evaluate stage. And who is
 * active in which channel, with the workspace their profile lives in: a team channel's ranking
 * counts the profiles of the people who work there.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema.alterTable("runs").addColumn("requester_workspace_id", "text").execute();
  await db.schema
    .createTable("channel_members")
    .addColumn("workspace_id", "text", (c) => c.notNull())
    .addColumn("channel_id", "text", (c) => c.notNull())
    .addColumn("user_id", "text", (c) => c.notNull())
    .addColumn("personal_workspace_id", "text", (c) => c.notNull())
    .addColumn("last_seen_at", "text", (c) => c.notNull())
    .addPrimaryKeyConstraint("channel_members_pk", ["workspace_id", "channel_id", "user_id"])
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable("channel_members").execute();
  await db.schema.alterTable("runs").dropColumn("requester_workspace_id").execute();
}
