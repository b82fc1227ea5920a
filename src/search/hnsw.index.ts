import { open as openFile, readFile, stat, unlink } from "node:fs/promises";
import { mkdirSync } from "node:fs";
import path from "node:path";
import hnsw from "hnswlib-node";
import { checkDim, checkLabel, TopK, unitInto, type CandidateSearch } from "./exact.index.js";
import {
  commitTemp,
  parseMeta,
  saveError,
  scanHnswFile,
  tempPathFor,
  writeTemp,
  type HnswMeta,
} from "./hnsw-file.js";
import { LabelState, LabelStates } from "./label-states.js";
import type { VectorHit, VectorIndex } from "./vector-index.js";

/** Options for {@link HnswVectorIndex}. */
export interface HnswVectorIndexOptions {
  /** Path of the index file; the meta sidecar is `<file>.meta.json`. */
  file: string;
  dim: number;
  /** Graph degree. A loaded file keeps the M it was built with. @defaultValue `16` */
  M?: number;
  /** Build-time beam width. @defaultValue `200` */
  efConstruction?: number;
  /** Query-time beam width, set with `setEf` (hnswlib's own default after a load is 10). @defaultValue `320` */
  ef?: number;
  /** Elements to allocate for up front; grows by doubling. @defaultValue `1024` */
  initialCapacity?: number;
  /** Seed of the level generator, for reproducible graphs. @defaultValue `100` */
  randomSeed?: number;
}

/** Why {@link HnswVectorIndex.open} started empty instead of loading the file. */
export type IndexOpenFailure = "missing" | "corrupt" | "mismatch";

export interface OpenedHnswIndex {
  index: HnswVectorIndex;
  loaded: boolean;
  reason?: IndexOpenFailure;
  /** Human-readable detail of `reason`, for the log. */
  detail?: string;
}

export const DEFAULT_EF = 320;
const MIN_CAPACITY = 16;

type Native = InstanceType<typeof hnsw.HierarchicalNSW>;

/**
 * hnswlib-backed index in cosine space. hnswlib holds the only copy of the vectors: very selective
 * filters are ranked exactly over the candidates' stored vectors (`getPoint`; hnswlib's filtered
 * search degrades towards a full scan there), and one byte per label says which labels are live or
 * deleted (read from the file after a load). Deleted slots are never reused: a removed label is
 * un-deleted in place when it comes back, so one label never has two graph nodes (hnswlib's
 * replace-deleted mode can produce that).
 */
export class HnswVectorIndex implements VectorIndex, CandidateSearch {
  readonly dim: number;
  readonly file: string;
  readonly M: number;
  readonly efConstruction: number;
  /** Highest store `seq` applied; persisted in the meta file by {@link flush}. */
  watermark = 0;

  private readonly native: Native;
  private readonly states: LabelStates;
  private capacity: number;
  private elements: number;
  private efValue: number;
  // hnswlib-node only takes plain arrays: reuse one for queries and one for inserts.
  private readonly queryBuf: number[];
  private readonly addBuf: number[];
  private readonly q64: Float64Array;
  private flushing: Promise<void> = Promise.resolve();

  private constructor(
    options: HnswVectorIndexOptions,
    native: Native,
    states: LabelStates,
    elements: number,
  ) {
    this.dim = options.dim;
    this.file = options.file;
    this.M = options.M ?? 16;
    this.efConstruction = options.efConstruction ?? 200;
    this.native = native;
    this.states = states;
    this.elements = elements;
    this.capacity = native.getMaxElements();
    this.efValue = options.ef ?? DEFAULT_EF;
    native.setEf(this.efValue);
    this.queryBuf = new Array<number>(this.dim).fill(0);
    this.addBuf = new Array<number>(this.dim).fill(0);
    this.q64 = new Float64Array(this.dim);
  }

  /** A new empty index (nothing is written until {@link flush}). */
  static create(options: HnswVectorIndexOptions): HnswVectorIndex {
    const cap = Math.max(MIN_CAPACITY, options.initialCapacity ?? 1024);
    const native = new hnsw.HierarchicalNSW("cosine", options.dim);
    native.initIndex(cap, options.M ?? 16, options.efConstruction ?? 200, options.randomSeed ?? 100, false);
    return new HnswVectorIndex(options, native, new LabelStates(), 0);
  }

  /**
   * Load `options.file` when its meta matches (format, dim, sha256); otherwise an empty index and
   * why. Never throws on a damaged file: the store can always rebuild it.
   */
  static async open(options: HnswVectorIndexOptions): Promise<OpenedHnswIndex> {
    const empty = (reason: IndexOpenFailure, detail: string): OpenedHnswIndex => ({
      index: HnswVectorIndex.create(options),
      loaded: false,
      reason,
      detail,
    });
    // A concurrent flush by another process can swap the file under us; then read the new pair.
    for (let attempt = 0; ; attempt++) {
      const r = await HnswVectorIndex.tryLoad(options);
      if (r instanceof HnswVectorIndex) return { index: r, loaded: true };
      if (r.reason !== "changed") return empty(r.reason, r.detail);
      if (attempt >= 2) return empty("corrupt", "index file kept changing while loading");
    }
  }

  private static async tryLoad(
    options: HnswVectorIndexOptions,
  ): Promise<HnswVectorIndex | { reason: IndexOpenFailure | "changed"; detail: string }> {
    const fail = (reason: IndexOpenFailure | "changed", detail: string) => ({ reason, detail });
    const { file, dim } = options;
    let metaText: string;
    try {
      metaText = await readFile(`${file}.meta.json`, "utf8");
    } catch {
      const hasIndex = await stat(file).then(
        () => true,
        () => false,
      );
      return hasIndex
        ? fail("corrupt", "index file without its meta file")
        : fail("missing", "no index file");
    }
    const meta = parseMeta(metaText);
    if (!meta) return fail("corrupt", "unreadable meta file");
    if (meta.dim !== dim) return fail("mismatch", `index has ${meta.dim} dimensions, embedder has ${dim}`);
    let fh;
    try {
      fh = await openFile(file, "r");
    } catch {
      return fail("missing", "meta file without index file");
    }
    try {
      const before = await fh.stat();
      const states = new LabelStates();
      const scan = await scanHnswFile(fh, dim, (label, deleted) =>
        states.set(label, deleted ? LabelState.Deleted : LabelState.Live),
      );
      if (scan.sha256 !== meta.sha256)
        return fail("corrupt", "index file does not match the sha256 in its meta file");
      if (scan.problem) return fail("corrupt", scan.problem);
      const native = new hnsw.HierarchicalNSW("cosine", dim);
      try {
        native.readIndexSync(file, false);
      } catch (err) {
        return fail("corrupt", String(err));
      }
      // The path may point at a newer file by now; our open handle pins the inode we verified.
      const after = await stat(file).catch(() => undefined);
      if (after?.ino !== before.ino || after.dev !== before.dev) return fail("changed", "");
      const index = new HnswVectorIndex(
        { ...options, M: scan.M, efConstruction: scan.efConstruction },
        native,
        states,
        scan.count,
      );
      index.watermark = meta.watermark;
      return index;
    } finally {
      await fh.close();
    }
  }

  get ef(): number {
    return this.efValue;
  }

  set ef(ef: number) {
    this.efValue = ef;
    this.native.setEf(ef);
  }

  size(): number {
    return this.states.liveCount();
  }

  has(label: number): boolean {
    return this.states.get(label) === LabelState.Live;
  }

  upsert(label: number, vector: Float32Array): void {
    checkDim(vector, this.dim);
    checkLabel(label);
    const buf = this.addBuf;
    for (let d = 0; d < this.dim; d++) buf[d] = vector[d]!;
    const state = this.states.get(label);
    if (state === LabelState.Deleted) {
      this.native.unmarkDelete(label);
    } else if (state === LabelState.Absent) {
      if (this.elements >= this.capacity) {
        // A file saved empty loads with capacity 0, which doubling would never leave.
        this.capacity = Math.max(MIN_CAPACITY, this.capacity * 2);
        this.native.resizeIndex(this.capacity);
      }
      this.elements++;
    }
    // An existing label is updated in place by hnswlib (same node, new vector and links).
    this.native.addPoint(buf, label);
    this.states.set(label, LabelState.Live);
  }

  remove(label: number): void {
    if (!this.has(label)) return;
    this.native.markDelete(label);
    this.states.set(label, LabelState.Deleted);
  }

  search(vector: Float32Array, k: number, filter?: (label: number) => boolean): VectorHit[] {
    checkDim(vector, this.dim);
    const size = this.size();
    if (k <= 0 || size === 0) return [];
    const q = this.queryBuf;
    for (let d = 0; d < this.dim; d++) q[d] = vector[d]!;
    const kk = Math.min(k, size);
    const r = filter ? this.native.searchKnn(q, kk, filter) : this.native.searchKnn(q, kk);
    const out: VectorHit[] = new Array<VectorHit>(r.neighbors.length);
    for (let i = 0; i < r.neighbors.length; i++)
      out[i] = { label: r.neighbors[i]!, distance: r.distances[i]! };
    return out;
  }

  /**
   * Exact ranking of the given labels (for filters that leave few candidates), from the vectors
   * hnswlib stores: normalized in cosine space, so the distance is 1 − q̂·v as searchKnn computes it
   * (to float32 rounding). Each `getPoint` copies a vector into a JS array, tens of µs per candidate:
   * the planner weighs that (EXACT_US in filtered-vector-search.ts).
   */
  searchAmong(vector: Float32Array, k: number, labels: ArrayLike<number>): VectorHit[] {
    checkDim(vector, this.dim);
    const top = new TopK(Math.min(k, labels.length));
    const q = unitInto(vector, this.q64);
    for (let i = 0; i < labels.length; i++) {
      const label = labels[i]!;
      if (!this.has(label)) continue;
      const v = this.native.getPoint(label);
      let dot = 0;
      for (let d = 0; d < this.dim; d++) dot += q[d]! * v[d]!;
      top.push(label, 1 - dot);
    }
    return top.sorted();
  }

  /** Approximate bytes held: hnswlib's level-0 block plus the label states. */
  memoryBytes(): number {
    return this.capacity * this.bytesPerElement() + this.states.memoryBytes();
  }

  /**
   * Crash-safe save: index to a temp file, fsync, rename over `file`, fsync the directory; then the
   * meta file the same way. A crash between the two leaves a sha256 mismatch, which `open` reports
   * as corrupt (and the store rebuilds), never a silently stale pairing.
   */
  flush(): Promise<void> {
    const next = this.flushing.then(() => this.flushNow());
    this.flushing = next.catch(() => undefined);
    return next;
  }

  private async flushNow(): Promise<void> {
    mkdirSync(path.dirname(this.file), { recursive: true });
    const tmp = tempPathFor(this.file);
    const metaFile = `${this.file}.meta.json`;
    const metaTmp = tempPathFor(metaFile);
    const drop = () => Promise.all([unlink(tmp), unlink(metaTmp)].map((p) => p.catch(() => undefined)));
    try {
      // Synchronous on purpose: nothing may change the graph while hnswlib serializes it, and the
      // meta must describe exactly this snapshot (so count and watermark are taken before any await).
      this.native.writeIndexSync(tmp);
      const count = this.size();
      const watermark = this.watermark;
      const fh = await openFile(tmp, "r");
      const scan = await scanHnswFile(fh, this.dim).finally(() => fh.close());
      // hnswlib does not notice a short write: a full disk would otherwise replace a good index
      // with a cut-off one.
      if (scan.problem)
        throw new Error(`index file came out short or damaged (${scan.bytes} bytes: ${scan.problem})`);
      const meta: HnswMeta = {
        format: 1,
        dim: this.dim,
        count,
        M: this.M,
        efConstruction: this.efConstruction,
        watermark,
        sha256: scan.sha256,
      };
      // Both files are written before either replaces its old one, so a full disk leaves the old pair.
      await writeTemp(metaTmp, JSON.stringify(meta, null, 2) + "\n");
    } catch (err) {
      await drop();
      throw await saveError(this.file, this.approximateFileBytes(), err);
    }
    try {
      await commitTemp(tmp, this.file);
    } catch (err) {
      await drop();
      throw await saveError(this.file, this.approximateFileBytes(), err);
    }
    await commitTemp(metaTmp, metaFile);
  }

  /** hnswlib's level-0 bytes per element: links, vector, label. */
  private bytesPerElement(): number {
    return this.M * 2 * 4 + 4 + this.dim * 4 + 8;
  }

  /** About how many bytes a saved file of this index takes (level 0, the bulk of it). */
  private approximateFileBytes(): number {
    return 96 + this.size() * this.bytesPerElement();
  }
}
