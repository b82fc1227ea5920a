// Where SearchService's time goes at a kept size: each request of bench/search-requests.ts 60 times,
// CPU p50 / p95 per request, and (with --profile FILE) a V8 CPU profile of those searches summed by
// function (self time) and by what they were called for (SQLite, facet scans, hnswlib, explaining).
//
//   node --expose-gc --max-old-space-size=14000 --import tsx bench/search-parts.bench.ts \
//     --dir DIR/<n> [--profile /tmp/search.cpuprofile] [--no-index]
//
// DIR/<n> is what `bench/search.bench.ts --keep DIR` left: the store and the flushed index. The index
// is opened as a replica would (the kept file as the snapshot, copied to a temp dir); --no-index
// searches without the vector side (an empty index), for the store's and the facets' share alone.
import type { KyselyPlugin, RootOperationNode } from "kysely";
import { Session } from "node:inspector/promises";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { embedderKey } from "../src/search/embedder.js";
import { Facets } from "../src/search/facets.js";
import { HashingEmbedder } from "../src/search/hashing.embedder.js";
import { IndexSync } from "../src/search/index-sync.js";
import { SearchService } from "../src/search/search.service.js";
import { openDb } from "../src/store/db.js";
import { JobsRepo } from "../src/store/jobs.repo.js";
import { VectorsRepo } from "../src/store/vectors.repo.js";
import { NOW, REQUESTS } from "./search-requests.js";

const argv = process.argv.slice(2);
const arg = (name: string): string | undefined => {
  const i = argv.indexOf(`--${name}`);
  return i >= 0 ? argv[i + 1] : undefined;
};
const DIR = arg("dir");
const PROFILE = arg("profile");
const NO_INDEX = argv.includes("--no-index");
const REPS = Number(arg("reps") ?? 60);
if (!DIR) {
  console.error(
    "usage: node --import tsx bench/search-parts.bench.ts --dir DIR/<n> [--profile FILE] [--no-index]",
  );
  process.exit(2);
}
const DIM = 384;

const opened0 = await openDb({ file: path.join(DIR, "jobs.sqlite") });
// Every statement timed, by the start of its SQL (between Kysely handing it to the driver and the
// rows coming back: the SQLite driver runs it synchronously there).
const statements = new Map<string, { n: number; ms: number }>();
const started = new Map<object, { label: string; t0: number }>();
let timing = false;
const timer: KyselyPlugin = {
  transformQuery(args) {
    if (timing) started.set(args.queryId, { label: describeNode(args.node), t0: performance.now() });
    return args.node;
  },
  transformResult(args) {
    const start = started.get(args.queryId);
    if (start !== undefined) {
      started.delete(args.queryId);
      const s = statements.get(start.label) ?? { n: 0, ms: 0 };
      s.n++;
      s.ms += performance.now() - start.t0;
      statements.set(start.label, s);
    }
    return Promise.resolve(args.result);
  },
};
const db = { ...opened0, kysely: opened0.kysely.withPlugin(timer) };
const jobs = new JobsRepo(db);
const vectors = new VectorsRepo(db);
const embedder = new HashingEmbedder({ dim: DIM });
const replicaDir = mkdtempSync(path.join(os.tmpdir(), "jobscout-search-parts-"));
try {
  const sync = new IndexSync({
    vectors,
    // Without the index: a key no vector is stored under, so the index opens empty.
    embedderKey: NO_INDEX ? "none" : embedderKey(embedder),
    dim: DIM,
    dir: replicaDir,
    ...(NO_INDEX ? {} : { snapshotDir: path.join(DIR, "index") }),
  });
  const opened = await sync.open();
  const facets = new Facets(jobs, { initialCapacity: 1 << 20 });
  await facets.catchUp();
  console.log(
    `${DIR}: ${facets.size.toLocaleString("en")} jobs, index ${opened.size.toLocaleString("en")} vectors (M ${sync.index.M}, ef ${sync.index.ef}); load ${os.loadavg()[0]!.toFixed(2)}`,
  );
  const svc = new SearchService({ db, jobs, embedder, sync, facets, now: () => new Date(NOW) });
  for (const [, req] of REQUESTS) await svc.search(req);

  const session = new Session();
  if (PROFILE) {
    session.connect();
    await session.post("Profiler.enable");
    await session.post("Profiler.setSamplingInterval", { interval: 100 });
    await session.post("Profiler.start");
  }
  timing = true;
  const all: number[] = [];
  console.log("\n| request | total | p50 CPU ms | p95 CPU ms |\n|---|---|---|---|");
  for (const [name, req] of REQUESTS) {
    const lat: number[] = [];
    let total = 0;
    for (let i = 0; i < REPS; i++) {
      const c = process.cpuUsage();
      total = (await svc.search(req)).total;
      const d = process.cpuUsage(c);
      lat.push((d.user + d.system) / 1000);
    }
    all.push(...lat);
    console.log(`| ${name} | ${total} | ${pct(lat, 50).toFixed(2)} | ${pct(lat, 95).toFixed(2)} |`);
  }
  console.log(`| **all** | | **${pct(all, 50).toFixed(2)}** | **${pct(all, 95).toFixed(2)}** |`);
  timing = false;
  const sqlMs = [...statements.values()].reduce((t, x) => t + x.ms, 0);
  console.log(
    `\nStatements (all requests × ${REPS}): ${sqlMs.toFixed(0)} ms of ${all.reduce((t, x) => t + x, 0).toFixed(0)} CPU ms\n\n| statement | count | ms | ms each |\n|---|---|---|---|`,
  );
  for (const [label, x] of [...statements].sort((a, b) => b[1].ms - a[1].ms).slice(0, 15))
    console.log(`| ${label} | ${x.n} | ${x.ms.toFixed(0)} | ${(x.ms / x.n).toFixed(3)} |`);
  if (PROFILE) {
    const { profile } = await session.post("Profiler.stop");
    writeFileSync(PROFILE, JSON.stringify(profile));
    console.log(`\nprofile: ${PROFILE}`);
    summarize(profile as Profile);
  }
  await db.close();
} finally {
  rmSync(replicaDir, { recursive: true, force: true });
}

function pct(xs: number[], p: number): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.floor((p / 100) * s.length))]!;
}

interface Profile {
  nodes: Array<{
    id: number;
    callFrame: { functionName: string; url: string; lineNumber: number };
    hitCount?: number;
    children?: number[];
  }>;
  startTime: number;
  endTime: number;
}

/** Self time by function, the top 25, as shares of the profiled time. */
function summarize(p: Profile): void {
  const hits = p.nodes.reduce((s, n) => s + (n.hitCount ?? 0), 0);
  const self = new Map<string, number>();
  for (const n of p.nodes) {
    const f = n.callFrame;
    const where = f.url
      ? `${path.relative(process.cwd(), f.url.replace(/^file:\/\//, ""))}:${f.lineNumber + 1}`
      : "";
    const key = `${f.functionName || "(anonymous)"} ${where}`.trim();
    self.set(key, (self.get(key) ?? 0) + (n.hitCount ?? 0));
  }
  console.log("\n| self % | function |\n|---|---|");
  for (const [k, v] of [...self].sort((a, b) => b[1] - a[1]).slice(0, 25))
    console.log(`| ${((100 * v) / hits).toFixed(1)} | ${k} |`);
}

/** A statement by its table, or a raw statement by its first words. */
function describeNode(node: RootOperationNode): string {
  const n = node as unknown as { kind: string; sqlFragments?: string[]; from?: { froms: unknown[] } };
  if (n.kind === "RawNode") return (n.sqlFragments ?? []).join("?").replace(/\s+/g, " ").trim().slice(0, 90);
  return `${n.kind} ${JSON.stringify(n.from?.froms ?? []).match(/"name":"(\w+)"/)?.[1] ?? ""}`;
}
