// Persistence helpers for the hnswlib index: crash-safe writes, the sidecar meta file, and a reader
// for hnswlib's own file layout (so a loaded index can rebuild its exact-search mirror and know which
// labels are deleted, which hnswlib-node does not expose).
import { createHash, randomBytes } from "node:crypto";
import { open, rename, statfs, unlink, type FileHandle } from "node:fs/promises";
import path from "node:path";

/** The sidecar `<file>.meta.json`, written after the index it describes. */
export interface HnswMeta {
  format: 1;
  dim: number;
  /** Live (not removed) vectors. */
  count: number;
  M: number;
  efConstruction: number;
  /** Highest store `seq` whose vector is in this index file. */
  watermark: number;
  /** Of the index file; a mismatch means the pair was not written together (crash, race) or the file is damaged. */
  sha256: string;
}

export function parseMeta(text: string): HnswMeta | undefined {
  let v: unknown;
  try {
    v = JSON.parse(text);
  } catch {
    return undefined;
  }
  if (typeof v !== "object" || v === null) return undefined;
  const m = v as Record<string, unknown>;
  const isNum = (x: unknown): x is number => typeof x === "number" && Number.isFinite(x) && x >= 0;
  if (m.format !== 1 || typeof m.sha256 !== "string") return undefined;
  if (![m.dim, m.count, m.M, m.efConstruction, m.watermark].every(isNum)) return undefined;
  return m as unknown as HnswMeta;
}

export function tempPathFor(file: string): string {
  return `${file}.tmp-${process.pid}-${randomBytes(4).toString("hex")}`;
}

/** fsync a directory so a rename in it survives a power cut. */
export async function fsyncDir(dir: string): Promise<void> {
  let fh: FileHandle | undefined;
  try {
    fh = await open(dir, "r");
    await fh.sync();
  } catch (err) {
    // Some filesystems refuse fsync on directories; the rename itself is still atomic.
    if ((err as NodeJS.ErrnoException).code !== "EISDIR" && (err as NodeJS.ErrnoException).code !== "EINVAL")
      throw err;
  } finally {
    await fh?.close();
  }
}

/** fsync `tmp`, rename it over `file`, fsync the directory. Removes `tmp` on failure. */
export async function commitTemp(tmp: string, file: string): Promise<void> {
  try {
    const fh = await open(tmp, "r+");
    try {
      await fh.sync();
    } finally {
      await fh.close();
    }
    await rename(tmp, file);
  } catch (err) {
    await unlink(tmp).catch(() => undefined);
    throw err;
  }
  await fsyncDir(path.dirname(file));
}

/** Write `data` to the new file `tmp`; a failed write (a full disk) leaves no file behind. */
export async function writeTemp(tmp: string, data: string | Uint8Array): Promise<void> {
  try {
    const fh = await open(tmp, "w");
    try {
      await fh.writeFile(data);
    } finally {
      await fh.close();
    }
  } catch (err) {
    await unlink(tmp).catch(() => undefined);
    throw err;
  }
}

/** Write `data` to `file` crash-safely (temp file, fsync, rename, fsync dir). */
export async function writeFileAtomic(file: string, data: string | Uint8Array): Promise<void> {
  const tmp = tempPathFor(file);
  await writeTemp(tmp, data);
  await commitTemp(tmp, file);
}

/**
 * Why a save failed, for the log and the run: "the disk is full" when the file system has less room
 * than the file needs, else the error as it came. Keeps the code (ENOSPC…) of the original.
 */
export async function saveError(file: string, needBytes: number, err: unknown): Promise<Error> {
  const free = await statfs(path.dirname(file)).then(
    (s) => s.bavail * s.bsize,
    () => undefined,
  );
  const code = (err as NodeJS.ErrnoException | undefined)?.code;
  const full = code === "ENOSPC" || (free !== undefined && free < needBytes);
  const why = full
    ? `the disk is full (${free ?? 0} bytes free, about ${needBytes} needed)`
    : err instanceof Error
      ? err.message
      : String(err);
  return Object.assign(new Error(`could not save the search index ${file}: ${why}`, { cause: err }), {
    code: full ? "ENOSPC" : code,
  });
}

/** The sha256 of a file's bytes (a published index snapshot is checked against it before loading). */
export async function sha256OfFile(file: string): Promise<string> {
  const fh = await open(file, "r");
  try {
    // In pieces: a snapshot of a million vectors is 1.7 GB, more than a replica should hold twice.
    const hash = createHash("sha256");
    const buf = Buffer.allocUnsafe(HASH_CHUNK);
    for (;;) {
      const { bytesRead } = await fh.read(buf, 0, HASH_CHUNK, null);
      if (bytesRead === 0) break;
      hash.update(buf.subarray(0, bytesRead));
    }
    return hash.digest("hex");
  } finally {
    await fh.close();
  }
}

const HASH_CHUNK = 4 << 20;

export function sha256(data: Uint8Array): string {
  return createHash("sha256").update(data).digest("hex");
}

/** What a saved hnswlib index holds, read straight from its bytes. */
export interface HnswFileContents {
  M: number;
  efConstruction: number;
  /** Elements in hnswlib's order (internal id), including deleted ones. */
  labels: Float64Array;
  deleted: Uint8Array;
  /** Element-major vectors as stored (normalized by the cosine space). */
  vectors: Float32Array;
}

// hnswlib 0.8 (bundled by hnswlib-node 3) header: 6 size_t, int maxlevel, uint32 entry point,
// 3 size_t (maxM, maxM0, M), double mult, size_t efConstruction = 96 bytes; then per element
// [uint32 link count + flags (byte 2 bit 0 = deleted)][maxM0 × uint32 links][dim × float32][uint64 label].
const HEADER = 96;

/**
 * The length a complete hnswlib file with this header must have: the level-0 block, then per
 * element a uint32 byte count and that many bytes of upper-level links. hnswlib's writer does not
 * report a short write (a full disk), so a save checks this before the file replaces the old one.
 */
export function hnswFileLength(buf: Buffer): number | undefined {
  if (buf.length < HEADER) return undefined;
  const count = Number(buf.readBigUInt64LE(16));
  const sizePerElement = Number(buf.readBigUInt64LE(24));
  let at = HEADER + count * sizePerElement;
  for (let i = 0; i < count; i++) {
    if (at + 4 > buf.length) return undefined;
    at += 4 + buf.readUInt32LE(at);
  }
  return at;
}

/**
 * Check the layout and pull labels, deletion marks and vectors out of a saved index. Returns a
 * reason string instead when the bytes do not describe a `dim`-dimensional index.
 */
export function readHnswFile(buf: Buffer, dim: number): HnswFileContents | string {
  if (buf.length < HEADER) return `file too short (${buf.length} bytes)`;
  const u64 = (o: number): number => Number(buf.readBigUInt64LE(o));
  const offsetLevel0 = u64(0);
  const count = u64(16);
  const sizePerElement = u64(24);
  const labelOffset = u64(32);
  const offsetData = u64(40);
  const maxM0 = u64(64);
  const M = u64(72);
  const efConstruction = u64(88);
  const linksBytes = maxM0 * 4 + 4;
  if (offsetLevel0 !== 0 || offsetData !== linksBytes || M < 2 || M > 4096) return "unsupported index layout";
  if (labelOffset - offsetData !== dim * 4)
    return `index holds ${(labelOffset - offsetData) / 4}-dimensional vectors`;
  if (sizePerElement !== labelOffset + 8) return "unsupported index layout";
  if (HEADER + count * sizePerElement > buf.length) return "file truncated";
  const labels = new Float64Array(count);
  const deleted = new Uint8Array(count);
  const vectors = new Float32Array(count * dim);
  for (let i = 0; i < count; i++) {
    const base = HEADER + i * sizePerElement;
    deleted[i] = buf[base + 2]! & 1;
    labels[i] = buf.readUInt32LE(base + labelOffset);
    const data = buf.byteOffset + base + offsetData;
    if (data % 4 === 0) vectors.set(new Float32Array(buf.buffer, data, dim), i * dim);
    else for (let d = 0; d < dim; d++) vectors[i * dim + d] = buf.readFloatLE(base + offsetData + 4 * d);
  }
  return { M, efConstruction, labels, deleted, vectors };
}
