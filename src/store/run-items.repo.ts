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

/**
 * The run's staging area: raw items as fetched, then their normalized postings and the job each
 * became. Keyed by (run, source, source id), so a retried stage rewrites rather than duplicates.
 */
export class RunItemsRepo {
  constructor(private readonly db: Db) {}

  /** Store fetched items (idempotent: a refetch overwrites). */
  putRaw(runId: string, items: readonly RunItem[]): void {
    const stmt = this.db.sqlite.prepare(
      `INSERT INTO run_items (run_id, source, source_id, raw_json) VALUES (?, ?, ?, ?)
       ON CONFLICT(run_id, source, source_id) DO UPDATE SET raw_json = excluded.raw_json,
         posting_json = NULL, reject_reason = NULL, job_id = NULL`,
    );
    this.db.sqlite.transaction(() => {
      for (const it of items) stmt.run(runId, it.source, it.sourceId, JSON.stringify(it.raw));
    })();
  }

  /** Raw items of a run, in pages of `limit`, for the normalize stage. */
  raw(runId: string, afterKey: { source: string; sourceId: string } | null, limit: number) {
    const rows = this.db.sqlite
      .prepare<[string, string, string, number], { source: string; source_id: string; raw_json: string }>(
        `SELECT source, source_id, raw_json FROM run_items WHERE run_id = ? AND (source, source_id) > (?, ?)
         ORDER BY source, source_id LIMIT ?`,
      )
      .all(runId, afterKey?.source ?? "", afterKey?.sourceId ?? "", limit);
    return rows.map((r) => ({
      source: r.source,
      sourceId: r.source_id,
      raw: JSON.parse(r.raw_json) as unknown,
    }));
  }

  setNormalized(
    runId: string,
    results: ReadonlyArray<{
      source: string;
      sourceId: string;
      postingJson: string | null;
      reject: string | null;
    }>,
  ): void {
    const stmt = this.db.sqlite.prepare(
      "UPDATE run_items SET posting_json = ?, reject_reason = ? WHERE run_id = ? AND source = ? AND source_id = ?",
    );
    this.db.sqlite.transaction(() => {
      for (const r of results) stmt.run(r.postingJson, r.reject, runId, r.source, r.sourceId);
    })();
  }

  /** Normalized items that dedupe has not yet turned into jobs (a retried dedupe resumes here). */
  pendingDedupe(runId: string, limit: number): NormalizedRunItem[] {
    return this.db.sqlite
      .prepare<[string, number], NormalizedRunItem>(
        `SELECT source, source_id AS sourceId, posting_json AS postingJson FROM run_items
         WHERE run_id = ? AND posting_json IS NOT NULL AND job_id IS NULL
         ORDER BY source, source_id LIMIT ?`,
      )
      .all(runId, limit);
  }

  countPendingDedupe(runId: string): number {
    return (
      this.db.sqlite
        .prepare<[string], { n: number }>(
          "SELECT count(*) AS n FROM run_items WHERE run_id = ? AND posting_json IS NOT NULL AND job_id IS NULL",
        )
        .get(runId)?.n ?? 0
    );
  }

  /** Record the job an item became; call inside the same transaction as the job write. */
  setJob(
    runId: string,
    source: string,
    sourceId: string,
    jobId: number,
    outcome: "new" | "updated" | "unchanged",
  ): void {
    this.db.sqlite
      .prepare(
        "UPDATE run_items SET job_id = ?, outcome = ? WHERE run_id = ? AND source = ? AND source_id = ?",
      )
      .run(jobId, outcome, runId, source, sourceId);
  }

  /** Distinct job ids the run produced. */
  jobIds(runId: string): number[] {
    return this.db.sqlite
      .prepare<[string], { job_id: number }>(
        "SELECT DISTINCT job_id FROM run_items WHERE run_id = ? AND job_id IS NOT NULL ORDER BY job_id",
      )
      .all(runId)
      .map((r) => r.job_id);
  }

  /** Per-source counts of the run's items, with up to 5 sample reject reasons. */
  counts(runId: string): Map<string, RunItemCounts> {
    const rows = this.db.sqlite
      .prepare<[string], Omit<RunItemCounts, "reasons"> & { source: string }>(
        `SELECT source, count(*) AS fetched, count(posting_json) AS normalized, count(reject_reason) AS rejected,
           count(CASE WHEN outcome = 'new' THEN 1 END) AS newJobs,
           count(CASE WHEN outcome = 'updated' THEN 1 END) AS updatedJobs
         FROM run_items WHERE run_id = ? GROUP BY source`,
      )
      .all(runId);
    const out = new Map<string, RunItemCounts>();
    for (const r of rows) {
      const reasons = this.db.sqlite
        .prepare<[string, string], { reject_reason: string }>(
          "SELECT DISTINCT reject_reason FROM run_items WHERE run_id = ? AND source = ? AND reject_reason IS NOT NULL LIMIT 5",
        )
        .all(runId, r.source)
        .map((x) => x.reject_reason);
      const { source, ...counts } = r;
      out.set(source, { ...counts, reasons });
    }
    return out;
  }
}
