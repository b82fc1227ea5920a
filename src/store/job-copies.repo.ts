import type Sqlite from "better-sqlite3";
import type { SourceRef } from "../core/posting.js";

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

/**
 * The dedupe index: one row per copy of a job (per source reference) with its fingerprint keys,
 * canonical URL and MinHash sketch, plus LSH buckets — so matching a new posting is a few index
 * seeks, never a scan.
 */
export class JobCopiesRepo {
  private readonly s: ReturnType<JobCopiesRepo["prepare"]>;

  constructor(sqlite: Sqlite.Database) {
    this.s = this.prepare(sqlite);
  }

  private prepare(sqlite: Sqlite.Database) {
    return {
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
    };
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
}
