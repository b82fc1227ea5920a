// Searching when parts of the system lag or fail, on both stores: with the embedding model down the
// search still answers by keywords (and says so in the log); a job another process closed after the
// search loaded its filters is left out and the page is filled with the next open jobs.
import path from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { createLogger } from "../../src/core/logger.js";
import { embedderKey, postingText } from "../../src/search/embedder.js";
import { HashingEmbedder } from "../../src/search/hashing.embedder.js";
import { OpenAiEmbedder } from "../../src/search/openai.embedder.js";
import { contentHash } from "../../src/store/jobs.repo.js";
import {
  closeJob,
  openStore,
  posting,
  searchOver,
  tempDir,
  type Store,
} from "../contract/search-fixtures.js";
import { deadPort, type DeadPort } from "../support/dead-port.js";
import { STORES } from "../support/stores.js";

const NOW = new Date("2026-06-15T12:00:00Z");
const JOBS = [
  posting("py-1", {
    title: "Python Backend Developer",
    description: "APIs in Python.",
    postedAt: "2026-06-14T08:00:00Z",
  }),
  posting("py-2", {
    title: "Senior Python Engineer",
    description: "Python services.",
    postedAt: "2026-06-13T08:00:00Z",
  }),
  posting("py-3", {
    title: "Python Data Engineer",
    description: "Pipelines in Python.",
    postedAt: "2026-06-12T08:00:00Z",
  }),
  posting("nurse", {
    title: "Krankenpfleger (m/w/d)",
    description: "Intensivstation.",
    language: "de",
    postedAt: "2026-06-11T08:00:00Z",
  }),
];

describe.each(STORES)("searching in trouble on %s", (kind) => {
  let dir: string;
  let cleanup: () => Promise<void>;
  let store: Store;
  let dead: DeadPort;
  let ids: number[];

  beforeEach(async () => {
    ({ dir, cleanup } = await tempDir());
    store = await openStore(dir, kind);
    dead = await deadPort();
  });
  afterEach(async () => {
    await store.close();
    await dead.close();
    await cleanup();
  });

  /** The jobs, with vectors stored under `key` (as the embed stage would have stored them). */
  async function addJobs(key: string, vectorOf: (text: string) => Float32Array): Promise<void> {
    const now = new Date().toISOString();
    ids = [];
    for (const p of JOBS) {
      const id = await store.jobs.insert(p, null, now);
      for (const ref of p.sources) await store.jobs.addSourceRef(id, ref, null, now);
      ids.push(id);
    }
    await store.vectors.put(
      key,
      JOBS.map((p, i) => ({ jobId: ids[i]!, contentHash: contentHash(p), vector: vectorOf(postingText(p)) })),
    );
  }

  it("answers by keywords when the embedding model is down, and logs why", async () => {
    // A remote model (128-d vectors) whose server has gone; the stored vectors are its earlier ones.
    const remote = await OpenAiEmbedder.create({
      apiKey: "sk-search",
      baseUrl: `http://127.0.0.1:${dead.port}/v1`,
      model: "text-embedding-3-small",
      dim: 128,
    });
    const stand = new HashingEmbedder({ dim: 128 });
    await addJobs(embedderKey(remote), (t) => stand.embedOne(t));
    const logs: Array<Record<string, unknown>> = [];
    const { svc } = await searchOver(store, remote, path.join(dir, "index"), {
      now: () => NOW,
      logger: createLogger("info", {}, (line) => logs.push(JSON.parse(line) as Record<string, unknown>)),
    });
    const res = await svc.search({ text: "python", limit: 10 });
    expect(res.hits.map((h) => h.job.posting.title).sort()).toEqual([
      "Python Backend Developer",
      "Python Data Engineer",
      "Senior Python Engineer",
    ]);
    expect(logs).toContainEqual(
      expect.objectContaining({
        msg: "query embedding failed; searching by keywords only",
        embedder: "openai:text-embedding-3-small",
      }),
    );
  });

  it("leaves out a job closed elsewhere after the filters loaded, and fills the page with the next", async () => {
    const embedder = new HashingEmbedder({ dim: 64 });
    await addJobs(embedderKey(embedder), (t) => embedder.embedOne(t));
    const { svc } = await searchOver(store, embedder, path.join(dir, "index"), { now: () => NOW });
    // Newest first: the filters are loaded by this first search.
    expect((await svc.search({ text: "", limit: 2 })).hits.map((h) => h.job.id)).toEqual([ids[0], ids[1]]);
    // Another process closes the newest job.
    await closeJob(store, ids[0]!);
    expect((await svc.search({ text: "", limit: 2 })).hits.map((h) => h.job.id)).toEqual([ids[1], ids[2]]);
  });
});
