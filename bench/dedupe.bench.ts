// Dedupe benchmark: pairwise precision and recall of "one identity per job" on the labelled set of
// bench/dedupe-set.ts (real postings, their cross-posted copies and reposts, hard negatives), and
// how matching speed holds up as the store grows to --scale jobs.
//
//   npx tsx bench/dedupe.bench.ts [--seed 42] [--scale 100000] [--verbose] [--shared ../shared]
//     [--min-description 0.7] [--min-title 0.5] [--window-days 60]
//
// Items go through JobIdentity.assign — what the dedupe stage runs per item — on a real SQLite
// store, in time order with a simulated clock (reposts arrive weeks later), 500 per transaction.
import path from "node:path";
import { postingId, type Posting } from "../src/core/posting.js";
import { JobIdentity } from "../src/pipeline/dedupe/job-identity.js";
import { openDb } from "../src/store/db.js";
import { JobsRepo } from "../src/store/jobs.repo.js";
import { tempDir } from "../test/support/harness.js";
import { buildLabelledSet, SHARED, type ItemKind, type LabelledItem } from "./dedupe-set.js";

function arg(name: string): string | undefined {
  const i = process.argv.indexOf(name);
  return i >= 0 ? process.argv[i + 1] : undefined;
}
const verbose = process.argv.includes("--verbose");
const pct = (x: number) => (Number.isFinite(x) ? x.toFixed(4) : "n/a");
const pairs = (n: number) => (n * (n - 1)) / 2;

// Thresholds to try instead of the defaults: --min-description 0.6 --min-title 0.5 --window-days 60.
const rules = {
  ...(arg("--min-description") ? { minDescriptionSimilarity: Number(arg("--min-description")) } : {}),
  ...(arg("--min-title") ? { minTitleSimilarity: Number(arg("--min-title")) } : {}),
  ...(arg("--window-days") ? { repostWindowDays: Number(arg("--window-days")) } : {}),
};

async function withStore<T>(fn: (identity: JobIdentity, jobs: JobsRepo) => Promise<T>): Promise<T> {
  const tmp = tempDir("jobscout-dedupe-bench-");
  const db = await openDb({ file: path.join(tmp.dir, "jobscout.sqlite") });
  try {
    const jobs = new JobsRepo(db);
    return await fn(new JobIdentity(rules), jobs);
  } finally {
    await db.close();
    tmp.remove();
  }
}

async function assignAll(identity: JobIdentity, jobs: JobsRepo, items: readonly LabelledItem[]) {
  const jobOf: number[] = [];
  const matches = new Map<string, number>();
  const t0 = performance.now();
  for (let i = 0; i < items.length; i += 500) {
    await jobs.transaction(async (tx) => {
      for (const it of items.slice(i, i + 500)) {
        const a = await identity.assign(tx, {
          posting: it.posting,
          source: it.source,
          sourceId: it.sourceId,
          runId: null,
          now: it.at,
        });
        jobOf.push(a.jobId);
        matches.set(a.match, (matches.get(a.match) ?? 0) + 1);
      }
    });
  }
  return { jobOf, matches, ms: performance.now() - t0 };
}

function describe(it: LabelledItem): string {
  const p = it.posting;
  return `[${it.kind} ${it.source}] ${p.title} — ${p.company} — ${p.locations.map((l) => l.city ?? l.country).join("/") || "?"}`;
}

async function quality(seed: number): Promise<void> {
  const shared = arg("--shared");
  const set = buildLabelledSet({ seed, ...(shared ? { sharedDir: path.resolve(shared) } : {}) });
  if (!set.sharedFound) {
    console.log(
      `NOTE: ${shared ? path.resolve(shared) : SHARED}/data/jobs not found — the labelled set is built from test/fixtures only (Arbeitnow 105 and 2,720 trimmed Jobsuche rows). Figures are not comparable with a run on the full data.`,
    );
  }
  console.log(`bases from: ${set.origin.join("; ")}`);
  const { items } = set;
  const kinds = new Map<ItemKind, number>();
  for (const it of items) kinds.set(it.kind, (kinds.get(it.kind) ?? 0) + 1);
  console.log(
    `items: ${items.length} (${[...kinds].map(([k, n]) => `${k} ${n}`).join(", ")}); ambiguous bases dropped: ${set.ambiguousDropped}`,
  );

  const { jobOf, matches, ms } = await withStore((identity, jobs) => assignAll(identity, jobs, items));
  const byJob = new Map<number, number[]>();
  jobOf.forEach((job, i) => byJob.set(job, [...(byJob.get(job) ?? []), i]));
  const byCluster = new Map<string, number[]>();
  items.forEach((it, i) => byCluster.set(it.cluster, [...(byCluster.get(it.cluster) ?? []), i]));

  let predicted = 0;
  let correct = 0;
  // Two real postings (and their copies) put in one job: the set cannot know whether that is right
  // (mostly the same job published twice, see the audit in BENCHMARKS.md), so those pairs are
  // counted apart. Any other pair of items of different clusters in one job is a wrong merge.
  let unknownPairs = 0;
  const wrong: Array<[number, number]> = [];
  for (const members of byJob.values()) {
    predicted += pairs(members.length);
    const perCluster = new Map<string, number>();
    for (const i of members) perCluster.set(items[i]!.cluster, (perCluster.get(items[i]!.cluster) ?? 0) + 1);
    for (const n of perCluster.values()) correct += pairs(n);
    const real = [...perCluster].filter(([c]) =>
      members.some((i) => items[i]!.cluster === c && items[i]!.kind === "base"),
    );
    const realItems = real.reduce((sum, [, n]) => sum + n, 0);
    unknownPairs += pairs(realItems) - real.reduce((sum, [, n]) => sum + pairs(n), 0);
    if (perCluster.size > 1)
      wrong.push([members[0]!, members.find((i) => items[i]!.cluster !== items[members[0]!]!.cluster)!]);
  }
  let truePairs = 0;
  const missed: Array<[number, number]> = [];
  for (const members of byCluster.values()) {
    truePairs += pairs(members.length);
    const base = members[0]!;
    for (const i of members.slice(1)) if (jobOf[i] !== jobOf[base]) missed.push([base, i]);
  }
  const precision = predicted === 0 ? 1 : correct / predicted;
  const recall = truePairs === 0 ? 1 : correct / truePairs;
  const labelled = predicted - unknownPairs;
  console.log(
    `\npairwise precision ${pct(labelled === 0 ? 1 : correct / labelled)}  recall ${pct(recall)}  (same-job pairs: labelled ${truePairs}, predicted ${labelled}, both ${correct}; not counted: ${unknownPairs} pairs from merges of two real postings)`,
  );
  console.log(`precision counting every merge of two real postings as wrong: ${pct(precision)}`);

  // Per kind: a positive is found when it shares its cluster's first item's job; a negative is
  // wrongly merged when its job holds an item of another cluster.
  const rows: string[] = [];
  for (const kind of kinds.keys()) {
    if (kind === "base") continue;
    const idx = items.flatMap((it, i) => (it.kind === kind ? [i] : []));
    const positive = ["cross-post", "repost", "retitled"].includes(kind);
    const ok = idx.filter((i) => {
      const first = byCluster.get(items[i]!.cluster)![0]!;
      const mates = byJob.get(jobOf[i]!)!;
      return positive
        ? jobOf[i] === jobOf[first]
        : mates.every((j) => items[j]!.cluster === items[i]!.cluster);
    }).length;
    rows.push(
      `  ${kind.padEnd(17)} ${String(idx.length).padStart(6)}  ${positive ? "found" : "kept apart"} ${pct(ok / idx.length)}`,
    );
  }
  console.log(rows.join("\n"));
  const baseMerges = wrong.filter(([a, b]) => items[a]!.kind === "base" && items[b]!.kind === "base").length;
  console.log(
    `jobs with items of several clusters: ${wrong.length} (of them between two real postings: ${baseMerges})`,
  );
  const vague = missed.filter(([, b]) => !items[b]!.posting.locations.some((l) => l.city)).length;
  console.log(`missed copies: ${missed.length}, of them naming no city (only a country): ${vague}`);
  console.log(`matched by: ${[...matches].map(([k, n]) => `${k} ${n}`).join(", ")}`);
  console.log(
    `assign: ${items.length} items in ${(ms / 1000).toFixed(2)} s (${Math.round((items.length / ms) * 1000)} items/s)`,
  );
  if (verbose) {
    for (const [a, b] of wrong)
      console.log(`  MERGED  ${describe(items[a]!)}\n     and  ${describe(items[b]!)}`);
    for (const kind of new Set(missed.map(([, b]) => items[b]!.kind))) {
      for (const [a, b] of missed.filter(([, x]) => items[x]!.kind === kind).slice(0, 10)) {
        console.log(`  MISSED  ${describe(items[a]!)}\n     and  ${describe(items[b]!)}`);
      }
    }
  }
}

async function scale(total: number, seed: number): Promise<void> {
  const { items } = buildLabelledSet({ seed });
  const bases = items.filter((it) => it.kind === "base").map((it) => it.posting);
  // Distinct jobs: real postings, each round under another company name (a new employer).
  const synthetic = (k: number): { posting: Posting; source: string; sourceId: string } => {
    const b = bases[k % bases.length]!;
    const round = Math.floor(k / bases.length);
    const source = b.sources[0]?.source ?? "bench";
    const sourceId = `s${k}`;
    return {
      posting: {
        ...b,
        id: postingId(source, sourceId),
        company: round ? `${b.company} ${round}` : b.company,
        sources: [{ source, sourceId }],
      },
      source,
      sourceId,
    };
  };
  await withStore(async (identity, jobs) => {
    const now = "2026-09-01T00:00:00.000Z";
    const step = Math.max(1000, Math.round(total / 10));
    const lines: string[] = [];
    for (let done = 0; done < total;) {
      const t0 = performance.now();
      const end = Math.min(total, done + step);
      for (let k = done; k < end; k += 500) {
        await jobs.transaction(async (tx) => {
          for (let j = k; j < Math.min(end, k + 500); j++)
            await identity.assign(tx, { ...synthetic(j), runId: null, now });
        });
      }
      const ms = performance.now() - t0;
      lines.push(
        `  ${String(done).padStart(7)}–${String(end).padEnd(7)} ${((ms * 1000) / (end - done)).toFixed(0).padStart(5)} µs/item`,
      );
      done = end;
    }
    // A run that sees every copy again (exact source-id path) and one of copies new to the store.
    const again = performance.now();
    await jobs.transaction(async (tx) => {
      for (let k = 0; k < 5000; k++) await identity.assign(tx, { ...synthetic(k), runId: null, now });
    });
    const seenMs = performance.now() - again;
    const fresh = performance.now();
    await jobs.transaction(async (tx) => {
      for (let k = 0; k < 5000; k++) {
        const s = synthetic(k);
        await identity.assign(tx, { ...s, sourceId: `copy-${k}`, source: "bench-copy", runId: null, now });
      }
    });
    const freshMs = performance.now() - fresh;
    console.log(
      `\nscale: ${await jobs.count()} jobs in the store; assign cost while filling (new jobs):\n${lines.join("\n")}`,
    );
    console.log(
      `  at ${total}: 5,000 copies seen again ${((seenMs * 1000) / 5000).toFixed(0)} µs/item; 5,000 cross-posted copies of stored jobs ${((freshMs * 1000) / 5000).toFixed(0)} µs/item`,
    );
  });
}

const seed = Number(arg("--seed") ?? "42");
await quality(seed);
const total = Number(arg("--scale") ?? "100000");
if (total > 0) await scale(total, seed);
