import { sql, type QueryCreator, type SelectQueryBuilder } from "kysely";
import type { Database } from "./schema.js";
import type { SourceRef } from "../core/posting.js";
import type { Db } from "./db.js";

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

// Most candidates one lookup returns; more only happens for a pathological repeat of one title.
const MAX_CANDIDATES = 100;
// The rules' rows in {@link JobCopiesRepo.candidates}.
const KIND_URL = 1;
const KIND_KEYS = 2;
const KIND_BAND = 3;
type IdentitySelect = SelectQueryBuilder<Database, "job_identity", object>;

const distinctJobs = (rows: ReadonlyArray<{ job_id: number }>) => [...new Set(rows.map((r) => r.job_id))];

/**
 * The dedupe index: one row per copy of a job (per source reference) with its fingerprint keys,
 * canonical URL and MinHash sketch, plus LSH buckets — so matching a new posting is a few index
 * seeks, never a scan.
 */
export class JobCopiesRepo {
  constructor(private readonly db: Db) {}

  /**
   * Index a copy of job `jobId` for dedupe. `primary` makes it the copy whose fields the job shows
   * (`"sole"`: the job's first copy, so there is no other copy to demote).
   */
  async indexCopy(
    jobId: number,
    ref: Pick<SourceRef, "source" | "sourceId">,
    copy: JobCopy,
    primary: boolean | "sole",
  ): Promise<void> {
    const k = this.db.kysely;
    const identity = (db: QueryCreator<Database>) =>
      db
        .insertInto("job_identity")
        .values({
          source: ref.source,
          source_id: ref.sourceId,
          job_id: jobId,
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
        })
        .onConflict((oc) =>
          oc
            .columns(["source", "source_id"])
            .doUpdateSet((eb) => ({
              company_key: eb.ref("excluded.company_key"),
              title_key: eb.ref("excluded.title_key"),
              places_json: eb.ref("excluded.places_json"),
              seniority: eb.ref("excluded.seniority"),
              employment: eb.ref("excluded.employment"),
              canonical_url: eb.ref("excluded.canonical_url"),
              posted_at: eb.ref("excluded.posted_at"),
              desc_len: eb.ref("excluded.desc_len"),
              minhash: eb.ref("excluded.minhash"),
            }))
            // An unchanged copy is not rewritten (no row churn on every run).
            .where((eb) =>
              eb.or(
                (
                  [
                    "company_key",
                    "title_key",
                    "places_json",
                    "seniority",
                    "employment",
                    "desc_len",
                    "canonical_url",
                    "posted_at",
                    "minhash",
                  ] as const
                ).map((c) => eb(`job_identity.${c}`, "is distinct from", eb.ref(`excluded.${c}`))),
              ),
            ),
        );
    const bands = (db: QueryCreator<Database>) =>
      db
        .insertInto("job_lsh")
        .values(copy.bands.map((band_key) => ({ band_key, job_id: jobId })))
        .onConflict((oc) => oc.doNothing());
    if (copy.bands.length === 0) await identity(k).execute();
    // On PostgreSQL the copy and its buckets go in one statement (a data-modifying WITH): each
    // statement is a round trip, and dedupe writes one copy per posting. (The WITH adds a table to
    // the builder's type; the statement itself only writes job_lsh.)
    else if (this.db.dialect === "postgres")
      await bands(k.with("copy", identity) as unknown as QueryCreator<Database>).execute();
    else {
      await identity(k).execute();
      await bands(k).execute();
    }
    if (primary === true) {
      const isThis = sql<boolean>`(source = ${ref.source} AND source_id = ${ref.sourceId})`;
      await k
        .updateTable("job_identity")
        .set({ is_primary: sql<number>`CASE WHEN ${isThis} THEN 1 ELSE 0 END` })
        .where("job_id", "=", jobId)
        .where(sql<boolean>`is_primary <> CASE WHEN ${isThis} THEN 1 ELSE 0 END`)
        .execute();
    }
  }

  /**
   * The candidate jobs of every dedupe rule in one query (each rule's lookup is a bounded index
   * seek; one statement, since on PostgreSQL each is a round trip): copies with the same canonical
   * apply URL at the company (with their title key), copies with the same company and title key
   * (newest first), and jobs sharing an LSH bucket with any of `bands` (in the bands' order).
   */
  async candidates(q: {
    url: string | null;
    companyKey: string;
    titleKey: string;
    bands: readonly number[];
  }): Promise<{ byUrl: Array<{ jobId: number; titleKey: string }>; byKeys: number[]; byBands: number[] }> {
    const k = this.db.kysely;
    type Row = { kind: number; ord: number; job_id: number; title_key: string };
    const identity = (kind: number, where: (qb: IdentitySelect) => IdentitySelect) =>
      k
        .selectFrom((eb) =>
          where(eb.selectFrom("job_identity"))
            .select(["id", "job_id", "title_key"])
            .orderBy("id", "desc")
            .limit(MAX_CANDIDATES)
            .as("c"),
        )
        .select([sql.lit(kind).as("kind"), "c.id as ord", "c.job_id", "c.title_key"]);
    const band = (i: number, key: number) =>
      k
        .selectFrom((eb) =>
          eb.selectFrom("job_lsh").select("job_id").where("band_key", "=", key).limit(MAX_CANDIDATES).as("b"),
        )
        .select([
          sql.lit(KIND_BAND).as("kind"),
          sql.lit(i).as("ord"),
          "b.job_id",
          sql.lit("").as("title_key"),
        ]);
    let query = identity(KIND_KEYS, (qb) =>
      qb.where("company_key", "=", q.companyKey).where("title_key", "=", q.titleKey),
    );
    if (q.url !== null) {
      const url = q.url;
      query = query.unionAll(
        identity(KIND_URL, (qb) =>
          qb.where("canonical_url", "=", url).where("company_key", "=", q.companyKey),
        ),
      );
    }
    for (const [i, key] of q.bands.entries()) query = query.unionAll(band(i, key));
    const rows = (await query.execute()) as Row[];
    const of = (kind: number) => rows.filter((r) => Number(r.kind) === kind);
    const newest = (kind: number) => of(kind).sort((a, b) => Number(b.ord) - Number(a.ord));
    return {
      byUrl: newest(KIND_URL).map((r) => ({ jobId: r.job_id, titleKey: r.title_key })),
      byKeys: distinctJobs(newest(KIND_KEYS)),
      byBands: distinctJobs(of(KIND_BAND).sort((a, b) => Number(a.ord) - Number(b.ord))),
    };
  }

  /** Every indexed copy of a job, with the job's status and when it was last seen. */
  async copiesOf(jobId: number): Promise<StoredJobCopy[]> {
    return (await this.copiesOfMany([jobId])).get(jobId) ?? [];
  }

  /** {@link copiesOf} for several jobs in one query. */
  async copiesOfMany(jobIds: readonly number[]): Promise<Map<number, StoredJobCopy[]>> {
    const out = new Map<number, StoredJobCopy[]>();
    if (jobIds.length === 0) return out;
    const rows = await this.db.kysely
      .selectFrom("job_identity as i")
      .innerJoin("jobs as j", "j.id", "i.job_id")
      .select([
        "i.job_id as jobId",
        "i.source",
        "i.source_id as sourceId",
        "i.company_key as companyKey",
        "i.title_key as titleKey",
        "i.places_json as placesJson",
        "i.seniority",
        "i.employment",
        "i.canonical_url as canonicalUrl",
        "i.posted_at as postedAt",
        "i.desc_len as descLength",
        "i.minhash",
        "i.is_primary as isPrimary",
        "j.status as jobStatus",
        "j.last_seen_at as jobLastSeenAt",
      ])
      .where("i.job_id", "in", jobIds)
      .orderBy("i.id")
      .execute();
    for (const { isPrimary, ...r } of rows) {
      const list = out.get(r.jobId) ?? [];
      list.push({ ...r, primary: isPrimary === 1 });
      out.set(r.jobId, list);
    }
    return out;
  }

  /**
   * References stored before the dedupe index existed (they get their copy indexed once), in key
   * order after `after`, so a backfill in batches never reads a reference twice.
   */
  refsWithoutCopy(
    limit: number,
    after: { source: string; sourceId: string } = { source: "", sourceId: "" },
  ): Promise<Array<{ source: string; sourceId: string; jobId: number }>> {
    return this.db.kysely
      .selectFrom("job_sources as s")
      .select(["s.source", "s.source_id as sourceId", "s.job_id as jobId"])
      .where((eb) =>
        eb.and([
          eb(eb.refTuple("s.source", "s.source_id"), ">", eb.tuple(after.source, after.sourceId)),
          eb.not(
            eb.exists(
              eb
                .selectFrom("job_identity as i")
                .select("i.id")
                .whereRef("i.source", "=", "s.source")
                .whereRef("i.source_id", "=", "s.source_id"),
            ),
          ),
        ]),
      )
      .orderBy("s.source")
      .orderBy("s.source_id")
      .limit(limit)
      .execute();
  }
}
