import type { CandidateSearch } from "./exact.index.js";
import type { FacetFilter, Facets } from "./facets.js";
import type { VectorHit, VectorIndex } from "./vector-index.js";

// Cost model, measured at 100k × 384 dims on the bench machine (bench/search.bench.ts): ranking one
// candidate exactly costs ~0.8 µs (memory-bound), and an hnswlib search for k hits costs about the
// same as an unfiltered one up to k ≈ max(ef, 400), then ~3 µs per hit asked for.
const EXACT_US_PER_CANDIDATE = 0.8;
const HNSW_US_PER_HIT = 3;

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
}

export interface VectorPlan {
  kind: "exact" | "overfetch";
  /** Hits to ask hnswlib for so that about `want` survive the filter. */
  overfetch: number;
  /** Give up on exact ranking when more jobs than this pass. */
  maxCandidates: number;
}

/**
 * Exact ranking of the passing jobs, or one unfiltered hnswlib search asking for enough hits to
 * survive the filter, whichever the cost model says is cheaper. hnswlib's own filter callback is
 * the last resort: it calls into JS for every node it considers and measured 3–10× slower.
 */
export function chooseVectorPlan(x: VectorPlanInput): VectorPlan {
  const passing = x.share * x.n;
  const overfetch = Math.ceil((x.want / Math.max(x.share, 1e-4)) * 1.25) + 16;
  const maxCandidates = Math.ceil(passing * 2) + 500;
  const exact = { kind: "exact", overfetch, maxCandidates } as const;
  if (passing <= x.exactBelow) return exact;
  if (overfetch <= Math.max(x.ef, 400)) return { kind: "overfetch", overfetch, maxCandidates };
  return passing * EXACT_US_PER_CANDIDATE <= overfetch * HNSW_US_PER_HIT
    ? exact
    : { kind: "overfetch", overfetch, maxCandidates };
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
  ef: number;
}

/** Up to `k` nearest jobs passing the filter, nearest first. */
export function filteredVectorSearch(
  index: VectorIndex & CandidateSearch,
  facets: Facets,
  q: Float32Array,
  o: FilteredVectorSearchOptions,
): VectorHit[] {
  const n = index.size();
  if (n === 0 || o.k <= 0) return [];
  const want = o.k + (o.filter.excludeJobIds?.size ?? 0);
  const share = o.selective ? facets.estimateShare(o.filter) : 1;
  const plan = chooseVectorPlan({ n, want, share, ef: o.ef, exactBelow: o.exactBelow });
  const exact = (limit: number): VectorHit[] | undefined => {
    const few = facets.candidates(o.filter, limit);
    return few ? index.searchAmong(q, o.k, few) : undefined;
  };
  if (plan.kind === "exact") {
    const hits = exact(plan.maxCandidates);
    if (hits) return hits;
  }
  const asked = Math.min(plan.overfetch, o.maxOverfetch, n);
  const raw = index.search(q, asked);
  const hits = raw.filter((h) => o.accept(h.label));
  // Short of hits: fine if everything not fetched is too far to be wanted; otherwise the filter
  // and the query are anti-correlated (the passing jobs sit farther away than the share suggests).
  const farthest = raw[raw.length - 1]?.distance ?? Infinity;
  if (hits.length >= o.k || asked >= n || farthest > o.maxDistance) return hits;
  return exact(Math.max(o.exactBelow * 4, 4000)) ?? index.search(q, o.k, o.accept);
}
