import { createHash } from "node:crypto";
import type Sqlite from "better-sqlite3";
import { postingSchema, type Posting, type SourceRef } from "../core/posting.js";
import type { Db } from "./db.js";
import type { JobRow } from "./schema.js";

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
  postedAt: string | null;
  status: string;
}

/** One copy of a job (one per source reference) as the dedupe index stores it. */
export interface JobCopy {
  companyKey: string;
  titleKey: string;
  placesJson: string;
  seniority: string;
  employment: string;
  canonicalUrl: string | null;
  postedAt: string | null;
  descLength: number;
  /** MinHash signature bytes; null when the description is too short to compare. */
  minhash: Buffer | null;
  /** LSH bucket keys of the signature (empty without one). */
  bands: readonly number[];
}

/** A stored copy with its job's state, as the candidate lookups return it. */
export interface StoredJobCopy extends Omit<JobCopy, "bands"> {
  jobId: number;
  source: string;
  sourceId: string;
  /** The copy whose fields the job shows. */
  primary: boolean;
  jobStatus: string;
  jobLastSeenAt: string;
}

const COPY_COLUMNS = `i.job_id AS jobId, i.source, i.source_id AS sourceId, i.company_key AS companyKey,
  i.title_key AS titleKey, i.places_json AS placesJson, i.seniority, i.employment,
  i.canonical_url AS canonicalUrl, i.posted_at AS postedAt, i.desc_len AS descLength, i.minhash,
  i.is_primary AS isPrimary, j.status AS jobStatus, j.last_seen_at AS jobLastSeenAt
  FROM job_identity i JOIN jobs j ON j.id = i.job_id`;
// Most candidates one lookup returns; more only happens for a pathological repeat of one title.
const MAX_CANDIDATES = 100;

type CopyRow = Omit<StoredJobCopy, "primary"> & { isPrimary: number };
const distinctJobs = (rows: ReadonlyArray<{ job_id: number }>) => [...new Set(rows.map((r) => r.job_id))];
const toCopy = ({ isPrimary, ...r }: CopyRow): StoredJobCopy => ({ ...r, primary: isPrimary === 1 });

// Row values a merge does not compare: the id, the first copy's URL (kept by update), the time.
const NOT_MERGED = new Set(["uid", "canonical_url", "now"]);

/** Hash of everything that feeds the embedding, so unchanged postings are not re-embedded. */
export function contentHash(p: Posting): string {
  return createHash("sha1")
    .update([p.title, p.company, p.description, placeText(p)].join("\u0001"))
    .digest("hex");
}

/** Text of all places of a posting, for the lexical index and display. */
export function placeText(p: Pick<Posting, "locations" | "remoteMode">): string {
  const parts = p.locations.flatMap((l) => [l.city, l.region, l.country, l.postalCode]).filter(Boolean);
  if (p.remoteMode === "remote") parts.push("remote");
  return parts.join(" ");
}

function rowToPosting(row: JobRow, refs: SourceRef[]): Posting {
  const salary =
    row.salary_currency && row.salary_period && (row.salary_min !== null || row.salary_max !== null)
      ? {
          currency: row.salary_currency,
          period: row.salary_period,
          ...(row.salary_min !== null ? { min: row.salary_min } : {}),
          ...(row.salary_max !== null ? { max: row.salary_max } : {}),
        }
      : undefined;
  return postingSchema.parse({
    id: row.uid,
    title: row.title,
    company: row.company,
    locations: JSON.parse(row.locations_json) as unknown,
    remoteMode: row.remote_mode,
    employmentType: row.employment_type,
    seniority: row.seniority,
    ...(salary ? { salary } : {}),
    language: row.language,
    ...(row.posted_at ? { postedAt: row.posted_at } : {}),
    ...(row.updated_at ? { updatedAt: row.updated_at } : {}),
    description: row.description,
    ...(row.apply_url ? { applyUrl: row.apply_url } : {}),
    sources: refs,
  });
}

/**
 * Jobs and their source references. Writes are synchronous prepared statements so a pipeline stage
 * can upsert a whole batch inside one transaction (ingest speed); reads that build pages use Kysely.
 */
export class JobsRepo {
  private readonly s: ReturnType<JobsRepo["prepare"]>;

  constructor(private readonly db: Db) {
    this.s = this.prepare(db.sqlite);
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
      row: sqlite.prepare<[number], JobRow>("SELECT * FROM jobs WHERE id = ?"),
      seeRef: sqlite.prepare(
        `INSERT INTO job_sources (source, source_id, job_id, url, first_seen_at, last_seen_at, last_run_id)
         VALUES (@source, @source_id, @job_id, @url, @now, @now, @run_id)
         ON CONFLICT(source, source_id) DO UPDATE SET last_seen_at=@now, last_run_id=@run_id,
           url=COALESCE(@url, url), closed_at=NULL, closed_run_id=NULL`,
      ),
      putCopy: sqlite.prepare(
        `INSERT INTO job_identity (source, source_id, job_id, company_key, title_key, places_json, seniority,
           employment, canonical_url, posted_at, desc_len, minhash, is_primary)
         VALUES (@source, @source_id, @job_id, @company_key, @title_key, @places_json, @seniority, @employment,
           @canonical_url, @posted_at, @desc_len, @minhash, @is_primary)
         ON CONFLICT(source, source_id) DO UPDATE SET company_key=excluded.company_key,
           title_key=excluded.title_key, places_json=excluded.places_json, seniority=excluded.seniority,
           employment=excluded.employment, canonical_url=excluded.canonical_url, posted_at=excluded.posted_at,
           desc_len=excluded.desc_len, minhash=excluded.minhash
         WHERE (company_key, title_key, places_json, seniority, employment, desc_len) IS NOT
             (excluded.company_key, excluded.title_key, excluded.places_json, excluded.seniority,
              excluded.employment, excluded.desc_len)
           OR canonical_url IS NOT excluded.canonical_url OR posted_at IS NOT excluded.posted_at
           OR minhash IS NOT excluded.minhash`,
      ),
      setPrimary: sqlite.prepare(
        `UPDATE job_identity SET is_primary = (source = @source AND source_id = @source_id)
         WHERE job_id = @job_id AND is_primary <> (source = @source AND source_id = @source_id)`,
      ),
      addBand: sqlite.prepare<[number, number]>(
        "INSERT OR IGNORE INTO job_lsh (band_key, job_id) VALUES (?, ?)",
      ),
      jobsInBand: sqlite.prepare<[number, number], { job_id: number }>(
        "SELECT job_id FROM job_lsh WHERE band_key = ? LIMIT ?",
      ),
      jobsByKeys: sqlite.prepare<[string, string, number], { job_id: number }>(
        `SELECT job_id FROM job_identity WHERE company_key = ? AND title_key = ? ORDER BY id DESC LIMIT ?`,
      ),
      jobsByUrl: sqlite.prepare<[string, string, number], { job_id: number; title_key: string }>(
        `SELECT job_id, title_key FROM job_identity WHERE canonical_url = ? AND company_key = ? ORDER BY id DESC
         LIMIT ?`,
      ),
      copiesOf: sqlite.prepare<[number], CopyRow>(`SELECT ${COPY_COLUMNS} WHERE i.job_id = ?`),
      refsWithoutCopy: sqlite.prepare<
        [string, string, number],
        { source: string; sourceId: string; jobId: number }
      >(
        `SELECT s.source, s.source_id AS sourceId, s.job_id AS jobId FROM job_sources s
         WHERE (s.source, s.source_id) > (?, ?) AND NOT EXISTS
           (SELECT 1 FROM job_identity i WHERE i.source = s.source AND i.source_id = s.source_id)
         ORDER BY s.source, s.source_id LIMIT ?`,
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

  /** Insert a new job (idempotent by the posting's stable id). Returns its integer id. */
  insert(p: Posting, canonicalUrl: string | null, now: string): number {
    const values = toRow(p, canonicalUrl, now);
    const info = this.s.insert.run(values);
    const id = this.s.idByUid.get(p.id)?.id;
    if (id === undefined) throw new Error(`job ${p.id} vanished during insert`);
    if (info.changes > 0) this.s.ftsInsert.run(id, p.title, p.company, placeText(p), p.description);
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
    this.s.ftsDelete.run(id);
    this.s.ftsInsert.run(id, p.title, p.company, placeText(p), p.description);
    return true;
  }

  /** Record that `ref` lists job `jobId` (seen again in `runId`). */
  addSourceRef(jobId: number, ref: SourceRef, runId: string | null, now: string): void {
    this.s.addRef.run({
      source: ref.source,
      source_id: ref.sourceId,
      job_id: jobId,
      url: ref.url ?? null,
      now,
      run_id: runId,
    });
  }

  /**
   * Record that `ref` lists job `jobId`, seen in `runId`. Unlike {@link addSourceRef} this reopens a
   * reference that was closed: the source lists the job again.
   */
  seeRef(jobId: number, ref: SourceRef, runId: string | null, now: string): void {
    this.s.seeRef.run({
      source: ref.source,
      source_id: ref.sourceId,
      job_id: jobId,
      url: ref.url ?? null,
      now,
      run_id: runId,
    });
  }

  /**
   * Index a copy of job `jobId` for dedupe. `primary` makes it the copy whose fields the job shows
   * (`"sole"`: the job's first copy, so there is no other copy to demote).
   */
  indexCopy(
    jobId: number,
    ref: Pick<SourceRef, "source" | "sourceId">,
    copy: JobCopy,
    primary: boolean | "sole",
  ): void {
    const key = { source: ref.source, source_id: ref.sourceId, job_id: jobId };
    this.s.putCopy.run({
      ...key,
      company_key: copy.companyKey,
      title_key: copy.titleKey,
      places_json: copy.placesJson,
      seniority: copy.seniority,
      employment: copy.employment,
      canonical_url: copy.canonicalUrl,
      posted_at: copy.postedAt,
      desc_len: copy.descLength,
      minhash: copy.minhash,
      is_primary: primary === false ? 0 : 1,
    });
    if (primary === true) this.s.setPrimary.run(key);
    for (const band of copy.bands) this.s.addBand.run(band, jobId);
  }

  /** Jobs with a copy of this company and title key (the fingerprint lookup), newest copies first. */
  jobsByKeys(companyKey: string, titleKey: string): number[] {
    return distinctJobs(this.s.jobsByKeys.all(companyKey, titleKey, MAX_CANDIDATES));
  }

  /** Copies at `companyKey` whose apply URL canonicalizes to `url`: their job and title key. */
  jobsByUrl(url: string, companyKey: string): Array<{ jobId: number; titleKey: string }> {
    return this.s.jobsByUrl
      .all(url, companyKey, MAX_CANDIDATES)
      .map((r) => ({ jobId: r.job_id, titleKey: r.title_key }));
  }

  /** Jobs sharing an LSH bucket with any of `bands`. */
  jobsByBands(bands: readonly number[]): number[] {
    return distinctJobs(bands.flatMap((b) => this.s.jobsInBand.all(b, MAX_CANDIDATES)));
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

  /** Every indexed copy of a job, with the job's status and when it was last seen. */
  copiesOf(jobId: number): StoredJobCopy[] {
    return this.s.copiesOf.all(jobId).map(toCopy);
  }

  /**
   * References stored before the dedupe index existed (they get their copy indexed once), in key
   * order after `after`, so a backfill in batches never reads a reference twice.
   */
  refsWithoutCopy(
    limit: number,
    after: { source: string; sourceId: string } = { source: "", sourceId: "" },
  ): Array<{ source: string; sourceId: string; jobId: number }> {
    return this.s.refsWithoutCopy.all(after.source, after.sourceId, limit);
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
    if (row.content_hash !== values.content_hash) {
      this.s.ftsDelete.run(id);
      this.s.ftsInsert.run(id, p.title, p.company, placeText(p), p.description);
    }
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
    const rows = this.db.sqlite
      .prepare<number[], JobRow>(`SELECT * FROM jobs WHERE id IN (${ids.map(() => "?").join(",")})`)
      .all(...ids);
    const byId = new Map(rows.map((r) => [r.id, r]));
    const out: StoredJob[] = [];
    for (const id of ids) {
      const row = byId.get(id);
      if (!row) continue;
      const refs = this.s.refsOf.all(id).map((r) => ({
        source: r.source,
        sourceId: r.source_id,
        ...(r.url ? { url: r.url } : {}),
      }));
      out.push({
        id: row.id,
        posting: rowToPosting(row, refs),
        status: row.status === "closed" ? "closed" : "open",
        firstSeenAt: row.first_seen_at,
        lastSeenAt: row.last_seen_at,
      });
    }
    return out;
  }

  /** Facets of all jobs with id > `afterId`, for the search side's in-memory filter table. */
  facetsAfter(afterId: number, limit = 50_000): JobFacet[] {
    return this.db.sqlite
      .prepare<[number, number], JobFacet>(
        `SELECT id, lat, lon, city, remote_mode AS remoteMode, posted_at AS postedAt, status
         FROM jobs WHERE id > ? ORDER BY id LIMIT ?`,
      )
      .all(afterId, limit);
  }

  /** Facets of specific jobs (after an update changed them). */
  facetsOf(ids: readonly number[]): JobFacet[] {
    if (ids.length === 0) return [];
    return this.db.sqlite
      .prepare<number[], JobFacet>(
        `SELECT id, lat, lon, city, remote_mode AS remoteMode, posted_at AS postedAt, status
         FROM jobs WHERE id IN (${ids.map(() => "?").join(",")})`,
      )
      .all(...ids);
  }
}

function toRow(p: Posting, canonicalUrl: string | null, now: string) {
  const first = p.locations[0];
  return {
    uid: p.id,
    title: p.title,
    company: p.company,
    city: first?.city ?? null,
    region: first?.region ?? null,
    country: first?.country ?? null,
    lat: first?.lat ?? null,
    lon: first?.lon ?? null,
    locations_json: JSON.stringify(p.locations),
    remote_mode: p.remoteMode,
    employment_type: p.employmentType,
    seniority: p.seniority,
    salary_min: p.salary?.min ?? null,
    salary_max: p.salary?.max ?? null,
    salary_currency: p.salary?.currency ?? null,
    salary_period: p.salary?.period ?? null,
    language: p.language,
    posted_at: p.postedAt ?? null,
    updated_at: p.updatedAt ?? null,
    description: p.description,
    apply_url: p.applyUrl ?? null,
    canonical_url: canonicalUrl,
    content_hash: contentHash(p),
    now,
  };
}
