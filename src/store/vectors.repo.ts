import { sql } from "kysely";
import { inTransaction, type Db } from "./db.js";
import { FEED_LOCKS } from "./migrations/0019-commit-order.js";

export interface StoredVector {
  seq: number;
  jobId: number;
  contentHash: string;
  vector: Float32Array;
}

// Ids per `IN (…)` list (far below both engines' parameter limits).
const CHUNK = 500;

/**
 * Embeddings per (job, embedder key). The store is the source of truth; the hnswlib file is a cache
 * that any process can rebuild or catch up from here by `seq`.
 */
export class VectorsRepo {
  constructor(private readonly db: Db) {}

  /** Content hashes already embedded by `embedder` for these jobs. */
  async hashes(embedder: string, jobIds: readonly number[]): Promise<Map<number, string>> {
    const out = new Map<number, string>();
    for (let i = 0; i < jobIds.length; i += CHUNK) {
      const rows = await this.db.kysely
        .selectFrom("job_vectors")
        .select(["job_id", "content_hash"])
        .where("embedder", "=", embedder)
        .where("job_id", "in", jobIds.slice(i, i + CHUNK))
        .execute();
      for (const r of rows) out.set(r.job_id, r.content_hash);
    }
    return out;
  }

  /** The stored vectors of these jobs from `embedder`, with the content hash each was made from. */
  async forJobs(
    embedder: string,
    jobIds: readonly number[],
  ): Promise<Map<number, { contentHash: string; vector: Float32Array }>> {
    const out = new Map<number, { contentHash: string; vector: Float32Array }>();
    // SQLite allows 32,766 parameters; stay far below it.
    for (let i = 0; i < jobIds.length; i += 900) {
      const rows = await this.db.kysely
        .selectFrom("job_vectors")
        .select(["job_id", "content_hash", "vector"])
        .where("embedder", "=", embedder)
        .where("job_id", "in", jobIds.slice(i, i + 900))
        .execute();
      for (const r of rows)
        out.set(r.job_id, {
          contentHash: r.content_hash,
          // Copy: the Buffer may be a view into a pooled allocation.
          vector: new Float32Array(
            r.vector.buffer.slice(r.vector.byteOffset, r.vector.byteOffset + r.vector.byteLength),
          ),
        });
    }
    return out;
  }

  /**
   * Replace the vectors of these jobs (a new seq each, so readers see the change), in the caller's
   * transaction when the repository is bound to one. On PostgreSQL the transaction first takes the
   * vectors' feed lock, so seqs are handed out in commit order (migration 0019) and two writers of the
   * same jobs queue up front instead of deadlocking between their delete and insert.
   */
  async put(
    embedder: string,
    items: ReadonlyArray<{ jobId: number; contentHash: string; vector: Float32Array }>,
  ): Promise<void> {
    // One row per job: the last vector given for it wins.
    const latest = [...new Map(items.map((it) => [it.jobId, it])).values()];
    if (latest.length === 0) return;
    const write = async (tx: Db) => {
      const trx = tx.kysely;
      if (tx.dialect === "postgres")
        await sql`SELECT pg_advisory_xact_lock(${FEED_LOCKS.vectors})`.execute(trx);
      for (let i = 0; i < latest.length; i += CHUNK) {
        const chunk = latest.slice(i, i + CHUNK);
        await trx
          .deleteFrom("job_vectors")
          .where("embedder", "=", embedder)
          .where(
            "job_id",
            "in",
            chunk.map((it) => it.jobId),
          )
          .execute();
        await trx
          .insertInto("job_vectors")
          .values(
            chunk.map((it) => ({
              job_id: it.jobId,
              embedder,
              content_hash: it.contentHash,
              vector: Buffer.from(it.vector.buffer, it.vector.byteOffset, it.vector.byteLength),
            })),
          )
          .execute();
      }
    };
    if (this.db.kysely.isTransaction) await write(this.db);
    else await inTransaction(this.db, write);
  }

  /** Open jobs that have no vector from `embedder` yet (after a switch of embedder), oldest first. */
  async missing(embedder: string): Promise<number[]> {
    const rows = await this.db.kysely
      .selectFrom("jobs as j")
      .select("j.id")
      .where("j.status", "=", "open")
      .where((eb) =>
        eb.not(
          eb.exists(
            eb
              .selectFrom("job_vectors as v")
              .select("v.job_id")
              .where("v.embedder", "=", embedder)
              .whereRef("v.job_id", "=", "j.id"),
          ),
        ),
      )
      .orderBy("j.id")
      .execute();
    return rows.map((r) => r.id);
  }

  /** Vectors with seq > `afterSeq`, oldest first. */
  async since(embedder: string, afterSeq: number, limit = 10_000): Promise<StoredVector[]> {
    const rows = await this.db.kysely
      .selectFrom("job_vectors")
      .select(["seq", "job_id", "content_hash", "vector"])
      .where("embedder", "=", embedder)
      .where("seq", ">", afterSeq)
      .orderBy("seq")
      .limit(limit)
      .execute();
    return rows.map((r) => ({
      seq: r.seq,
      jobId: r.job_id,
      contentHash: r.content_hash,
      // Copy: the Buffer may be a view into a pooled allocation the driver reuses.
      vector: new Float32Array(
        r.vector.buffer.slice(r.vector.byteOffset, r.vector.byteOffset + r.vector.byteLength),
      ),
    }));
  }

  async maxSeq(embedder: string): Promise<number> {
    const row = await this.db.kysely
      .selectFrom("job_vectors")
      .select((eb) => eb.fn.max("seq").as("m"))
      .where("embedder", "=", embedder)
      .executeTakeFirst();
    return Number(row?.m ?? 0);
  }

  async count(embedder: string): Promise<number> {
    const row = await this.db.kysely
      .selectFrom("job_vectors")
      .select((eb) => eb.fn.countAll<number>().as("n"))
      .where("embedder", "=", embedder)
      .executeTakeFirst();
    return Number(row?.n ?? 0);
  }
}
