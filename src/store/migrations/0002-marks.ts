import type { Kysely } from "kysely";

/** Per-user marks on jobs: saved, or hidden ("Not for me"). Always scoped by workspace and user. */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable("job_marks")
    .addColumn("workspace_id", "text", (c) => c.notNull())
    .addColumn("user_id", "text", (c) => c.notNull())
    .addColumn("job_id", "integer", (c) => c.notNull().references("jobs.id").onDelete("cascade"))
    .addColumn("mark", "text", (c) => c.notNull())
    .addColumn("created_at", "text", (c) => c.notNull())
    .addPrimaryKeyConstraint("job_marks_pk", ["workspace_id", "user_id", "job_id", "mark"])
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable("job_marks").ifExists().execute();
}
