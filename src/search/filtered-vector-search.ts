import type { CandidateSearch } from "./exact.index.js";
import type { FacetFilter, Facets } from "./facets.js";
import type { VectorHit, VectorIndex } from "./vector-index.js";

// Cost model, measured at 100k × 384 dims on the bench machine (bench/search.bench.ts), in µs:
// - exact: ranking one candidate costs ~50: its vector is read back from hnswlib (`getPoint` builds a
//   JS array of 384 numbers; 73–88 CPU µs measured at load 28 on 2026-12-03, ~50 at load 4; it was
//   0.8 from a Float32 mirror that every replica no longer keeps, issue #14);
// - overfetch: an unfiltered hnswlib search for k hits costs ~1.6 per unit of max(ef, k) up to
//   k ≈ 500, then ~3 per hit (hnswlib searches with a beam of max(ef, k));
// - callback: hnswlib's own filter calls into JS for every node it considers; with beam ef it
//   costs ~2.4 × ef / share.
const EXACT_US = 50;
const HNSW_US_PER_EF = 1.6;
const HNSW_US_PER_HIT = 3;
const CALLBACK_US = 2.4;
/** Narrowest beam for hnswlib's filtered search (its cost grows with beam / share). */
const CALLBACK_MIN_EF = 48;

export interface VectorPlanInput {
  /** Vectors in the index. */
  n: number;
  /** Hits wanted after filtering. */
  want: number;
  /** Estimated share of jobs passing the filter (1 = no filter). */
  share: number;
  ef: number;
  /** At or below this many passing jobs, always rank exactly. */
  exactBelow: number;
  /** Most hits ever asked of hnswlib in one search. */
  maxOverfetch: number;
}

export interface VectorPlan {
  kind: "exact" | "overfetch" | "callback";
  /** Hits to ask hnswlib for so that about `want` survive the filter. */
  overfetch: number;
  /** Give up on exact ranking when more jobs than this pass. */
  maxCandidates: number;
  /** Beam width for the callback search. */
  callbackEf: number;
}

/** The cheapest of exact ranking, overfetch + post-filter, and hnswlib's filter callback. */
export function chooseVectorPlan(x: VectorPlanInput): VectorPlan {
  const share = Math.max(x.share, 1e-4);
  const passing = share * x.n;
  const overfetch = Math.ceil((x.want / share) * 1.25) + 16;
  // hnswlib keeps a beam of passing jobs only; an unfiltered beam of ef holds about ef × share of
  // them, so a narrower one finds fewer of the nearest (search_jobs' recall@10 0.977 against 0.998 at
  // 10,000 jobs, 0.917 against 0.998 at a million with the keyword seeds, BENCHMARKS.md).
  const callbackEf = Math.max(x.want, CALLBACK_MIN_EF, Math.ceil(x.ef * share));
  const base = { overfetch, maxCandidates: Math.ceil(passing * 2) + 500, callbackEf };
  if (passing <= x.exactBelow) return { kind: "exact", ...base };
  const costs: Array<[VectorPlan["kind"], number]> = [
    ["exact", passing * EXACT_US],
    ["callback", (CALLBACK_US * callbackEf) / share],
  ];
  if (overfetch <= x.maxOverfetch) {
    const beam = Math.max(x.ef, overfetch);
    costs.push(["overfetch", overfetch <= 500 ? HNSW_US_PER_EF * beam : HNSW_US_PER_HIT * overfetch]);
  }
  costs.sort((a, b) => a[1] - b[1]);
  return { kind: costs[0]![0], ...base };
}

/** Options for {@link filteredVectorSearch}. */
export interface FilteredVectorSearchOptions {
  /** Hits wanted. */
  k: number;
  filter: FacetFilter;
  /** The compiled filter (facets.matcher(filter)). */
  accept: (id: number) => boolean;
  /** Whether the filter can rule out many jobs (else only closed/excluded ones are skipped). */
  selective: boolean;
  /** Hits farther than this are not wanted anyway; lets a short post-filtered list stand. */
  maxDistance: number;
  exactBelow: number;
  /** Most hits ever asked of hnswlib in one search. */
  maxOverfetch: number;
}

/** An index whose query beam can be narrowed for one search (HnswVectorIndex). */
type Tunable = VectorIndex & CandidateSearch & { ef?: number };

/** Up to `k` nearest jobs passing the filter, nearest first. */
export function filteredVectorSearch(
  index: Tunable,
  facets: Facets,
  q: Float32Array,
  o: FilteredVectorSearchOptions,
): VectorHit[] {
  const n = index.size();
  if (n === 0 || o.k <= 0) return [];
  const want = o.k + (o.filter.excludeJobIds?.size ?? 0);
  const share = o.selective ? facets.estimateShare(o.filter) : 1;
  const plan = chooseVectorPlan({
    n,
    want,
    share,
    ef: index.ef ?? 0,
    exactBelow: o.exactBelow,
    maxOverfetch: o.maxOverfetch,
  });
  const callback = (): VectorHit[] => {
    const before = index.ef;
    if (before === undefined) return index.search(q, o.k, o.accept);
    index.ef = plan.callbackEf;
    try {
      return index.search(q, o.k, o.accept);
    } finally {
      index.ef = before;
    }
  };
  if (plan.kind === "exact") {
    const few = facets.candidates(o.filter, plan.maxCandidates);
    return few ? index.searchAmong(q, o.k, few) : callback();
  }
  if (plan.kind === "callback") return callback();
  const asked = Math.min(plan.overfetch, n);
  const raw = index.search(q, asked);
  const hits = raw.filter((h) => o.accept(h.label));
  // Short of hits: fine if everything not fetched is too far to be wanted; otherwise the filter
  // and the query are anti-correlated (the passing jobs sit farther away than the share suggests).
  const farthest = raw[raw.length - 1]?.distance ?? Infinity;
  if (hits.length >= o.k || asked >= n || farthest > o.maxDistance) return hits;
  return callback();
}
