import { sql, type Kysely } from "kysely";
import { isPostgres } from "./dialect.js";

/**
 * Advisory lock keys that order the store's feeds by commit on PostgreSQL (see {@link up}). The
 * repositories take the same keys at the start of their write transactions.
 */
export const FEED_LOCKS = {
  /** Writers of `jobs` (inserts give ids, facet updates give `job_changes` seqs). */
  jobs: 0x6a6f6273, // "jobs"
  /** Writers of `job_vectors`. */
  vectors: 0x76656373, // "vecs"
} as const;

/**
 * Readers catch up by number: a replica reads the vectors with `seq` above its watermark, the facet
 * table the jobs with a larger id and the changes with a larger `seq`, then moves its watermark to
 * the largest it saw. On PostgreSQL a sequence hands out numbers when a row is written, not when its
 * transaction commits: a writer holding seq 10 may commit after another one's seq 11 was read, and
 * the reader, already past 11, would never see 10.
 *
 * Chosen fix: numbers are handed out in commit order. Every statement that inserts into one of these
 * tables first takes a transaction-level advisory lock (a statement trigger runs before the row
 * defaults, so before `nextval`), held until commit; the next writer gets its numbers only after.
 * A reader's watermark therefore never passes a number that can still appear. The price is that
 * writers of one feed commit one after the other — each holds the lock only for its own short batch
 * (jobs writers held one already for dedupe) — while readers keep a plain `seq > watermark` query
 * and every stored watermark (index files, alert boundaries) keeps its meaning. Considered and not
 * taken: a `pg_snapshot_xmin` horizon over an xid column (any long transaction anywhere on the
 * server would hold every replica back, and watermarks would become xids), and re-reading a window
 * behind the watermark (no window is long enough for a writer that stalls).
 *
 * SQLite needs nothing: one writer at a time, and a row's number is taken under that lock.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  if (!isPostgres(db)) return;
  await sql`CREATE FUNCTION feed_commit_order() RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN PERFORM pg_advisory_xact_lock(TG_ARGV[0]::bigint); RETURN NULL; END $$`.execute(db);
  for (const [table, key] of [
    ["jobs", FEED_LOCKS.jobs],
    ["job_changes", FEED_LOCKS.jobs],
    ["job_vectors", FEED_LOCKS.vectors],
  ] as const)
    await sql`CREATE TRIGGER ${sql.raw(`${table}_commit_order`)} BEFORE INSERT ON ${sql.table(table)}
      FOR EACH STATEMENT EXECUTE FUNCTION feed_commit_order(${sql.lit(String(key))})`.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  if (!isPostgres(db)) return;
  for (const table of ["jobs", "job_changes", "job_vectors"])
    await sql`DROP TRIGGER IF EXISTS ${sql.raw(`${table}_commit_order`)} ON ${sql.table(table)}`.execute(db);
  await sql`DROP FUNCTION IF EXISTS feed_commit_order()`.execute(db);
}
