// Vector-index sections of the search benchmark: recall per ef, wrapper overhead, filter strategies.
import type hnsw from "hnswlib-node";
import type { ExactVectorIndex } from "../src/search/exact.index.js";
import type { FacetFilter, Facets } from "../src/search/facets.js";
import { chooseVectorPlan, filteredVectorSearch } from "../src/search/filtered-vector-search.js";
import type { HnswVectorIndex } from "../src/search/hnsw.index.js";
import type { VectorHit } from "../src/search/vector-index.js";

export const pct = (xs: number[], p: number): number => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.floor((p / 100) * s.length))] ?? NaN;
};
export const f2 = (x: number) => x.toFixed(x < 1 ? 3 : x < 10 ? 2 : 1);
export const mb = (b: number) => `${Math.round(b / 1048576)} MB`;
/**
 * CPU milliseconds this process spends in `fn`. The bench machine is shared, and wall time there
 * includes waiting for a core; for these single-threaded, synchronous calls CPU time is what the
 * same call takes on an idle machine.
 */
export const time = <T>(fn: () => T): [T, number] => {
  const c = process.cpuUsage();
  const r = fn();
  const d = process.cpuUsage(c);
  return [r, (d.user + d.system) / 1000];
};

type Log = (line?: string) => void;

/** Recall@10 of HnswVectorIndex against exact search, and its latency, for each ef. */
export function recallReport(x: {
  index: HnswVectorIndex;
  exact: ExactVectorIndex;
  qVecs: Float32Array[];
  efs: number[];
  log: Log;
}): Map<number, number> {
  const { index, exact, qVecs, log } = x;
  const exactTop = qVecs.map((q) => exact.search(q, 10));
  const truth = exactTop.map((hits) => new Set(hits.map((h) => h.label)));
  // Many postings share a text (same title at many employers), so the exact top 10 is one of
  // several equally near sets; "tie-aware" also counts a hit as near as the 10th exact neighbour.
  const tenth = exactTop.map((hits) => hits[hits.length - 1]?.distance ?? Infinity);
  const recall = new Map<number, number>();
  log(`Recall@10 against exact search (${qVecs.length} queries) and HnswVectorIndex.search latency, k 10:\n`);
  log("| ef | recall@10 (ids) | recall@10 (tie-aware) | p50 CPU ms | p95 CPU ms |\n|---|---|---|---|---|");
  for (const ef of x.efs) {
    index.ef = ef;
    let hit = 0;
    let near = 0;
    const lat: number[] = [];
    for (let rep = 0; rep < 2; rep++) {
      qVecs.forEach((q, i) => {
        const [res, ms] = time(() => index.search(q, 10));
        lat.push(ms);
        if (rep > 0) return;
        for (const h of res) {
          if (truth[i]!.has(h.label)) hit++;
          if (truth[i]!.has(h.label) || h.distance <= tenth[i]! + 1e-6) near++;
        }
      });
    }
    const total = qVecs.length * 10;
    recall.set(ef, hit / total);
    log(
      `| ${ef} | ${(hit / total).toFixed(4)} | ${(near / total).toFixed(4)} | ${f2(pct(lat, 50))} | ${f2(pct(lat, 95))} |`,
    );
  }
  log("");
  return recall;
}

/** Raw hnswlib-node on the very same native graph object vs our wrapper, interleaved. */
export function overheadReport(x: {
  index: HnswVectorIndex;
  qVecs: Float32Array[];
  efs: number[];
  log: Log;
}): void {
  const { index, qVecs, log } = x;
  // Raw hnswlib-node on the very same native graph object vs our wrapper, interleaved.
  const raw = (index as unknown as { native: InstanceType<typeof hnsw.HierarchicalNSW> }).native;
  const qArrays = qVecs.map((q) => Array.from(q));
  log(
    "Raw hnswlib-node `searchKnn` on the same native index (plain array prepared in advance) vs " +
      "`HnswVectorIndex.search` (Float32Array in, hits out), k 10, interleaved:\n",
  );
  log(
    "| ef | raw p50 CPU ms | ours p50 CPU ms | raw p95 CPU ms | ours p95 CPU ms | overhead p50 | overhead p95 |\n|---|---|---|---|---|---|---|",
  );
  for (const ef of x.efs) {
    index.ef = ef;
    const rawLat: number[] = [];
    const ourLat: number[] = [];
    for (let rep = 0; rep < 6; rep++) {
      qVecs.forEach((q, i) => {
        const a = qArrays[i]!;
        if (rep % 2 === 0) {
          rawLat.push(time(() => raw.searchKnn(a, 10))[1]);
          ourLat.push(time(() => index.search(q, 10))[1]);
        } else {
          ourLat.push(time(() => index.search(q, 10))[1]);
          rawLat.push(time(() => raw.searchKnn(a, 10))[1]);
        }
      });
    }
    const over = (p: number) => `${(((pct(ourLat, p) - pct(rawLat, p)) / pct(rawLat, p)) * 100).toFixed(1)}%`;
    log(
      `| ${ef} | ${f2(pct(rawLat, 50))} | ${f2(pct(ourLat, 50))} | ${f2(pct(rawLat, 95))} | ${f2(pct(ourLat, 95))} | ` +
        `${over(50)} | ${over(95)} |`,
    );
  }
  log("");
}

/** Timing exact ranking over more candidates than this would take minutes (tens of µs each). */
const TIME_EXACT_UP_TO = 20_000;

/** Each way of searching with a filter, against exact ranking of the passing jobs. */
export function filteredReport(x: {
  index: HnswVectorIndex;
  /** The truth: the same vectors, brute force. */
  exact: ExactVectorIndex;
  facets: Facets;
  qVecs: Float32Array[];
  filters: Array<[string, FacetFilter]>;
  log: Log;
}): void {
  const { index, facets, log } = x;
  const n = index.size();
  const ef = index.ef;
  log(
    `Filtered vector search, top 30 of the passing jobs, ef ${ef}; p50 CPU ms and recall@10 against exact ranking ` +
      "of the passing jobs (hnswlib's filter callback runs with the planner's beam: the hits wanted, at least 48 " +
      "and at least ef × the passing share):\n",
  );
  log(
    "| filter | passing | plan | hnswlib filter callback | overfetch + post-filter | facet scan + exact (µs per candidate) | as used by SearchService |\n" +
      "|---|---|---|---|---|---|---|",
  );
  const fq = x.qVecs;
  for (const [name, filter] of x.filters) {
    const test = facets.matcher(filter);
    const passing = facets.count(filter);
    const share = facets.estimateShare(filter);
    const plan = chooseVectorPlan({
      n,
      want: 30,
      share,
      ef: index.ef,
      exactBelow: 200,
      maxOverfetch: 2000,
    });
    const lat = { cb: [] as number[], over: [] as number[], exact: [] as number[], used: [] as number[] };
    const rec = { cb: 0, over: 0, used: 0 };
    for (const q of fq) {
      const truthHits = x.exact.search(q, 30, test);
      // Five queries suffice for its cost per candidate (it does not depend on the query).
      if (passing <= TIME_EXACT_UP_TO && lat.exact.length < 5)
        lat.exact.push(time(() => index.searchAmong(q, 30, facets.candidates(filter, Infinity)!))[1]);
      const want = new Set(truthHits.slice(0, 10).map((h) => h.label));
      const recall = (hits: VectorHit[]) =>
        hits.slice(0, 10).filter((h) => want.has(h.label)).length / Math.max(1, want.size);
      index.ef = plan.callbackEf;
      const [a, msCb] = time(() => index.search(q, 30, test));
      index.ef = ef;
      const [b, msOver] = time(() =>
        index.search(q, Math.min(plan.overfetch, n)).filter((h) => test(h.label)),
      );
      const [c, msUsed] = time(() =>
        filteredVectorSearch(index, facets, q, {
          k: 30,
          filter,
          accept: test,
          selective: true,
          maxDistance: 2, // rank everything: this table is about the filter, not the similarity cut
          exactBelow: 200,
          maxOverfetch: 2000,
        }),
      );
      lat.cb.push(msCb);
      lat.over.push(msOver);
      lat.used.push(msUsed);
      rec.cb += recall(a);
      rec.over += recall(b);
      rec.used += recall(c);
    }
    const r = (x: number) => (x / fq.length).toFixed(3);
    log(
      `| ${name} | ${passing} | ${plan.kind} (k ${plan.overfetch}) | ${f2(pct(lat.cb, 50))} (recall ${r(rec.cb)}) | ` +
        `${f2(pct(lat.over, 50))} (recall ${r(rec.over)}) | ${exactCell(lat.exact, passing)} | ` +
        `${f2(pct(lat.used, 50))} (recall ${r(rec.used)}) |`,
    );
  }
}

function exactCell(ms: number[], passing: number): string {
  if (ms.length === 0) return `not timed (over ${TIME_EXACT_UP_TO.toLocaleString("en")})`;
  const p50 = pct(ms, 50);
  return `${f2(p50)} (${f2((p50 * 1000) / Math.max(1, passing))})`;
}
