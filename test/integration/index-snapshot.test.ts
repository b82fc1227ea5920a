// A new search process starts from the published index snapshot and catches up from the store
// (issue #14): it copies the snapshot instead of rebuilding, and still answers with postings added
// after the snapshot was published. On both stores.
import { readdir, readFile, writeFile } from "node:fs/promises";
import path from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { embedderKey, postingText } from "../../src/search/embedder.js";
import { HashingEmbedder } from "../../src/search/hashing.embedder.js";
import { IndexSync } from "../../src/search/index-sync.js";
import { addJobs, openStore, posting, tempDir, type Store } from "../contract/search-fixtures.js";
import { STORES } from "../support/stores.js";

const cleanups: Array<() => unknown> = [];
afterEach(async () => {
  for (const c of cleanups.splice(0).reverse()) await c();
});

const BEFORE = ["Python Backend Developer", "Krankenpfleger Intensivstation", "Lagerhelfer Staplerschein"];
const AFTER = ["Elektriker Gebäudetechnik", "Data Scientist Machine Learning"];
const toPosting = (title: string, i: number) => posting(`${title}-${i}`, { title, description: title });

describe.each(STORES)("index snapshot on %s", (kind) => {
  const embedder = new HashingEmbedder({ dim: 64 });
  const replica = (store: Store, dataDir: string, snapshotDir: string) =>
    new IndexSync({
      vectors: store.vectors,
      embedderKey: embedderKey(embedder),
      dim: embedder.dim,
      dir: path.join(dataDir, "index"),
      snapshotDir,
    });
  /** A fresh store in a temp dir, and the snapshot dir the replicas share. */
  const openEmpty = async () => {
    const { dir, cleanup } = await tempDir();
    cleanups.push(cleanup);
    const store = await openStore(dir, kind);
    cleanups.push(() => store.close());
    return { dir, store, shared: path.join(dir, "snapshots") };
  };

  it("a new replica loads the published snapshot, then catches up with postings added after it", async () => {
    const { dir, store, shared } = await openEmpty();

    // A worker indexes the first postings and publishes its index.
    const before = await addJobs(store, embedder, BEFORE.map(toPosting));
    const worker = replica(store, path.join(dir, "worker"), shared);
    expect((await worker.open()).added).toBe(BEFORE.length);
    expect(await worker.publish()).toBe(true);
    expect(await worker.publish()).toBe(false); // nothing newer to publish

    // More postings arrive after the snapshot.
    const after = await addJobs(store, embedder, AFTER.map(toPosting));

    // A new process on another machine: its own empty data dir, the shared snapshot dir.
    const fresh = replica(store, path.join(dir, "new-host"), shared);
    const report = await fresh.open();
    expect(report).toMatchObject({ loaded: true, added: AFTER.length });
    expect(report.snapshotSeq).toBeGreaterThan(0);
    expect(fresh.index.size()).toBe(BEFORE.length + AFTER.length);
    const top = (title: string) =>
      fresh.index.search(embedder.embedOne(postingText(toPosting(title, 0))), 1)[0]?.label;
    expect(AFTER.map(top)).toEqual(after);
    expect(BEFORE.map(top)).toEqual(before);
  });

  it("a replica whose own index is newer than the snapshot keeps its own", async () => {
    const { dir, store, shared } = await openEmpty();
    await addJobs(store, embedder, BEFORE.map(toPosting));
    const worker = replica(store, path.join(dir, "worker"), shared);
    await worker.open();
    await worker.publish();
    await addJobs(store, embedder, AFTER.map(toPosting));
    const own = replica(store, path.join(dir, "own"), shared);
    expect((await own.open()).snapshotSeq).toEqual(expect.any(Number)); // copies it, catches up, saves
    const reopened = await replica(store, path.join(dir, "own"), shared).open();
    expect(reopened).toMatchObject({ loaded: true, added: 0 });
    expect(reopened.snapshotSeq).toBeUndefined();
  });

  it("a damaged snapshot is not taken: the new replica rebuilds from the store and finds everything", async () => {
    const { dir, store, shared } = await openEmpty();
    const ids = await addJobs(store, embedder, [...BEFORE, ...AFTER].map(toPosting));
    const worker = replica(store, path.join(dir, "worker"), shared);
    await worker.open();
    expect(await worker.publish()).toBe(true);
    // One flipped byte in the middle of the published index file (a bad copy, a disk error).
    const [published] = (await readdir(shared)).filter((f) => !f.endsWith(".json"));
    const file = path.join(shared, published!);
    const bytes = await readFile(file);
    const mid = bytes.length >> 1;
    bytes[mid] = bytes[mid]! ^ 0xff;
    await writeFile(file, bytes);

    const fresh = replica(store, path.join(dir, "new-host"), shared);
    const report = await fresh.open();
    expect(report.snapshotSeq).toBeUndefined();
    expect(report.added).toBe(ids.length);
    const top = (title: string) =>
      fresh.index.search(embedder.embedOne(postingText(toPosting(title, 0))), 1)[0]?.label;
    expect([...BEFORE, ...AFTER].map(top)).toEqual(ids);
  });
});
