import { sql } from "kysely";
import type { Posting, SourceRef } from "../core/posting.js";
import { inTransaction, type Db } from "./db.js";
import { FEED_LOCKS } from "./migrations/0019-commit-order.js";
import { JobCopiesRepo } from "./job-copies.repo.js";
import { IN_CHUNK, placeText, rowToPosting, toRow } from "./job-rows.js";
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
  /** Further places with coordinates, `[[lat, lon], …]` JSON, or null. */
  morePlaces: string | null;
  remoteMode: string;
  employmentType: string;
  postedAt: string | null;
  status: string;
  seniority: string;
  salaryMin: number | null;
  salaryMax: number | null;
  salaryPeriod: string | null;
}

// Every writer of jobs on PostgreSQL holds this transaction-level advisory lock (see `transaction`);
// it also orders job ids and change seqs by commit (migration 0019).
const JOBS_WRITE_LOCK = FEED_LOCKS.jobs;

// Row values a merge does not compare: the id, the first copy's URL (kept by update), the time.
const NOT_MERGED = new Set(["uid", "canonical_url", "now"]);

/** Key of a source reference in the maps of {@link JobsRepo.findBySourceRefs}. */
export const refKey = (source: string, sourceId: string) => `${source}\u0000${sourceId}`;

// Rows per multi-row reference upsert (7 values each).
const REF_CHUNK = 200;

/** A source reference seen listing a job (see {@link JobsRepo.seeRefs}). */
export interface SeenRef {
  jobId: number;
  ref: SourceRef;
  runId: string | null;
  now: string;
}

/** A job_sources row for a reference seen now. */
function refRow(jobId: number, ref: SourceRef, runId: string | null, now: string) {
  return {
    source: ref.source,
    source_id: ref.sourceId,
    job_id: jobId,
    url: ref.url ?? null,
    first_seen_at: now,
    last_seen_at: now,
    last_run_id: runId,
  };
}

/** A posting's row values for an insert or update (without the seen-at time). */
function rowValues(values: ReturnType<typeof toRow>) {
  const { now: _now, ...row } = values;
  return row;
}

/** PostgreSQL's keyword index of a posting: folded words, weighted by field (title A … description D). */
function searchVec(p: Posting) {
  const field = (text: string, weight: string) =>
    sql`setweight(to_tsvector('simple', jobscout_fold(${text}::text)), ${weight}::"char")`;
  return sql<unknown>`${field(p.title, "A")} || ${field(p.company, "B")}
    || ${field(placeText(p), "C")} || ${field(p.description, "D")}`;
}

const FACET_COLUMNS = [
  "id",
  "lat",
  "lon",
  "city",
  "more_places as morePlaces",
  "remote_mode as remoteMode",
  "employment_type as employmentType",
  "posted_at as postedAt",
  "status",
  "seniority",
  "salary_min as salaryMin",
  "salary_max as salaryMax",
  "salary_period as salaryPeriod",
] as const;

/**
 * Jobs and their source references, through Kysely on either engine. A pipeline stage writes a
 * whole batch inside one {@link transaction} (one commit per batch keeps ingest fast).
 */
export class JobsRepo {
  /** The dedupe index of the jobs' copies. */
  readonly copies: JobCopiesRepo;

  constructor(private readonly db: Db) {
    this.copies = new JobCopiesRepo(db);
  }

  /**
   * Run `fn` in one write transaction with this repository bound to it (`tx`: the same Db, for
   * other repositories that must commit together). On SQLite it takes the write lock up front; on
   * PostgreSQL it holds a transaction lock that every store writer of jobs takes, so two processes
   * deduping at once run one after the other and the same posting becomes one job.
   */
  transaction<T>(fn: (jobs: JobsRepo, tx: Db) => Promise<T>): Promise<T> {
    return inTransaction(this.db, async (tx) => {
      if (tx.dialect === "postgres")
        await sql`SELECT pg_advisory_xact_lock(${JOBS_WRITE_LOCK})`.execute(tx.kysely);
      return fn(new JobsRepo(tx), tx);
    });
  }

  async findBySourceRef(source: string, sourceId: string): Promise<number | undefined> {
    const row = await this.db.kysely
      .selectFrom("job_sources")
      .select("job_id")
      .where("source", "=", source)
      .where("source_id", "=", sourceId)
      .executeTakeFirst();
    return row?.job_id;
  }

  /** The jobs of many source references at once (`source\u0000sourceId` → job id), one query per chunk. */
  async findBySourceRefs(
    refs: ReadonlyArray<Pick<SourceRef, "source" | "sourceId">>,
  ): Promise<Map<string, number>> {
    const out = new Map<string, number>();
    for (let i = 0; i < refs.length; i += IN_CHUNK) {
      const chunk = refs.slice(i, i + IN_CHUNK);
      const rows = await this.db.kysely
        .selectFrom("job_sources")
        .select(["source", "source_id", "job_id"])
        .where((eb) =>
          eb(
            eb.refTuple("source", "source_id"),
            "in",
            chunk.map((r) => eb.tuple(r.source, r.sourceId)),
          ),
        )
        .execute();
      for (const r of rows) out.set(refKey(r.source, r.source_id), r.job_id);
    }
    return out;
  }

  async idByUid(uid: string): Promise<number | undefined> {
    const row = await this.db.kysely
      .selectFrom("jobs")
      .select("id")
      .where("uid", "=", uid)
      .executeTakeFirst();
    return row?.id;
  }

  async findByCanonicalUrl(url: string): Promise<number | undefined> {
    const row = await this.db.kysely
      .selectFrom("jobs")
      .select("id")
      .where("canonical_url", "=", url)
      .orderBy("id")
      .limit(1)
      .executeTakeFirst();
    return row?.id;
  }

  /**
   * The keyword indexes of a job: on SQLite the words of every field (FTS5) and the title's
   * trigrams; on PostgreSQL the job's `search_vec` (its title trigrams are an expression index).
   */
  private async indexText(id: number, p: Posting, replace: boolean): Promise<void> {
    const k = this.db.kysely;
    if (this.db.dialect === "postgres") {
      await sql`UPDATE jobs SET search_vec = ${searchVec(p)} WHERE id = ${id}`.execute(k);
      return;
    }
    if (replace) {
      await sql`DELETE FROM jobs_fts WHERE rowid = ${id}`.execute(k);
      await sql`DELETE FROM jobs_title_fts WHERE rowid = ${id}`.execute(k);
    }
    await sql`INSERT INTO jobs_fts (rowid, title, company, place, description)
      VALUES (${id}, ${p.title}, ${p.company}, ${placeText(p)}, ${p.description})`.execute(k);
    await sql`INSERT INTO jobs_title_fts (rowid, title) VALUES (${id}, ${p.title})`.execute(k);
  }

  /** Insert a new job (idempotent by the posting's stable id). Returns its integer id. */
  async insert(p: Posting, canonicalUrl: string | null, now: string): Promise<number> {
    const values = toRow(p, canonicalUrl, now);
    const pg = this.db.dialect === "postgres";
    const inserted = await this.db.kysely
      .insertInto("jobs")
      .values({
        ...rowValues(values),
        status: "open",
        first_seen_at: now,
        last_seen_at: now,
        // On PostgreSQL the keyword index is a column: written with the row, one round trip.
        // (search_vec exists on PostgreSQL only, so the shared schema type does not list it.)
        ...(pg ? ({ search_vec: searchVec(p) } as object) : {}),
      })
      .onConflict((oc) => oc.column("uid").doNothing())
      .returning("id")
      .executeTakeFirst();
    if (inserted) {
      if (!pg) await this.indexText(inserted.id, p, false);
      return inserted.id;
    }
    const id = await this.idByUid(p.id);
    if (id === undefined) throw new Error(`job ${p.id} vanished during insert`);
    return id;
  }

  private async touch(id: number, now: string): Promise<void> {
    await this.db.kysely
      .updateTable("jobs")
      .set({ last_seen_at: now, status: "open" })
      .where("id", "=", id)
      .execute();
  }

  private async write(id: number, values: ReturnType<typeof toRow>): Promise<void> {
    const { canonical_url: canonical, uid: _uid, ...row } = rowValues(values);
    await this.db.kysely
      .updateTable("jobs")
      .set((eb) => ({
        ...row,
        canonical_url: eb.fn.coalesce("canonical_url", eb.val(canonical)),
        status: "open",
        last_seen_at: values.now,
      }))
      .where("id", "=", id)
      .execute();
  }

  private row(id: number): Promise<JobRow | undefined> {
    return this.db.kysely.selectFrom("jobs").selectAll().where("id", "=", id).executeTakeFirst();
  }

  /** Overwrite a job's fields with a fresher posting. Returns whether its content changed. */
  async update(id: number, p: Posting, canonicalUrl: string | null, now: string): Promise<boolean> {
    const before = await this.db.kysely
      .selectFrom("jobs")
      .select(["content_hash", "uid"])
      .where("id", "=", id)
      .executeTakeFirst();
    if (!before) throw new Error(`job ${id} not found`);
    const values = toRow({ ...p, id: before.uid }, canonicalUrl, now);
    if (before.content_hash === values.content_hash) {
      await this.touch(id, now);
      return false;
    }
    await this.write(id, values);
    await this.indexText(id, p, true);
    return true;
  }

  /** Record that `ref` lists job `jobId` (seen again in `runId`). */
  async addSourceRef(jobId: number, ref: SourceRef, runId: string | null, now: string): Promise<void> {
    await this.upsertRefs([{ jobId, ref, runId, now }], false);
  }

  /**
   * Record that each `ref` lists its job, seen in `runId`. Unlike {@link addSourceRef} this reopens
   * a reference that was closed: the source lists the job again. Dedupe records a batch's references
   * together (on PostgreSQL each statement is a round trip); a reference listed twice keeps its last row.
   */
  async seeRefs(seen: ReadonlyArray<SeenRef>): Promise<void> {
    await this.upsertRefs(seen, true);
  }

  /** Insert or refresh references, one statement per chunk of {@link REF_CHUNK}. */
  private async upsertRefs(seen: ReadonlyArray<SeenRef>, reopen: boolean): Promise<void> {
    const last = new Map(seen.map((x) => [refKey(x.ref.source, x.ref.sourceId), x]));
    const rows = [...last.values()].map((x) => refRow(x.jobId, x.ref, x.runId, x.now));
    for (let i = 0; i < rows.length; i += REF_CHUNK) {
      await this.db.kysely
        .insertInto("job_sources")
        .values(rows.slice(i, i + REF_CHUNK))
        .onConflict((oc) =>
          oc.columns(["source", "source_id"]).doUpdateSet((eb) => ({
            last_seen_at: eb.ref("excluded.last_seen_at"),
            last_run_id: eb.ref("excluded.last_run_id"),
            url: eb.fn.coalesce(eb.ref("excluded.url"), eb.ref("job_sources.url")),
            ...(reopen ? { closed_at: null, closed_run_id: null } : {}),
          })),
        )
        .execute();
    }
  }

  /** A job's posting (dedupe reads one per merged copy). */
  async postingOf(id: number): Promise<Posting | undefined> {
    return (await this.getMany([id]))[0]?.posting;
  }

  /**
   * Write a merged posting over job `id` when any shown field differs (a plain {@link update} only
   * writes when the embedded content changed). Reopens the job and marks it seen either way.
   * Returns whether a field changed.
   */
  async saveMerged(id: number, p: Posting, canonicalUrl: string | null, now: string): Promise<boolean> {
    const row = await this.row(id);
    if (!row) throw new Error(`job ${id} not found`);
    const values = toRow({ ...p, id: row.uid }, canonicalUrl, now);
    if (Object.entries(values).every(([k, v]) => NOT_MERGED.has(k) || row[k as keyof JobRow] === v)) {
      await this.touch(id, now);
      return false;
    }
    await this.write(id, values);
    if (row.content_hash !== values.content_hash) await this.indexText(id, p, true);
    return true;
  }

  /**
   * After a complete listing of `source` in `runId`: close its open references that the listing
   * lacked (not staged in the run, not seen by any run since `listedSince`, when the fetch began),
   * then close the jobs left without an open reference. Returns the ids of the jobs concerned.
   */
  async closeUnlisted(runId: string, source: string, listedSince: string, now: string): Promise<number[]> {
    const k = this.db.kysely;
    const rows = await k
      .updateTable("job_sources")
      .set({ closed_at: now, closed_run_id: runId })
      .where("source", "=", source)
      .where("closed_at", "is", null)
      .where("last_run_id", "is distinct from", runId)
      .where("last_seen_at", "<", listedSince)
      .where((eb) =>
        eb.not(
          eb.exists(
            eb
              .selectFrom("run_items as r")
              .select("r.job_id")
              .where("r.run_id", "=", runId)
              .where("r.source", "=", source)
              .whereRef("r.source_id", "=", "job_sources.source_id"),
          ),
        ),
      )
      .returning("job_id")
      .execute();
    const ids = [...new Set(rows.map((r) => r.job_id))];
    for (let i = 0; i < ids.length; i += IN_CHUNK) {
      await k
        .updateTable("jobs")
        .set({ status: "closed" })
        .where("id", "in", ids.slice(i, i + IN_CHUNK))
        .where("status", "<>", "closed")
        .where((eb) =>
          eb.not(
            eb.exists(
              eb
                .selectFrom("job_sources as s")
                .select("s.job_id")
                .whereRef("s.job_id", "=", "jobs.id")
                .where("s.closed_at", "is", null),
            ),
          ),
        )
        .execute();
    }
    return ids;
  }

  /** References closed because run `runId`'s complete listings lacked them: source → job ids. */
  async closedByRun(runId: string): Promise<Map<string, number[]>> {
    const rows = await this.db.kysely
      .selectFrom("job_sources")
      .select(["source", "job_id"])
      .where("closed_run_id", "=", runId)
      .execute();
    const out = new Map<string, number[]>();
    for (const r of rows) {
      const ids = out.get(r.source) ?? [];
      ids.push(r.job_id);
      out.set(r.source, ids);
    }
    return out;
  }

  async count(): Promise<number> {
    const row = await this.db.kysely
      .selectFrom("jobs")
      .select((eb) => eb.fn.countAll<number>().as("n"))
      .executeTakeFirst();
    return Number(row?.n ?? 0);
  }

  /** Jobs by id, in the order asked (missing ids are skipped). */
  async getMany(ids: readonly number[]): Promise<StoredJob[]> {
    if (ids.length === 0) return [];
    const out: StoredJob[] = [];
    for (let i = 0; i < ids.length; i += IN_CHUNK) {
      const chunk = ids.slice(i, i + IN_CHUNK);
      const [rows, refRows] = await Promise.all([
        this.db.kysely.selectFrom("jobs").selectAll().where("id", "in", chunk).execute(),
        this.db.kysely
          .selectFrom("job_sources")
          .select(["job_id", "source", "source_id", "url"])
          .where("job_id", "in", chunk)
          .orderBy("first_seen_at")
          .orderBy("source")
          .execute(),
      ]);
      const byId = new Map(rows.map((r) => [r.id, r]));
      const refs = new Map<number, SourceRef[]>();
      for (const r of refRows) {
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
  async changesAfter(
    afterSeq: number,
    limit = 10_000,
  ): Promise<{ ids: number[]; lastSeq: number; gap: boolean }> {
    const rows = await this.db.kysely
      .selectFrom("job_changes")
      .select(["seq", "job_id"])
      .where("seq", ">", afterSeq)
      .orderBy("seq")
      .limit(limit)
      .execute();
    const { lo } = await this.changeBounds();
    return {
      ids: [...new Set(rows.map((r) => r.job_id))],
      lastSeq: rows.at(-1)?.seq ?? afterSeq,
      gap: lo !== null && lo > afterSeq + 1 && afterSeq > 0,
    };
  }

  private async changeBounds(): Promise<{ lo: number | null; hi: number | null }> {
    // One subquery per end: SQLite answers a lone min() or max() from the key's b-tree, but both in
    // one select scan the whole feed — on every search's catch-up (2.7 ms at 1M jobs).
    const { rows } = await sql<{
      lo: number | null;
      hi: number | null;
    }>`select (select min(seq) from job_changes) as lo, (select max(seq) from job_changes) as hi`.execute(
      this.db.kysely,
    );
    return { lo: rows[0]?.lo ?? null, hi: rows[0]?.hi ?? null };
  }

  /** The newest change's number (0 when none): where a fresh reader starts. */
  async lastChangeSeq(): Promise<number> {
    return (await this.changeBounds()).hi ?? 0;
  }

  /** Keep the change feed to its newest `keep` entries. */
  async pruneChanges(keep = 200_000): Promise<void> {
    const hi = await this.lastChangeSeq();
    await this.db.kysely
      .deleteFrom("job_changes")
      .where("seq", "<=", hi - keep)
      .execute();
  }

  /** Facets of all jobs with id > `afterId`, for the search side's in-memory filter table. */
  facetsAfter(afterId: number, limit = 50_000): Promise<JobFacet[]> {
    return this.db.kysely
      .selectFrom("jobs")
      .select(FACET_COLUMNS)
      .where("id", ">", afterId)
      .orderBy("id")
      .limit(limit)
      .execute();
  }

  /** Facets of specific jobs (after an update changed them). */
  async facetsOf(ids: readonly number[]): Promise<JobFacet[]> {
    const out: JobFacet[] = [];
    for (let i = 0; i < ids.length; i += IN_CHUNK) {
      out.push(
        ...(await this.db.kysely
          .selectFrom("jobs")
          .select(FACET_COLUMNS)
          .where("id", "in", ids.slice(i, i + IN_CHUNK))
          .execute()),
      );
    }
    return out;
  }
}
