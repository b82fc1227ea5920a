// Search benchmark: embedder throughput, hnswlib build/memory, raw hnswlib vs HnswVectorIndex latency,
// recall@10 against exact search per ef, filtered-search strategies, and the whole SearchService path.
//
//   npx tsx bench/search.bench.ts [--n 10000,100000] [--queries 300] [--m 16] [--efc 200] [--write]
//     [--keep DIR | --reuse DIR] [--efs 32,64,…] [--service-ef N]
//
// --m and --efc are the graph degree and build-time beam width of a fresh build (JOBSCOUT_HNSW_M,
//   JOBSCOUT_HNSW_EF_CONSTRUCTION); --reuse reads them from the kept index.
// --efs are the query beams of the recall table; the SearchService table runs at --service-ef, else
//   the smallest of them with recall@10 ≥ 0.99, else the default (320).
// --write puts the result tables into the "## Search" section of BENCHMARKS.md.
// --keep leaves the store and the flushed index of each size in DIR/<n> (for bench/replica-rss.bench.ts).
// --reuse opens what --keep left in DIR/<n> instead of inserting and building (a 1M build takes
//   hours on a shared machine): the index is opened as a replica would (the kept file as the
//   snapshot, copied to a temp dir, so DIR is only read), then the same measurements run.
import { sql } from "kysely";
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { embedderKey, postingText } from "../src/search/embedder.js";
import { ExactVectorIndex } from "../src/search/exact.index.js";
import { Facets } from "../src/search/facets.js";
import { HashingEmbedder } from "../src/search/hashing.embedder.js";
import { IndexSync } from "../src/search/index-sync.js";
import type { Db } from "../src/store/db.js";
import { SearchService } from "../src/search/search.service.js";
import { DEFAULT_EF } from "../src/search/hnsw.index.js";
import { openDb } from "../src/store/db.js";
import { JobsRepo } from "../src/store/jobs.repo.js";
import { VectorsRepo } from "../src/store/vectors.repo.js";
import { rng } from "../test/support/rng.js";
import { buildCorpus } from "./search-corpus.js";
import { FILTERS, NOW, REQUESTS } from "./search-requests.js";
import { f2, filteredReport, mb, overheadReport, pct, recallReport, time } from "./search-vector-report.js";

const repo = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const argv = process.argv.slice(2);
const arg = (name: string): string | undefined => {
  const i = argv.indexOf(`--${name}`);
  return i >= 0 ? argv[i + 1] : undefined;
};
const SIZES = (arg("n") ?? "10000,100000").split(",").map(Number);
const QUERIES = Number(arg("queries") ?? 300);
const WRITE = argv.includes("--write");
const KEEP = arg("keep");
const REUSE = arg("reuse");
for (const n of REUSE ? SIZES : []) {
  if (!existsSync(path.join(REUSE!, String(n), "jobs.sqlite"))) {
    console.error(`--reuse ${REUSE}: no kept build of ${n} postings there (make one with --keep ${REUSE})`);
    process.exit(2);
  }
}
const DIM = 384;
let M = Number(arg("m") ?? 16);
let EF_CONSTRUCTION = Number(arg("efc") ?? 200);
const EFS = (arg("efs") ?? "32,64,96,128,192,256,320,384,512").split(",").map(Number);
const gc = (globalThis as { gc?: () => void }).gc;

interface SizeReport {
  n: number;
  lines: string[];
}

async function runSize(n: number, dataDir: string): Promise<SizeReport> {
  const out: string[] = [];
  const log = (s = "") => {
    out.push(s);
    console.log(s);
  };
  const dir = REUSE
    ? path.join(REUSE, String(n))
    : KEEP
      ? path.join(KEEP, String(n))
      : mkdtempSync(path.join(os.tmpdir(), "jobscout-search-bench-"));
  if (KEEP) mkdirSync(dir, { recursive: true });
  const replicaDir = REUSE ? mkdtempSync(path.join(os.tmpdir(), "jobscout-search-reuse-")) : undefined;
  try {
    const corpus = buildCorpus(n, dataDir, NOW);
    log(`### ${n.toLocaleString("en")} postings\n`);
    log(
      `Corpus: ${corpus.source}; ${corpus.real.toLocaleString("en")} real, ${(n - corpus.real).toLocaleString("en")} variants.\n`,
    );
    const db = await openDb({ file: path.join(dir, "jobs.sqlite") });
    const jobs = new JobsRepo(db);
    const vectors = new VectorsRepo(db);
    const embedder = new HashingEmbedder({ dim: DIM });
    const key = embedderKey(embedder);
    const { sync, exact } = replicaDir
      ? await openKept({ dir, replicaDir, vectors, key, n, log })
      : await buildFresh({ db, jobs, vectors, key, embedder, dir, corpus, n, log });
    const index = sync.index;

    // Queries: realistic searches plus titles of random postings (what people type: short texts).
    const r = rng(7);
    const qTexts = [
      ...REQUESTS.map(([, q]) => q.text).filter(Boolean),
      ...Array.from({ length: QUERIES }, () => corpus.postings[Math.floor(r() * n)]!.title),
    ].slice(0, QUERIES);
    const qVecs = qTexts.map((t) => embedder.embedOne(t));
    const exactMs = qVecs.slice(0, 30).map((q) => time(() => exact.search(q, 10))[1]);
    log(`| exact brute-force search, k 10 (p50) | ${f2(pct(exactMs, 50))} CPU ms |`);
    log("");

    const recall = recallReport({ index, exact, qVecs, efs: EFS, log });
    const enough = [...recall].find(([, r]) => r >= 0.99)?.[0];
    overheadReport({ index, qVecs, efs: [128, DEFAULT_EF], log });
    const facets = new Facets(jobs, { initialCapacity: n + 1 });
    const [, facetsMs] = await timeAsync(() => facets.catchUp());
    index.ef = DEFAULT_EF;
    log(`Facet table: loaded in ${Math.round(facetsMs)} ms, ${mb(facets.memoryBytes())} of typed arrays.\n`);
    filteredReport({ index, exact, facets, qVecs: qVecs.slice(0, 40), filters: FILTERS, log });

    log("");
    // The whole path at the ef a deployment of this size would set (JOBSCOUT_HNSW_EF): the
    // smallest with recall@10 ≥ 0.99, else the default.
    index.ef = Number(arg("service-ef") ?? enough ?? DEFAULT_EF);
    await serviceReport({ db, jobs, embedder, sync, facets, exact, qTexts, qVecs, n, recall, enough, log });
    await db.close();
    return { n, lines: out };
  } finally {
    if (!KEEP && !REUSE) rmSync(dir, { recursive: true, force: true });
    if (replicaDir) rmSync(replicaDir, { recursive: true, force: true });
  }
}

type Log = (s?: string) => void;

/** Insert the corpus, embed it, build and flush the index, reload it (the figures of a fresh build). */
async function buildFresh(x: {
  db: Db;
  jobs: JobsRepo;
  vectors: VectorsRepo;
  key: string;
  embedder: HashingEmbedder;
  dir: string;
  corpus: ReturnType<typeof buildCorpus>;
  n: number;
  log: Log;
}): Promise<{ sync: IndexSync; exact: ExactVectorIndex }> {
  const { db, jobs, vectors, key, embedder, dir, corpus, n, log } = x;
  const nowIso = new Date(NOW).toISOString();
  const [ids, insertMs] = await timeAsync(() =>
    jobs.transaction(async (tx) => {
      const out: number[] = [];
      for (const p of corpus.postings) {
        const id = await tx.insert(p, null, nowIso);
        for (const ref of p.sources) await tx.addSourceRef(id, ref, null, nowIso);
        out.push(id);
      }
      return out;
    }),
  );
  await db.kysely
    .updateTable("jobs")
    .set({ status: "closed" })
    .where(sql<boolean>`id % 50 = 0`)
    .execute();

  progress(`inserted ${n} postings`);
  const texts = corpus.postings.map((p) => postingText(p));
  const [vecs, embedMs] = time(() => texts.map((t) => embedder.embedOne(t)));
  const avgChars = texts.reduce((s, t) => s + t.length, 0) / texts.length;
  for (let i = 0; i < n; i += 5000) {
    await vectors.put(
      key,
      ids.slice(i, i + 5000).map((jobId, j) => ({ jobId, contentHash: "h", vector: vecs[i + j]! })),
    );
  }

  progress("vectors stored, building the index");
  gc?.();
  const rss0 = process.memoryUsage().rss;
  const sync = new IndexSync({
    vectors,
    embedderKey: key,
    dim: DIM,
    dir: path.join(dir, "index"),
    hnsw: { M, efConstruction: EF_CONSTRUCTION, ef: 128 },
  });
  const [, buildAndFlushMs, buildWallMs] = await timeAsync(() => sync.open());
  progress(`index built in ${f2(buildAndFlushMs / 1000)} CPU s`);
  gc?.();
  const rss1 = process.memoryUsage().rss;
  const index = sync.index;
  const [, flushMs, flushWallMs] = await timeAsync(() => sync.flush());
  const again = new IndexSync({ vectors, embedderKey: key, dim: DIM, dir: path.join(dir, "index") });
  const [loaded, loadMs, loadWallMs] = await timeAsync(() => again.open());
  if (!loaded.loaded) throw new Error(`reopen did not load: ${loaded.reason}`);

  const exact = new ExactVectorIndex({ dim: DIM, initialCapacity: n });
  ids.forEach((id, i) => exact.upsert(id, vecs[i]!));

  log("| what | value |\n|---|---|");
  log(
    `| insert into SQLite (jobs + FTS5) | ${f2(insertMs / 1000)} CPU s (${Math.round(n / (insertMs / 1000))}/s) |`,
  );
  log(
    `| embed postingText (avg ${Math.round(avgChars)} chars) | ${Math.round(n / (embedMs / 1000))} texts/s |`,
  );
  log(
    `| hnsw build from store (IndexSync.open rebuild + flush), M ${M}, efC ${EF_CONSTRUCTION} | ${f2(buildAndFlushMs / 1000)} s CPU (${f2(buildWallMs / 1000)} s wall) |`,
  );
  log(
    `| flush (write, fsync, sha256, rename, meta) | ${Math.round(flushMs)} CPU ms (${Math.round(flushWallMs)} ms wall) |`,
  );
  log(
    `| load from file (sha256 check + hnswlib read) | ${Math.round(loadMs)} CPU ms (${Math.round(loadWallMs)} ms wall) |`,
  );
  log(`| RSS growth for the index | ${mb(rss1 - rss0)} (hnswlib formula ${mb(formula(index.size()))}) |`);
  log(`| of which estimated: hnswlib level 0 + label states | ${mb(index.memoryBytes())} |`);
  return { sync, exact };
}

/** Open what `--keep` left in `dir` as a replica would, and load the exact baseline from the store. */
async function openKept(x: {
  dir: string;
  replicaDir: string;
  vectors: VectorsRepo;
  key: string;
  n: number;
  log: Log;
}): Promise<{ sync: IndexSync; exact: ExactVectorIndex }> {
  const { vectors, key, log } = x;
  const snapshotDir = path.join(x.dir, "index");
  progress(`opening the kept index in ${snapshotDir}`);
  gc?.();
  const rss0 = process.memoryUsage().rss;
  const sync = new IndexSync({ vectors, embedderKey: key, dim: DIM, dir: x.replicaDir, snapshotDir });
  const [report, openMs, openWallMs] = await timeAsync(() => sync.open());
  if (!report.loaded) throw new Error(`the kept index did not load: ${report.reason ?? "?"}`);
  // The figures below name the graph that was loaded.
  M = sync.index.M;
  EF_CONSTRUCTION = sync.index.efConstruction;
  gc?.();
  const rss1 = process.memoryUsage().rss;
  progress(`opened (${report.size} vectors, ${report.added} caught up), reading the exact baseline`);
  const exact = new ExactVectorIndex({ dim: DIM, initialCapacity: x.n });
  for (let seq = 0; ;) {
    const rows = await vectors.since(key, seq, 20_000);
    for (const row of rows) exact.upsert(row.jobId, row.vector);
    if (rows.length === 0) break;
    seq = rows[rows.length - 1]!.seq;
  }
  const size = sync.index.size();
  log("| what | value |\n|---|---|");
  log(`| insert, embed, hnsw build, M ${M}, efC ${EF_CONSTRUCTION} | from the kept build in ${x.dir} |`);
  log(
    `| open the kept index as a replica (copy, sha256, hnswlib load, catch-up of ${report.added}) | ${Math.round(openMs)} CPU ms (${Math.round(openWallMs)} ms wall) |`,
  );
  log(
    `| RSS growth for the index | ${mb(rss1 - rss0)} = ${((rss1 - rss0) / formula(size)).toFixed(2)}× hnswlib's formula ${mb(formula(size))} |`,
  );
  log(`| of which estimated: hnswlib level 0 + label states | ${mb(sync.index.memoryBytes())} |`);
  return { sync, exact };
}

/** hnswlib's memory formula, n × (dim × 4 + M × 2 × 4) bytes. */
const formula = (n: number) => n * (DIM * 4 + M * 2 * 4);

/** The whole SearchService path, each request 60 times. */
async function serviceReport(x: {
  db: Db;
  jobs: JobsRepo;
  embedder: HashingEmbedder;
  sync: IndexSync;
  facets: Facets;
  exact: ExactVectorIndex;
  qTexts: string[];
  qVecs: Float32Array[];
  n: number;
  recall: Map<number, number>;
  enough: number | undefined;
  log: Log;
}): Promise<void> {
  const { db, jobs, embedder, sync, facets, n, recall, enough, log } = x;
  const index = sync.index;
  const svc = new SearchService({ db, jobs, embedder, sync, facets, now: () => new Date(NOW) });
  const [, firstMs] = await timeAsync(() => svc.search({ text: "warm up", limit: 10 }));
  const meaning = await meaningRecall({
    svc,
    facets,
    exact: x.exact,
    qTexts: x.qTexts,
    qVecs: x.qVecs,
    ef: index.ef,
    log,
  });
  const noop = (
    await timeAsync(async () => {
      for (let i = 0; i < 2000; i++) await sync.catchUp();
    })
  )[1];
  const refresh = (
    await timeAsync(async () => {
      for (let i = 0; i < 2000; i++) await svc.refresh();
    })
  )[1];
  const all: number[] = [];
  const allWall: number[] = [];
  const rowsOut: string[] = [];
  for (const [name, req] of REQUESTS) {
    const lat: number[] = [];
    const wall: number[] = [];
    let res = await svc.search(req);
    for (let rep = 0; rep < 60; rep++) {
      const [r, cpuMs, wallMs] = await timeAsync(() => svc.search(req));
      res = r;
      lat.push(cpuMs);
      wall.push(wallMs);
    }
    all.push(...lat);
    allWall.push(...wall);
    const top = res.hits[0];
    const example = top
      ? `${top.job.posting.title.slice(0, 40)} — ${top.why.slice(0, 2).join("; ")}`
      : "(none)";
    rowsOut.push(
      `| ${name} | ${res.total} | ${f2(pct(lat, 50))} | ${f2(pct(lat, 95))} | ${f2(pct(wall, 50))} | ${example.replace(/\|/g, "/")} |`,
    );
  }
  log(
    `SearchService.search at ef ${index.ef}, limit 10, 60 runs per request (first search incl. catch-up: ${Math.round(firstMs)} CPU ms; ` +
      `no-op catchUp ${f2((noop / 2000) * 1000)} µs, refresh ${f2((refresh / 2000) * 1000)} µs):\n`,
  );
  log("| request | total | p50 CPU ms | p95 CPU ms | p50 wall ms | top hit |\n|---|---|---|---|---|---|");
  for (const row of rowsOut) log(row);
  log(
    `| **all requests** | | **${f2(pct(all, 50))}** | **${f2(pct(all, 95))}** | ${f2(pct(allWall, 50))} (p95 ${f2(pct(allWall, 95))}) | |`,
  );
  log("");
  const p95 = pct(all, 95);
  // Issue #14 asks for 15 ms at a million postings; the 100k target was 5 ms.
  const target = n >= 1_000_000 ? 15 : 5;
  log(
    `Summary at ${n.toLocaleString("en")}: smallest ef with hnswlib's recall@10 ≥ 0.99 is ${enough ?? "none of those tried"}` +
      ` (default ef ${DEFAULT_EF}, recall ${recall.get(DEFAULT_EF)?.toFixed(4) ?? "?"}); the meaning side of ` +
      `search_jobs ${meaning.toFixed(4)} at ef ${index.ef}; SearchService p95 ` +
      `${f2(p95)} CPU ms at ef ${index.ef} ${p95 <= target ? "meets" : "misses"} the ${target} ms target.`,
  );
  log("");
}

/**
 * Recall@10 of the meaning side of search_jobs (SearchService.nearest: hnswlib plus the keyword
 * side's best matches ranked exactly) against exact ranking of the jobs it may return (open ones).
 */
async function meaningRecall(x: {
  svc: SearchService;
  facets: Facets;
  exact: ExactVectorIndex;
  qTexts: string[];
  qVecs: Float32Array[];
  ef: number;
  log: Log;
}): Promise<number> {
  const { svc, exact, qTexts, qVecs, log } = x;
  const open = x.facets.matcher({});
  let hit = 0;
  let near = 0;
  let total = 0;
  const lat: number[] = [];
  const missed: string[] = [];
  for (const [i, text] of qTexts.entries()) {
    const truth = exact.search(qVecs[i]!, 10, open);
    const ids = new Set(truth.map((h) => h.label));
    const tenth = truth[truth.length - 1]?.distance ?? Infinity;
    const [res, ms] = await timeAsync(() => svc.nearest(text, 10));
    lat.push(ms);
    let found = 0;
    for (const h of res) {
      if (ids.has(h.label)) found++;
      if (ids.has(h.label) || h.distance <= tenth + 1e-6) near++;
    }
    hit += found;
    total += truth.length;
    if (found < truth.length) missed.push(`${truth.length - found} of “${text.slice(0, 48)}”`);
  }
  log(
    `The meaning side of search_jobs (\`SearchService.nearest\`: hnswlib at ef ${x.ef}, the best 30 keyword ` +
      `matches ranked exactly, and around the nearest of them when it is nearer than hnswlib's 10th hit), k 10, against exact ranking of the open jobs (${qTexts.length} queries):\n`,
  );
  log("| recall@10 (ids) | recall@10 (tie-aware) | p50 CPU ms | p95 CPU ms |\n|---|---|---|---|");
  log(
    `| ${(hit / total).toFixed(4)} | ${(near / total).toFixed(4)} | ${f2(pct(lat, 50))} | ${f2(pct(lat, 95))} |`,
  );
  log("");
  log(`Missed (${missed.length} queries): ${missed.slice(0, 12).join("; ") || "none"}.\n`);
  return hit / total;
}

/** Where a long run is, on stderr (a 1M run takes most of an hour). */
function progress(what: string): void {
  console.error(`[${new Date().toISOString()}] ${what} (load ${os.loadavg()[0]!.toFixed(2)})`);
}

/** CPU and wall milliseconds of an async call (nothing else runs meanwhile). */
async function timeAsync<T>(fn: () => Promise<T>): Promise<[T, number, number]> {
  const c = process.cpuUsage();
  const t = performance.now();
  const r = await fn();
  const d = process.cpuUsage(c);
  return [r, (d.user + d.system) / 1000, performance.now() - t];
}

/** Embedder throughput on ~2,000-char texts (the ingest target: ≥ 5,000/s on one core). */
function embedderThroughput(dataDir: string): string {
  const corpus = buildCorpus(2000, dataDir, NOW);
  const long = corpus.postings.map((p) => p.description).filter((d) => d.length > 200);
  const pool = long.length > 0 ? long : corpus.postings.map((p) => postingText(p));
  const texts = Array.from({ length: 5000 }, (_, i) => {
    let t = "";
    for (let j = i; t.length < 2000; j++) t += pool[j % pool.length]! + "\n";
    return t.slice(0, 2000);
  });
  const e = new HashingEmbedder({ dim: DIM });
  for (const t of texts.slice(0, 500)) e.embedOne(t);
  const [, ms] = time(() => texts.forEach((t) => e.embedOne(t)));
  return `HashingEmbedder: ${Math.round(texts.length / (ms / 1000))} texts/s on 2,000-char texts, one core (${f2((ms / texts.length) * 1000)} CPU µs each).`;
}

const NOTES = [
  "Reading the figures:",
  "",
  "- Recall is against `ExactVectorIndex` on the same vectors; queries are the request texts plus titles of random",
  '  postings (short texts, as people type them). "tie-aware" also counts a hit exactly as near as the 10th exact',
  "  neighbour: many postings share a title, so the exact top 10 is one of several equally near sets.",
  "- The 100k corpus is the 11k real postings plus variants of them (other seniority, topic, place, remote mode,",
  "  date, a borrowed sentence). Words are therefore ~9× more frequent than in 100k distinct postings, and FTS5's",
  "  bm25 pays per query for a pass over each term's document list (~0.12 µs per document containing the term)",
  '  plus ~0.5 µs per match ranked. That is most of the slowest requests ("security engineer": ~2 ms of keyword',
  "  search); the keyword side ranks at most the newest 500 matches, then 1,500 more if a filter leaves the page short.",
  "- Filtered vector search: the planner (`chooseVectorPlan`) picks exact ranking of the passing jobs, one",
  "  unfiltered hnswlib search over-fetching and filtering afterwards, or hnswlib's filter callback with a narrow",
  "  beam, from a cost model fitted to these tables. Exact ranking reads each candidate's vector back from",
  "  hnswlib (`getPoint`), so no replica holds a second copy of the vectors.",
].join("\n");

function writeBenchmarks(section: string): void {
  const file = path.join(repo, "BENCHMARKS.md");
  const current = existsSync(file)
    ? readFileSync(file, "utf8")
    : "# Benchmarks\n\nFigures from `bench/`, each with the command that produced them. Timings are never asserted in tests.\n";
  const start = current.search(/^## Search\s*$/m);
  let next: string;
  if (start < 0) next = `${current.trimEnd()}\n\n${section.trimEnd()}\n`;
  else {
    const after = current.slice(start + 1).search(/^## /m);
    const rest = after < 0 ? "" : `\n${current.slice(start + 1 + after)}`;
    next = `${current.slice(0, start)}${section.trimEnd()}\n${rest}`;
  }
  writeFileSync(file, next.trimEnd() + "\n");
  console.log(`\nwrote the "## Search" section of ${file}`);
}

const LOAD_START = os.loadavg()[0]!.toFixed(2);
const dataDir = path.resolve(repo, "../shared/data/jobs");
if (!existsSync(dataDir)) console.log(`Note: ${dataDir} is absent — using synthetic postings only.`);
console.log(`Node ${process.version}, ${os.cpus()[0]?.model ?? "cpu"} ×${os.cpus().length}; one thread.\n`);
const throughput = embedderThroughput(dataDir);
console.log(throughput + "\n");
const reports: SizeReport[] = [];
for (const n of SIZES) reports.push(await runSize(n, dataDir));
if (WRITE) {
  const section = [
    "## Search",
    "",
    `Command: \`npx tsx bench/search.bench.ts --n ${SIZES.join(",")} --write\` — ${new Date().toISOString().slice(0, 10)}, ` +
      `Node ${process.version}, ${os.cpus()[0]?.model ?? "cpu"} ×${os.cpus().length} (single-threaded). ${DIM} dims, M ${M}, efConstruction ${EF_CONSTRUCTION}.`,
    "",
    `Load average while it ran (1 min, start → end): ${LOAD_START} → ${os.loadavg()[0]!.toFixed(2)}. The machine is ` +
      "shared with other builds, so latencies are CPU time of this process per call (what the call costs on an " +
      "idle core; wall time included waiting for a core). All timings are single-threaded.",
    "",
    throughput,
    "",
    ...reports.flatMap((r) => r.lines),
    NOTES,
  ].join("\n");
  writeBenchmarks(section + "\n");
}
