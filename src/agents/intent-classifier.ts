// A small intent classifier for the offline model: multinomial logistic regression over folded word
// unigrams and bigrams and character n-grams of each word, trained from labelled examples (the tune
// part of the request set, see intent-examples.ts). The rules in intent.ts read searches and their
// filters well but know the other intents only by their word lists; this model generalises from
// how those intents are asked ("Läuft die Suche noch?", "where do you get your postings?") to
// wordings it has not seen, and intent.ts consults it where the rules only found a search.
//
// Training is stochastic gradient descent from zero weights, the examples shuffled by a seeded
// generator: the same examples give the same model on every machine. It takes about 0.2 s of CPU
// for a few hundred examples: `npm run build` stores the trained weights (intent-model-file.ts), and
// a process without a current stored model trains once, on first use.
import { foldText } from "../core/text.js";
import { seededRandom } from "../core/seeded-random.js";

export interface IntentPrediction {
  label: string;
  /** The model's probability of `label` (softmax over all labels). */
  p: number;
}

export interface IntentClassifier {
  readonly labels: readonly string[];
  classify(text: string): IntentPrediction;
  /**
   * Whether one of a message's words (not a number or a URL) was in a training example of `label`.
   * Without one, a label is only guessed from the message's length and letters ("UX" read as a
   * greeting because it is short, "turn 10" as details because "4" alone asks for job 4).
   */
  seenWith(text: string, label: string): boolean;
  /** Whether a message's words are, folded, the whole of a training example of `label` ("Merkliste"). */
  seenAlone(text: string, label: string): boolean;
}

/** Training settings. */
export interface IntentTrainingOptions {
  /** Passes over the examples. @defaultValue 30 */
  epochs?: number;
  /** Step size of stochastic gradient descent (shrinking by epoch). @defaultValue 1 */
  rate?: number;
  /** Weight decay per step on the weights a step touches. @defaultValue 0.0001 */
  l2?: number;
  /** Seed of the example order. @defaultValue 15 */
  seed?: number;
}

/** Folded words: lower case, accents and umlauts folded (ä, ae → a), numbers and URLs as one token. */
export function wordsOf(text: string): string[] {
  return foldText(text)
    .replace(/https?:\/\/\S+/g, " urlx ")
    .replace(/ae/g, "a")
    .replace(/oe/g, "o")
    .replace(/ue/g, "u")
    .replace(/\d+/g, " 0 ")
    .split(/[^\p{L}\p{N}]+/u)
    .filter((w) => w.length > 0);
}

function wordFeatures(word: string, out: string[]): void {
  out.push(`w:${word}`);
  const padded = `<${word}>`;
  for (let n = 3; n <= 5; n++)
    for (let i = 0; i + n <= padded.length; i++) out.push(`c:${padded.slice(i, i + n)}`);
}

/** The features of a message: words, word pairs, character n-grams, a question mark, its length. */
export function featuresOf(text: string): string[] {
  const words = wordsOf(text);
  const out: string[] = [];
  for (const w of words) wordFeatures(w, out);
  const framed = ["^", ...words, "$"];
  for (let i = 0; i + 1 < framed.length; i++) out.push(`b:${framed[i]}_${framed[i + 1]}`);
  if (text.trim().endsWith("?")) out.push("q:?");
  out.push(`n:${Math.min(words.length, 6)}`);
  return out;
}

function softmax(z: Float64Array): Float64Array {
  let max = -Infinity;
  for (const v of z) max = Math.max(max, v);
  let sum = 0;
  for (let k = 0; k < z.length; k++) {
    z[k] = Math.exp((z[k] ?? 0) - max);
    sum += z[k] ?? 0;
  }
  for (let k = 0; k < z.length; k++) z[k] = (z[k] ?? 0) / sum;
  return z;
}

/** A trained model: what training computes, and what the build stores (intent-model-file.ts). */
export interface IntentWeights {
  /** Sorted. */
  labels: string[];
  /** Feature strings by id. */
  features: string[];
  /** `features.length × labels.length`, row-major by feature. */
  weights: Float64Array;
  bias: Float64Array;
}

/** Train on (text, label) examples; the labels are whatever the caller names them. */
export function trainIntentClassifier(
  examples: ReadonlyArray<readonly [text: string, label: string]>,
  options: IntentTrainingOptions = {},
): IntentClassifier {
  return intentClassifierFrom(trainIntentWeights(examples, options), examples);
}

/** The weights {@link trainIntentClassifier} learns from `examples` (the same on every machine). */
export function trainIntentWeights(
  examples: ReadonlyArray<readonly [text: string, label: string]>,
  options: IntentTrainingOptions = {},
): IntentWeights {
  const { epochs = 30, rate = 1, l2 = 0.0001, seed = 15 } = options;
  const labels = [...new Set(examples.map(([, l]) => l))].sort();
  const labelIndex = new Map(labels.map((l, i) => [l, i]));
  const vocabulary = new Map<string, number>();
  const rows = examples.map(([text, label]) => {
    const ids = [...new Set(featuresOf(text))].map((f) => {
      let id = vocabulary.get(f);
      if (id === undefined) vocabulary.set(f, (id = vocabulary.size));
      return id;
    });
    // Features are binary and scaled by 1/√(their count), so long messages do not outweigh short
    // ones ("mehr" and "gib mir bitte noch mehr Ergebnisse" pull equally).
    return { ids, y: labelIndex.get(label) ?? 0, s: 1 / Math.sqrt(Math.max(1, ids.length)) };
  });
  const K = labels.length;
  const weights = new Float64Array(vocabulary.size * K);
  const bias = new Float64Array(K);
  const random = seededRandom(seed);
  const order = rows.map((_, i) => i);
  for (let epoch = 0; epoch < epochs; epoch++) {
    for (let i = order.length - 1; i > 0; i--) {
      const j = Math.floor(random() * (i + 1));
      [order[i], order[j]] = [order[j] ?? 0, order[i] ?? 0];
    }
    const step = rate / (1 + epoch / 10);
    for (const i of order) {
      const r = rows[i];
      if (!r) continue;
      const p = softmax(scoresOf(weights, bias, r.ids, r.s));
      for (let k = 0; k < K; k++) {
        const g = (p[k] ?? 0) - (k === r.y ? 1 : 0);
        bias[k] = (bias[k] ?? 0) - step * g;
        for (const id of r.ids) {
          const w = weights[id * K + k] ?? 0;
          weights[id * K + k] = w - step * (g * r.s + l2 * w);
        }
      }
    }
  }
  return { labels, features: [...vocabulary.keys()], weights, bias };
}

function scoresOf(
  weights: Float64Array,
  bias: Float64Array,
  ids: readonly number[],
  s: number,
): Float64Array {
  const K = bias.length;
  const z = new Float64Array(K);
  for (const id of ids) for (let k = 0; k < K; k++) z[k] = (z[k] ?? 0) + (weights[id * K + k] ?? 0);
  for (let k = 0; k < K; k++) z[k] = (z[k] ?? 0) * s + (bias[k] ?? 0);
  return z;
}

/** The classifier of trained `model`; `examples` are the ones it was trained on (for seenWith/seenAlone). */
export function intentClassifierFrom(
  model: IntentWeights,
  examples: ReadonlyArray<readonly [text: string, label: string]>,
): IntentClassifier {
  const { labels, weights, bias } = model;
  const K = labels.length;
  const vocabulary = new Map(model.features.map((f, i) => [f, i]));
  const wordsByLabel = new Map<string, Set<string>>(labels.map((l) => [l, new Set<string>()]));
  for (const [text, label] of examples) for (const w of wordsOf(text)) wordsByLabel.get(label)?.add(w);
  const wholeExamples = new Set(examples.map(([text, label]) => `${label}\t${wordsOf(text).join(" ")}`));
  const idsOf = (features: readonly string[]) =>
    [...new Set(features)].map((f) => vocabulary.get(f)).filter((id): id is number => id !== undefined);
  return {
    labels,
    classify(text) {
      const features = featuresOf(text);
      // Scaled by all of the message's features, known or not, as in training.
      const p = softmax(
        scoresOf(weights, bias, idsOf(features), 1 / Math.sqrt(Math.max(1, new Set(features).size))),
      );
      let best = 0;
      for (let k = 1; k < K; k++) if ((p[k] ?? 0) > (p[best] ?? 0)) best = k;
      return { label: labels[best] ?? "search", p: p[best] ?? 0 };
    },
    seenWith(text, label) {
      const words = wordsByLabel.get(label);
      // A number or a URL is no word of asking: "turn 10" or "HTTP 429" asks for no job's details.
      return words !== undefined && wordsOf(text).some((w) => w !== "0" && w !== "urlx" && words.has(w));
    },
    seenAlone(text, label) {
      return wholeExamples.has(`${label}\t${wordsOf(text).join(" ")}`);
    },
  };
}
