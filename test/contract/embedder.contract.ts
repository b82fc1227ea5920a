// One behavioural contract for every Embedder (run by embedder.test.ts).
import { describe, expect, it } from "vitest";
import { embedderKey, type Embedder } from "../../src/search/embedder.js";

export interface EmbedderFactory {
  name: string;
  create(): Embedder | Promise<Embedder>;
  /** Expected vector length. */
  dim: number;
}

const dot = (a: Float32Array, b: Float32Array) => a.reduce((s, x, i) => s + x * b[i]!, 0);
const norm = (a: Float32Array) => Math.sqrt(dot(a, a));

/** [query, related, unrelated]: the related text must be closer to the query. */
const TRIPLES: ReadonlyArray<[string, string, string]> = [
  ["Python developer Berlin", "Senior Python engineer", "Krankenpfleger Intensivstation"],
  [
    "Krankenpfleger Intensivstation",
    "Gesundheits- und Krankenpflegerin (m/w/d) auf der Intensivstation",
    "Senior Python engineer",
  ],
  ["Pflege", "Pflegefachkraft in der ambulanten Pflege", "Java Softwareentwickler"],
  ["Softwareentwickler Java", "Java Developer (Backend, Spring)", "Lagerhelfer mit Staplerschein"],
  ["SOC Analyst", "Security Operations Center analyst, incident response", "Bäckereifachverkäuferin"],
  ["Lagerhelfer Gabelstapler", "Lagermitarbeiter mit Staplerschein", "Data Scientist Machine Learning"],
];

export function embedderContract(factory: EmbedderFactory): void {
  describe(`Embedder contract: ${factory.name}`, () => {
    it("has a key naming id, version and dimension", async () => {
      const e = await factory.create();
      expect(e.dim).toBe(factory.dim);
      expect(embedderKey(e)).toBe(`${e.id}@${e.version}/${factory.dim}`);
      expect(e.id).toMatch(/\S/);
      expect(e.version).toMatch(/\S/);
    });

    it("returns one unit vector of the right length per text, in order", async () => {
      const e = await factory.create();
      const texts = ["Python developer", "Krankenpfleger", "", "!!! ???", "der die das"];
      const vs = await e.embed(texts);
      expect(vs).toHaveLength(texts.length);
      for (const v of vs) {
        expect(v).toBeInstanceOf(Float32Array);
        expect(v.length).toBe(factory.dim);
        expect(norm(v)).toBeCloseTo(1, 5);
      }
      const [single] = await e.embed(["Krankenpfleger"]);
      expect([...single!]).toEqual([...vs[1]!]);
    });

    it("is deterministic across calls and instances", async () => {
      const texts = [
        "Senior Python engineer (m/w/d) in Frankfurt am Main",
        "Gesundheits- und Krankenpfleger",
      ];
      const a = await (await factory.create()).embed(texts);
      const e = await factory.create();
      await e.embed(["something else first, to dirty any internal buffers"]);
      const b = await e.embed(texts);
      expect(a.map((v) => [...v])).toEqual(b.map((v) => [...v]));
    });

    it("puts related texts closer than unrelated ones", async () => {
      const e = await factory.create();
      for (const [q, related, unrelated] of TRIPLES) {
        const [vq, vr, vu] = await e.embed([q, related, unrelated]);
        expect(dot(vq!, vr!), `${q} ~ ${related} vs ${unrelated}`).toBeGreaterThan(dot(vq!, vu!) + 0.05);
      }
    });

    it("treats case and diacritics alike", async () => {
      const e = await factory.create();
      const [a, b] = await e.embed(["Würzburg Straße Mitarbeiter", "WURZBURG STRASSE mitarbeiter"]);
      expect(dot(a!, b!)).toBeGreaterThan(0.999);
    });
  });
}
