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
