// Fit evaluation with a model verdict: N jobs scored for one profile through FitService, the
// verdicts asked of the OpenAI-compatible stand-in (the real ChatOpenAI client) at realistic
// latency (lognormal, median and p95 as `jobscout mock openai` defaults) and per-key rate limits,
// with bounded concurrency and 429s retried after their retry-after. Reports the time per job
// (its verdict request from the moment a slot takes it, retries and their waits included), the
// wall time, the 429s and how many verdicts counted.
//
//   npx tsx bench/fit-verdict.bench.ts [--n 200] [--concurrency 4] [--latency 600] [--latency-p95 2500]
//                                      [--rpm 500] [--tpm 200000]
import { existsSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { createOpenAiModel } from "../src/agents/model.js";
import { loadPrompt } from "../src/agents/prompts.js";
import { loadConfig } from "../src/config/config.js";
import { FitService } from "../src/jobs/fit/fit-service.js";
import { ModelVerdicts } from "../src/jobs/fit/verdict-model.js";
import { startRuleOpenAiMock } from "../src/mock/standins.js";
import { HashingEmbedder } from "../src/search/hashing.embedder.js";
import { openDb } from "../src/store/db.js";
import { FitScoresRepo } from "../src/store/fit-scores.repo.js";
import { JobsRepo } from "../src/store/jobs.repo.js";
import { ProfilesRepo } from "../src/store/profiles.repo.js";
import { tempDir } from "../test/support/harness.js";
import { loadFitSet, setProfile } from "../test/support/fit-set.js";
import { buildCorpus } from "./search-corpus.js";

const repo = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const argv = process.argv.slice(2);
const arg = (name: string, d: number) => {
  const i = argv.indexOf(`--${name}`);
  return i >= 0 ? Number(argv[i + 1]) : d;
};
const N = arg("n", 200);
const CONCURRENCY = arg("concurrency", 4);
const latency = { medianMs: arg("latency", 600), p95Ms: arg("latency-p95", 2500) };
const limits = { requestsPerMinute: arg("rpm", 500), tokensPerMinute: arg("tpm", 200_000), quotaTokens: 0 };

const mock = await startRuleOpenAiMock({ latency, limits, seed: 7 });
const tmp = tempDir("jobscout-bench-verdict-");
const db = await openDb({ file: path.join(tmp.dir, "jobscout.sqlite") });
try {
  const jobs = new JobsRepo(db);
  const profiles = new ProfilesRepo(db);
  const dataDir = path.resolve(repo, "../shared/data/jobs");
  if (!existsSync(dataDir)) console.log(`Note: ${dataDir} is absent — synthetic postings only.`);
  const corpus = buildCorpus(N, dataDir, Date.parse("2026-11-21T00:00:00Z"));
  const now = new Date().toISOString();
  const ids: number[] = [];
  for (const p of corpus.postings) ids.push(await jobs.insert(p, null, now));
  const base = setProfile(loadFitSet().profiles[0]!);
  const profile = await profiles.put({ workspaceId: "bench", userId: base.userId }, base);

  const config = loadConfig({ OPENAI_API_KEY: "sk-bench", OPENAI_BASE_URL: mock.url });
  const times: number[] = [];
  const outcomes: Record<string, number> = {};
  const verdicts = new ModelVerdicts({
    model: (await createOpenAiModel(config, { maxRetries: config.JOBSCOUT_FIT_VERDICT_RETRIES }))!,
    modelId: config.OPENAI_MODEL,
    systemPrompt: loadPrompt("fit-verdict"),
    concurrency: CONCURRENCY,
    onAnswer: (ms, outcome) => {
      times.push(ms);
      outcomes[outcome] = (outcomes[outcome] ?? 0) + 1;
    },
  });
  const fit = new FitService({
    profiles,
    fits: new FitScoresRepo(db),
    jobs,
    embedder: new HashingEmbedder(),
    verdicts,
  });
  const start = performance.now();
  const scored = await fit.scoreJobs(profile, ids);
  const wall = (performance.now() - start) / 1000;

  const sorted = [...times].sort((a, b) => a - b);
  const q = (p: number) => sorted[Math.min(sorted.length - 1, Math.floor(p * sorted.length))] ?? 0;
  const s = (ms: number) => (ms / 1000).toFixed(2);
  const applied = [...scored.values()].filter((b) => b.verdict).length;
  const ignored = [...scored.values()].filter((b) => b.verdictNote === "unchecked").length;
  console.log(
    `Stand-in: latency median ${latency.medianMs} ms, p95 ${latency.p95Ms} ms; ${limits.requestsPerMinute} requests and ${limits.tokensPerMinute} tokens per minute; concurrency ${CONCURRENCY}`,
  );
  console.log(`Corpus: ${corpus.postings.length} postings (${corpus.source}; ${corpus.real} real)`);
  console.log(
    `| jobs | wall s | jobs/min | per job p50 s | p95 s | max s | 429s | verdicts applied | ignored (quotes unchecked) | failed |`,
  );
  console.log(`|---|---|---|---|---|---|---|---|---|---|`);
  console.log(
    `| ${ids.length} | ${wall.toFixed(1)} | ${Math.round((60 * ids.length) / wall)} | ${s(q(0.5))} | ${s(q(0.95))} | ${s(sorted.at(-1) ?? 0)} | ${mock.stats.rate_limited ?? 0} | ${applied} | ${ignored} | ${(outcomes.unavailable ?? 0) + (outcomes.quota ?? 0)} |`,
  );
} finally {
  await db.close();
  tmp.remove();
  await mock.close();
}
