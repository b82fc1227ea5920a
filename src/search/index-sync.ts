import { createHash } from "node:crypto";
import path from "node:path";
import { AppError } from "../core/errors.js";
import type { Logger } from "../core/logger.js";
import type { VectorsRepo } from "../store/vectors.repo.js";
import { dotAt, invNorm, unitInto } from "./exact.index.js";
import { adoptSnapshot, publishSnapshot } from "./index-snapshot.js";
import { HnswVectorIndex, type HnswVectorIndexOptions, type IndexOpenFailure } from "./hnsw.index.js";
import type { VectorHit } from "./vector-index.js";

/** A job ranked against a query from its stored vector. */
export interface StoredHit extends VectorHit {
  vector: Float32Array;
}

/** Options for {@link IndexSync}. */
export interface IndexSyncOptions {
  vectors: VectorsRepo;
  /** `embedderKey(embedder)`: which vectors this index holds; also names the file. */
  embedderKey: string;
  dim: number;
  /** Directory of index files, one per embedder key, e.g. `<dataDir>/index`. */
  dir: string;
  /** hnswlib parameters (see {@link HnswVectorIndexOptions}). */
  hnsw?: Partial<Pick<HnswVectorIndexOptions, "M" | "efConstruction" | "ef" | "randomSeed">>;
  /**
   * Shared directory of published snapshots (`JOBSCOUT_INDEX_SNAPSHOT_DIR`): {@link open} starts
   * from the one there when it covers more than the local file, {@link publish} puts one there.
   */
  snapshotDir?: string | undefined;
  /** Vectors read from the store per query while rebuilding or catching up. @defaultValue `2000` */
  batchSize?: number;
  logger?: Logger;
}

/** What {@link IndexSync.open} did. */
export interface IndexOpenReport {
  loaded: boolean;
  /** Why the file was not used (then the index was rebuilt from the store). */
  reason?: IndexOpenFailure;
  /** The store `seq` of the published snapshot this start copied, when it did. */
  snapshotSeq?: number;
  /** Vectors added from the store after loading or while rebuilding. */
  added: number;
  size: number;
}

/** Index file of `embedderKey` in `dir`: readable, filesystem-safe, and distinct per key. */
export function indexFileFor(dir: string, embedderKey: string): string {
  const safe = embedderKey.replace(/[^A-Za-z0-9._-]+/g, "_").slice(0, 80);
  const tag = createHash("sha1").update(embedderKey).digest("hex").slice(0, 8);
  return path.join(dir, `${safe}-${tag}.hnsw`);
}

/**
 * Keeps one hnswlib index caught up with the store. The store is the source of truth: the file is a
 * cache that is loaded when intact, rebuilt when not, and caught up by `seq` before every search,
 * so any number of processes can each hold one on the same directory.
 */
export class IndexSync {
  readonly file: string;
  private current: HnswVectorIndex | undefined;
  private readonly batch: number;
  private readonly listeners = new Set<(jobIds: readonly number[]) => Promise<void> | void>();
  private busy: Promise<unknown> = Promise.resolve();

  constructor(private readonly o: IndexSyncOptions) {
    this.file = indexFileFor(o.dir, o.embedderKey);
    this.batch = o.batchSize ?? 2000;
  }

  /** The index; {@link open} first. */
  get index(): HnswVectorIndex {
    if (!this.current) throw new AppError("index_not_open", "IndexSync.open() has not been called");
    return this.current;
  }

  /** Load the file, or rebuild from the store when it is missing, damaged or of another shape; then catch up. */
  async open(): Promise<IndexOpenReport> {
    const log = this.o.logger;
    const snapshotSeq = this.o.snapshotDir
      ? await adoptSnapshot(this.o.snapshotDir, this.file, this.o.dim)
      : undefined;
    const fromSnapshot = snapshotSeq === undefined ? {} : { snapshotSeq };
    const options: HnswVectorIndexOptions = {
      file: this.file,
      dim: this.o.dim,
      ...this.o.hnsw,
      initialCapacity: Math.max(1024, await this.o.vectors.count(this.o.embedderKey)),
    };
    let opened = await HnswVectorIndex.open(options);
    if (opened.reason === "corrupt") {
      // Another process may have been between renaming its index and its meta file: look again.
      await new Promise((r) => setTimeout(r, 250));
      opened = await HnswVectorIndex.open(options);
    }
    this.current = opened.index;
    const t0 = performance.now();
    const added = await this.catchUp();
    if (opened.loaded) {
      log?.info("vector index loaded", {
        file: this.file,
        size: opened.index.size(),
        caughtUp: added,
        ...fromSnapshot,
      });
      // Save the catch-up, so the next start does not repeat it.
      if (added > 0) await this.flush();
      return { loaded: true, ...fromSnapshot, added, size: opened.index.size() };
    }
    const ms = Math.round(performance.now() - t0);
    // "missing" is the normal first start; anything else means a file was damaged or outdated.
    const level = opened.reason === "missing" ? "info" : "warn";
    log?.[level]("vector index rebuilt from the store", {
      file: this.file,
      reason: opened.reason,
      detail: opened.detail,
      vectors: added,
      ms,
    });
    if (added > 0) await this.flush();
    return {
      loaded: false,
      ...(opened.reason ? { reason: opened.reason } : {}),
      added,
      size: opened.index.size(),
    };
  }

  /**
   * Apply every vector stored after the index's watermark (new and re-embedded jobs). Cheap when
   * nothing is new (one indexed query), so it runs before every search. Returns how many were applied.
   */
  catchUp(): Promise<number> {
    // One catch-up at a time, so concurrent searches never apply the same rows twice.
    const run = this.busy.then(() => this.catchUpNow());
    this.busy = run.catch(() => undefined);
    return run;
  }

  private async catchUpNow(): Promise<number> {
    const index = this.index;
    let applied = 0;
    for (;;) {
      const rows = await this.o.vectors.since(this.o.embedderKey, index.watermark, this.batch);
      if (rows.length === 0) break;
      const ids: number[] = [];
      for (const r of rows) {
        index.upsert(r.jobId, r.vector);
        ids.push(r.jobId);
      }
      index.watermark = rows[rows.length - 1]!.seq;
      applied += rows.length;
      for (const l of this.listeners) await l(ids);
      if (rows.length < this.batch) break;
    }
    return applied;
  }

  /**
   * Cosine distances from `q` of the vectors the index holds for these jobs, nearest first, each
   * with its vector; read from the store in one query (reading them back from hnswlib costs ~50 µs
   * each).
   */
  async distances(q: Float32Array, jobIds: readonly number[]): Promise<StoredHit[]> {
    const index = this.index;
    const wanted = jobIds.filter((id) => index.has(id));
    if (wanted.length === 0) return [];
    const query = unitInto(q);
    const out: StoredHit[] = [];
    for (const [jobId, { vector }] of await this.o.vectors.forJobs(this.o.embedderKey, wanted)) {
      if (vector.length !== q.length) continue;
      out.push({ label: jobId, distance: 1 - dotAt(query, vector, 0, q.length) * invNorm(vector), vector });
    }
    return out.sort((a, b) => a.distance - b.distance || a.label - b.label);
  }

  /** Be told which jobs got (new) vectors on each catch-up. Returns an unsubscribe function. */
  onApplied(listener: (jobIds: readonly number[]) => Promise<void> | void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  flush(): Promise<void> {
    return this.index.flush();
  }

  /**
   * Save the index and publish it to the snapshot directory (when one is set and holds an older
   * one), for replicas that start later. Returns whether a snapshot was published.
   */
  async publish(): Promise<boolean> {
    await this.flush();
    if (!this.o.snapshotDir) return false;
    const done = await publishSnapshot(this.o.snapshotDir, this.file);
    if (done)
      this.o.logger?.info("vector index snapshot published", {
        dir: this.o.snapshotDir,
        seq: this.index.watermark,
      });
    return done;
  }
}
