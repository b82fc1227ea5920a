import { sql, type Kysely } from "kysely";
import { isPostgres } from "./dialect.js";

/**
 * A change feed of the job fields search filters on, so every process (the chat, other workers)
 * sees closes and moves made elsewhere without reloading: it reads the feed after its watermark.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  if (isPostgres(db)) {
    await db.schema
      .createTable("job_changes")
      .addColumn("seq", "bigserial", (c) => c.primaryKey())
      .addColumn("job_id", "integer", (c) => c.notNull())
      .execute();
    await sql`CREATE FUNCTION jobs_facet_change() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN INSERT INTO job_changes (job_id) VALUES (NEW.id); RETURN NULL; END $$`.execute(db);
    await sql`CREATE TRIGGER jobs_facet_change AFTER UPDATE OF status, lat, lon, city, remote_mode, posted_at ON jobs
      FOR EACH ROW WHEN (OLD.status IS DISTINCT FROM NEW.status OR OLD.lat IS DISTINCT FROM NEW.lat
        OR OLD.lon IS DISTINCT FROM NEW.lon OR OLD.city IS DISTINCT FROM NEW.city
        OR OLD.remote_mode IS DISTINCT FROM NEW.remote_mode OR OLD.posted_at IS DISTINCT FROM NEW.posted_at)
      EXECUTE FUNCTION jobs_facet_change()`.execute(db);
    return;
  }
  await sql`CREATE TABLE job_changes (seq INTEGER PRIMARY KEY AUTOINCREMENT, job_id INTEGER NOT NULL)`.execute(
    db,
  );
  await sql`CREATE TRIGGER jobs_facet_change AFTER UPDATE OF status, lat, lon, city, remote_mode, posted_at ON jobs
    WHEN OLD.status IS NOT NEW.status OR OLD.lat IS NOT NEW.lat OR OLD.lon IS NOT NEW.lon
      OR OLD.city IS NOT NEW.city OR OLD.remote_mode IS NOT NEW.remote_mode OR OLD.posted_at IS NOT NEW.posted_at
    BEGIN INSERT INTO job_changes (job_id) VALUES (NEW.id); END`.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`DROP TRIGGER IF EXISTS jobs_facet_change${isPostgres(db) ? sql` ON jobs` : sql``}`.execute(db);
  await sql`DROP TABLE IF EXISTS job_changes`.execute(db);
}
