// The hnswlib index file as jobscout reads and writes it: the scanner finds each element's label and
// deletion mark and says exactly what is wrong with a file that is cut off, padded or laid out
// differently (what the operator reads in the log before the index is rebuilt); a meta file that is
// not ours is refused; saves go through a temp file and say when the disk is full.
import { createHash } from "node:crypto";
import { mkdir, open, readdir, readFile, writeFile } from "node:fs/promises";
import path from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import {
  commitTemp,
  fsyncDir,
  saveError,
  scanHnswFile,
  sha256OfFile,
  writeFileAtomic,
  writeTemp,
  type HnswFileScan,
} from "../../src/search/hnsw-file.js";
import { HnswVectorIndex } from "../../src/search/hnsw.index.js";
import { randomUnitVectors, tempDir } from "../contract/search-fixtures.js";

let dir: string;
let cleanup: () => Promise<void>;
beforeEach(async () => {
  ({ dir, cleanup } = await tempDir("jobscout-hnsw-file-"));
});
afterEach(() => cleanup());

const sha = (b: Buffer) => createHash("sha256").update(b).digest("hex");

/**
 * A file in hnswlib's layout, written byte by byte: `dim` 2, maxM0 4 (so the vector starts at byte
 * 20 of an element and the label at 28), one element per label, then one upper-level link list per
 * element of the given byte sizes.
 */
function layout(o: { labels: number[]; deleted?: number[]; lists?: number[]; count?: number }): Buffer {
  const dim = 2;
  const maxM0 = 4;
  const offsetData = maxM0 * 4 + 4;
  const labelOffset = offsetData + dim * 4;
  const size = labelOffset + 8;
  const head = Buffer.alloc(96);
  const u64 = (at: number, v: number) => head.writeBigUInt64LE(BigInt(v), at);
  u64(0, 0); // offsetLevel0
  u64(8, 100); // max elements
  u64(16, o.count ?? o.labels.length);
  u64(24, size);
  u64(32, labelOffset);
  u64(40, offsetData);
  u64(56, 2); // maxM
  u64(64, maxM0);
  u64(72, 2); // M
  u64(88, 50); // efConstruction
  const elements = o.labels.map((label, i) => {
    const e = Buffer.alloc(size);
    if (o.deleted?.includes(i)) e[2] = 1;
    e.writeBigUInt64LE(BigInt(label), labelOffset);
    return e;
  });
  const lists = (o.lists ?? o.labels.map(() => 0)).map((bytes) => {
    const l = Buffer.alloc(4 + bytes, 0x11);
    l.writeUInt32LE(bytes, 0);
    return l;
  });
  return Buffer.concat([head, ...elements, ...lists]);
}

async function scan(bytes: Buffer, dim = 2): Promise<HnswFileScan & { elements: string[] }> {
  const file = path.join(dir, "scan.hnsw");
  await writeFile(file, bytes);
  const fh = await open(file, "r");
  const elements: string[] = [];
  try {
    const r = await scanHnswFile(fh, dim, (label, deleted) =>
      elements.push(`${label}${deleted ? " deleted" : ""}`),
    );
    return { ...r, elements };
  } finally {
    await fh.close();
  }
}

describe("scanning an hnswlib index file", () => {
  it("finds each element's label and deletion mark in a complete file, and hashes every byte", async () => {
    const bytes = layout({ labels: [7, 9, 12], deleted: [1], lists: [0, 8, 0] });
    expect(await scan(bytes)).toEqual({
      sha256: sha(bytes),
      bytes: bytes.length,
      M: 2,
      efConstruction: 50,
      count: 3,
      elements: ["7", "9 deleted", "12"],
    });
  });

  it("reads what hnswlib itself wrote: labels in insertion order, the removed one marked", async () => {
    const file = path.join(dir, "index", "jobs.hnsw");
    const index = HnswVectorIndex.create({ file, dim: 8, initialCapacity: 16 });
    randomUnitVectors(40, 8, 3).forEach((v, i) => index.upsert(i + 101, v));
    index.remove(103);
    await index.flush();
    const fh = await open(file, "r");
    const labels: number[] = [];
    const deleted: number[] = [];
    const r = await scanHnswFile(fh, 8, (label, gone) => (gone ? deleted : labels).push(label)).finally(() =>
      fh.close(),
    );
    expect(r).toMatchObject({ M: 16, efConstruction: 200, count: 40, sha256: await sha256OfFile(file) });
    expect(r.problem).toBeUndefined();
    expect(deleted).toEqual([103]);
    expect(labels).toEqual(Array.from({ length: 40 }, (_, i) => i + 101).filter((l) => l !== 103));
    // Without a callback the same file is only checked and hashed.
    const again = await open(file, "r");
    const plain = await scanHnswFile(again, 8).finally(() => again.close());
    expect(plain).toEqual({ sha256: r.sha256, bytes: r.bytes, M: 16, efConstruction: 200, count: 40 });
  });

  it.each([
    ["shorter than the header", () => layout({ labels: [1] }).subarray(0, 50), "file too short (50 bytes)"],
    [
      "cut off among the elements",
      () => layout({ labels: [1, 2, 3] }).subarray(0, 96 + 36 + 10),
      "file truncated",
    ],
    ["counting more elements than it holds", () => layout({ labels: [1, 2], count: 3 }), "file truncated"],
    [
      "cut off before the last link list",
      () => layout({ labels: [1, 2], lists: [8, 0] }).subarray(0, 96 + 72 + 12 + 2),
      "file truncated",
    ],
    [
      "cut off inside the last link list",
      () => layout({ labels: [1, 2], lists: [0, 8] }).subarray(0, 96 + 72 + 4 + 4 + 5),
      "file truncated",
    ],
    [
      "padded after the index",
      () => Buffer.concat([layout({ labels: [1, 2] }), Buffer.alloc(7)]),
      "7 bytes past the end of the index",
    ],
    [
      "not starting its elements at byte 0",
      () => {
        const b = layout({ labels: [1] });
        b.writeBigUInt64LE(8n, 0);
        return b;
      },
      "unsupported index layout",
    ],
    [
      "with a graph degree hnswlib does not write",
      () => {
        const b = layout({ labels: [1] });
        b.writeBigUInt64LE(5000n, 72);
        return b;
      },
      "unsupported index layout",
    ],
    [
      "with elements of another size than their parts",
      () => {
        const b = layout({ labels: [1] });
        b.writeBigUInt64LE(40n, 24);
        return b;
      },
      "unsupported index layout",
    ],
  ])("says a file %s is damaged, and still hashes all of it", async (_what, make, problem) => {
    const bytes = make();
    const r = await scan(bytes);
    expect(r.problem).toBe(problem);
    expect(r.sha256).toBe(sha(bytes));
    expect(r.bytes).toBe(bytes.length);
  });

  it("names the dimension an index of other vectors holds", async () => {
    expect((await scan(layout({ labels: [1] }), 3)).problem).toBe("index holds 2-dimensional vectors");
  });
});

describe("opening an index whose files do not fit together", () => {
  let file: string;
  beforeEach(async () => {
    file = path.join(dir, "index", "jobs.hnsw");
    const index = HnswVectorIndex.create({ file, dim: 8, initialCapacity: 16 });
    randomUnitVectors(20, 8, 9).forEach((v, i) => index.upsert(i + 1, v));
    await index.flush();
  });
  const meta = async () => JSON.parse(await readFile(`${file}.meta.json`, "utf8")) as Record<string, unknown>;

  it.each([
    ["not an object", () => "null"],
    ["of another format", async () => JSON.stringify({ ...(await meta()), format: 2 })],
    ["without a checksum", async () => JSON.stringify({ ...(await meta()), sha256: undefined })],
    ["with a negative count", async () => JSON.stringify({ ...(await meta()), count: -1 })],
    ["with a dimension in words", async () => JSON.stringify({ ...(await meta()), dim: "eight" })],
  ])("starts empty on a meta file %s, saying it could not read it", async (_what, text) => {
    await writeFile(`${file}.meta.json`, await text());
    expect(await HnswVectorIndex.open({ file, dim: 8 })).toMatchObject({
      loaded: false,
      reason: "corrupt",
      detail: "unreadable meta file",
    });
  });

  it("starts empty when the index was padded after its meta was written, saying by how much", async () => {
    await writeFile(file, Buffer.concat([await readFile(file), Buffer.alloc(5, 1)]));
    await writeFile(
      `${file}.meta.json`,
      JSON.stringify({ ...(await meta()), sha256: await sha256OfFile(file) }),
    );
    const r = await HnswVectorIndex.open({ file, dim: 8 });
    expect(r).toMatchObject({
      loaded: false,
      reason: "corrupt",
      detail: "5 bytes past the end of the index",
    });
    expect(r.index.size()).toBe(0);
  });
});

describe("saving files crash-safely", () => {
  it("replaces a file through a temp file and leaves no temp file behind", async () => {
    const file = path.join(dir, "snapshot.json");
    await writeFile(file, "old");
    await writeFileAtomic(file, "new");
    expect(await readFile(file, "utf8")).toBe("new");
    expect(await readdir(dir)).toEqual(["snapshot.json"]);
  });

  it("leaves neither file nor temp file when the write or the rename fails", async () => {
    // A write into a directory that is gone.
    await expect(writeTemp(path.join(dir, "gone", "x.tmp"), "data")).rejects.toMatchObject({
      code: "ENOENT",
    });
    // A rename over a directory that holds files.
    const target = path.join(dir, "busy");
    await mkdir(target);
    await writeFile(path.join(target, "inside"), "");
    const tmp = path.join(dir, "busy.tmp");
    await writeFile(tmp, "data");
    await expect(commitTemp(tmp, target)).rejects.toMatchObject({ code: "EISDIR" });
    expect((await readdir(dir)).sort()).toEqual(["busy"]);
    // A temp file that was never written.
    await expect(commitTemp(path.join(dir, "never.tmp"), path.join(dir, "x"))).rejects.toMatchObject({
      code: "ENOENT",
    });
  });

  it("goes on where the file system refuses to fsync a directory, but not when the directory is gone", async () => {
    // procfs answers EINVAL, as some network and FUSE file systems do.
    await expect(fsyncDir("/proc")).resolves.toBeUndefined();
    await expect(fsyncDir(dir)).resolves.toBeUndefined();
    await expect(fsyncDir(path.join(dir, "gone"))).rejects.toMatchObject({ code: "ENOENT" });
  });
});

describe("why a save failed", () => {
  const file = () => path.join(dir, "jobs.hnsw");

  it("says the disk is full when the system said so, with the room left and needed", async () => {
    const err = await saveError(file(), 4096, Object.assign(new Error("write failed"), { code: "ENOSPC" }));
    expect(err.message).toMatch(
      new RegExp(
        `^could not save the search index ${file()}: the disk is full \\(\\d+ bytes free, about 4096 needed\\)$`,
      ),
    );
    expect(err).toMatchObject({ code: "ENOSPC" });
  });

  it("says the disk is full when less room is left than the index needs, whatever the error said", async () => {
    const err = await saveError(file(), Number.MAX_SAFE_INTEGER, new Error("index file came out short"));
    expect(err.message).toMatch(/: the disk is full \(\d+ bytes free, about 9007199254740991 needed\)$/);
    expect(err).toMatchObject({ code: "ENOSPC" });
  });

  it("passes on any other error as it came, with its code", async () => {
    const err = await saveError(
      file(),
      10,
      Object.assign(new Error("permission denied"), { code: "EACCES" }),
    );
    expect(err.message).toBe(`could not save the search index ${file()}: permission denied`);
    expect(err).toMatchObject({ code: "EACCES" });
    const thrown = await saveError(file(), 10, "hnswlib: cannot open file");
    expect(thrown.message).toBe(`could not save the search index ${file()}: hnswlib: cannot open file`);
    expect((thrown as NodeJS.ErrnoException).code).toBeUndefined();
  });

  it("says the disk is full without a figure when the directory cannot be asked", async () => {
    const gone = path.join(dir, "gone", "jobs.hnsw");
    const err = await saveError(gone, 10, Object.assign(new Error("no space"), { code: "ENOSPC" }));
    expect(err.message).toBe(
      `could not save the search index ${gone}: the disk is full (0 bytes free, about 10 needed)`,
    );
  });
});
