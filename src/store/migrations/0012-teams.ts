import type { Kysely } from "kysely";
import { types } from "./dialect.js";

/**
 * Teams sharing a channel: which channels are team channels and their settings, the marks members
 * share there (claimed, applied, not relevant), roles granted in chat, and an audit trail of changes.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  const t = types(db);
  await db.schema
    .createTable("team_channels")
    .addColumn("workspace_id", "text", (c) => c.notNull())
    .addColumn("channel_id", "text", (c) => c.notNull())
    .addColumn("team", "integer", (c) => c.notNull().defaultTo(0))
    .addColumn("alerts_by", "text", (c) => c.notNull().defaultTo("admins"))
    .addColumn("updated_by", "text", (c) => c.notNull())
    .addColumn("updated_at", "text", (c) => c.notNull())
    .addPrimaryKeyConstraint("team_channels_pk", ["workspace_id", "channel_id"])
    .execute();

  await db.schema
    .createTable("team_marks")
    .addColumn("workspace_id", "text", (c) => c.notNull())
    .addColumn("channel_id", "text", (c) => c.notNull())
    .addColumn("job_id", "integer", (c) => c.notNull())
    .addColumn("user_id", "text", (c) => c.notNull())
    .addColumn("mark", "text", (c) => c.notNull())
    .addColumn("created_at", "text", (c) => c.notNull())
    .addPrimaryKeyConstraint("team_marks_pk", ["workspace_id", "channel_id", "job_id", "user_id"])
    .execute();
  await db.schema
    .createIndex("team_marks_recent")
    .on("team_marks")
    .columns(["workspace_id", "channel_id", "created_at"])
    .execute();

  await db.schema
    .createTable("member_roles")
    .addColumn("workspace_id", "text", (c) => c.notNull())
    .addColumn("user_id", "text", (c) => c.notNull())
    .addColumn("role", "text", (c) => c.notNull())
    .addColumn("granted_by", "text", (c) => c.notNull())
    .addColumn("granted_at", "text", (c) => c.notNull())
    .addPrimaryKeyConstraint("member_roles_pk", ["workspace_id", "user_id"])
    .execute();

  await db.schema
    .createTable("audit_log")
    .addColumn("id", t.serial, (c) => (t.autoIncrement ? c.primaryKey().autoIncrement() : c.primaryKey()))
    .addColumn("workspace_id", "text", (c) => c.notNull())
    .addColumn("channel_id", "text")
    .addColumn("actor_id", "text", (c) => c.notNull())
    .addColumn("action", "text", (c) => c.notNull())
    .addColumn("subject", "text", (c) => c.notNull())
    .addColumn("at", "text", (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex("audit_log_workspace")
    .on("audit_log")
    .columns(["workspace_id", "id"])
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable("audit_log").ifExists().execute();
  await db.schema.dropTable("member_roles").ifExists().execute();
  await db.schema.dropTable("team_marks").ifExists().execute();
  await db.schema.dropTable("team_channels").ifExists().execute();
}
