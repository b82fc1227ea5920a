import { sql, type Kysely } from "kysely";
import { isPostgres, types } from "./dialect.js";

export async function up(db: Kysely<unknown>): Promise<void> {
  const t = types(db);
  await db.schema
    .createTable("workspaces")
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("name", "text", (c) => c.notNull())
    .addColumn("platform", "text", (c) => c.notNull())
    .addColumn("created_at", "text", (c) => c.notNull())
    .execute();

  await db.schema
    .createTable("users")
    .addColumn("workspace_id", "text", (c) => c.notNull().references("workspaces.id").onDelete("cascade"))
    .addColumn("id", "text", (c) => c.notNull())
    .addColumn("display_name", "text")
    .addColumn("created_at", "text", (c) => c.notNull())
    .addPrimaryKeyConstraint("users_pk", ["workspace_id", "id"])
    .execute();

  await db.schema
    .createTable("jobs")
    .addColumn("id", t.serial, (c) => (t.autoIncrement ? c.primaryKey().autoIncrement() : c.primaryKey()))
    .addColumn("uid", "text", (c) => c.notNull().unique())
    .addColumn("title", "text", (c) => c.notNull())
    .addColumn("company", "text", (c) => c.notNull())
    .addColumn("city", "text")
    .addColumn("region", "text")
    .addColumn("country", "text")
    .addColumn("lat", t.double)
    .addColumn("lon", t.double)
    .addColumn("locations_json", "text", (c) => c.notNull())
    .addColumn("remote_mode", "text", (c) => c.notNull())
    .addColumn("employment_type", "text", (c) => c.notNull())
    .addColumn("seniority", "text", (c) => c.notNull())
    .addColumn("salary_min", t.double)
    .addColumn("salary_max", t.double)
    .addColumn("salary_currency", "text")
    .addColumn("salary_period", "text")
    .addColumn("language", "text", (c) => c.notNull())
    .addColumn("posted_at", "text")
    .addColumn("updated_at", "text")
    .addColumn("description", "text", (c) => c.notNull())
    .addColumn("apply_url", "text")
    .addColumn("canonical_url", "text")
    .addColumn("content_hash", "text", (c) => c.notNull())
    .addColumn("status", "text", (c) => c.notNull().defaultTo("open"))
    .addColumn("first_seen_at", "text", (c) => c.notNull())
    .addColumn("last_seen_at", "text", (c) => c.notNull())
    .execute();
  await db.schema.createIndex("jobs_canonical_url").on("jobs").column("canonical_url").execute();
  await db.schema.createIndex("jobs_posted_at").on("jobs").column("posted_at").execute();

  await db.schema
    .createTable("job_sources")
    .addColumn("source", "text", (c) => c.notNull())
    .addColumn("source_id", "text", (c) => c.notNull())
    .addColumn("job_id", "integer", (c) => c.notNull().references("jobs.id").onDelete("cascade"))
    .addColumn("url", "text")
    .addColumn("first_seen_at", "text", (c) => c.notNull())
    .addColumn("last_seen_at", "text", (c) => c.notNull())
    .addColumn("last_run_id", "text")
    .addPrimaryKeyConstraint("job_sources_pk", ["source", "source_id"])
    .execute();
  await db.schema.createIndex("job_sources_job").on("job_sources").column("job_id").execute();

  if (isPostgres(db)) {
    // Lexical index on PostgreSQL: a tsvector of the folded fields (the store writes it with the job).
    await sql`CREATE EXTENSION IF NOT EXISTS unaccent`.execute(db);
    // Lower case and diacritics removed, like FTS5's unicode61 with remove_diacritics; immutable so
    // indexes may use it (unaccent itself is only stable: its dictionary could change).
    await sql`CREATE OR REPLACE FUNCTION jobscout_fold(text) RETURNS text
      LANGUAGE sql IMMUTABLE PARALLEL SAFE STRICT
      AS $$ SELECT lower(public.unaccent('public.unaccent'::regdictionary, $1)) $$`.execute(db);
    await db.schema
      .alterTable("jobs")
      .addColumn("search_vec", sql`tsvector`)
      .execute();
    await sql`CREATE INDEX jobs_search_vec ON jobs USING gin (search_vec)`.execute(db);
  } else {
    // Lexical index. Contentless (the text lives in `jobs`), with delete support so updates stay exact.
    await sql`CREATE VIRTUAL TABLE jobs_fts USING fts5(
      title, company, place, description,
      content='', contentless_delete=1, tokenize='unicode61 remove_diacritics 2'
    )`.execute(db);
  }

  await db.schema
    .createTable("runs")
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("workspace_id", "text", (c) => c.notNull())
    .addColumn("user_id", "text", (c) => c.notNull())
    .addColumn("query_json", "text", (c) => c.notNull())
    .addColumn("sources_json", "text", (c) => c.notNull())
    .addColumn("status", "text", (c) => c.notNull())
    .addColumn("stage", "text", (c) => c.notNull())
    .addColumn("progress", "integer", (c) => c.notNull().defaultTo(0))
    .addColumn("created_at", "text", (c) => c.notNull())
    .addColumn("started_at", "text")
    .addColumn("finished_at", "text")
    .addColumn("error", "text")
    .addColumn("stats_json", "text")
    .execute();
  await db.schema.createIndex("runs_workspace").on("runs").columns(["workspace_id", "created_at"]).execute();

  await db.schema
    .createTable("run_sources")
    .addColumn("run_id", "text", (c) => c.notNull().references("runs.id").onDelete("cascade"))
    .addColumn("source", "text", (c) => c.notNull())
    .addColumn("status", "text", (c) => c.notNull())
    .addColumn("pages", "integer", (c) => c.notNull().defaultTo(0))
    .addColumn("fetched", "integer", (c) => c.notNull().defaultTo(0))
    .addColumn("normalized", "integer", (c) => c.notNull().defaultTo(0))
    .addColumn("rejected", "integer", (c) => c.notNull().defaultTo(0))
    .addColumn("new_jobs", "integer", (c) => c.notNull().defaultTo(0))
    .addColumn("updated_jobs", "integer", (c) => c.notNull().defaultTo(0))
    .addColumn("attempts", "integer", (c) => c.notNull().defaultTo(0))
    .addColumn("http_status", "integer")
    .addColumn("error", "text")
    .addColumn("started_at", "text")
    .addColumn("finished_at", "text")
    .addPrimaryKeyConstraint("run_sources_pk", ["run_id", "source"])
    .execute();

  await db.schema
    .createTable("run_items")
    .addColumn("run_id", "text", (c) => c.notNull().references("runs.id").onDelete("cascade"))
    .addColumn("source", "text", (c) => c.notNull())
    .addColumn("source_id", "text", (c) => c.notNull())
    .addColumn("raw_json", "text", (c) => c.notNull())
    .addColumn("posting_json", "text")
    .addColumn("reject_reason", "text")
    .addColumn("job_id", "integer")
    .addColumn("outcome", "text")
    .addPrimaryKeyConstraint("run_items_pk", ["run_id", "source", "source_id"])
    .execute();

  await db.schema
    .createTable("job_vectors")
    .addColumn("seq", t.bigserial, (c) => (t.autoIncrement ? c.primaryKey().autoIncrement() : c.primaryKey()))
    .addColumn("job_id", "integer", (c) => c.notNull().references("jobs.id").onDelete("cascade"))
    .addColumn("embedder", "text", (c) => c.notNull())
    .addColumn("content_hash", "text", (c) => c.notNull())
    .addColumn("vector", t.blob, (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex("job_vectors_job_embedder")
    .on("job_vectors")
    .columns(["job_id", "embedder"])
    .unique()
    .execute();
  await db.schema
    .createIndex("job_vectors_embedder_seq")
    .on("job_vectors")
    .columns(["embedder", "seq"])
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  for (const t of [
    "job_vectors",
    "run_items",
    "run_sources",
    "runs",
    "jobs_fts",
    "job_sources",
    "jobs",
    "users",
    "workspaces",
  ]) {
    await db.schema.dropTable(t).ifExists().execute();
  }
}
