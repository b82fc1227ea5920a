import { readdir, rm, truncate, writeFile } from "node:fs/promises";
import path from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { createLogger } from "../../src/core/logger.js";
import { embedderKey, postingText } from "../../src/search/embedder.js";
import { HashingEmbedder } from "../../src/search/hashing.embedder.js";
import { indexFileFor, IndexSync } from "../../src/search/index-sync.js";
import { addJobs, openStore, posting, tempDir, type Store } from "../contract/search-fixtures.js";
import { STORES } from "../support/stores.js";

const TITLES = [
  "Python Backend Developer",
  "Krankenpfleger Intensivstation",
  "Lagerhelfer mit Staplerschein",
  "Java Softwareentwickler",
  "Erzieherin Kita",
  "SOC Analyst Security",
  "Elektriker Gebäudetechnik",
  "Buchhalter Finanzen",
  "Data Scientist Machine Learning",
  "Koch Restaurant",
];

describe.each(STORES)("IndexSync on %s", (kind) => {
  const embedder = new HashingEmbedder({ dim: 64 });
  const key = embedderKey(embedder);
  let dir: string;
  let cleanup: () => Promise<void>;
  let store: Store;
  let ids: number[];
  let logs: string[];

  beforeEach(async () => {
    ({ dir, cleanup } = await tempDir());
    store = await openStore(dir, kind);
    ids = await addJobs(
      store,
      embedder,
      TITLES.map((title, i) => posting(`j${i}`, { title, description: `${title}. Wir suchen Verstärkung.` })),
    );
    logs = [];
  });
  afterEach(async () => {
    await store.close();
    await cleanup();
  });

  const sync = () =>
    new IndexSync({
      vectors: store.vectors,
      embedderKey: key,
      dim: embedder.dim,
      dir: path.join(dir, "index"),
      batchSize: 3, // several batches even with a few jobs
      logger: createLogger("debug", {}, (l) => logs.push(l)),
    });
  const queries = ["python developer", "pflege intensiv", "gabelstapler lager", "security analyst"];
  const answers = (s: IndexSync) => queries.map((q) => s.index.search(embedder.embedOne(q), 5));

  it("builds from the store on first start, then loads the file it wrote", async () => {
    const first = sync();
    expect(await first.open()).toEqual({ loaded: false, reason: "missing", added: 10, size: 10 });
    expect(first.index.search(embedder.embedOne("python developer"), 1)[0]!.label).toBe(ids[0]);
    const expected = answers(first);

    const second = sync();
    expect(await second.open()).toEqual({ loaded: true, added: 0, size: 10 });
    expect(answers(second)).toEqual(expected);
    expect(
      logs.some(
        (l) => l.includes("rebuilt") && l.includes('"reason":"missing"') && l.includes('"vectors":10'),
      ),
    ).toBe(true);
  });

  it.each([
    ["deleted", "missing", async (f: string) => rm(f)],
    ["truncated", "corrupt", async (f: string) => truncate(f, 200)],
    ["garbage", "corrupt", async (f: string) => writeFile(f, "this is not an hnsw index".repeat(100))],
  ])("rebuilds a %s index file from the store with the same results", async (_what, reason, damage) => {
    const first = sync();
    await first.open();
    const expected = answers(first);
    await damage(first.file);

    const again = sync();
    const report = await again.open();
    expect(report).toMatchObject({ loaded: false, added: 10, size: 10 });
    expect(report.reason).toBe(reason);
    expect(answers(again)).toEqual(expected);
    expect(logs.some((l) => l.includes("rebuilt") && l.includes(`"reason":"${reason}"`))).toBe(true);
    // And the rebuilt file is written back, so the next start loads it.
    expect(await sync().open()).toMatchObject({ loaded: true });
  });

  it("catches up with new and re-embedded jobs from the store, without duplicates", async () => {
    const s = sync();
    await s.open();
    expect(await s.catchUp()).toBe(0);
    const applied: number[] = [];
    s.onApplied((jobIds) => {
      applied.push(...jobIds);
    });

    const [newId] = await addJobs(store, embedder, [posting("new", { title: "Rust Embedded Engineer" })]);
    // Job 0 changes from Python to Pflege: a new vector row with a higher seq.
    const changed = posting("j0", { title: "Altenpfleger ambulante Pflege" });
    await store.vectors.put(key, [
      { jobId: ids[0]!, contentHash: "x", vector: embedder.embedOne(postingText(changed)) },
    ]);

    expect(await s.catchUp()).toBe(2);
    expect(applied.sort()).toEqual([ids[0]!, newId!].sort());
    expect(s.index.size()).toBe(11);
    expect(s.index.search(embedder.embedOne("rust embedded"), 1)[0]!.label).toBe(newId);
    const pflege = s.index.search(embedder.embedOne("altenpfleger ambulante pflege"), 11);
    expect(pflege[0]!.label).toBe(ids[0]);
    expect(pflege.filter((h) => h.label === ids[0])).toHaveLength(1);
    expect(await s.catchUp()).toBe(0);

    // The watermark is persisted: a restart loads and has nothing left to catch up.
    await s.flush();
    const again = sync();
    expect(await again.open()).toEqual({ loaded: true, added: 0, size: 11 });
  });

  it("saves what it caught up while opening, so the next start loads without catching up", async () => {
    await sync().open();
    await addJobs(store, embedder, [posting("while-down", { title: "Tischler Möbelbau" })]);
    expect(await sync().open()).toEqual({ loaded: true, added: 1, size: 11 });
    expect(await sync().open()).toEqual({ loaded: true, added: 0, size: 11 });
  });

  it("lets two processes share a directory: each catches up from the store", async () => {
    const a = sync();
    const b = sync();
    await a.open();
    await b.open();
    const [newId] = await addJobs(store, embedder, [
      posting("shared", { title: "Mechatroniker Automotive" }),
    ]);
    expect(await a.catchUp()).toBe(1);
    await a.flush();
    expect(await b.catchUp()).toBe(1); // b did not rely on a's file
    await b.flush();
    const q = embedder.embedOne("mechatroniker automotive");
    expect(a.index.search(q, 1)[0]!.label).toBe(newId);
    expect(b.index.search(q, 1)[0]!.label).toBe(newId);
    expect(await sync().open()).toEqual({ loaded: true, added: 0, size: 11 });
  });

  it("names files per embedder key, safely", async () => {
    const f1 = indexFileFor(dir, "hashing-ngram@1/384");
    const f2 = indexFileFor(dir, "hashing-ngram@1/256");
    const f3 = indexFileFor(dir, "openai:text-embedding-3-small@1/1536");
    expect(new Set([f1, f2, f3]).size).toBe(3);
    for (const f of [f1, f2, f3]) {
      expect(path.dirname(f)).toBe(dir);
      expect(path.basename(f)).toMatch(/^[A-Za-z0-9._-]+\.hnsw$/);
    }
    expect(indexFileFor(dir, "../../etc/passwd")).toMatch(new RegExp(`^${dir}/[^/]+$`));
    const s = sync();
    await s.open();
    expect(await readdir(path.join(dir, "index"))).toEqual(
      [path.basename(s.file), `${path.basename(s.file)}.meta.json`].sort(),
    );
  });

  it("throws a clear error when used before open()", async () => {
    await expect(sync().catchUp()).rejects.toThrow(/open\(\)/);
  });
});
