import { sql, type Kysely } from "kysely";
import type { PostingLocation } from "../../core/posting.js";
import { placesOf } from "../job-rows.js";
import { isPostgres } from "./dialect.js";

// Every column the search side's facet table holds (see JobsRepo.facetsAfter): a change to any of
// them must reach the change feed, or other processes keep filtering on the old value.
const FACET_COLUMNS = [
  "status",
  "lat",
  "lon",
  "city",
  "more_places",
  "remote_mode",
  "employment_type",
  "seniority",
  "salary_min",
  "salary_max",
  "salary_period",
  "posted_at",
];
const BEFORE_0025 = ["status", "lat", "lon", "city", "remote_mode", "posted_at"];

/**
 * A posting for several places is found at each of them: `more_places` keeps the further places
 * with coordinates (the row's own lat/lon is the first place that has them, no longer the first
 * place, which may name only a country). Stored rows are filled in from their locations. The change
 * feed's trigger now covers every facet column (employment type, level and salary were missing, so
 * a job that changed them elsewhere kept its old values in other processes' filters).
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema.alterTable("jobs").addColumn("more_places", "text").execute();
  await backfill(db);
  await replaceTrigger(db, FACET_COLUMNS);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await replaceTrigger(db, BEFORE_0025);
  await db.schema.alterTable("jobs").dropColumn("more_places").execute();
}

async function backfill(db: Kysely<unknown>): Promise<void> {
  const jobs = db as unknown as Kysely<{
    jobs: { id: number; locations_json: string; lat: number | null; lon: number | null; city: string | null };
  }>;
  // Only rows with more than one place can change; read them in id order, a batch at a time.
  for (let after = 0; ;) {
    const rows = await jobs
      .selectFrom("jobs")
      .select(["id", "locations_json"])
      .where("id", ">", after)
      .where("locations_json", "like", "%},{%")
      .orderBy("id")
      .limit(1000)
      .execute();
    if (rows.length === 0) return;
    for (const r of rows) {
      const { first, more } = placesOf(JSON.parse(r.locations_json) as PostingLocation[]);
      await sql`UPDATE jobs SET more_places = ${more}, lat = ${first?.lat ?? null}, lon = ${first?.lon ?? null},
        city = ${first?.city ?? null}, region = ${first?.region ?? null}, country = ${first?.country ?? null}
        WHERE id = ${r.id}`.execute(db);
    }
    after = rows[rows.length - 1]!.id;
  }
}

async function replaceTrigger(db: Kysely<unknown>, columns: readonly string[]): Promise<void> {
  const list = sql.raw(columns.join(", "));
  if (isPostgres(db)) {
    const changed = sql.raw(columns.map((c) => `OLD.${c} IS DISTINCT FROM NEW.${c}`).join(" OR "));
    await sql`DROP TRIGGER jobs_facet_change ON jobs`.execute(db);
    await sql`CREATE TRIGGER jobs_facet_change AFTER UPDATE OF ${list} ON jobs
      FOR EACH ROW WHEN (${changed}) EXECUTE FUNCTION jobs_facet_change()`.execute(db);
    return;
  }
  const changed = sql.raw(columns.map((c) => `OLD.${c} IS NOT NEW.${c}`).join(" OR "));
  await sql`DROP TRIGGER jobs_facet_change`.execute(db);
  await sql`CREATE TRIGGER jobs_facet_change AFTER UPDATE OF ${list} ON jobs WHEN ${changed}
    BEGIN INSERT INTO job_changes (job_id) VALUES (NEW.id); END`.execute(db);
}
