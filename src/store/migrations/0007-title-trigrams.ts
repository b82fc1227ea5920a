import { sql, type Kysely } from "kysely";
import { isPostgres } from "./dialect.js";

/**
 * Titles as trigrams, so a word finds the German compounds that contain it: "Pflege" finds
 * "Altenpflegerin" and "Pflegefachkraft", "Entwickler" finds "Softwareentwickler", "Lager"
 * finds "Lagerhelfer". Titles only: they are short, and where a compound matters most.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  if (isPostgres(db)) {
    // pg_trgm over the folded title: LIKE '%pflege%' finds "Altenpflegerin" by index.
    await sql`CREATE EXTENSION IF NOT EXISTS pg_trgm`.execute(db);
    await sql`CREATE INDEX jobs_title_trgm ON jobs USING gin (jobscout_fold(title) gin_trgm_ops)`.execute(db);
    return;
  }
  await sql`CREATE VIRTUAL TABLE jobs_title_fts USING fts5(
    title, content='', contentless_delete=1, tokenize='trigram remove_diacritics 1'
  )`.execute(db);
  await sql`INSERT INTO jobs_title_fts (rowid, title) SELECT id, title FROM jobs`.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  if (isPostgres(db)) await sql`DROP INDEX IF EXISTS jobs_title_trgm`.execute(db);
  else await sql`DROP TABLE IF EXISTS jobs_title_fts`.execute(db);
}
