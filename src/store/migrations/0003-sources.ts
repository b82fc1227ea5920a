import type { Kysely } from "kysely";

/**
 * Sources tracked per workspace (boards, feeds, career pages), source health per run, and
 * open/closed per source reference.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable("workspace_sources")
    .addColumn("workspace_id", "text", (c) => c.notNull())
    .addColumn("key", "text", (c) => c.notNull())
    .addColumn("kind", "text", (c) => c.notNull())
    .addColumn("params_json", "text", (c) => c.notNull())
    .addColumn("label", "text", (c) => c.notNull())
    .addColumn("added_by", "text", (c) => c.notNull())
    .addColumn("origin", "text", (c) => c.notNull().defaultTo("chat"))
    .addColumn("enabled", "integer", (c) => c.notNull().defaultTo(1))
    .addColumn("created_at", "text", (c) => c.notNull())
    .addPrimaryKeyConstraint("workspace_sources_pk", ["workspace_id", "key"])
    .execute();
  await db.schema.createIndex("workspace_sources_key").on("workspace_sources").column("key").execute();

  // Health per run and source, beyond fetched/new/updated/rejected.
  await db.schema
    .alterTable("run_sources")
    .addColumn("complete", "integer", (c) => c.notNull().defaultTo(0))
    .execute();
  await db.schema
    .alterTable("run_sources")
    .addColumn("closed_jobs", "integer", (c) => c.notNull().defaultTo(0))
    .execute();
  await db.schema
    .alterTable("run_sources")
    .addColumn("retries", "integer", (c) => c.notNull().defaultTo(0))
    .execute();
  await db.schema.alterTable("run_sources").addColumn("http_json", "text").execute();
  await db.schema.alterTable("run_sources").addColumn("duration_ms", "integer").execute();
  await db.schema.alterTable("run_sources").addColumn("label", "text").execute();
  await db.schema
    .createIndex("run_sources_source")
    .on("run_sources")
    .columns(["source", "finished_at"])
    .execute();

  // A reference closes when its source no longer lists the job; the job closes when all its references have.
  await db.schema.alterTable("job_sources").addColumn("closed_at", "text").execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable("workspace_sources").ifExists().execute();
}
