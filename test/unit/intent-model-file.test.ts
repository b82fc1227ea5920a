// The intent model `npm run build` stores answers every message as the model trained in the process
// does (what every process did before): same intent, same probability, same seenWith/seenAlone.
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  intentClassifierFrom,
  trainIntentClassifier,
  type IntentWeights,
} from "../../src/agents/intent-classifier.js";
import { INTENT_EXAMPLES } from "../../src/agents/intent-examples.js";
import {
  builtInIntentClassifier,
  intentModelStamp,
  openIntentModelFile,
  trainBuiltInIntentWeights,
  writeIntentModelFile,
} from "../../src/agents/intent-model-file.js";
import { loadRequests, REQUEST_PARTS } from "../support/request-set.js";

let dir: string;
let file: string;
let trained: IntentWeights;

beforeAll(() => {
  dir = mkdtempSync(path.join(os.tmpdir(), "jobscout-intent-model-"));
  file = path.join(dir, "intent-model.bin");
  trained = trainBuiltInIntentWeights();
  writeIntentModelFile(file, trained);
});

afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe("the stored intent model", () => {
  it("classifies every request of the request set as the model trained in the process", () => {
    const stored = openIntentModelFile(file);
    if (!stored) throw new Error("the model just written did not open");
    const fromFile = intentClassifierFrom(stored, INTENT_EXAMPLES);
    const inProcess = trainIntentClassifier(INTENT_EXAMPLES);
    const builtIn = builtInIntentClassifier();
    const texts = REQUEST_PARTS.flatMap((p) => loadRequests(p).map((r) => r.t));
    expect(texts.length).toBeGreaterThan(1000);
    const answers = (c: typeof inProcess) =>
      texts.map((t) => [c.classify(t), c.seenWith(t, "details"), c.seenAlone(t, "saved")]);
    const expected = answers(inProcess);
    expect(answers(fromFile)).toEqual(expected);
    expect(answers(builtIn)).toEqual(expected);
    // Not one label for all: the comparison is between real answers.
    expect(new Set(expected.map(([p]) => (p as { label: string }).label)).size).toBeGreaterThan(10);
    expect(fromFile.classify("Läuft die Suche noch?")).toEqual({ label: "status", p: 0.9445819134313657 });
  });

  it("is not used when written by other code, cut off or damaged", () => {
    expect(openIntentModelFile(file, "another stamp")).toBeUndefined();
    expect(openIntentModelFile(path.join(dir, "missing.bin"))).toBeUndefined();
    const bytes = readFileSync(file);
    const cut = path.join(dir, "cut.bin");
    writeFileSync(cut, bytes.subarray(0, bytes.length - 8));
    expect(openIntentModelFile(cut)).toBeUndefined();
    const garbage = path.join(dir, "garbage.bin");
    writeFileSync(garbage, "JSINTM01 not a model");
    expect(openIntentModelFile(garbage)).toBeUndefined();
    const reopened = openIntentModelFile(file, intentModelStamp());
    const bytes64 = (a: Float64Array | undefined) =>
      Buffer.from(a?.buffer ?? new ArrayBuffer(0), a?.byteOffset, a?.byteLength);
    expect(bytes64(reopened?.weights).equals(bytes64(trained.weights))).toBe(true);
    expect(reopened?.bias).toEqual(trained.bias);
  });
});
