/** One nearest-neighbour result: the job's integer id and its cosine distance (0 = same direction). */
export interface VectorHit {
  label: number;
  distance: number;
}

/**
 * Nearest-neighbour index over unit vectors keyed by job id. One contract suite runs against every
 * implementation (hnswlib-backed and exact).
 */
export interface VectorIndex {
  readonly dim: number;
  /** Number of live (not removed) vectors. */
  size(): number;
  has(label: number): boolean;
  /** Add or replace the vector of `label` (idempotent: never two entries for one label). */
  upsert(label: number, vector: Float32Array): void;
  remove(label: number): void;
  /** Up to `k` nearest live labels, nearest first; `filter` restricts which labels may be returned. */
  search(vector: Float32Array, k: number, filter?: (label: number) => boolean): VectorHit[];
  /** Persist (crash-safe: temp file, fsync, rename). No-op for in-memory indexes. */
  flush(): Promise<void>;
}
