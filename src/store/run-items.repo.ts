import { sql, type Kysely, type RawBuilder, type UpdateObject } from "kysely";
import type { Database } from "./schema.js";
import type { Db } from "./db.js";

export interface RunItem {
  source: string;
  sourceId: string;
  raw: unknown;
}

export interface RunItemCounts {
  fetched: number;
  normalized: number;
  rejected: number;
  newJobs: number;
  updatedJobs: number;
  reasons: string[];
}

export interface NormalizedRunItem {
  source: string;
  sourceId: string;
  postingJson: string;
}

// Rows per multi-row insert (5 parameters each: far below both engines' limits).
const INSERT_CHUNK = 200;

/**
 * The run's staging area: raw items as fetched, then their normalized postings and the job each
 * became. Keyed by (run, source, source id), so a retried stage rewrites rather than duplicates.
 */
export class RunItemsRepo {
  constructor(private readonly db: Db) {}

  /** The same repository inside a transaction ({@link inTransaction}). */
  in(tx: Db): RunItemsRepo {
    return new RunItemsRepo(tx);
  }

  /** Store fetched items (idempotent: a refetch overwrites). */
  async putRaw(runId: string, items: readonly RunItem[]): Promise<void> {
    // One row per key: the last copy of an item wins, as it did when each was written in turn.
    const rows = [...new Map(items.map((it) => [`${it.source}\u0000${it.sourceId}`, it])).values()];
    if (rows.length === 0) return;
    await this.db.kysely.transaction().execute(async (trx) => {
      for (let i = 0; i < rows.length; i += INSERT_CHUNK) {
        await trx
          .insertInto("run_items")
          .values(
            rows.slice(i, i + INSERT_CHUNK).map((it) => ({
              run_id: runId,
              source: it.source,
              source_id: it.sourceId,
              raw_json: JSON.stringify(it.raw),
            })),
          )
          .onConflict((oc) =>
            oc.columns(["run_id", "source", "source_id"]).doUpdateSet((eb) => ({
              raw_json: eb.ref("excluded.raw_json"),
              posting_json: null,
              reject_reason: null,
              job_id: null,
            })),
          )
          .execute();
      }
    });
  }

  /** Raw items of a run, in pages of `limit`, for the normalize stage. */
  async raw(runId: string, afterKey: { source: string; sourceId: string } | null, limit: number) {
    const rows = await this.db.kysely
      .selectFrom("run_items")
      .select(["source", "source_id", "raw_json"])
      .where("run_id", "=", runId)
      .where((eb) =>
        eb(
          eb.refTuple("source", "source_id"),
          ">",
          eb.tuple(afterKey?.source ?? "", afterKey?.sourceId ?? ""),
        ),
      )
      .orderBy("source")
      .orderBy("source_id")
      .limit(limit)
      .execute();
    return rows.map((r) => ({
      source: r.source,
      sourceId: r.source_id,
      raw: JSON.parse(r.raw_json) as unknown,
    }));
  }

  async setNormalized(
    runId: string,
    results: ReadonlyArray<{
      source: string;
      sourceId: string;
      postingJson: string | null;
      reject: string | null;
    }>,
  ): Promise<void> {
    await this.db.kysely.transaction().execute((trx) =>
      this.updateItems(
        trx,
        runId,
        results,
        (r) => sql`(${r.source}, ${r.sourceId}, ${r.postingJson}::text, ${r.reject}::text)`,
        sql`posting_json = v.c1, reject_reason = v.c2`,
        (r) => ({ posting_json: r.postingJson, reject_reason: r.reject }),
      ),
    );
  }

  /**
   * Record the job each item became (the dedupe stage, inside its batch's transaction: this
   * repository bound to it with {@link in}).
   */
  setJobs(
    runId: string,
    results: ReadonlyArray<{
      source: string;
      sourceId: string;
      jobId: number;
      outcome: "new" | "updated" | "unchanged";
    }>,
  ): Promise<void> {
    return this.updateItems(
      this.db.kysely,
      runId,
      results,
      (r) => sql`(${r.source}, ${r.sourceId}, ${r.jobId}::bigint, ${r.outcome}::text)`,
      sql`job_id = v.c1, outcome = v.c2`,
      (r) => ({ job_id: r.jobId, outcome: r.outcome }),
    );
  }

  /**
   * Update items of a run by (source, source id). On PostgreSQL one `UPDATE … FROM (VALUES …)` per
   * chunk, since each statement is a round trip to the server (500 single-row updates took 289 ms a
   * batch here, bench/normalize-writes.bench.ts); on SQLite one statement per item, a function call.
   * `row` renders an item as `(source, source_id, c1, c2)`, `assign` sets columns from `v.c1`, `v.c2`.
   */
  private async updateItems<T extends { source: string; sourceId: string }>(
    k: Kysely<Database>,
    runId: string,
    results: readonly T[],
    row: (r: T) => RawBuilder<unknown>,
    assign: RawBuilder<unknown>,
    set: (r: T) => UpdateObject<Database, "run_items">,
  ): Promise<void> {
    if (this.db.dialect === "postgres") {
      for (let i = 0; i < results.length; i += INSERT_CHUNK) {
        const rows = results.slice(i, i + INSERT_CHUNK).map(row);
        await sql`UPDATE run_items AS r SET ${assign}
          FROM (VALUES ${sql.join(rows)}) AS v(source, source_id, c1, c2)
          WHERE r.run_id = ${runId} AND r.source = v.source AND r.source_id = v.source_id`.execute(k);
      }
      return;
    }
    for (const r of results) {
      await k
        .updateTable("run_items")
        .set(set(r))
        .where("run_id", "=", runId)
        .where("source", "=", r.source)
        .where("source_id", "=", r.sourceId)
        .execute();
    }
  }

  /** Normalized items that dedupe has not yet turned into jobs (a retried dedupe resumes here). */
  pendingDedupe(runId: string, limit: number): Promise<NormalizedRunItem[]> {
    return this.db.kysely
      .selectFrom("run_items")
      .select(["source", "source_id as sourceId", "posting_json as postingJson"])
      .where("run_id", "=", runId)
      .where("posting_json", "is not", null)
      .where("job_id", "is", null)
      .orderBy("source")
      .orderBy("source_id")
      .limit(limit)
      .$narrowType<{ postingJson: string }>()
      .execute();
  }

  async countPendingDedupe(runId: string): Promise<number> {
    const row = await this.db.kysely
      .selectFrom("run_items")
      .select((eb) => eb.fn.countAll<number>().as("n"))
      .where("run_id", "=", runId)
      .where("posting_json", "is not", null)
      .where("job_id", "is", null)
      .executeTakeFirst();
    return Number(row?.n ?? 0);
  }

  /** Distinct job ids the run produced. */
  async jobIds(runId: string): Promise<number[]> {
    const rows = await this.db.kysely
      .selectFrom("run_items")
      .select("job_id")
      .distinct()
      .where("run_id", "=", runId)
      .where("job_id", "is not", null)
      .orderBy("job_id")
      .$narrowType<{ job_id: number }>()
      .execute();
    return rows.map((r) => r.job_id);
  }

  /** Per-source counts of the run's items, with up to 5 sample reject reasons. */
  async counts(runId: string): Promise<Map<string, RunItemCounts>> {
    const rows = await this.db.kysely
      .selectFrom("run_items")
      .select((eb) => [
        "source",
        eb.fn.countAll<number>().as("fetched"),
        eb.fn.count<number>("posting_json").as("normalized"),
        eb.fn.count<number>("reject_reason").as("rejected"),
        eb.fn.count<number>(sql`CASE WHEN outcome = 'new' THEN 1 END`).as("newJobs"),
        eb.fn.count<number>(sql`CASE WHEN outcome = 'updated' THEN 1 END`).as("updatedJobs"),
      ])
      .where("run_id", "=", runId)
      .groupBy("source")
      .execute();
    const out = new Map<string, RunItemCounts>();
    for (const r of rows) {
      const reasons = await this.db.kysely
        .selectFrom("run_items")
        .select("reject_reason")
        .distinct()
        .where("run_id", "=", runId)
        .where("source", "=", r.source)
        .where("reject_reason", "is not", null)
        .limit(5)
        .$narrowType<{ reject_reason: string }>()
        .execute();
      out.set(r.source, {
        fetched: Number(r.fetched),
        normalized: Number(r.normalized),
        rejected: Number(r.rejected),
        newJobs: Number(r.newJobs),
        updatedJobs: Number(r.updatedJobs),
        reasons: reasons.map((x) => x.reject_reason),
      });
    }
    return out;
  }
}
