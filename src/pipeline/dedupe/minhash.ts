import { foldText } from "../../core/text.js";

/** Hash functions per signature. */
export const SKETCH_SIZE = 64;
/** LSH bands × rows = {@link SKETCH_SIZE}: two texts with Jaccard 0.7 share a band with p ≈ 0.998, with 0.3 p ≈ 0.12. */
export const BANDS = 16;
const ROWS = SKETCH_SIZE / BANDS;
/** Word shingle length. */
const SHINGLE = 3;
/** Texts with fewer words are not sketched: their shingle sets are too small to compare reliably. */
export const MIN_SKETCH_WORDS = 40;
/** Words read from a description; the start of a long text says enough about it. */
const MAX_WORDS = 4000;

function fnv1a(s: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < s.length; i++) h = Math.imul(h ^ s.charCodeAt(i), 0x01000193);
  return h >>> 0;
}

/** Murmur3's finalizer: a cheap, well-mixing 32-bit permutation. */
function fmix32(x: number): number {
  let h = x >>> 0;
  h = Math.imul(h ^ (h >>> 16), 0x85ebca6b);
  h = Math.imul(h ^ (h >>> 13), 0xc2b2ae35);
  return (h ^ (h >>> 16)) >>> 0;
}

const rotl = (x: number, r: number) => ((x << r) | (x >>> (32 - r))) >>> 0;

// One seed per hash function; fixed, so signatures stored in the database stay comparable.
const SEEDS = Uint32Array.from({ length: SKETCH_SIZE }, (_, i) =>
  fmix32(0x9e3779b9 ^ Math.imul(i + 1, 0x85ebca6b)),
);

/** Words of a text for shingling: folded, letters and digits only, URLs and e-mail addresses dropped. */
export function sketchWords(text: string): string[] {
  return foldText(text.slice(0, MAX_WORDS * 12))
    .replace(/\bhttps?:\/\/\S+|\bwww\.\S+|\S+@\S+/g, " ")
    .split(/[^\p{L}\p{N}]+/u)
    .filter(Boolean)
    .slice(0, MAX_WORDS);
}

/**
 * MinHash signature of a text's word 3-shingles, or undefined when the text has fewer than
 * {@link MIN_SKETCH_WORDS} words. Formatting (bullets, line breaks, HTML leftovers) does not
 * change it; the share of equal positions in two signatures estimates the shingle sets' Jaccard.
 */
export function minhash(text: string): Uint32Array | undefined {
  // Most short texts are told apart by a cheap count before they are folded and split.
  if (text.length < MIN_SKETCH_WORDS * 2 || (text.match(/\s+/g)?.length ?? 0) + 1 < MIN_SKETCH_WORDS)
    return undefined;
  const words = sketchWords(text);
  if (words.length < MIN_SKETCH_WORDS) return undefined;
  const hashes = words.map(fnv1a);
  const sig = new Uint32Array(SKETCH_SIZE).fill(0xffffffff);
  for (let i = 0; i + SHINGLE <= hashes.length; i++) {
    const shingle = fmix32(hashes[i]! ^ rotl(hashes[i + 1]!, 11) ^ rotl(hashes[i + 2]!, 22));
    for (let k = 0; k < SKETCH_SIZE; k++) {
      const v = fmix32(shingle ^ SEEDS[k]!);
      if (v < sig[k]!) sig[k] = v;
    }
  }
  return sig;
}

/** Estimated Jaccard similarity of the texts behind two signatures. */
export function sketchSimilarity(a: Uint32Array, b: Uint32Array): number {
  let same = 0;
  for (let k = 0; k < SKETCH_SIZE; k++) if (a[k] === b[k]) same++;
  return same / SKETCH_SIZE;
}

/**
 * LSH bucket keys of a signature, salted with `scope` (the company key) so only copies at the same
 * company ever share a bucket. 48-bit integers: exact in JavaScript numbers and SQLite integers.
 */
export function bandKeys(sig: Uint32Array, scope: string): number[] {
  const salt = fnv1a(scope);
  const keys: number[] = [];
  for (let b = 0; b < BANDS; b++) {
    let hi = fmix32(salt ^ Math.imul(b + 1, 0x9e3779b9));
    let lo = fmix32(salt + b);
    for (let r = 0; r < ROWS; r++) {
      const v = sig[b * ROWS + r]!;
      hi = fmix32(hi ^ v);
      lo = fmix32(rotl(lo, 5) ^ v ^ 0x27d4eb2f);
    }
    keys.push((hi & 0xffff) * 0x1_0000_0000 + lo);
  }
  return keys;
}

/** Signature as stored (little-endian uint32s). */
export function sketchToBytes(sig: Uint32Array): Buffer {
  return Buffer.from(sig.buffer, sig.byteOffset, sig.byteLength);
}

/** A stored signature; undefined when the bytes are not one. */
export function sketchFromBytes(bytes: Uint8Array | null): Uint32Array | undefined {
  if (!bytes || bytes.byteLength !== SKETCH_SIZE * 4) return undefined;
  const copy = new Uint8Array(bytes);
  return new Uint32Array(copy.buffer, 0, SKETCH_SIZE);
}
