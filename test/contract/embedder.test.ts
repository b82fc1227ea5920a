import { describe, expect, it } from "vitest";
import { HashingEmbedder } from "../../src/search/hashing.embedder.js";
import { embedderContract } from "./embedder.contract.js";

embedderContract({ name: "HashingEmbedder (384)", create: () => new HashingEmbedder(), dim: 384 });
embedderContract({
  name: "HashingEmbedder (256)",
  create: () => new HashingEmbedder({ dim: 256 }),
  dim: 256,
});

describe("HashingEmbedder", () => {
  it("embedOne equals embed, and long texts (table growth) still give unit vectors", async () => {
    const e = new HashingEmbedder();
    const long = Array.from({ length: 4000 }, (_, i) => `wort${i} term${i * 7}`).join(" ");
    const [batch] = await e.embed([long]);
    const one = e.embedOne(long);
    expect([...one]).toEqual([...batch!]);
    expect(Math.hypot(...one)).toBeCloseTo(1, 5);
    // The table shrinks back to normal behaviour for the next text.
    expect([...e.embedOne("Python")]).toEqual([...new HashingEmbedder().embedOne("Python")]);
  });

  it("keeps unrelated texts near orthogonal (signed hashing cancels bucket collisions)", () => {
    const e = new HashingEmbedder();
    const texts = [
      "Senior Python engineer, Django and PostgreSQL",
      "Krankenpfleger auf der Intensivstation im Schichtdienst",
      "Lagerhelfer mit Staplerschein in Bamberg",
      "Erzieherin für unsere Kita, Teilzeit",
      "Bäckereifachverkäuferin gesucht",
    ].map((t) => e.embedOne(t));
    for (let i = 0; i < texts.length; i++) {
      for (let j = i + 1; j < texts.length; j++) {
        const cos = texts[i]!.reduce((s, x, d) => s + x * texts[j]![d]!, 0);
        expect(Math.abs(cos)).toBeLessThan(0.2);
      }
    }
  });

  it("takes its dimension from the options and rejects a useless one", () => {
    expect(new HashingEmbedder({ dim: 128 }).dim).toBe(128);
    expect(() => new HashingEmbedder({ dim: 0 })).toThrow(/dim/);
  });
});
