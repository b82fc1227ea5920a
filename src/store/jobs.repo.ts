import type Sqlite from "better-sqlite3";
import type { Posting, SourceRef } from "../core/posting.js";
import type { Db } from "./db.js";
import { JobCopiesRepo } from "./job-copies.repo.js";
import { IN_CHUNK, InListStatements, placeText, rowToPosting, toRow } from "./job-rows.js";
import type { JobRow } from "./schema.js";

export { contentHash, placeText } from "./job-rows.js";

/** A stored job: the unified posting plus the store's integer id (the vector-index label). */
export interface StoredJob {
  id: number;
  posting: Posting;
  status: "open" | "closed";
  firstSeenAt: string;
  lastSeenAt: string;
}

/** Search-side attributes kept in memory per job for cheap filtering. */
export interface JobFacet {
  id: number;
  lat: number | null;
  lon: number | null;
  city: string | null;
  remoteMode: string;
  employmentType: string;
  postedAt: string | null;
  status: string;
  seniority: string;
  salaryMin: number | null;
  salaryMax: number | null;
  salaryPeriod: string | null;
}

/** The columns of a {@link JobFacet}, for the statements that read them. */
const FACET_COLUMNS =
  "id, lat, lon, city, remote_mode AS remoteMode, employment_type AS employmentType, posted_at AS postedAt, status, " +
  "seniority, salary_min AS salaryMin, salary_max AS salaryMax, salary_period AS salaryPeriod";

// Row values a merge does not compare: the id, the first copy's URL (kept by update), the time.
const NOT_MERGED = new Set(["uid", "canonical_url", "now"]);

/** The named parameters of the job_sources upserts. */
function refRow(jobId: number, ref: SourceRef, runId: string | null, now: string) {
  return {
    source: ref.source,
    source_id: ref.sourceId,
    job_id: jobId,
    url: ref.url ?? null,
    now,
    run_id: runId,
  };
}

/**
 * Jobs and their source references. Writes are synchronous prepared statements so a pipeline stage
 * can upsert a whole batch inside one transaction (ingest speed); reads that build pages use Kysely.
 */
export class JobsRepo {
  private readonly s: ReturnType<JobsRepo["prepare"]>;
  /** The dedupe index of the jobs' copies. */
  readonly copies: JobCopiesRepo;

  private readonly rowsIn: InListStatements<JobRow>;
  private readonly refsIn: InListStatements<{
    job_id: number;
    source: string;
    source_id: string;
    url: string | null;
  }>;
  private readonly facetsIn: InListStatements<JobFacet>;

  constructor(private readonly db: Db) {
    this.s = this.prepare(db.sqlite);
    this.copies = new JobCopiesRepo(db.sqlite);
    this.rowsIn = new InListStatements(db.sqlite, (q) => `SELECT * FROM jobs WHERE id IN (${q})`);
    this.refsIn = new InListStatements(
      db.sqlite,
      (q) =>
        `SELECT job_id, source, source_id, url FROM job_sources WHERE job_id IN (${q}) ORDER BY first_seen_at, source`,
    );
    this.facetsIn = new InListStatements(
      db.sqlite,
      (q) => `SELECT ${FACET_COLUMNS} FROM jobs WHERE id IN (${q})`,
    );
  }

  private prepare(sqlite: Sqlite.Database) {
    return {
      bySource: sqlite.prepare<[string, string], { job_id: number }>(
        "SELECT job_id FROM job_sources WHERE source = ? AND source_id = ?",
      ),
      byCanonical: sqlite.prepare<[string], { id: number }>(
        "SELECT id FROM jobs WHERE canonical_url = ? ORDER BY id LIMIT 1",
      ),
      hashOf: sqlite.prepare<[number], { content_hash: string; uid: string }>(
        "SELECT content_hash, uid FROM jobs WHERE id = ?",
      ),
      insert: sqlite.prepare(
        `INSERT INTO jobs (uid, title, company, city, region, country, lat, lon, locations_json, remote_mode,
          employment_type, seniority, salary_min, salary_max, salary_currency, salary_period, language, posted_at,
          updated_at, description, apply_url, canonical_url, content_hash, status, first_seen_at, last_seen_at)
         VALUES (@uid, @title, @company, @city, @region, @country, @lat, @lon, @locations_json, @remote_mode,
          @employment_type, @seniority, @salary_min, @salary_max, @salary_currency, @salary_period, @language,
          @posted_at, @updated_at, @description, @apply_url, @canonical_url, @content_hash, 'open', @now, @now)
         ON CONFLICT(uid) DO NOTHING`,
      ),
      idByUid: sqlite.prepare<[string], { id: number }>("SELECT id FROM jobs WHERE uid = ?"),
      update: sqlite.prepare(
        `UPDATE jobs SET title=@title, company=@company, city=@city, region=@region, country=@country, lat=@lat,
          lon=@lon, locations_json=@locations_json, remote_mode=@remote_mode, employment_type=@employment_type,
          seniority=@seniority, salary_min=@salary_min, salary_max=@salary_max, salary_currency=@salary_currency,
          salary_period=@salary_period, language=@language, posted_at=@posted_at, updated_at=@updated_at,
          description=@description, apply_url=@apply_url, canonical_url=COALESCE(canonical_url, @canonical_url),
          content_hash=@content_hash, status='open', last_seen_at=@now WHERE id=@id`,
      ),
      touch: sqlite.prepare<[string, number]>(
        "UPDATE jobs SET last_seen_at = ?, status = 'open' WHERE id = ?",
      ),
      ftsDelete: sqlite.prepare<[number]>("DELETE FROM jobs_fts WHERE rowid = ?"),
      ftsInsert: sqlite.prepare<[number, string, string, string, string]>(
        "INSERT INTO jobs_fts (rowid, title, company, place, description) VALUES (?, ?, ?, ?, ?)",
      ),
      titleDelete: sqlite.prepare<[number]>("DELETE FROM jobs_title_fts WHERE rowid = ?"),
      titleInsert: sqlite.prepare<[number, string]>(
        "INSERT INTO jobs_title_fts (rowid, title) VALUES (?, ?)",
      ),
      addRef: sqlite.prepare(
        `INSERT INTO job_sources (source, source_id, job_id, url, first_seen_at, last_seen_at, last_run_id)
         VALUES (@source, @source_id, @job_id, @url, @now, @now, @run_id)
         ON CONFLICT(source, source_id) DO UPDATE SET last_seen_at=@now, last_run_id=@run_id,
           url=COALESCE(@url, url)`,
      ),
      refsOf: sqlite.prepare<[number], { source: string; source_id: string; url: string | null }>(
        "SELECT source, source_id, url FROM job_sources WHERE job_id = ? ORDER BY first_seen_at, source",
      ),
      count: sqlite.prepare<[], { n: number }>("SELECT count(*) AS n FROM jobs"),
      changesAfter: sqlite.prepare<[number, number], { seq: number; job_id: number }>(
        "SELECT seq, job_id FROM job_changes WHERE seq > ? ORDER BY seq LIMIT ?",
      ),
      changeBounds: sqlite.prepare<[], { lo: number | null; hi: number | null }>(
        "SELECT min(seq) AS lo, max(seq) AS hi FROM job_changes",
      ),
      facetsAfter: sqlite.prepare<[number, number], JobFacet>(
        `SELECT ${FACET_COLUMNS} FROM jobs WHERE id > ? ORDER BY id LIMIT ?`,
      ),
      row: sqlite.prepare<[number], JobRow>("SELECT * FROM jobs WHERE id = ?"),
      seeRef: sqlite.prepare(
        `INSERT INTO job_sources (source, source_id, job_id, url, first_seen_at, last_seen_at, last_run_id)
         VALUES (@source, @source_id, @job_id, @url, @now, @now, @run_id)
         ON CONFLICT(source, source_id) DO UPDATE SET last_seen_at=@now, last_run_id=@run_id,
           url=COALESCE(@url, url), closed_at=NULL, closed_run_id=NULL`,
      ),
      closeRefs: sqlite.prepare<
        { run_id: string; source: string; since: string; now: string },
        { job_id: number }
      >(
        `UPDATE job_sources SET closed_at = @now, closed_run_id = @run_id
         WHERE source = @source AND closed_at IS NULL AND last_run_id IS NOT @run_id AND last_seen_at < @since
           AND NOT EXISTS (SELECT 1 FROM run_items r
             WHERE r.run_id = @run_id AND r.source = @source AND r.source_id = job_sources.source_id)
         RETURNING job_id`,
      ),
      closeJob: sqlite.prepare<[number, number]>(
        `UPDATE jobs SET status = 'closed' WHERE id = ? AND status <> 'closed'
           AND NOT EXISTS (SELECT 1 FROM job_sources WHERE job_id = ? AND closed_at IS NULL)`,
      ),
      closedByRun: sqlite.prepare<[string], { source: string; job_id: number }>(
        "SELECT source, job_id FROM job_sources WHERE closed_run_id = ?",
      ),
    };
  }

  /**
   * Run `fn` in one SQLite write transaction (synchronous). IMMEDIATE takes the write lock up front,
   * so two processes deduping at once queue on busy_timeout instead of failing on a lock upgrade.
   */
  transaction<T>(fn: () => T): T {
    return this.db.sqlite.transaction(fn).immediate();
  }

  findBySourceRef(source: string, sourceId: string): number | undefined {
    return this.s.bySource.get(source, sourceId)?.job_id;
  }

  idByUid(uid: string): number | undefined {
    return this.s.idByUid.get(uid)?.id;
  }

  findByCanonicalUrl(url: string): number | undefined {
    return this.s.byCanonical.get(url)?.id;
  }

  /** The keyword indexes of a job: words of every field, trigrams of the title. */
  private indexText(id: number, p: Posting, replace: boolean): void {
    if (replace) {
      this.s.ftsDelete.run(id);
      this.s.titleDelete.run(id);
    }
    this.s.ftsInsert.run(id, p.title, p.company, placeText(p), p.description);
    this.s.titleInsert.run(id, p.title);
  }

  /** Insert a new job (idempotent by the posting's stable id). Returns its integer id. */
  insert(p: Posting, canonicalUrl: string | null, now: string): number {
    const values = toRow(p, canonicalUrl, now);
    const info = this.s.insert.run(values);
    const id = this.s.idByUid.get(p.id)?.id;
    if (id === undefined) throw new Error(`job ${p.id} vanished during insert`);
    if (info.changes > 0) this.indexText(id, p, false);
    return id;
  }

  /** Overwrite a job's fields with a fresher posting. Returns whether its content changed. */
  update(id: number, p: Posting, canonicalUrl: string | null, now: string): boolean {
    const before = this.s.hashOf.get(id);
    if (!before) throw new Error(`job ${id} not found`);
    const values = toRow({ ...p, id: before.uid }, canonicalUrl, now);
    if (before.content_hash === values.content_hash) {
      this.s.touch.run(now, id);
      return false;
    }
    this.s.update.run({ ...values, id });
    this.indexText(id, p, true);
    return true;
  }

  /** Record that `ref` lists job `jobId` (seen again in `runId`). */
  addSourceRef(jobId: number, ref: SourceRef, runId: string | null, now: string): void {
    this.s.addRef.run(refRow(jobId, ref, runId, now));
  }

  /**
   * Record that `ref` lists job `jobId`, seen in `runId`. Unlike {@link addSourceRef} this reopens a
   * reference that was closed: the source lists the job again.
   */
  seeRef(jobId: number, ref: SourceRef, runId: string | null, now: string): void {
    this.s.seeRef.run(refRow(jobId, ref, runId, now));
  }

  /** A job's posting, read with prepared statements (dedupe reads one per merged copy). */
  postingOf(id: number): Posting | undefined {
    const row = this.s.row.get(id);
    if (!row) return undefined;
    const refs = this.s.refsOf.all(id).map((r) => ({
      source: r.source,
      sourceId: r.source_id,
      ...(r.url ? { url: r.url } : {}),
    }));
    return rowToPosting(row, refs);
  }

  /**
   * Write a merged posting over job `id` when any shown field differs (a plain {@link update} only
   * writes when the embedded content changed). Reopens the job and marks it seen either way.
   * Returns whether a field changed.
   */
  saveMerged(id: number, p: Posting, canonicalUrl: string | null, now: string): boolean {
    const row = this.s.row.get(id);
    if (!row) throw new Error(`job ${id} not found`);
    const values = toRow({ ...p, id: row.uid }, canonicalUrl, now);
    if (Object.entries(values).every(([k, v]) => NOT_MERGED.has(k) || row[k as keyof JobRow] === v)) {
      this.s.touch.run(now, id);
      return false;
    }
    this.s.update.run({ ...values, id });
    if (row.content_hash !== values.content_hash) this.indexText(id, p, true);
    return true;
  }

  /**
   * After a complete listing of `source` in `runId`: close its open references that the listing
   * lacked (not staged in the run, not seen by any run since `listedSince`, when the fetch began),
   * then close the jobs left without an open reference. Returns the ids of the jobs concerned.
   */
  closeUnlisted(runId: string, source: string, listedSince: string, now: string): number[] {
    const rows = this.s.closeRefs.all({ run_id: runId, source, since: listedSince, now });
    const ids = [...new Set(rows.map((r) => r.job_id))];
    for (const id of ids) this.s.closeJob.run(id, id);
    return ids;
  }

  /** References closed because run `runId`'s complete listings lacked them: source → job ids. */
  closedByRun(runId: string): Map<string, number[]> {
    const out = new Map<string, number[]>();
    for (const r of this.s.closedByRun.all(runId)) {
      const ids = out.get(r.source) ?? [];
      ids.push(r.job_id);
      out.set(r.source, ids);
    }
    return out;
  }

  count(): number {
    return this.s.count.get()?.n ?? 0;
  }

  /** Jobs by id, in the order asked (missing ids are skipped). */
  getMany(ids: readonly number[]): StoredJob[] {
    if (ids.length === 0) return [];
    const out: StoredJob[] = [];
    for (let i = 0; i < ids.length; i += IN_CHUNK) {
      const chunk = ids.slice(i, i + IN_CHUNK);
      const byId = new Map(this.rowsIn.all(chunk).map((r) => [r.id, r]));
      const refs = new Map<number, SourceRef[]>();
      for (const r of this.refsIn.all(chunk)) {
        const list = refs.get(r.job_id) ?? [];
        list.push({ source: r.source, sourceId: r.source_id, ...(r.url ? { url: r.url } : {}) });
        refs.set(r.job_id, list);
      }
      for (const id of chunk) {
        const row = byId.get(id);
        if (!row) continue;
        out.push({
          id: row.id,
          posting: rowToPosting(row, refs.get(id) ?? []),
          status: row.status === "closed" ? "closed" : "open",
          firstSeenAt: row.first_seen_at,
          lastSeenAt: row.last_seen_at,
        });
      }
    }
    return out;
  }

  /**
   * Jobs whose filtered fields (status, place, remote mode, date) changed after change `afterSeq`,
   * from any process. `gap` means older changes were pruned: the caller must reload everything.
   */
  changesAfter(afterSeq: number, limit = 10_000): { ids: number[]; lastSeq: number; gap: boolean } {
    const rows = this.s.changesAfter.all(afterSeq, limit);
    const { lo } = this.s.changeBounds.get() ?? { lo: null };
    return {
      ids: [...new Set(rows.map((r) => r.job_id))],
      lastSeq: rows.at(-1)?.seq ?? afterSeq,
      gap: lo !== null && lo > afterSeq + 1 && afterSeq > 0,
    };
  }

  /** The newest change's number (0 when none): where a fresh reader starts. */
  lastChangeSeq(): number {
    return this.s.changeBounds.get()?.hi ?? 0;
  }

  /** Keep the change feed to its newest `keep` entries. */
  pruneChanges(keep = 200_000): void {
    this.db.sqlite
      .prepare("DELETE FROM job_changes WHERE seq <= (SELECT max(seq) FROM job_changes) - ?")
      .run(keep);
  }

  /** Facets of all jobs with id > `afterId`, for the search side's in-memory filter table. */
  facetsAfter(afterId: number, limit = 50_000): JobFacet[] {
    return this.s.facetsAfter.all(afterId, limit);
  }

  /** Facets of specific jobs (after an update changed them). */
  facetsOf(ids: readonly number[]): JobFacet[] {
    const out: JobFacet[] = [];
    for (let i = 0; i < ids.length; i += IN_CHUNK) out.push(...this.facetsIn.all(ids.slice(i, i + IN_CHUNK)));
    return out;
  }
}
