// Fit benchmark: ranking quality of the offline score on the labelled set (how often a fit ranks
// above a no-fit of the same person, overall, per person, and for the no-fits a hard rule should
// sink), and evaluation throughput: job–profile pairs scored per second on one core over 10k jobs
// (the real postings of ../shared/data/jobs when present, plus variants), with the jobs' vectors
// already stored (as the evaluate stage reads them) — first profile (requirements extracted) and
// further profiles (requirements cached per posting).
//
//   npx tsx bench/fit.bench.ts [--n 10000] [--profiles 3]
import { existsSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { cpuUsage } from "node:process";
import { scoreFit } from "../src/jobs/fit/fit-score.js";
import { profileText } from "../src/jobs/fit/fit-service.js";
import { ProfileIndex } from "../src/jobs/fit/profile-index.js";
import { requirementsOf, type Requirement } from "../src/jobs/fit/requirements.js";
import { embedderKey, postingText } from "../src/search/embedder.js";
import { HashingEmbedder } from "../src/search/hashing.embedder.js";
import { loadFitSet, rankingQuality, scoreSet, setProfile } from "../test/support/fit-set.js";
import { buildCorpus } from "./search-corpus.js";

const repo = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const argv = process.argv.slice(2);
const arg = (name: string) => {
  const i = argv.indexOf(`--${name}`);
  return i >= 0 ? argv[i + 1] : undefined;
};
const N = Number(arg("n") ?? 10_000);
const PROFILES = Number(arg("profiles") ?? 3);
const pct = (x: number) => `${(100 * x).toFixed(1)}%`;

// 1. Ranking quality on the labelled set.
const set = loadFitSet();
const embedder = new HashingEmbedder();
const scored = await scoreSet(set, embedder);
console.log(
  `Labelled set: ${set.pairs.length} pairs, ${set.profiles.length} profiles (test/fixtures/fit/labelled-set.json)`,
);
console.log(`| pairs compared | fit ranked above no-fit |`);
console.log(`|---|---|`);
console.log(`| all | ${pct(rankingQuality(scored))} |`);
for (const p of set.profiles)
  console.log(`| ${p.id} | ${pct(rankingQuality(scored.filter((s) => s.profile === p.id)))} |`);
const rules = new Set(scored.flatMap((s) => Object.keys(s.rules ?? {})));
for (const rule of rules) {
  const sunk = (s: (typeof scored)[number]) => s.rules?.[rule as "place"] === "fail";
  const agree = scored.filter((s) => s.rules && rule in s.rules);
  const same = agree.filter(
    (s) => s.score.rules.find((r) => r.rule === rule)?.outcome === s.rules?.[rule as "place"],
  );
  console.log(`| no-fits the ${rule} rule fails | ${pct(rankingQuality(scored, sunk))} |`);
  console.log(`| ${rule} rule outcome as labelled | ${same.length}/${agree.length} |`);
}

// 2. Throughput at N jobs.
const dataDir = path.resolve(repo, "../shared/data/jobs");
if (!existsSync(dataDir)) console.log(`Note: ${dataDir} is absent — synthetic postings only.`);
const corpus = buildCorpus(N, dataDir, Date.parse("2026-11-21T00:00:00Z"));
console.log(`\nCorpus: ${corpus.postings.length} postings (${corpus.source}; ${corpus.real} real)`);
const vectors = await embedder.embed(corpus.postings.map(postingText));
const key = embedderKey(embedder);
const cache = new Map<string, Requirement[]>();
const people = Array.from({ length: PROFILES }, (_, i) => setProfile(set.profiles[i % set.profiles.length]!));
console.log(`| profile | pairs | CPU s | pairs/s (one core) | requirements |`);
console.log(`|---|---|---|---|---|`);
let sink = 0;
for (const [i, profile] of people.entries()) {
  const index = new ProfileIndex(profile);
  const [pv] = await embedder.embed([profileText(profile)]);
  const cold = i === 0;
  const start = cpuUsage();
  corpus.postings.forEach((posting, n) => {
    let req = cache.get(posting.id);
    if (!req) {
      req = requirementsOf(posting);
      cache.set(posting.id, req);
    }
    sink += scoreFit({
      posting,
      requirements: req,
      jobVector: vectors[n]!,
      profile: index,
      profileVector: pv!,
      embedder: key,
    }).total;
  });
  const used = cpuUsage(start);
  const s = (used.user + used.system) / 1e6;
  console.log(
    `| ${i + 1} (${profile.userId}) | ${corpus.postings.length} | ${s.toFixed(2)} | ${Math.round(corpus.postings.length / s)} | ${cold ? "extracted" : "cached"} |`,
  );
}
if (sink < 0) console.log(sink);
