// Drill: the disk fills up while the vector index is saved (a small tmpfs mounted for the test).
// The old index and its meta stay as they were and load, no temp file is left taking space, the
// error says the disk is full, and once there is space again the next save succeeds.
import { execFileSync } from "node:child_process";
import { mkdtempSync, readdirSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { HnswVectorIndex } from "../../src/search/hnsw.index.js";
import { randomUnitVectors } from "../contract/search-fixtures.js";

const DIM = 24;

/** Mounting needs root (CAP_SYS_ADMIN), which the CI container has; elsewhere the drill says why it is skipped. */
function canMount(): boolean {
  const dir = mkdtempSync(path.join(tmpdir(), "jobscout-mount-probe-"));
  try {
    execFileSync("mount", ["-t", "tmpfs", "-o", "size=64k", "tmpfs", dir], { stdio: "ignore" });
    execFileSync("umount", [dir], { stdio: "ignore" });
    return true;
  } catch {
    return false;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

const cleanups: Array<() => void> = [];
afterEach(() => {
  for (const c of cleanups.splice(0).reverse()) c();
});

function smallDisk(size: string): string {
  const dir = mkdtempSync(path.join(tmpdir(), "jobscout-full-disk-"));
  execFileSync("mount", ["-t", "tmpfs", "-o", `size=${size}`, "tmpfs", dir]);
  cleanups.push(() => {
    execFileSync("umount", [dir]);
    rmSync(dir, { recursive: true, force: true });
  });
  return dir;
}

describe.skipIf(!canMount())("drill: disk full while saving the index", () => {
  it("keeps the old index, says the disk is full, and saves once there is space", async () => {
    const dir = smallDisk("160k");
    const file = path.join(dir, "jobs.hnsw");
    const vs = randomUnitVectors(1000, DIM, 7);
    const index = HnswVectorIndex.create({ file, dim: DIM, initialCapacity: 16 });
    vs.slice(0, 300).forEach((v, i) => index.upsert(i + 1, v));
    index.watermark = 300;
    await index.flush();
    const oldIndex = readFileSync(file);
    const oldMeta = readFileSync(`${file}.meta.json`, "utf8");

    // Three times as many vectors do not fit beside the old file.
    vs.slice(300).forEach((v, i) => index.upsert(i + 301, v));
    index.watermark = 1000;
    const err = await index.flush().then(
      () => undefined,
      (e: unknown) => e,
    );
    expect(err).toBeInstanceOf(Error);
    expect((err as Error).message).toMatch(/disk is full|no space left/i);
    expect(readFileSync(file).equals(oldIndex)).toBe(true);
    expect(readFileSync(`${file}.meta.json`, "utf8")).toBe(oldMeta);
    expect(readdirSync(dir).sort()).toEqual(["jobs.hnsw", "jobs.hnsw.meta.json"]);
    const reopened = await HnswVectorIndex.open({ file, dim: DIM });
    expect(reopened).toMatchObject({ loaded: true });
    expect(reopened.index.size()).toBe(300);
    expect(reopened.index.watermark).toBe(300);

    // Space comes back: the same index saves, and loads with every vector.
    execFileSync("mount", ["-o", "remount,size=2m", dir]);
    await index.flush();
    const after = await HnswVectorIndex.open({ file, dim: DIM });
    expect(after).toMatchObject({ loaded: true });
    expect(after.index.size()).toBe(1000);
    expect(after.index.watermark).toBe(1000);
    expect(readdirSync(dir).sort()).toEqual(["jobs.hnsw", "jobs.hnsw.meta.json"]);
  });
});
