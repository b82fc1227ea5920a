// ATS sources benchmark: how fast the four board adapters fetch a large board from the local ATS
// server (real HTTP, real JSON) and normalize it.
//
//   npx tsx bench/ats-sources.bench.ts [--jobs 2000] [--sr-jobs 500]
//
// Boards are the recorded jobs cloned with new ids (so every posting carries a real ad). Fetch and
// normalize are timed separately; normalization is per item on one core.
import { performance } from "node:perf_hooks";
import { createAshbySource } from "../src/pipeline/sources/ashby.source.js";
import { createGreenhouseSource } from "../src/pipeline/sources/greenhouse.source.js";
import { createHttpClient } from "../src/pipeline/sources/http.js";
import { createLeverSource } from "../src/pipeline/sources/lever.source.js";
import { createSmartRecruitersSource } from "../src/pipeline/sources/smartrecruiters.source.js";
import type { SourceAdapter } from "../src/pipeline/sources/source.js";
import { fetchAll } from "../test/contract/source-adapter.contract.js";
import { recordedBoards, startAtsServer } from "../test/support/ats-server.js";

type Json = Record<string, unknown>;

function arg(name: string, dflt: number): number {
  const i = process.argv.indexOf(name);
  const v = i >= 0 ? Number(process.argv[i + 1]) : NaN;
  return Number.isFinite(v) && v > 0 ? v : dflt;
}

const clone = (items: Json[], n: number, id: (i: number) => string | number): Json[] =>
  Array.from({ length: n }, (_, i) => ({ ...items[i % items.length], id: id(i) }));

async function main(): Promise<void> {
  const jobs = arg("--jobs", 2000);
  const srJobs = arg("--sr-jobs", 500);
  const rec = recordedBoards();
  const srItems = clone(rec.smartrecruiters.hirevue!.list, srJobs, (i) => String(900000000000000 + i));
  const srDetail = rec.smartrecruiters.hirevue!.details["744000138728139"]!;
  const server = await startAtsServer({
    boards: {
      greenhouse: { big: clone(rec.greenhouse.smarterdx!, jobs, (i) => 1_000_000 + i) },
      lever: { big: clone(rec.lever.palantir!, jobs, (i) => `lever-${i}`) },
      ashby: { big: clone(rec.ashby.openevidence!, jobs, (i) => `ashby-${i}`) },
      smartrecruiters: {
        big: {
          list: srItems,
          // Every posting gets the recorded ad, so normalization sees real text.
          details: Object.fromEntries(srItems.map((it) => [String(it.id), { ...srDetail, id: it.id }])),
        },
      },
    },
  });
  const http = createHttpClient({ userAgent: "jobscout-bench/0.1", timeoutMs: 60_000 });
  const adapters: [string, SourceAdapter, number][] = [
    ["greenhouse", createGreenhouseSource({ board: "big" }, { baseUrl: server.url }), jobs],
    ["lever (100/page)", createLeverSource({ company: "big" }, { baseUrl: server.url }), jobs],
    ["ashby", createAshbySource({ board: "big" }, { baseUrl: server.url }), jobs],
    [
      "smartrecruiters (4 details in flight)",
      createSmartRecruitersSource({ company: "big" }, { baseUrl: server.url }),
      srJobs,
    ],
    [
      "smartrecruiters (1 detail in flight)",
      createSmartRecruitersSource({ company: "big" }, { baseUrl: server.url, detailConcurrency: 1 }),
      srJobs,
    ],
  ];
  // The gazetteer loads on first use (~1–2 s); keep that out of the figures.
  createGreenhouseSource({ board: "warm" }).normalize({
    sourceId: "w",
    raw: { ...rec.greenhouse.smarterdx![0], id: 1 },
  });

  process.stdout.write(`node ${process.version}, ${jobs} jobs per board (SmartRecruiters ${srJobs})\n`);
  process.stdout.write(
    "| source | postings | requests | fetch ms | normalize ms | normalize µs/posting | rejected |\n|---|---|---|---|---|---|---|\n",
  );
  for (const [name, adapter, expected] of adapters) {
    const before = server.requests.length;
    const t0 = performance.now();
    const { items } = await fetchAll(adapter, http, {});
    const t1 = performance.now();
    let rejected = 0;
    for (const item of items) if (!adapter.normalize(item).ok) rejected++;
    const t2 = performance.now();
    if (items.length !== expected) throw new Error(`${name}: fetched ${items.length}, expected ${expected}`);
    const requests = server.requests.length - before;
    process.stdout.write(
      `| ${name} | ${items.length} | ${requests} | ${(t1 - t0).toFixed(0)} | ${(t2 - t1).toFixed(0)} | ${(((t2 - t1) / items.length) * 1000).toFixed(0)} | ${rejected} |\n`,
    );
  }
  await server.close();
}

main().catch((err: unknown) => {
  process.stderr.write(`${err instanceof Error ? (err.stack ?? err.message) : String(err)}\n`);
  process.exit(1);
});
