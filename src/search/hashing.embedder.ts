import { foldText } from "../core/text.js";
import type { Embedder } from "./embedder.js";

/** Options for {@link HashingEmbedder}. */
export interface HashingEmbedderOptions {
  /** Vector length. Part of the embedder key, so changing it gives a separate index. @defaultValue `384` */
  dim?: number;
}

const FNV_OFFSET = 0x811c9dc5;
const FNV_PRIME = 0x01000193;
// One seed per feature family so "java" the word and "java" the 4-gram land in different buckets.
const SEED_WORD = 0x2f6b3a1d;
const SEED_BIGRAM = 0x5bd1e995;
const SEED_CHAR = 0x1b873593;
// Word and bigram features are rarer and more specific than char n-grams (≈20 per word), so each
// n-gram weighs less; together they still carry about as much as the words, which is what lets
// "Pflege" find "Krankenpfleger" and "Entwickler" find "Softwareentwickler".
const W_WORD = 1;
const W_BIGRAM = 0.8;
const W_CHAR = 0.3;
/** Char n-grams are taken from at most this many leading chars of a word (URLs, hashes). */
const MAX_GRAM_WORD = 32;

/**
 * Small German + English stopword list, plus gender tags that follow most German titles. "it" is
 * kept out on purpose: "IT" is a field ("IT-Administrator").
 */
export const STOPWORDS: ReadonlySet<string> = new Set(
  (
    "a an and are as at be by for from has have in into is of on or our that the their this to we " +
    "will with you your who what all any can more other such than they them us was were been not no " +
    "der die das den dem des ein eine einen einem einer eines und oder in im ist sind zu zur zum mit von " +
    "vom fur auf an am als auch bei bis durch es sich sie wir ihr ihre ihren ihrem ihrer unser unsere " +
    "unseren unserem unserer uns wird werden nicht nach uber um aus so wie was wer wo du dich dir sein " +
    "seine hat haben noch nur mehr sowie dass oder bzw ca gn mwd wmd mfd"
  ).split(" "),
);

function fmix32(h: number): number {
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  return h | 0;
}

function fnv(s: string): number {
  let h = FNV_OFFSET;
  for (let i = 0; i < s.length; i++) h = Math.imul(h ^ s.charCodeAt(i), FNV_PRIME);
  return h | 0;
}

const STOP_HASHES: ReadonlySet<number> = new Set([...STOPWORDS].map(fnv));

/** 1 + ln(tf) for small tf (most features occur once or twice; Math.log per feature showed up in profiles). */
const SUBLINEAR = Float64Array.from({ length: 64 }, (_, tf) => (tf === 0 ? 0 : 1 + Math.log(tf)));

/** Letters and digits of folded text; punctuation, symbols, spaces and surrogates separate words. */
function isWordChar(c: number): boolean {
  if (c < 0x80) return (c >= 0x61 && c <= 0x7a) || (c >= 0x30 && c <= 0x39);
  if (c < 0xc0 || c === 0xd7 || c === 0xf7) return false;
  return !((c >= 0x2000 && c <= 0x2bff) || (c >= 0x3000 && c <= 0x303f) || (c >= 0xd800 && c <= 0xdfff));
}

/**
 * Offline embedder by signed feature hashing: word unigrams, word bigrams and char 3–5-grams of
 * folded text, sublinear tf, L2-normalized. No model files; good enough to rank "Python developer"
 * near "Python engineer" and far from "Krankenpfleger", and fast enough to embed at ingest speed.
 */
export class HashingEmbedder implements Embedder {
  readonly id = "hashing-ngram";
  readonly version = "1";
  readonly dim: number;

  // Open-addressing table of this text's features (hash → count), reused across calls.
  private mask: number;
  private keys: Int32Array;
  private counts: Uint16Array;
  private weights: Float32Array;
  private used: Int32Array;
  private nUsed = 0;
  private readonly word = new Int32Array(MAX_GRAM_WORD + 2);
  private readonly acc: Float64Array;

  constructor(options: HashingEmbedderOptions = {}) {
    const dim = options.dim ?? 384;
    if (!Number.isInteger(dim) || dim < 8) throw new RangeError(`dim must be an integer ≥ 8, got ${dim}`);
    this.dim = dim;
    this.acc = new Float64Array(dim);
    const cap = 1 << 15;
    this.mask = cap - 1;
    this.keys = new Int32Array(cap);
    this.counts = new Uint16Array(cap);
    this.weights = new Float32Array(cap);
    this.used = new Int32Array(cap >> 1);
  }

  embed(texts: readonly string[]): Promise<Float32Array[]> {
    return Promise.resolve(texts.map((t) => this.embedOne(t)));
  }

  /** Synchronous single-text embedding (the search path uses this to skip a promise). */
  embedOne(text: string): Float32Array {
    this.nUsed = 0;
    this.extract(foldText(text));
    return this.project();
  }

  private extract(s: string): void {
    const n = s.length;
    let prev = 0;
    let i = 0;
    while (i < n) {
      let c = s.charCodeAt(i);
      while (i < n && !isWordChar(c)) c = s.charCodeAt(++i);
      if (i >= n) break;
      const start = i;
      let h = FNV_OFFSET;
      // "c++", "c#", "f#": keep trailing + and # as part of a word.
      while (i < n && (isWordChar(c) || ((c === 0x2b || c === 0x23) && i > start))) {
        h = Math.imul(h ^ c, FNV_PRIME);
        c = s.charCodeAt(++i);
      }
      h |= 0;
      const len = i - start;
      if (len < 2 || STOP_HASHES.has(h)) continue;
      this.add(fmix32(h ^ SEED_WORD), W_WORD);
      // Bigrams skip stopwords so "Entwickler in Berlin" still yields "entwickler berlin".
      if (prev !== 0) this.add(fmix32(Math.imul(prev ^ SEED_BIGRAM, FNV_PRIME) ^ h), W_BIGRAM);
      prev = h;
      const first = s.charCodeAt(start);
      if (first >= 0x30 && first <= 0x39) continue; // numbers: no sub-word features
      this.charGrams(s, start, Math.min(len, MAX_GRAM_WORD));
    }
  }

  /** 3-, 4- and 5-grams of "<word>" (fastText-style boundary marks make prefixes and suffixes count). */
  private charGrams(s: string, start: number, len: number): void {
    const w = this.word;
    const L = len + 2;
    w[0] = 0x3c;
    for (let j = 0; j < len; j++) w[j + 1] = s.charCodeAt(start + j);
    w[L - 1] = 0x3e;
    for (let a = 0; a + 3 <= L; a++) {
      let g = Math.imul(FNV_OFFSET ^ w[a]!, FNV_PRIME);
      g = Math.imul(g ^ w[a + 1]!, FNV_PRIME);
      g = Math.imul(g ^ w[a + 2]!, FNV_PRIME);
      this.add(fmix32(g ^ SEED_CHAR), W_CHAR);
      if (a + 4 > L) continue;
      g = Math.imul(g ^ w[a + 3]!, FNV_PRIME);
      this.add(fmix32(g ^ SEED_CHAR), W_CHAR);
      if (a + 5 > L) continue;
      g = Math.imul(g ^ w[a + 4]!, FNV_PRIME);
      this.add(fmix32(g ^ SEED_CHAR), W_CHAR);
    }
  }

  private add(key: number, weight: number): void {
    if (key === 0) key = 1; // 0 marks an empty slot
    const keys = this.keys;
    let slot = key & this.mask;
    for (;;) {
      const k = keys[slot]!;
      if (k === key) {
        const c = this.counts[slot]!;
        if (c < 0xffff) this.counts[slot] = c + 1;
        return;
      }
      if (k === 0) break;
      slot = (slot + 1) & this.mask;
    }
    keys[slot] = key;
    this.counts[slot] = 1;
    this.weights[slot] = weight;
    this.used[this.nUsed++] = slot;
    if (this.nUsed >= this.used.length) this.grow();
  }

  /** Double the table (only very long texts get here); re-inserts the features seen so far. */
  private grow(): void {
    const { keys, counts, weights, used, nUsed } = this;
    const cap = keys.length * 2;
    this.mask = cap - 1;
    this.keys = new Int32Array(cap);
    this.counts = new Uint16Array(cap);
    this.weights = new Float32Array(cap);
    this.used = new Int32Array(cap >> 1);
    this.nUsed = 0;
    for (let u = 0; u < nUsed; u++) {
      const old = used[u]!;
      let slot = keys[old]! & this.mask;
      while (this.keys[slot] !== 0) slot = (slot + 1) & this.mask;
      this.keys[slot] = keys[old]!;
      this.counts[slot] = counts[old]!;
      this.weights[slot] = weights[old]!;
      this.used[this.nUsed++] = slot;
    }
  }

  /** Sublinear tf into signed buckets, clear the table, L2-normalize. */
  private project(): Float32Array {
    const acc = this.acc;
    acc.fill(0);
    const dim = this.dim;
    for (let u = 0; u < this.nUsed; u++) {
      const slot = this.used[u]!;
      const key = this.keys[slot]!;
      const tf = this.counts[slot]!;
      const value = this.weights[slot]! * (tf < 64 ? SUBLINEAR[tf]! : 1 + Math.log(tf));
      const bucket = (key >>> 0) % dim;
      // The sign comes from other bits than the bucket so collisions cancel out on average.
      acc[bucket]! += Math.imul(key, 0x9e3779b1) < 0 ? -value : value;
      this.keys[slot] = 0;
    }
    this.nUsed = 0;
    let norm = 0;
    for (let d = 0; d < dim; d++) norm += acc[d]! * acc[d]!;
    const out = new Float32Array(dim);
    if (norm === 0) {
      // No features (empty or stopwords only): one fixed direction keeps the vector unit length.
      out[0] = 1;
      return out;
    }
    const inv = 1 / Math.sqrt(norm);
    for (let d = 0; d < dim; d++) out[d] = acc[d]! * inv;
    return out;
  }
}
