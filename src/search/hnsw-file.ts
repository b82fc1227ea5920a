// Persistence helpers for the hnswlib index: crash-safe writes, the sidecar meta file, and a reader
// for hnswlib's own file layout (so a loaded index knows its labels and which are deleted, which
// hnswlib-node does not expose).
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

/** What {@link scanHnswFile} found in a saved hnswlib index. */
export interface HnswFileScan {
  /** Of every byte in the file. */
  sha256: string;
  /** Bytes in the file. */
  bytes: number;
  /** Why the bytes are not a complete `dim`-dimensional index; absent when they are. */
  problem?: string;
  M: number;
  efConstruction: number;
  /** Elements (internal ids), deleted ones included. */
  count: number;
}

// hnswlib 0.8 (bundled by hnswlib-node 3) header: 6 size_t, int maxlevel, uint32 entry point,
// 3 size_t (maxM, maxM0, M), double mult, size_t efConstruction = 96 bytes; then per element
// [uint32 link count + flags (byte 2 bit 0 = deleted)][maxM0 × uint32 links][dim × float32][uint64 label];
// then per element a uint32 byte count and that many bytes of upper-level links.
const HEADER = 96;
const SCAN_CHUNK = 4 << 20;

/**
 * Read a saved index once, in pieces (a million vectors are 1.7 GB, which a replica should not hold
 * beside hnswlib's own copy): its sha256, its layout, and each element's label and deletion mark for
 * `onElement`, in hnswlib's order. hnswlib's writer does not report a short write (a full disk), so
 * a save checks `problem` before the file replaces the old one. Every byte is hashed even when the
 * layout is wrong.
 */
export async function scanHnswFile(
  fh: FileHandle,
  dim: number,
  onElement?: (label: number, deleted: boolean) => void,
): Promise<HnswFileScan> {
  const hash = createHash("sha256");
  let buf = Buffer.allocUnsafe(SCAN_CHUNK);
  let pos = 0;
  const read = async (len: number): Promise<Buffer> => {
    if (len > buf.length) buf = Buffer.allocUnsafe(len);
    let got = 0;
    while (got < len) {
      const { bytesRead } = await fh.read(buf, got, len - got, pos + got);
      if (bytesRead === 0) break;
      got += bytesRead;
    }
    pos += got;
    const part = buf.subarray(0, got);
    hash.update(part);
    return part;
  };
  const found = { M: 0, efConstruction: 0, count: 0 };
  const finish = async (problem?: string): Promise<HnswFileScan> => {
    while ((await read(SCAN_CHUNK)).length > 0);
    return { sha256: hash.digest("hex"), bytes: pos, ...found, ...(problem ? { problem } : {}) };
  };

  const head = await read(HEADER);
  if (head.length < HEADER) return finish(`file too short (${head.length} bytes)`);
  const u64 = (o: number): number => Number(head.readBigUInt64LE(o));
  const offsetLevel0 = u64(0);
  const count = u64(16);
  const sizePerElement = u64(24);
  const labelOffset = u64(32);
  const offsetData = u64(40);
  const maxM0 = u64(64);
  const M = u64(72);
  Object.assign(found, { M, efConstruction: u64(88), count });
  if (offsetLevel0 !== 0 || offsetData !== maxM0 * 4 + 4 || M < 2 || M > 4096)
    return finish("unsupported index layout");
  if (labelOffset - offsetData !== dim * 4)
    return finish(`index holds ${(labelOffset - offsetData) / 4}-dimensional vectors`);
  if (sizePerElement !== labelOffset + 8) return finish("unsupported index layout");

  const perRead = Math.max(1, Math.floor(SCAN_CHUNK / sizePerElement));
  for (let i = 0; i < count;) {
    const batch = Math.min(perRead, count - i);
    const part = await read(batch * sizePerElement);
    if (part.length < batch * sizePerElement) return finish("file truncated");
    if (onElement)
      for (let j = 0; j < batch; j++) {
        const base = j * sizePerElement;
        onElement(part.readUInt32LE(base + labelOffset), (part[base + 2]! & 1) === 1);
      }
    i += batch;
  }

  // Upper-level link lists: walked, not kept.
  let lists = count;
  let skip = 0;
  const size = Buffer.alloc(4);
  let sizeHave = 0;
  let extra = 0;
  for (;;) {
    const part = await read(SCAN_CHUNK);
    if (part.length === 0) break;
    let at = 0;
    while (at < part.length) {
      if (skip > 0) {
        const n = Math.min(skip, part.length - at);
        skip -= n;
        at += n;
      } else if (lists === 0) {
        extra += part.length - at;
        at = part.length;
      } else {
        const n = Math.min(4 - sizeHave, part.length - at);
        part.copy(size, sizeHave, at, at + n);
        sizeHave += n;
        at += n;
        if (sizeHave === 4) {
          skip = size.readUInt32LE(0);
          sizeHave = 0;
          lists--;
        }
      }
    }
  }
  // A list whose size was cut off is still counted in `lists`.
  if (lists > 0 || skip > 0) return finish("file truncated");
  if (extra > 0) return finish(`${extra} bytes past the end of the index`);
  return finish();
}
