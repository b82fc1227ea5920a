// Seeded fuzzing of the feed/page normalizers and body parsers: 1,000 mutated items per normalizer
// (keys dropped or renamed, wrong types, nulls, huge strings, odd unicode, nested garbage). Each item
// must come back as a valid posting or as a reason; nothing may throw. Bodies mutated byte-wise must
// parse or fail as an HttpError, never as anything else.
import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { postingSchema } from "../../src/core/posting.js";
import { normalizeDeutscheBankItem } from "../../src/pipeline/sources/deutsche-bank.source.js";
import { HttpError } from "../../src/pipeline/sources/http.js";
import { extractJobPostings, normalizeJobPosting } from "../../src/pipeline/sources/jsonld.source.js";
import { normalizePersonioPosition } from "../../src/pipeline/sources/personio.source.js";
import { feedItems, normalizeFeedItem } from "../../src/pipeline/sources/rss.source.js";
import type { NormalizeResult, RawItem } from "../../src/pipeline/sources/source.js";
import { listOf, parseXmlBody, recordOf } from "../../src/pipeline/sources/xml.js";
import { rng as prng } from "../support/rng.js";

const fixture = (name: string) =>
  readFileSync(new URL(`../fixtures/job-sources/${name}`, import.meta.url), "utf8");

type Json = unknown;
const ODD = [
  "",
  " ",
  "\u0000",
  "\u202e\u0645\u0631\u062d\u0628\u0627",
  "😀👩‍💻",
  "\ud800",
  "&#0;&#xFFFFFF;&amp;&lt;",
  "<script>alert(1)</script>",
  "NaN",
  "-1",
  "1e309",
  "2026-02-30T25:61:00Z",
  "javascript:alert(1)",
  "Remote",
  "München",
  "(w/m/d)",
];

function junk(r: () => number, depth = 0): Json {
  const pick = Math.floor(r() * 11);
  switch (pick) {
    case 0:
      return null;
    case 1:
      return undefined;
    case 2:
      return Math.floor(r() * 2 ** 40) * (r() < 0.5 ? -1 : 1);
    case 3:
      return r() < 0.5;
    case 4:
      return "x".repeat(Math.floor(r() * 120_000)); // huge
    case 5:
      return ODD[Math.floor(r() * ODD.length)];
    case 6:
      return depth > 3 ? [] : Array.from({ length: Math.floor(r() * 4) }, () => junk(r, depth + 1));
    case 7:
      return depth > 3
        ? {}
        : {
            "@type": "JobPosting",
            name: junk(r, depth + 1),
            value: junk(r, depth + 1),
            "#text": junk(r, depth + 1),
          };
    case 8:
      return Number.NaN;
    case 9:
      return String.fromCodePoint(...Array.from({ length: 40 }, () => Math.floor(r() * 0x2ffff)));
    default:
      return "https://example.org/" + Math.floor(r() * 1e6);
  }
}

/** Every path to a value in a JSON tree. */
function paths(
  v: Json,
  prefix: (string | number)[] = [],
  out: (string | number)[][] = [],
): (string | number)[][] {
  out.push(prefix);
  if (Array.isArray(v)) v.forEach((x, i) => paths(x, [...prefix, i], out));
  else if (v && typeof v === "object") for (const [k, x] of Object.entries(v)) paths(x, [...prefix, k], out);
  return out;
}

function mutate(seed: Json, r: () => number): Json {
  if (r() < 0.03) return junk(r);
  const root = structuredClone(seed) as Record<string, Json>;
  const n = 1 + Math.floor(r() * 4);
  for (let i = 0; i < n; i++) {
    const all = paths(root).filter((p) => p.length > 0);
    const path = all[Math.floor(r() * all.length)];
    if (!path) break;
    const parent = path
      .slice(0, -1)
      .reduce<Json>((o, k) => (o as Record<string | number, Json>)?.[k], root) as Record<
      string | number,
      Json
    > | null;
    const key = path[path.length - 1]!;
    if (!parent || typeof parent !== "object") continue;
    const op = r();
    if (op < 0.25) delete parent[key];
    else if (op < 0.4 && !Array.isArray(parent)) {
      parent[`${String(key)}_x`] = parent[key];
      delete parent[key];
    } else parent[key] = junk(r);
  }
  return root;
}

function runFuzz(
  name: string,
  seeds: Json[],
  normalize: (item: RawItem) => NormalizeResult,
  seed: number,
): void {
  it(`${name}: 1,000 mutated items are each normalized into a valid posting or rejected with a reason`, () => {
    const r = prng(seed);
    let ok = 0;
    let rejected = 0;
    const thrown: string[] = [];
    for (let i = 0; i < 1000; i++) {
      const raw = mutate(seeds[i % seeds.length], r);
      let res: NormalizeResult;
      try {
        res = normalize({ sourceId: `fuzz-${i}`, raw });
      } catch (err) {
        thrown.push(`#${i}: ${String(err)}`);
        continue;
      }
      if (res.ok) {
        const check = postingSchema.safeParse(res.posting);
        if (!check.success) thrown.push(`#${i}: invalid posting ${check.error.message}`);
        ok++;
      } else {
        expect(res.reason).toMatch(/\S/);
        rejected++;
      }
    }
    expect(thrown).toEqual([]);
    // Both outcomes occur, so the mutations reach past the first check.
    expect(ok).toBeGreaterThan(100);
    expect(rejected).toBeGreaterThan(20);
  });
}

function bodyFuzz(name: string, body: string, parse: (text: string) => unknown, seed: number): void {
  it(`${name}: 300 byte-mutated bodies parse or fail as an HttpError`, () => {
    const r = prng(seed);
    const other: string[] = [];
    for (let i = 0; i < 300; i++) {
      let text = body;
      for (let k = 0; k < 1 + Math.floor(r() * 5); k++) {
        const at = Math.floor(r() * text.length);
        const op = r();
        if (op < 0.3) text = text.slice(0, at);
        else if (op < 0.6) text = text.slice(0, at) + text.slice(at + Math.floor(r() * 200));
        else
          text =
            text.slice(0, at) +
            (["<", ">", "&", '"', "]]>", "<![CDATA[", "\u0000", "</item>", "{", "}"][Math.floor(r() * 10)] ??
              "") +
            text.slice(at);
      }
      try {
        parse(text);
      } catch (err) {
        if (!(err instanceof HttpError)) other.push(`#${i}: ${String(err)}`);
      }
    }
    expect(other).toEqual([]);
  });
}

const personioXml = fixture("personio/xml-personio-se-1834171.xml");
const personioOpts = {
  url: "https://x.jobs.personio.de/xml",
  status: 200,
  roots: ["workzag-jobs"],
  arrays: ["position", "office", "jobDescription"],
};
const personioSeeds = listOf(recordOf(parseXmlBody(personioXml, personioOpts)["workzag-jobs"])?.position);
const feedOpts = (url: string) => ({
  url,
  status: 200,
  roots: ["rss", "feed", "RDF"],
  arrays: ["item", "entry", "category", "link"],
});
const wwr = fixture("rss/weworkremotely-remote-programming-jobs.rss");
const atom = fixture("rss/handmade-jobs.atom");
const openJobs = fixture("rss/open-jobs-data-new-jobs.rss.xml");
const feedSeeds = [
  ...feedItems(
    parseXmlBody(wwr, feedOpts("https://weworkremotely.com/x.rss")),
    "https://weworkremotely.com/x.rss",
  ),
  ...feedItems(
    parseXmlBody(atom, feedOpts("https://example.org/jobs.atom")),
    "https://example.org/jobs.atom",
  ),
  ...feedItems(
    parseXmlBody(openJobs, feedOpts("https://example.org/new.xml")),
    "https://example.org/new.xml",
  ).slice(0, 20),
].map((i) => i.raw);
const page = fixture("jsonld/indeed-au-viewjob-papercut-trimmed.html");
const jsonLdSeeds = extractJobPostings(page).postings.map((posting) => ({
  pageUrl: "https://careers.example.org/jobs/1",
  posting,
}));

describe("feed normalizers under fuzzing", () => {
  runFuzz(
    "personio",
    personioSeeds,
    (i) =>
      normalizePersonioPosition(i, {
        source: "personio-x",
        companyName: "X",
        siteBase: "https://x.jobs.personio.de",
      }),
    1,
  );
  runFuzz(
    "deutsche-bank",
    JSON.parse(fixture("deutsche-bank/search-result-items.json")) as Json[],
    normalizeDeutscheBankItem,
    2,
  );
  runFuzz("jsonld", jsonLdSeeds, (i) => normalizeJobPosting(i, "jsonld-x"), 3);
  runFuzz("rss/atom", feedSeeds, (i) => normalizeFeedItem(i, "rss-x"), 4);
});

describe("feed body parsers under fuzzing", () => {
  bodyFuzz("personio XML", personioXml, (t) => parseXmlBody(t, personioOpts), 5);
  bodyFuzz(
    "RSS",
    wwr,
    (t) =>
      feedItems(
        parseXmlBody(t, feedOpts("https://weworkremotely.com/x.rss")),
        "https://weworkremotely.com/x.rss",
      ),
    6,
  );
  bodyFuzz(
    "Atom",
    atom,
    (t) => feedItems(parseXmlBody(t, feedOpts("https://example.org/a.atom")), "https://example.org/a.atom"),
    7,
  );
  bodyFuzz("JSON-LD page", page, (t) => extractJobPostings(t), 8);
});
