import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { normalizeArbeitnowItem } from "../../src/pipeline/sources/arbeitnow.source.js";
import {
  bandKeys,
  BANDS,
  minhash,
  sketchFromBytes,
  sketchSimilarity,
  sketchToBytes,
} from "../../src/pipeline/dedupe/minhash.js";

// Real descriptions: the recorded Arbeitnow postings, as the adapter turns them into text.
const descriptions = (
  JSON.parse(
    readFileSync(
      new URL("../fixtures/job-sources/arbeitnow/job-board-api-data-100.json", import.meta.url),
      "utf8",
    ),
  ) as { data: Array<{ slug: string }> }
).data.flatMap((raw) => {
  const r = normalizeArbeitnowItem({ sourceId: raw.slug, raw });
  return r.ok ? [r.posting.description] : [];
});
const text = descriptions.find((d) => d.length > 3000)!;
const other = descriptions.find((d) => d.length > 3000 && d.slice(0, 200) !== text.slice(0, 200))!;

describe("minhash", () => {
  it("sees the same text through different formatting as the same", () => {
    const reformatted = text.replace(/^• /gm, "- ").replace(/\n+/g, "\n\n").toUpperCase();
    expect(sketchSimilarity(minhash(text)!, minhash(reformatted)!)).toBe(1);
  });

  it("estimates a small edit as very similar and another posting as dissimilar", () => {
    const edited = `${text}\n\nJetzt bewerben über unser Portal! Wir freuen uns auf Ihre Bewerbung.`;
    expect(sketchSimilarity(minhash(text)!, minhash(edited)!)).toBeGreaterThan(0.85);
    expect(sketchSimilarity(minhash(text)!, minhash(other)!)).toBeLessThan(0.3);
  });

  it("does not sketch texts too short to compare", () => {
    expect(
      minhash("Verkäufer bei Der Beck in Bamberg. Beruf: Verkäufer. Arbeitszeit: Vollzeit."),
    ).toBeUndefined();
  });

  it("puts near-duplicates of one company in a shared LSH bucket, and never another company's", () => {
    const a = minhash(text)!;
    const b = minhash(`${text}\nApply now.`)!;
    const keys = bandKeys(a, "acme");
    expect(keys).toHaveLength(BANDS);
    expect(keys.every((k) => Number.isSafeInteger(k) && k >= 0)).toBe(true);
    expect(bandKeys(b, "acme").some((k) => keys.includes(k))).toBe(true);
    expect(bandKeys(a, "globex").some((k) => keys.includes(k))).toBe(false);
  });

  it("round-trips a signature through its stored bytes", () => {
    const sig = minhash(text)!;
    expect(sketchFromBytes(sketchToBytes(sig))).toEqual(sig);
    expect(sketchFromBytes(Buffer.alloc(10))).toBeUndefined();
    expect(sketchFromBytes(null)).toBeUndefined();
  });
});
