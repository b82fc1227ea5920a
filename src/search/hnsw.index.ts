import { open as openFile, readFile, stat, unlink } from "node:fs/promises";
import { mkdirSync } from "node:fs";
import path from "node:path";
import hnsw from "hnswlib-node";
import { checkDim, checkLabel, ExactVectorIndex, type CandidateSearch } from "./exact.index.js";
import {
  commitTemp,
  hnswFileLength,
  parseMeta,
  readHnswFile,
  sha256,
  saveError,
  tempPathFor,
  writeTemp,
  type HnswMeta,
} from "./hnsw-file.js";
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
 * hnswlib-backed index in cosine space. Keeps an exact mirror of the live vectors (a Float32Array)
 * for two reasons: very selective filters are answered exactly over the candidates (hnswlib's
 * filtered search degrades towards a full scan there), and after a load we know which labels are
 * live. Deleted slots are never reused: a removed label is un-deleted in place when it comes back,
 * so one label never has two graph nodes (hnswlib's replace-deleted mode can produce that).
 */
export class HnswVectorIndex implements VectorIndex, CandidateSearch {
  readonly dim: number;
  readonly file: string;
  readonly M: number;
  readonly efConstruction: number;
  /** Highest store `seq` applied; persisted in the meta file by {@link flush}. */
  watermark = 0;

  private readonly native: Native;
  private readonly mirror: ExactVectorIndex;
  private readonly deleted = new Set<number>();
  private capacity: number;
  private elements: number;
  private efValue: number;
  // hnswlib-node only takes plain arrays: reuse one for queries and one for inserts.
  private readonly queryBuf: number[];
  private readonly addBuf: number[];
  private flushing: Promise<void> = Promise.resolve();

  private constructor(
    options: HnswVectorIndexOptions,
    native: Native,
    mirror: ExactVectorIndex,
    elements: number,
  ) {
    this.dim = options.dim;
    this.file = options.file;
    this.M = options.M ?? 16;
    this.efConstruction = options.efConstruction ?? 200;
    this.native = native;
    this.mirror = mirror;
    this.elements = elements;
    this.capacity = native.getMaxElements();
    this.efValue = options.ef ?? DEFAULT_EF;
    native.setEf(this.efValue);
    this.queryBuf = new Array<number>(this.dim).fill(0);
    this.addBuf = new Array<number>(this.dim).fill(0);
  }

  /** A new empty index (nothing is written until {@link flush}). */
  static create(options: HnswVectorIndexOptions): HnswVectorIndex {
    const cap = Math.max(MIN_CAPACITY, options.initialCapacity ?? 1024);
    const native = new hnsw.HierarchicalNSW("cosine", options.dim);
    native.initIndex(cap, options.M ?? 16, options.efConstruction ?? 200, options.randomSeed ?? 100, false);
    return new HnswVectorIndex(
      options,
      native,
      new ExactVectorIndex({ dim: options.dim, initialCapacity: cap }),
      0,
    );
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
      const buf = await fh.readFile();
      if (sha256(buf) !== meta.sha256)
        return fail("corrupt", "index file does not match the sha256 in its meta file");
      const contents = readHnswFile(buf, dim);
      if (typeof contents === "string") return fail("corrupt", contents);
      const native = new hnsw.HierarchicalNSW("cosine", dim);
      try {
        native.readIndexSync(file, false);
      } catch (err) {
        return fail("corrupt", String(err));
      }
      // The path may point at a newer file by now; our open handle pins the inode we verified.
      const after = await stat(file).catch(() => undefined);
      if (after?.ino !== before.ino || after.dev !== before.dev) return fail("changed", "");
      const n = contents.labels.length;
      const mirror = new ExactVectorIndex({ dim, initialCapacity: native.getMaxElements() });
      const index = new HnswVectorIndex(
        { ...options, M: contents.M, efConstruction: contents.efConstruction },
        native,
        mirror,
        n,
      );
      for (let i = 0; i < n; i++) {
        const label = contents.labels[i]!;
        if (contents.deleted[i]) index.deleted.add(label);
        else mirror.upsert(label, contents.vectors.subarray(i * dim, (i + 1) * dim));
      }
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
    return this.mirror.size();
  }

  has(label: number): boolean {
    return this.mirror.has(label);
  }

  upsert(label: number, vector: Float32Array): void {
    checkDim(vector, this.dim);
    checkLabel(label);
    const buf = this.addBuf;
    for (let d = 0; d < this.dim; d++) buf[d] = vector[d]!;
    if (this.deleted.has(label)) {
      this.native.unmarkDelete(label);
      this.deleted.delete(label);
    } else if (!this.mirror.has(label)) {
      if (this.elements >= this.capacity) {
        // A file saved empty loads with capacity 0, which doubling would never leave.
        this.capacity = Math.max(MIN_CAPACITY, this.capacity * 2);
        this.native.resizeIndex(this.capacity);
      }
      this.elements++;
    }
    // An existing label is updated in place by hnswlib (same node, new vector and links).
    this.native.addPoint(buf, label);
    this.mirror.upsert(label, vector);
  }

  remove(label: number): void {
    if (!this.mirror.has(label)) return;
    this.native.markDelete(label);
    this.deleted.add(label);
    this.mirror.remove(label);
  }

  search(vector: Float32Array, k: number, filter?: (label: number) => boolean): VectorHit[] {
    checkDim(vector, this.dim);
    if (k <= 0 || this.mirror.size() === 0) return [];
    const q = this.queryBuf;
    for (let d = 0; d < this.dim; d++) q[d] = vector[d]!;
    const kk = Math.min(k, this.mirror.size());
    const r = filter ? this.native.searchKnn(q, kk, filter) : this.native.searchKnn(q, kk);
    const out: VectorHit[] = new Array<VectorHit>(r.neighbors.length);
    for (let i = 0; i < r.neighbors.length; i++)
      out[i] = { label: r.neighbors[i]!, distance: r.distances[i]! };
    return out;
  }

  /** Exact ranking of the given labels (for filters that leave few candidates). */
  searchAmong(vector: Float32Array, k: number, labels: ArrayLike<number>): VectorHit[] {
    return this.mirror.searchAmong(vector, k, labels);
  }

  /** Approximate bytes held: hnswlib's level-0 block plus the exact mirror. */
  memoryBytes(): number {
    return this.capacity * this.bytesPerElement() + this.mirror.memoryBytes();
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
    let bytes: Buffer | undefined;
    try {
      // Synchronous on purpose: nothing may change the graph while hnswlib serializes it, and the
      // meta must describe exactly this snapshot.
      this.native.writeIndexSync(tmp);
      bytes = await readFile(tmp);
      // hnswlib does not notice a short write: a full disk would otherwise replace a good index
      // with a cut-off one.
      const complete = hnswFileLength(bytes);
      if (complete !== bytes.length) throw new Error(`index file came out short (${bytes.length} bytes)`);
      const meta: HnswMeta = {
        format: 1,
        dim: this.dim,
        count: this.size(),
        M: this.M,
        efConstruction: this.efConstruction,
        watermark: this.watermark,
        sha256: sha256(bytes),
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
