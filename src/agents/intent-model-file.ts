// The built-in intent classifier, trained from INTENT_EXAMPLES with the default settings. Training
// takes ~0.2 s of CPU, which every CLI command, worker and bot process paid at its first message:
// `npm run build` stores the trained weights in dist/artifacts/ (src/build-artifacts.ts) and a
// process reads them in a few milliseconds. The file is used only when its stamp matches the text of
// the modules that train the model and hold its examples (src/core/artifacts.ts); otherwise the
// process trains as before, so the classifier answers the same either way. Layout (little-endian):
//   "JSINTM01" · u32 header length · header JSON {stamps, labels, features} · zero padding to 8 bytes
//   · f64[features × labels] weights · f64[labels] bias
import { readFileSync, renameSync, writeFileSync } from "node:fs";
import { artifactPath, codeStamp, codeStamps } from "../core/artifacts.js";
import {
  intentClassifierFrom,
  trainIntentWeights,
  type IntentClassifier,
  type IntentWeights,
} from "./intent-classifier.js";
import { INTENT_EXAMPLES } from "./intent-examples.js";

const MAGIC = "JSINTM01";

/** The stored model's file name in the build's artifacts directory. */
export const INTENT_MODEL_FILE = "intent-model.bin";

// The weights follow from the examples, the features and training code, and this file's choice of
// examples and settings (and its layout).
const BUILT_BY = [
  "./intent-model-file.js",
  "./intent-classifier.js",
  "./intent-examples.js",
  "../core/text.js",
  "../core/seeded-random.js",
];

/** The stamp a stored model must carry to be used by this process. */
export function intentModelStamp(): string | undefined {
  return codeStamp(import.meta.url, BUILT_BY, MAGIC);
}

/** The stamps a stored model is written with: for the compiled modules and their TypeScript source. */
export function intentModelStamps(): string[] {
  return codeStamps(import.meta.url, BUILT_BY, MAGIC);
}

/** The weights of the built-in classifier, trained now. */
export function trainBuiltInIntentWeights(): IntentWeights {
  return trainIntentWeights(INTENT_EXAMPLES);
}

/** Store `model` in `file` (temp file and rename), stamped for the compiled and the source modules. */
export function writeIntentModelFile(file: string, model: IntentWeights, stamps = intentModelStamps()): void {
  const header = Buffer.from(
    JSON.stringify({ stamps, labels: model.labels, features: model.features }),
    "utf8",
  );
  const start = Math.ceil((MAGIC.length + 4 + header.length) / 8) * 8;
  const out = Buffer.alloc(start + model.weights.byteLength + model.bias.byteLength);
  out.write(MAGIC, 0, "latin1");
  out.writeUInt32LE(header.length, MAGIC.length);
  header.copy(out, MAGIC.length + 4);
  Buffer.from(model.weights.buffer, model.weights.byteOffset, model.weights.byteLength).copy(out, start);
  Buffer.from(model.bias.buffer, model.bias.byteOffset, model.bias.byteLength).copy(
    out,
    start + model.weights.byteLength,
  );
  const tmp = `${file}.tmp-${process.pid}`;
  writeFileSync(tmp, out);
  renameSync(tmp, file);
}

/** The model stored in `file` if it was written for `stamp` and is whole; undefined otherwise. */
export function openIntentModelFile(file: string, stamp = intentModelStamp()): IntentWeights | undefined {
  if (stamp === undefined) return undefined;
  try {
    const raw = readFileSync(file);
    if (raw.length < MAGIC.length + 4 || raw.toString("latin1", 0, MAGIC.length) !== MAGIC) return undefined;
    const length = raw.readUInt32LE(MAGIC.length);
    const header = JSON.parse(raw.toString("utf8", MAGIC.length + 4, MAGIC.length + 4 + length)) as {
      stamps?: unknown;
      labels?: unknown;
      features?: unknown;
    };
    if (!Array.isArray(header.stamps) || !header.stamps.includes(stamp)) return undefined;
    const strings = (x: unknown): x is string[] => Array.isArray(x) && x.every((s) => typeof s === "string");
    if (!strings(header.labels) || !strings(header.features)) return undefined;
    const K = header.labels.length;
    const start = Math.ceil((MAGIC.length + 4 + length) / 8) * 8;
    if (raw.length !== start + (header.features.length + 1) * K * 8) return undefined;
    // Copied out: a Float64Array needs 8-byte alignment, which a Buffer's offset need not have.
    const floats = new Float64Array(new Uint8Array(raw.subarray(start)).buffer);
    return {
      labels: header.labels,
      features: header.features,
      weights: floats.subarray(0, header.features.length * K),
      bias: floats.subarray(header.features.length * K),
    };
  } catch {
    return undefined;
  }
}

/** The built-in classifier: the stored model when it is current, else trained now. */
export function builtInIntentClassifier(): IntentClassifier {
  const stored = openIntentModelFile(artifactPath(INTENT_MODEL_FILE));
  return intentClassifierFrom(stored ?? trainBuiltInIntentWeights(), INTENT_EXAMPLES);
}
