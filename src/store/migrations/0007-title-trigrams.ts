import { sql, type Kysely } from "kysely";

/**
 * Titles as trigrams, so a word finds the German compounds that contain it: "Pflege" finds
 * "Altenpflegerin" and "Pflegefachkraft", "Entwickler" finds "Softwareentwickler", "Lager"
 * finds "Lagerhelfer". Titles only: they are short, and where a compound matters most.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`CREATE VIRTUAL TABLE jobs_title_fts USING fts5(
    title, content='', contentless_delete=1, tokenize='trigram remove_diacritics 1'
  )`.execute(db);
  await sql`INSERT INTO jobs_title_fts (rowid, title) SELECT id, title FROM jobs`.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`DROP TABLE IF EXISTS jobs_title_fts`.execute(db);
}
