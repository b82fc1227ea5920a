import type { Kysely } from "kysely";

/**
 * Profiles (a person's CV as numbered lines, facts and stated preferences), the CV files waiting to
 * be parsed, and fit scores per job and person. All private: every key starts with workspace and user.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable("cv_uploads")
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("workspace_id", "text", (c) => c.notNull())
    .addColumn("user_id", "text", (c) => c.notNull())
    .addColumn("file_name", "text", (c) => c.notNull())
    .addColumn("mime_type", "text")
    .addColumn("size", "integer", (c) => c.notNull())
    // Base64 text: portable across SQLite and PostgreSQL; cleared once parsed.
    .addColumn("content_b64", "text")
    .addColumn("status", "text", (c) => c.notNull())
    .addColumn("error", "text")
    .addColumn("created_at", "text", (c) => c.notNull())
    .addColumn("finished_at", "text")
    .execute();
  await db.schema
    .createIndex("cv_uploads_owner")
    .on("cv_uploads")
    .columns(["workspace_id", "user_id"])
    .execute();

  await db.schema
    .createTable("profiles")
    .addColumn("workspace_id", "text", (c) => c.notNull())
    .addColumn("user_id", "text", (c) => c.notNull())
    .addColumn("version", "integer", (c) => c.notNull())
    .addColumn("source_name", "text")
    .addColumn("lines_json", "text", (c) => c.notNull())
    .addColumn("facts_json", "text", (c) => c.notNull())
    .addColumn("preferences_json", "text", (c) => c.notNull())
    .addColumn("updated_at", "text", (c) => c.notNull())
    .addPrimaryKeyConstraint("profiles_pk", ["workspace_id", "user_id"])
    .execute();

  await db.schema
    .createTable("fit_scores")
    .addColumn("workspace_id", "text", (c) => c.notNull())
    .addColumn("user_id", "text", (c) => c.notNull())
    .addColumn("job_id", "integer", (c) => c.notNull().references("jobs.id").onDelete("cascade"))
    .addColumn("total", "integer", (c) => c.notNull())
    .addColumn("breakdown_json", "text", (c) => c.notNull())
    .addColumn("profile_version", "integer", (c) => c.notNull())
    .addColumn("model_id", "text", (c) => c.notNull())
    .addColumn("prompt_version", "text", (c) => c.notNull())
    .addColumn("content_hash", "text", (c) => c.notNull())
    .addColumn("created_at", "text", (c) => c.notNull())
    .addPrimaryKeyConstraint("fit_scores_pk", ["workspace_id", "user_id", "job_id"])
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable("fit_scores").ifExists().execute();
  await db.schema.dropTable("profiles").ifExists().execute();
  await db.schema.dropTable("cv_uploads").ifExists().execute();
}
