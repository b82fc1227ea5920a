import type { Db } from "./db.js";

export interface StoredVector {
  seq: number;
  jobId: number;
  contentHash: string;
  vector: Float32Array;
}

/**
 * Embeddings per (job, embedder key). The store is the source of truth; the hnswlib file is a cache
 * that any process can rebuild or catch up from here by `seq`.
 */
export class VectorsRepo {
  constructor(private readonly db: Db) {}

  /** Content hashes already embedded by `embedder` for these jobs. */
  hashes(embedder: string, jobIds: readonly number[]): Map<number, string> {
    const out = new Map<number, string>();
    const stmt = this.db.sqlite.prepare<[string, number], { content_hash: string }>(
      "SELECT content_hash FROM job_vectors WHERE embedder = ? AND job_id = ?",
    );
    for (const id of jobIds) {
      const row = stmt.get(embedder, id);
      if (row) out.set(id, row.content_hash);
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

  /** Replace the vectors of these jobs (a new seq each, so readers see the change). */
  put(
    embedder: string,
    items: ReadonlyArray<{ jobId: number; contentHash: string; vector: Float32Array }>,
  ): void {
    const del = this.db.sqlite.prepare("DELETE FROM job_vectors WHERE embedder = ? AND job_id = ?");
    const ins = this.db.sqlite.prepare(
      "INSERT INTO job_vectors (job_id, embedder, content_hash, vector) VALUES (?, ?, ?, ?)",
    );
    this.db.sqlite.transaction(() => {
      for (const it of items) {
        del.run(embedder, it.jobId);
        ins.run(
          it.jobId,
          embedder,
          it.contentHash,
          Buffer.from(it.vector.buffer, it.vector.byteOffset, it.vector.byteLength),
        );
      }
    })();
  }

  /** Open jobs that have no vector from `embedder` yet (after a switch of embedder), oldest first. */
  missing(embedder: string): number[] {
    return this.db.sqlite
      .prepare<[string], { id: number }>(
        "SELECT j.id FROM jobs j WHERE j.status = 'open' AND NOT EXISTS (SELECT 1 FROM job_vectors v WHERE v.embedder = ? AND v.job_id = j.id) ORDER BY j.id",
      )
      .all(embedder)
      .map((r) => r.id);
  }

  /** Vectors with seq > `afterSeq`, oldest first. */
  since(embedder: string, afterSeq: number, limit = 10_000): StoredVector[] {
    return this.db.sqlite
      .prepare<
        [string, number, number],
        { seq: number; job_id: number; content_hash: string; vector: Buffer }
      >(
        "SELECT seq, job_id, content_hash, vector FROM job_vectors WHERE embedder = ? AND seq > ? ORDER BY seq LIMIT ?",
      )
      .all(embedder, afterSeq, limit)
      .map((r) => ({
        seq: r.seq,
        jobId: r.job_id,
        contentHash: r.content_hash,
        // Copy: the Buffer may be a view into a pooled allocation that SQLite reuses.
        vector: new Float32Array(
          r.vector.buffer.slice(r.vector.byteOffset, r.vector.byteOffset + r.vector.byteLength),
        ),
      }));
  }

  maxSeq(embedder: string): number {
    return (
      this.db.sqlite
        .prepare<[string], { m: number | null }>("SELECT max(seq) AS m FROM job_vectors WHERE embedder = ?")
        .get(embedder)?.m ?? 0
    );
  }

  count(embedder: string): number {
    return (
      this.db.sqlite
        .prepare<[string], { n: number }>("SELECT count(*) AS n FROM job_vectors WHERE embedder = ?")
        .get(embedder)?.n ?? 0
    );
  }
}
