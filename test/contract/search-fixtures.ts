// Shared setup for the search tests: temp dirs, a real store (SQLite or PostgreSQL), postings with vectors.
import { mkdtemp, rm } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { postingId, type Posting } from "../../src/core/posting.js";
import type { Logger } from "../../src/core/logger.js";
import { embedderKey, postingText, type Embedder } from "../../src/search/embedder.js";
import { Facets } from "../../src/search/facets.js";
import type { HashingEmbedder } from "../../src/search/hashing.embedder.js";
import type { HnswVectorIndexOptions } from "../../src/search/hnsw.index.js";
import { IndexSync } from "../../src/search/index-sync.js";
import { SearchService } from "../../src/search/search.service.js";
import { openDb, type Db, type DbDialect } from "../../src/store/db.js";
import { contentHash, JobsRepo } from "../../src/store/jobs.repo.js";
import { VectorsRepo } from "../../src/store/vectors.repo.js";
import { openTestStore } from "../support/stores.js";

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
  /** Close the store (a PostgreSQL test database is dropped). */
  close(): Promise<void>;
}

/** A store in `dir` (SQLite), or a fresh PostgreSQL database of its own. */
export async function openStore(dir: string, kind: DbDialect = "sqlite"): Promise<Store> {
  if (kind === "postgres") {
    const t = await openTestStore("postgres");
    return { db: t.db, jobs: new JobsRepo(t.db), vectors: new VectorsRepo(t.db), close: t.close };
  }
  const db = await openDb({ file: path.join(dir, "jobs.sqlite") });
  return { db, jobs: new JobsRepo(db), vectors: new VectorsRepo(db), close: () => db.close() };
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
export async function addJobs(
  store: Store,
  embedder: HashingEmbedder,
  postings: readonly Posting[],
): Promise<number[]> {
  const now = new Date().toISOString();
  const ids = await store.jobs.transaction(async (jobs) => {
    const out: number[] = [];
    for (const p of postings) {
      const id = await jobs.insert(p, null, now);
      for (const ref of p.sources) await jobs.addSourceRef(id, ref, null, now);
      out.push(id);
    }
    return out;
  });
  await store.vectors.put(
    embedderKey(embedder),
    postings.map((p, i) => ({
      jobId: ids[i]!,
      contentHash: contentHash(p),
      vector: embedder.embedOne(postingText(p)),
    })),
  );
  return ids;
}

export async function closeJob(store: Store, id: number): Promise<void> {
  await store.db.kysely.updateTable("jobs").set({ status: "closed" }).where("id", "=", id).execute();
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

/** Insert postings as jobs (without source refs or vectors), in order, in one transaction. */
export function insertJobs(store: Store, postings: readonly Posting[], now = new Date().toISOString()) {
  return store.jobs.transaction(async (jobs) => {
    const ids: number[] = [];
    for (const p of postings) ids.push(await jobs.insert(p, null, now));
    return ids;
  });
}

/** Options for {@link searchOver}. */
export interface SearchOverOptions {
  /** The index's graph parameters. */
  hnsw?: Partial<Pick<HnswVectorIndexOptions, "M" | "efConstruction" | "ef">>;
  facets?: Facets;
  now?: () => Date;
  logger?: Logger;
}

/**
 * The embedder's vectors in the store as an index in `indexDir` (built, or loaded when it is there),
 * and a search service over it and the store, as a search process has them.
 */
export async function searchOver(
  store: Store,
  embedder: Embedder,
  indexDir: string,
  o: SearchOverOptions = {},
): Promise<{ sync: IndexSync; svc: SearchService }> {
  const sync = new IndexSync({
    vectors: store.vectors,
    embedderKey: embedderKey(embedder),
    dim: embedder.dim,
    dir: indexDir,
    ...(o.hnsw ? { hnsw: o.hnsw } : {}),
  });
  await sync.open();
  const svc = new SearchService({
    db: store.db,
    jobs: store.jobs,
    embedder,
    sync,
    facets: o.facets ?? new Facets(store.jobs),
    ...(o.now ? { now: o.now } : {}),
    ...(o.logger ? { logger: o.logger } : {}),
  });
  return { sync, svc };
}
