// Fuzzing the ATS normalizers: 1,000 mutated copies of the recorded items per normalizer (seeded, so
// a failure replays): keys dropped and renamed, wrong types, nulls, huge strings, odd unicode,
// nested garbage. Every item must come back normalized (and valid) or rejected with a reason — no
// throw, and no rejection by the catch-all, which would mean a crash the normalizer hid.
import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { postingSchema } from "../../src/core/posting.js";
import { normalizeAshbyItem } from "../../src/pipeline/sources/ashby.source.js";
import { UNEXPECTED } from "../../src/pipeline/sources/ats-common.js";
import { normalizeGreenhouseItem } from "../../src/pipeline/sources/greenhouse.source.js";
import { normalizeLeverItem } from "../../src/pipeline/sources/lever.source.js";
import { normalizeSmartRecruitersItem } from "../../src/pipeline/sources/smartrecruiters.source.js";
import type { NormalizeResult, RawItem } from "../../src/pipeline/sources/source.js";
import { rng as prng } from "../support/rng.js";

const PAYLOADS = 1000;

type Json = null | boolean | number | string | Json[] | { [k: string]: Json };
const fixture = (f: string): unknown =>
  JSON.parse(readFileSync(new URL(`../fixtures/job-sources/${f}`, import.meta.url), "utf8"));

const UNICODE = [
  "😀👩‍💻🇩🇪",
  "\u202eevil\u202c",
  "\u200b\u200d\ufeff",
  "\ud800",
  "\u0000NUL",
  "Zürich, Österreich, Łódź",
  "東京都, 日本",
  "مرحبا",
  "&lt;script&gt;alert(1)&lt;/script&gt;",
  "<script>alert(1)</script><p>x</p>",
  "javascript:alert(1)",
  "__proto__",
  "   ",
  "",
];

function hugeString(r: () => number): string {
  const n = 20_000 + Math.floor(r() * 100_000);
  const unit = ["a", "<p>ab</p>", "&lt;li&gt;x", "😀", "Berlin, ", " "][Math.floor(r() * 6)]!;
  return unit.repeat(Math.ceil(n / unit.length)).slice(0, n);
}

function garbage(r: () => number, depth = 0): Json {
  const k = Math.floor(r() * (depth > 30 ? 6 : 8));
  switch (k) {
    case 0:
      return null;
    case 1:
      return r() < 0.5;
    case 2:
      return [0, -1, 1e308, -1e-308, Number.MAX_SAFE_INTEGER, 1.5, 1711403416463][Math.floor(r() * 7)]!;
    case 3:
      return UNICODE[Math.floor(r() * UNICODE.length)]!;
    case 4:
      return "2026-02-30T25:61:00Z";
    case 5:
      return "https://example.org/x";
    case 6:
      return [garbage(r, depth + 1), garbage(r, depth + 1)];
    default:
      return {
        [UNICODE[Math.floor(r() * UNICODE.length)]!]: garbage(r, depth + 1),
        nested: garbage(r, depth + 1),
      };
  }
}

/** Every container and key in a value, so a mutation can hit any depth. */
function slots(v: Json, out: { parent: Json[] | { [k: string]: Json }; key: string | number }[] = []) {
  if (Array.isArray(v)) {
    v.forEach((x, i) => {
      out.push({ parent: v, key: i });
      slots(x, out);
    });
  } else if (v && typeof v === "object") {
    for (const [k, x] of Object.entries(v)) {
      out.push({ parent: v, key: k });
      slots(x, out);
    }
  }
  return out;
}

function mutate(item: Json, r: () => number): Json {
  const root = structuredClone(item);
  const times = 1 + Math.floor(r() * 4);
  for (let t = 0; t < times; t++) {
    const all = slots(root);
    const slot = all[Math.floor(r() * all.length)];
    if (!slot) break;
    const { parent, key } = slot;
    const set = (v: Json) => ((parent as Record<string | number, Json>)[key] = v);
    const op = Math.floor(r() * 8);
    if (op === 0) {
      if (Array.isArray(parent)) parent.splice(Number(key), 1);
      else delete parent[key];
    } else if (op === 1 && !Array.isArray(parent)) {
      const v = parent[key]!;
      delete parent[key];
      parent[`${String(key)}_${Math.floor(r() * 100)}`] = v;
    } else if (op === 2) set(null);
    else if (op === 3) set(hugeString(r));
    else if (op === 4) set(UNICODE[Math.floor(r() * UNICODE.length)]!);
    else if (op === 5) set(garbage(r));
    else if (op === 6) {
      // The same value as another type: "123" ↔ 123, "x" → ["x"], {…} → "[object Object]".
      const v = (parent as Record<string | number, Json>)[key];
      set(
        typeof v === "string"
          ? Number(v) || [v]
          : typeof v === "number"
            ? String(v)
            : JSON.stringify(v ?? null),
      );
    } else {
      let deep: Json = "bottom";
      for (let d = 0; d < 60; d++) deep = r() < 0.5 ? [deep] : { d: deep };
      set(deep);
    }
  }
  return root;
}

interface Case {
  name: string;
  items: Json[];
  idField: string;
  normalize(item: RawItem): NormalizeResult;
}

const srList = (fixture("smartrecruiters/postings-list-hirevue.json") as { content: { [k: string]: Json }[] })
  .content;
const srDetails = ["posting-detail-hirevue.json", "posting-detail-visa.json"].map(
  (f) => fixture(`smartrecruiters/${f}`) as { [k: string]: Json },
);

const CASES: Case[] = [
  {
    name: "greenhouse",
    items: (fixture("greenhouse/boards-jobs-content-smarterdx.json") as { jobs: Json[] }).jobs,
    idField: "id",
    normalize: (i) => normalizeGreenhouseItem(i, { board: "smarterdx" }),
  },
  {
    name: "lever",
    items: fixture("lever/postings-palantir.json") as Json[],
    idField: "id",
    normalize: (i) => normalizeLeverItem(i, { company: "palantir" }),
  },
  {
    name: "ashby",
    items: [
      ...(fixture("ashby/job-board-with-compensation.json") as { jobs: Json[] }).jobs,
      ...(fixture("ashby/job-board-truelogic.json") as { jobs: Json[] }).jobs,
    ],
    idField: "id",
    normalize: (i) => normalizeAshbyItem(i, { board: "openevidence" }),
  },
  {
    name: "smartrecruiters",
    // What the adapter stages: a list item with its detail merged over it.
    items: [...srList, ...srDetails.map((d) => ({ ...srList[0]!, ...d }))],
    idField: "id",
    normalize: (i) => normalizeSmartRecruitersItem(i, { company: "hirevue" }),
  },
];

describe.each(CASES)("$name normalizer under fuzzing", (c) => {
  it(`normalizes or rejects each of ${PAYLOADS} mutated items with a reason, never throwing`, () => {
    const r = prng(0xa75 + c.name.length);
    let ok = 0;
    let rejected = 0;
    for (let n = 0; n < PAYLOADS; n++) {
      const raw = mutate(c.items[n % c.items.length]!, r);
      const id = raw && typeof raw === "object" && !Array.isArray(raw) ? raw[c.idField] : undefined;
      const item: RawItem = { sourceId: typeof id === "string" && id ? id : `fuzz-${n}`, raw };
      let result: NormalizeResult;
      try {
        result = c.normalize(item);
      } catch (err) {
        throw new Error(`${c.name} payload ${n} threw: ${String(err)}`, { cause: err });
      }
      if (result.ok) {
        ok++;
        const check = postingSchema.safeParse(result.posting);
        expect(check.success, `${c.name} payload ${n}: ${JSON.stringify(check.error?.issues[0])}`).toBe(true);
        // Markup of the ad never survives as text (a literal "<script>" the source escaped is text, though).
        const tag = /<\/?(?:p|li|ul|div|h[1-6]|strong|span)\b[^>]*>/.exec(result.posting.description);
        expect(
          tag,
          `${c.name} payload ${n}: ${result.posting.description.slice(Math.max(0, (tag?.index ?? 0) - 200), (tag?.index ?? 0) + 100)}`,
        ).toBeNull();
      } else {
        rejected++;
        expect(result.reason).toMatch(/\S/);
        expect(result.reason, `${c.name} payload ${n}`).not.toContain(UNEXPECTED);
      }
    }
    // Both outcomes occur, so the mutations neither miss the normalizer's checks nor break every item.
    expect(ok).toBeGreaterThan(PAYLOADS * 0.2);
    expect(rejected).toBeGreaterThan(PAYLOADS * 0.02);
  });

  it("rejects items that are not objects at all", () => {
    for (const raw of [null, undefined, 0, "x", [], [{}], true]) {
      const r = c.normalize({ sourceId: "junk", raw });
      expect(r.ok).toBe(false);
      if (!r.ok) expect(r.reason).not.toContain(UNEXPECTED);
    }
  });
});
