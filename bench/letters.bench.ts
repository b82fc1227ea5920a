// Letters for many jobs against the OpenAI stand-in at a realistic latency and rate limit: the real
// ChatOpenAI client through the letter writer, a bounded number of letters at once (the helper
// "draft letters for the top 3" uses), each draft checked by the grounding code. Two runs: with the
// writer's own pacing under the limit (OPENAI_RPM) and without it (the client waits out 429s by
// their retry-after). Exits 1 when the paced run sent any request beyond the limit (a 429) or held
// more requests at once than the concurrency.
//
//   npx tsx bench/letters.bench.ts [--jobs 50] [--concurrency 4] [--rpm 30] [--latency 900]
//                                  [--latency-p95 2500] [--invent 0.1]
import { parseArgs } from "node:util";
import { performance } from "node:perf_hooks";
import { ChatOpenAI } from "@langchain/openai";
import { mapLimited } from "../src/core/map-limited.js";
import { checkGrounding } from "../src/jobs/applications/grounding.js";
import { createModelLetterWriter } from "../src/jobs/applications/letter-model.js";
import { factsFor, type LetterRequest } from "../src/jobs/applications/letter-template.js";
import { INVENTED_CLAIM } from "../src/mock/openai/letter-rule.js";
import { startRuleOpenAiMock } from "../src/mock/standins.js";
import { letterScenarios } from "../test/support/grounding-set.js";

const { values: a } = parseArgs({
  options: {
    jobs: { type: "string", default: "50" },
    concurrency: { type: "string", default: "4" },
    rpm: { type: "string", default: "30" },
    latency: { type: "string", default: "900" },
    "latency-p95": { type: "string", default: "2500" },
    invent: { type: "string", default: "0.1" },
  },
});
const jobs = Number(a.jobs);
const concurrency = Number(a.concurrency);
const rpm = Number(a.rpm);

const scenarios = letterScenarios();
const tones = ["neutral", "formal", "warm"] as const;
const lengths = ["short", "normal", "long"] as const;
const requests: LetterRequest[] = Array.from({ length: jobs }, (_, i) => ({
  ...scenarios[i % scenarios.length]!,
  tone: tones[i % 3],
  length: lengths[Math.floor(i / 3) % 3],
}));

async function run(pace: boolean) {
  const mock = await startRuleOpenAiMock(
    {
      latency: { medianMs: Number(a.latency), p95Ms: Number(a["latency-p95"]) },
      limits: { requestsPerMinute: rpm, tokensPerMinute: 200_000, quotaTokens: 0 },
    },
    0,
    "127.0.0.1",
    [],
    { inventRate: Number(a.invent), seed: 7 },
  );
  const model = new ChatOpenAI({
    model: "gpt-4o-mini",
    apiKey: "sk-bench",
    temperature: 0,
    // Enough retries that a 429 storm ends in letters, not template fallbacks.
    maxRetries: 6,
    configuration: { baseURL: mock.url },
  });
  const writer = createModelLetterWriter({
    model,
    modelId: "gpt-4o-mini",
    requestsPerMinute: pace ? rpm : 0,
  });
  const started = performance.now();
  const out = await mapLimited(requests, concurrency, async (req) => {
    const facts = factsFor(req).facts;
    try {
      const text = await writer.write({ ...req, facts });
      const cited = [req.applicant, ...facts.map((f) => ({ id: f.lineId, text: f.text }))];
      const report = checkGrounding({ letter: text, cited, posting: req.posting, lang: req.lang });
      return { ok: true, invented: text.includes(INVENTED_CLAIM[req.lang]), flagged: !report.supported };
    } catch {
      return { ok: false, invented: false, flagged: false };
    }
  });
  const seconds = (performance.now() - started) / 1000;
  await mock.close();
  const written = out.filter((o) => o.ok);
  return {
    pace,
    seconds,
    written: written.length,
    failed: out.length - written.length,
    rateLimited: mock.stats.rate_limited ?? 0,
    maxInFlight: mock.stats.max_in_flight ?? 0,
    invented: written.filter((o) => o.invented).length,
    caught: written.filter((o) => o.invented && o.flagged).length,
    falseAlarms: written.filter((o) => !o.invented && o.flagged).length,
  };
}

console.log(
  `${jobs} letters, concurrency ${concurrency}, limit ${rpm} requests/min, latency median ${a.latency} ms p95 ${a["latency-p95"]} ms, invented claims in ~${a.invent} of letters\n`,
);
console.log(
  "| writer | total s | letters/min | written | failed | 429s | max in flight | invented caught | false alarms |",
);
console.log("|---|---|---|---|---|---|---|---|---|");
const results = [];
for (const pace of [true, false]) {
  const r = await run(pace);
  results.push(r);
  console.log(
    `| ${pace ? `paced (OPENAI_RPM=${rpm})` : "unpaced (429 + retry-after)"} | ${r.seconds.toFixed(1)} | ${(
      (60 * r.written) /
      r.seconds
    ).toFixed(
      1,
    )} | ${r.written}/${jobs} | ${r.failed} | ${r.rateLimited} | ${r.maxInFlight} | ${r.caught}/${r.invented} | ${r.falseAlarms} |`,
  );
}
const paced = results[0]!;
if (paced.rateLimited > 0 || paced.maxInFlight > concurrency || paced.written !== jobs) {
  console.error("paced run: a request beyond the limit, too many at once, or a letter missing");
  process.exitCode = 1;
}
