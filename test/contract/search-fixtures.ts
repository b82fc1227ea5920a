// Shared setup for the search tests: temp dirs, a real SQLite store, postings with vectors.
import { mkdtemp, rm } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { postingId, type Posting } from "../../src/core/posting.js";
import { embedderKey, postingText } from "../../src/search/embedder.js";
import type { HashingEmbedder } from "../../src/search/hashing.embedder.js";
import { openDb, type Db } from "../../src/store/db.js";
import { contentHash, JobsRepo } from "../../src/store/jobs.repo.js";
import { VectorsRepo } from "../../src/store/vectors.repo.js";

export async function tempDir(
  prefix = "jobscout-search-",
): Promise<{ dir: string; cleanup: () => Promise<void> }> {
  const dir = await mkdtemp(path.join(os.tmpdir(), prefix));
  return { dir, cleanup: () => rm(dir, { recursive: true, force: true }) };
}

export interface Store {
  db: Db;
  jobs: JobsRepo;
  vectors: VectorsRepo;
}

export async function openStore(dir: string): Promise<Store> {
  const db = await openDb({ file: path.join(dir, "jobs.sqlite") });
  return { db, jobs: new JobsRepo(db), vectors: new VectorsRepo(db) };
}

export const FRANKFURT = { name: "Frankfurt", lat: 50.1109, lon: 8.6821 };
export const BERLIN = { name: "Berlin", lat: 52.52, lon: 13.405 };
export const OFFENBACH = { lat: 50.0956, lon: 8.7761 }; // ~7 km from Frankfurt
export const DARMSTADT = { lat: 49.8728, lon: 8.6512 }; // ~27 km from Frankfurt

/** A valid posting; `key` makes the id and source id unique. */
export function posting(key: string, over: Partial<Omit<Posting, "id" | "sources">> = {}): Posting {
  return {
    id: postingId("test", key),
    title: "Job",
    company: "ACME GmbH",
    locations: [],
    remoteMode: "onsite",
    employmentType: "full_time",
    seniority: "unknown",
    language: "en",
    description: "",
    sources: [{ source: "test", sourceId: key }],
    ...over,
  };
}

/** Insert postings as the pipeline does (job, source ref, vector). Returns their job ids. */
export function addJobs(store: Store, embedder: HashingEmbedder, postings: readonly Posting[]): number[] {
  const now = new Date().toISOString();
  const ids = store.jobs.transaction(() =>
    postings.map((p) => {
      const id = store.jobs.insert(p, null, now);
      for (const ref of p.sources) store.jobs.addSourceRef(id, ref, null, now);
      return id;
    }),
  );
  store.vectors.put(
    embedderKey(embedder),
    postings.map((p, i) => ({
      jobId: ids[i]!,
      contentHash: contentHash(p),
      vector: embedder.embedOne(postingText(p)),
    })),
  );
  return ids;
}

export function closeJob(store: Store, id: number): void {
  store.db.sqlite.prepare("UPDATE jobs SET status = 'closed' WHERE id = ?").run(id);
}

/** Deterministic unit vectors (mulberry32), for index tests that need many points. */
export function randomUnitVectors(count: number, dim: number, seed = 1): Float32Array[] {
  let a = seed >>> 0;
  const next = () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296 - 0.5;
  };
  return Array.from({ length: count }, () => {
    const v = Float32Array.from({ length: dim }, next);
    const n = Math.hypot(...v);
    return v.map((x) => x / n);
  });
}

export function cosineDistance(a: Float32Array, b: Float32Array): number {
  let s = 0;
  for (let i = 0; i < a.length; i++) s += a[i]! * b[i]!;
  return 1 - s;
}
