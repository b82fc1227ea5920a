// Throughput of the feed/page adapters' CPU work: parsing bodies (XML, JSON-LD in HTML) and
// normalizing items (HTML → text, gazetteer lookups, detection). No network: bodies come from the
// test fixtures, scaled up where one recording is small.
//
//   npx tsx bench/feeds.bench.ts [--rounds 5]
import { existsSync, readFileSync } from "node:fs";
import os from "node:os";
import { performance } from "node:perf_hooks";
import { normalizeDeutscheBankItem } from "../src/pipeline/sources/deutsche-bank.source.js";
import { resolvePlace } from "../src/core/geo/gazetteer.js";
import {
  extractJobPostings,
  jsonLdSourceId,
  normalizeJobPosting,
} from "../src/pipeline/sources/jsonld.source.js";
import { normalizePersonioPosition } from "../src/pipeline/sources/personio.source.js";
import { feedItems, normalizeFeedItem } from "../src/pipeline/sources/rss.source.js";
import type { NormalizeResult, RawItem } from "../src/pipeline/sources/source.js";
import { listOf, parseXmlBody, recordOf } from "../src/pipeline/sources/xml.js";

const fixture = (name: string) =>
  readFileSync(new URL(`../test/fixtures/job-sources/${name}`, import.meta.url), "utf8");
const arg = (name: string, dflt: string) => {
  const i = process.argv.indexOf(name);
  return i >= 0 ? (process.argv[i + 1] ?? dflt) : dflt;
};
const rounds = Number(arg("--rounds", "5"));

/** Median of `rounds` timings of fn, in ms. */
function time(fn: () => unknown): number {
  const t: number[] = [];
  for (let i = 0; i < rounds; i++) {
    const s = performance.now();
    fn();
    t.push(performance.now() - s);
  }
  t.sort((a, b) => a - b);
  return t[Math.floor(t.length / 2)] ?? 0;
}

const rows: [string, string][] = [];
const report = (what: string, ms: number, n: number, unit: string) =>
  rows.push([what, `${ms.toFixed(1)} ms (${Math.round((n / ms) * 1000)} ${unit}/s)`]);

function normalizeAll(items: RawItem[], f: (i: RawItem) => NormalizeResult): void {
  for (const i of items) if (!f(i).ok) throw new Error("a fixture item was rejected");
}

resolvePlace("Berlin"); // load the gazetteer outside the timings

// RSS: the 833-item open-jobs-data feed (321 KB).
const rssUrl = "https://example.org/new-jobs.xml";
const rssBody = fixture("rss/open-jobs-data-new-jobs.rss.xml");
const feedOpts = {
  url: rssUrl,
  status: 200,
  roots: ["rss", "feed", "RDF"],
  arrays: ["item", "entry", "category", "link"],
};
const rssItems = feedItems(parseXmlBody(rssBody, feedOpts), rssUrl);
report(
  `RSS parse, ${rssItems.length} items, ${(rssBody.length / 1024).toFixed(0)} KB`,
  time(() => feedItems(parseXmlBody(rssBody, feedOpts), rssUrl)),
  rssItems.length,
  "items",
);
report(
  "RSS normalize (short descriptions)",
  time(() => normalizeAll(rssItems, (i) => normalizeFeedItem(i, "rss-x"))),
  rssItems.length,
  "items",
);
const wwrUrl = "https://weworkremotely.com/categories/remote-programming-jobs.rss";
const wwrItems = feedItems(
  parseXmlBody(fixture("rss/weworkremotely-remote-programming-jobs.rss"), { ...feedOpts, url: wwrUrl }),
  wwrUrl,
);
const wwr200 = Array.from({ length: 100 }, () => wwrItems).flat();
report(
  "RSS normalize (We Work Remotely, ~7 KB HTML each)",
  time(() => normalizeAll(wwr200, (i) => normalizeFeedItem(i, "rss-x"))),
  wwr200.length,
  "items",
);

// Personio: the recorded position repeated 200 times with distinct ids (one feed of a large company).
const personioOne = fixture("personio/xml-personio-se-1834171.xml");
const position = /<position>[\s\S]*<\/position>/.exec(personioOne)?.[0] ?? "";
const personioBody = personioOne.replace(
  position,
  Array.from({ length: 200 }, (_, i) => position.replace("<id>1834171</id>", `<id>${1834171 + i}</id>`)).join(
    "\n",
  ),
);
const personioOpts = {
  url: "https://x.jobs.personio.de/xml",
  status: 200,
  roots: ["workzag-jobs"],
  arrays: ["position", "office", "jobDescription"],
};
const positions = () => listOf(recordOf(parseXmlBody(personioBody, personioOpts)["workzag-jobs"])?.position);
const personioItems = positions().map((raw, i) => ({ sourceId: String(i), raw }));
const personioCtx = { source: "personio-x", companyName: "X", siteBase: "https://x.jobs.personio.de" };
report(
  `Personio parse, 200 positions, ${(personioBody.length / 1024).toFixed(0)} KB`,
  time(positions),
  200,
  "positions",
);
report(
  "Personio normalize (~7 KB HTML each)",
  time(() => normalizeAll(personioItems, (i) => normalizePersonioPosition(i, personioCtx))),
  200,
  "positions",
);

// Deutsche Bank: the two recorded items, 1,000 times.
const dbItems = (JSON.parse(fixture("deutsche-bank/search-result-items.json")) as unknown[]).map(
  (raw, i) => ({ sourceId: String(i), raw }),
);
const db2000 = Array.from({ length: 1000 }, () => dbItems).flat();
report(
  "Deutsche Bank normalize",
  time(() => normalizeAll(db2000, normalizeDeutscheBankItem)),
  db2000.length,
  "items",
);

// JSON-LD: the full recorded page when ../shared is there (566 KB), else the trimmed one.
const full = new URL(
  "../../shared/fixtures/job-sources/jsonld/indeed-au-viewjob-papercut.html",
  import.meta.url,
);
const html = existsSync(full)
  ? readFileSync(full, "utf8")
  : fixture("jsonld/indeed-au-viewjob-papercut-trimmed.html");
report(
  `JSON-LD extract from a ${(html.length / 1024).toFixed(0)} KB page`,
  time(() => extractJobPostings(html)),
  1,
  "pages",
);
const posting = extractJobPostings(html).postings[0] ?? {};
const pageUrl = "https://careers.example.org/jobs/1";
const ld = Array.from({ length: 200 }, (_, i) => ({
  sourceId: jsonLdSourceId(`${pageUrl}${i}`, posting, 0),
  raw: { pageUrl, posting },
}));
report(
  "JSON-LD normalize (~6 KB HTML each)",
  time(() => normalizeAll(ld, (i) => normalizeJobPosting(i, "jsonld-x"))),
  ld.length,
  "postings",
);

process.stdout.write(
  `Node ${process.version}, ${os.cpus()[0]?.model ?? "cpu"} ×${os.cpus().length}, median of ${rounds} rounds\n\n| what | median |\n|---|---|\n`,
);
for (const [what, v] of rows) process.stdout.write(`| ${what} | ${v} |\n`);
