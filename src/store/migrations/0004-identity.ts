import { sql, type Kysely } from "kysely";
import { isPostgres, types } from "./dialect.js";

/**
 * One identity per job across sites: every copy of a job (one per source reference) is indexed by
 * its fingerprint keys, apply URL and description sketch, so dedupe finds the job a new copy
 * belongs to with indexed lookups instead of scanning jobs. References also remember which run
 * closed them, so a retried close never counts twice.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  const t = types(db);
  await db.schema
    .createTable("job_identity")
    .addColumn("id", t.serial, (c) => c.primaryKey())
    .addColumn("source", "text", (c) => c.notNull())
    .addColumn("source_id", "text", (c) => c.notNull())
    .addColumn("job_id", "integer", (c) => c.notNull().references("jobs.id").onDelete("cascade"))
    .addColumn("company_key", "text", (c) => c.notNull())
    .addColumn("title_key", "text", (c) => c.notNull())
    .addColumn("places_json", "text", (c) => c.notNull())
    .addColumn("seniority", "text", (c) => c.notNull())
    .addColumn("employment", "text", (c) => c.notNull())
    .addColumn("canonical_url", "text")
    .addColumn("posted_at", "text")
    .addColumn("desc_len", "integer", (c) => c.notNull())
    .addColumn("minhash", t.blob)
    .addColumn("is_primary", "integer", (c) => c.notNull().defaultTo(0))
    .addUniqueConstraint("job_identity_ref", ["source", "source_id"])
    .execute();
  await db.schema
    .createIndex("job_identity_keys")
    .on("job_identity")
    .columns(["company_key", "title_key"])
    .execute();
  await db.schema.createIndex("job_identity_url").on("job_identity").column("canonical_url").execute();
  await db.schema.createIndex("job_identity_job").on("job_identity").column("job_id").execute();

  // LSH buckets of description sketches (keys already salted with the company), per job.
  await db.schema
    .createTable("job_lsh")
    // 48-bit keys: PostgreSQL needs bigint.
    .addColumn("band_key", t.bigint, (c) => c.notNull())
    .addColumn("job_id", "integer", (c) => c.notNull().references("jobs.id").onDelete("cascade"))
    .addPrimaryKeyConstraint("job_lsh_pk", ["band_key", "job_id"])
    .$call((b) => (isPostgres(db) ? b : b.modifyEnd(sql`without rowid`)))
    .execute();
  await db.schema.createIndex("job_lsh_job").on("job_lsh").column("job_id").execute();

  await db.schema.alterTable("job_sources").addColumn("closed_run_id", "text").execute();
  // Few rows carry one at a time: a partial index finds what a run closed without a scan.
  await db.schema
    .createIndex("job_sources_closed_run")
    .on("job_sources")
    .column("closed_run_id")
    .where(sql.ref("closed_run_id"), "is not", null)
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable("job_lsh").ifExists().execute();
  await db.schema.dropTable("job_identity").ifExists().execute();
}
