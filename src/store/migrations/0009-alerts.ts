import type { Kysely } from "kysely";

/**
 * Saved searches with their schedules, one claim row per (saved search, due time) so a digest is
 * posted once however many workers see it, and each member's time zone (asked once).
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable("saved_searches")
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("workspace_id", "text", (c) => c.notNull())
    .addColumn("owner_id", "text", (c) => c.notNull())
    .addColumn("platform", "text", (c) => c.notNull())
    .addColumn("name", "text", (c) => c.notNull())
    .addColumn("query_json", "text", (c) => c.notNull())
    .addColumn("schedule_json", "text", (c) => c.notNull())
    .addColumn("tz", "text", (c) => c.notNull())
    .addColumn("target_kind", "text", (c) => c.notNull())
    .addColumn("target_channel", "text")
    .addColumn("when_empty", "text", (c) => c.notNull())
    .addColumn("status", "text", (c) => c.notNull())
    .addColumn("paused_reason", "text")
    .addColumn("owner_told", "integer", (c) => c.notNull().defaultTo(0))
    .addColumn("boundary_seq", "integer", (c) => c.notNull())
    .addColumn("last_delivered_at", "text")
    .addColumn("created_at", "text", (c) => c.notNull())
    .addColumn("updated_at", "text", (c) => c.notNull())
    .addUniqueConstraint("saved_searches_name", ["workspace_id", "owner_id", "name"])
    .execute();
  await db.schema
    .createIndex("saved_searches_owner")
    .on("saved_searches")
    .columns(["workspace_id", "owner_id"])
    .execute();

  await db.schema
    .createTable("digest_deliveries")
    .addColumn("search_id", "text", (c) => c.notNull().references("saved_searches.id").onDelete("cascade"))
    .addColumn("due_at", "text", (c) => c.notNull())
    .addColumn("status", "text", (c) => c.notNull())
    .addColumn("claimed_by", "text", (c) => c.notNull())
    .addColumn("claimed_at", "text", (c) => c.notNull())
    .addColumn("finished_at", "text")
    .addColumn("jobs", "integer", (c) => c.notNull().defaultTo(0))
    .addColumn("error", "text")
    .addPrimaryKeyConstraint("digest_deliveries_pk", ["search_id", "due_at"])
    .execute();

  await db.schema
    .createTable("member_settings")
    .addColumn("workspace_id", "text", (c) => c.notNull())
    .addColumn("user_id", "text", (c) => c.notNull())
    .addColumn("tz", "text")
    .addColumn("updated_at", "text", (c) => c.notNull())
    .addPrimaryKeyConstraint("member_settings_pk", ["workspace_id", "user_id"])
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable("member_settings").ifExists().execute();
  await db.schema.dropTable("digest_deliveries").ifExists().execute();
  await db.schema.dropTable("saved_searches").ifExists().execute();
}
