// The labelled request set is what the offline parser is measured by (bench/intent.bench.ts): these
// tests keep it a fair measure — large enough, covering the ways people ask that the parser must
// understand, labelled consistently — and hold the parser to its figures on both parts.
import { describe, expect, it } from "vitest";
import { parseIntent, type SearchArgs } from "../../src/agents/intent.js";
import { createPlaceLookup } from "../../src/agents/place-lookup.js";
import { resolvePlace } from "../../src/core/geo/gazetteer.js";
import { loadRequests, ratio, scoreParser, SEARCH_ARGS } from "../support/request-set.js";

const tune = loadRequests("tune");
const heldout = loadRequests("heldout");
// Written after the rules, never used to change them; measured by the bench, not held to a figure
// here (a test that fails when it misses would invite tuning the rules to it).
const heldout2 = loadRequests("heldout-2");
const heldout3 = loadRequests("heldout-3");
const heldout4 = loadRequests("heldout-4");
const heldout5 = loadRequests("heldout-5");
// Written blind after heldout-5 had been tuned on; its misses were read only after heldout-7 existed.
const heldout6 = loadRequests("heldout-6");
// Written blind after heldout-6; its author tuned the parser afterwards with its wordings in mind, so
// its misses are read since heldout-8 became the blind measure.
const heldout7 = loadRequests("heldout-7");
// Written blind by a second author who had not read the parser; read for tuning since 2026-12-04
// (heldout-9, kept out of this branch, is the blind measure now).
const heldout8 = loadRequests("heldout-8");
// Written blind by a third author (no parser code read or run), without profile and letter requests;
// the blind measure once heldout-8 was read for tuning.
const heldout9 = loadRequests("heldout-9");
// Written blind by a fourth author the same way; the blind measure once heldout-9 was read for tuning.
const heldout10 = loadRequests("heldout-10");
// Written blind by a fifth author while heldout-10 was read for tuning: the blind measure after it.
const heldout11 = loadRequests("heldout-11");
// Written blind by a sixth author while heldout-11 was read for tuning: the blind measure after it.
const heldout12 = loadRequests("heldout-12");
const all = [
  ...tune,
  ...heldout,
  ...heldout2,
  ...heldout3,
  ...heldout4,
  ...heldout5,
  ...heldout6,
  ...heldout7,
  ...heldout8,
  ...heldout9,
  ...heldout10,
  ...heldout11,
  ...heldout12,
];
const INTENTS = [
  "search",
  "refresh",
  "status",
  "more",
  "details",
  "mark",
  "saved",
  "track",
  "sources",
  "dashboard",
  "help",
  "greeting",
];
// Read by the same offline model (profile: intent-profile.ts, letters: intent-letters.ts).
const PROFILE_AND_LETTER = [
  "profile_show",
  "profile_forget",
  "profile_add",
  "explain_fit",
  "letter_draft",
  "letter_draft_top",
];

describe("the labelled request set", () => {
  it("has at least 300 requests, a held-out part of its own, and no request in both parts", () => {
    expect(all.length).toBeGreaterThanOrEqual(300);
    expect(heldout.length).toBeGreaterThanOrEqual(100);
    const tuneTexts = new Set(tune.map((r) => r.t.toLowerCase()));
    expect(heldout.filter((r) => tuneTexts.has(r.t.toLowerCase()))).toEqual([]);
    const earlier = new Set([...tune, ...heldout].map((r) => r.t.toLowerCase()));
    expect(heldout2.length).toBeGreaterThanOrEqual(100);
    expect(heldout2.filter((r) => earlier.has(r.t.toLowerCase()))).toEqual([]);
    const before3 = new Set([...tune, ...heldout, ...heldout2].map((r) => r.t.toLowerCase()));
    expect(heldout3.length).toBeGreaterThanOrEqual(60);
    expect(heldout3.filter((r) => before3.has(r.t.toLowerCase()))).toEqual([]);
    const before4 = new Set([...before3, ...heldout3.map((r) => r.t.toLowerCase())]);
    expect(heldout4.length).toBeGreaterThanOrEqual(60);
    expect(heldout4.filter((r) => before4.has(r.t.toLowerCase()))).toEqual([]);
    for (const intent of INTENTS)
      expect(
        heldout4.some((r) => r.i === intent),
        `heldout-4: ${intent}`,
      ).toBe(true);
    const before5 = new Set([...before4, ...heldout4.map((r) => r.t.toLowerCase())]);
    expect(heldout5.length).toBeGreaterThanOrEqual(120);
    expect(heldout5.filter((r) => before5.has(r.t.toLowerCase()))).toEqual([]);
    for (const intent of [...INTENTS, ...PROFILE_AND_LETTER])
      expect(
        heldout5.some((r) => r.i === intent),
        `heldout-5: ${intent}`,
      ).toBe(true);
    const before6 = new Set([...before5, ...heldout5.map((r) => r.t.toLowerCase())]);
    expect(heldout6.length).toBeGreaterThanOrEqual(120);
    expect(heldout6.filter((r) => before6.has(r.t.toLowerCase()))).toEqual([]);
    for (const intent of [...INTENTS, ...PROFILE_AND_LETTER])
      expect(
        heldout6.some((r) => r.i === intent),
        `heldout-6: ${intent}`,
      ).toBe(true);
    const before7 = new Set([...before6, ...heldout6.map((r) => r.t.toLowerCase())]);
    expect(heldout7.length).toBeGreaterThanOrEqual(150);
    expect(heldout7.filter((r) => before7.has(r.t.toLowerCase()))).toEqual([]);
    for (const intent of [...INTENTS, ...PROFILE_AND_LETTER])
      expect(
        heldout7.some((r) => r.i === intent),
        `heldout-7: ${intent}`,
      ).toBe(true);
    const before8 = new Set([...before7, ...heldout7.map((r) => r.t.toLowerCase())]);
    expect(heldout8.length).toBeGreaterThanOrEqual(160);
    expect(heldout8.filter((r) => before8.has(r.t.toLowerCase()))).toEqual([]);
    for (const intent of [...INTENTS, ...PROFILE_AND_LETTER])
      expect(
        heldout8.some((r) => r.i === intent),
        `heldout-8: ${intent}`,
      ).toBe(true);
    const before9 = new Set([...before8, ...heldout8.map((r) => r.t.toLowerCase())]);
    expect(heldout9.length).toBeGreaterThanOrEqual(250);
    expect(heldout9.filter((r) => before9.has(r.t.toLowerCase()))).toEqual([]);
    for (const intent of INTENTS)
      expect(
        heldout9.some((r) => r.i === intent),
        `heldout-9: ${intent}`,
      ).toBe(true);
    const before10 = new Set([...before9, ...heldout9.map((r) => r.t.toLowerCase())]);
    expect(heldout10.length).toBeGreaterThanOrEqual(250);
    expect(heldout10.filter((r) => before10.has(r.t.toLowerCase()))).toEqual([]);
    for (const intent of INTENTS)
      expect(
        heldout10.some((r) => r.i === intent),
        `heldout-10: ${intent}`,
      ).toBe(true);
    const before11 = new Set([...before10, ...heldout10.map((r) => r.t.toLowerCase())]);
    expect(heldout11.length).toBeGreaterThanOrEqual(250);
    expect(heldout11.filter((r) => before11.has(r.t.toLowerCase()))).toEqual([]);
    for (const intent of INTENTS)
      expect(
        heldout11.some((r) => r.i === intent),
        `heldout-11: ${intent}`,
      ).toBe(true);
    const before12 = new Set([...before11, ...heldout11.map((r) => r.t.toLowerCase())]);
    expect(heldout12.length).toBeGreaterThanOrEqual(250);
    expect(heldout12.filter((r) => before12.has(r.t.toLowerCase()))).toEqual([]);
    for (const intent of INTENTS)
      expect(
        heldout12.some((r) => r.i === intent),
        `heldout-12: ${intent}`,
      ).toBe(true);
  });

  it("labels every request with a known intent and only known arguments, places by their gazetteer name", () => {
    for (const r of all) {
      expect([...INTENTS, ...PROFILE_AND_LETTER], r.t).toContain(r.i);
      for (const key of Object.keys(r.a ?? {}))
        expect([...SEARCH_ARGS, "n", "action", "url"], `${r.t}: ${key}`).toContain(key);
      const place = r.a?.place;
      if (typeof place === "string") expect(resolvePlace(place)?.name, r.t).toBe(place);
    }
  });

  it("covers the ways of asking the issue lists, in both parts", () => {
    const cases = [
      /in der Nähe von/,
      /im Umkreis von \d+ km/,
      /rund um/,
      /bis \d+ km/,
      /Homeoffice/,
      /remote möglich/,
      /hybrid/i,
      /Vollzeit/,
      /Teilzeit/,
      /Minijob/,
      /Werkstudent/,
      /Ausbildung/,
      /Praktikum/,
      /ab \d+k/,
      /mindestens [\d.]+ € brutto/,
      /Senior/i,
      /Berufseinsteiger/,
      /junior/i,
      /seit gestern/,
      /diese Woche/,
      /letzte 3 Tage/,
      /Nuremberg/,
      /Munich/,
      /Cologne/,
      /(ue|oe|ae)/,
      /^nur remote/,
      /^und in München\?/,
      /^zeig mehr$/,
      /^Details zu \d$/,
      /^merk dir Nummer \d$/,
    ];
    for (const re of cases) {
      expect(
        tune.some((r) => re.test(r.t)),
        `tune: ${re}`,
      ).toBe(true);
      expect(heldout.some((r) => re.test(r.t)) || re.source.startsWith("^"), `heldout: ${re}`).toBe(true);
    }
    for (const intent of INTENTS)
      expect(
        heldout.some((r) => r.i === intent),
        intent,
      ).toBe(true);
  });

  it("is understood by the offline parser: intent ≥ 97% and every argument ≥ 95% on each part", () => {
    const lookup = createPlaceLookup((name) => resolvePlace(name));
    for (const part of [tune, heldout]) {
      const score = scoreParser((t, p) => parseIntent(t, lookup, p as SearchArgs | undefined), part);
      expect(ratio(score.intent), JSON.stringify(score.misses)).toBeGreaterThanOrEqual(0.97);
      for (const [key, s] of Object.entries(score.args))
        expect(ratio(s), `${key}: ${JSON.stringify(score.misses)}`).toBeGreaterThanOrEqual(0.95);
    }
  });
});
