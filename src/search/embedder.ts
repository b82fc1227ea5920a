import type { Posting } from "../core/posting.js";

/**
 * Turns text into unit-length vectors. Every stored vector carries {@link embedderKey} so a change
 * of model, version or dimension never mixes incompatible vectors in one index.
 */
export interface Embedder {
  /** Stable id of the method, e.g. `hashing-ngram`, `openai:text-embedding-3-small`. */
  readonly id: string;
  /** Bumped whenever the same input would give a different vector. */
  readonly version: string;
  readonly dim: number;
  /** L2-normalized vectors, one per text, same order. */
  embed(texts: readonly string[]): Promise<Float32Array[]>;
  /** One search query, failing fast (a person is waiting); `embed` when absent. */
  embedQuery?(text: string): Promise<Float32Array>;
}

/** The key stored beside every vector and used to name the index file. */
export function embedderKey(e: Pick<Embedder, "id" | "version" | "dim">): string {
  return `${e.id}@${e.version}/${e.dim}`;
}

/** The text a posting is embedded from: what a searcher matches on, most important first. */
export function postingText(p: Pick<Posting, "title" | "company" | "description" | "locations">): string {
  const places = p.locations.map((l) => l.city ?? l.region ?? "").filter(Boolean);
  // Title twice: it is the strongest signal and descriptions are long.
  return [p.title, p.title, p.company, places.join(" "), p.description.slice(0, 4000)].join("\n");
}
