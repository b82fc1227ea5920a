/** One fused candidate: its id, its RRF score, and its 0-based rank in each input list (-1 = absent). */
export interface FusedItem {
  id: number;
  score: number;
  ranks: number[];
}

/** Options for {@link reciprocalRankFusion}. */
export interface FusionOptions {
  /** Damping constant of RRF; larger flattens the head of each list. @defaultValue `60` */
  k?: number;
  /** Weight per input list. @defaultValue all `1` */
  weights?: readonly number[];
}

/**
 * Reciprocal rank fusion (Cormack et al. 2009): score(d) = Σ wᵢ / (k + rankᵢ(d)), rank 1-based.
 * Needs no score calibration between lexical and vector results. Ties go to the better best rank,
 * then the smaller id, so results are deterministic.
 */
export function reciprocalRankFusion(
  lists: ReadonlyArray<readonly number[]>,
  options: FusionOptions = {},
): FusedItem[] {
  const k = options.k ?? 60;
  const byId = new Map<number, FusedItem>();
  lists.forEach((list, li) => {
    const w = options.weights?.[li] ?? 1;
    list.forEach((id, rank) => {
      let item = byId.get(id);
      if (!item) {
        item = { id, score: 0, ranks: new Array<number>(lists.length).fill(-1) };
        byId.set(id, item);
      }
      // A list that repeats an id counts it once, at its best rank.
      if (item.ranks[li] !== -1) return;
      item.ranks[li] = rank;
      item.score += w / (k + rank + 1);
    });
  });
  const best = (x: FusedItem) => Math.min(...x.ranks.map((r) => (r < 0 ? Infinity : r)));
  return [...byId.values()].sort((a, b) => b.score - a.score || best(a) - best(b) || a.id - b.id);
}
