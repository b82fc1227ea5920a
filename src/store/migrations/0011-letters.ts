import type { Kysely } from "kysely";

/**
 * Cover letters with their grounding report, model and prompt version, approver and hash; each
 * person's application status per job ("letter approved", "exported", "applied"); and one row per
 * mail sent, keyed so a retried send is recorded (and sent) once.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable("letters")
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("workspace_id", "text", (c) => c.notNull())
    .addColumn("user_id", "text", (c) => c.notNull())
    .addColumn("job_id", "integer", (c) => c.notNull())
    .addColumn("lang", "text", (c) => c.notNull())
    .addColumn("text", "text", (c) => c.notNull())
    .addColumn("cited_json", "text", (c) => c.notNull())
    .addColumn("report_json", "text", (c) => c.notNull())
    .addColumn("supported", "integer", (c) => c.notNull())
    .addColumn("model", "text", (c) => c.notNull())
    .addColumn("prompt_version", "text", (c) => c.notNull())
    .addColumn("status", "text", (c) => c.notNull())
    .addColumn("edited", "integer", (c) => c.notNull().defaultTo(0))
    .addColumn("approved_by", "text")
    .addColumn("approved_at", "text")
    .addColumn("approved_unsupported", "integer", (c) => c.notNull().defaultTo(0))
    .addColumn("hash", "text", (c) => c.notNull())
    .addColumn("created_at", "text", (c) => c.notNull())
    .addColumn("updated_at", "text", (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex("letters_owner_job")
    .on("letters")
    .columns(["workspace_id", "user_id", "job_id"])
    .execute();

  await db.schema
    .createTable("applications")
    .addColumn("workspace_id", "text", (c) => c.notNull())
    .addColumn("user_id", "text", (c) => c.notNull())
    .addColumn("job_id", "integer", (c) => c.notNull())
    .addColumn("status", "text", (c) => c.notNull())
    .addColumn("letter_id", "text")
    .addColumn("updated_at", "text", (c) => c.notNull())
    .addPrimaryKeyConstraint("applications_pk", ["workspace_id", "user_id", "job_id"])
    .execute();

  await db.schema
    .createTable("sent_mails")
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("workspace_id", "text", (c) => c.notNull())
    .addColumn("user_id", "text", (c) => c.notNull())
    .addColumn("letter_id", "text", (c) => c.notNull())
    .addColumn("to_address", "text", (c) => c.notNull())
    .addColumn("status", "text", (c) => c.notNull())
    .addColumn("message_id", "text")
    .addColumn("error", "text")
    .addColumn("created_at", "text", (c) => c.notNull())
    .addColumn("sent_at", "text")
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable("sent_mails").ifExists().execute();
  await db.schema.dropTable("applications").ifExists().execute();
  await db.schema.dropTable("letters").ifExists().execute();
}
