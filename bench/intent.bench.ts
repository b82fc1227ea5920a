// Request understanding: intent accuracy and per-argument exact match of the offline model's parser
// on the labelled request set (test/fixtures/requests: `tune` may shape the rules, `heldout` only
// measures them), for the parser of a baseline commit and the current one in the same run, and what
// parsing one request costs; and the rules alone as they were before the intent classifier
// (--rules, 1c15235 by default), and what training the classifier costs.
//
//   npx tsx bench/intent.bench.ts [--baseline <commit>] [--rules <commit>] [--parts <p,q>] [--misses <part>]
//
// --parts picks the parts measured (all by default). A blind part's misses are never printed
// (--misses refuses it), only its tables, so no one tunes to it. `heldout-7` to `heldout-11` were
// blind until they had been measured; their misses are readable since then (heldout-9's read for
// tuning from 2026-12-04 late, heldout-10's from 2026-12-04 ~23:00, heldout-11's from 2026-12-04
// ~23:20). `heldout-12` is the blind
// part.
//
// The baseline's src/agents/intent.ts is taken from git and loaded beside the current one (its own
// imports resolved to the current files beside it), so all use the same gazetteer and the same
// scoring (test/support/request-set.ts).
import { execFileSync } from "node:child_process";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import path from "node:path";
import { pathToFileURL } from "node:url";
import { parseIntent } from "../src/agents/intent.js";
import { letterIntent } from "../src/agents/intent-letters.js";
import { trainIntentClassifier } from "../src/agents/intent-classifier.js";
import { INTENT_EXAMPLES } from "../src/agents/intent-examples.js";
import { createPlaceLookup } from "../src/agents/place-lookup.js";
import { resolvePlace } from "../src/core/geo/gazetteer.js";
import {
  loadRequests,
  ratio,
  scoreParser,
  type LabelledRequest,
  type Parse,
  REQUEST_PARTS,
  type RequestPart,
  type Score,
} from "../test/support/request-set.js";

function arg(name: string): string | undefined {
  const i = process.argv.indexOf(name);
  return i >= 0 ? process.argv[i + 1] : undefined;
}
const root = path.resolve(import.meta.dirname, "..");
const baseline = arg("--baseline") ?? "5c46d1621c84a07f02c3f9e3b88fbc09d560dc37";
const rulesOnly = arg("--rules") ?? "1c15235";
const lookup = createPlaceLookup((name) => resolvePlace(name));

/** An earlier commit's parser, written next to the sources it imports so its relative imports resolve. */
async function parserAt(commit: string): Promise<Parse> {
  const source = execFileSync("git", ["show", `${commit}:src/agents/intent.ts`], {
    cwd: root,
    encoding: "utf8",
  });
  const dir = mkdtempSync(path.join(root, "src/agents/.bench-baseline-"));
  const file = path.join(dir, "intent.ts");
  writeFileSync(file, source.replaceAll('"../core/', '"../../core/').replaceAll('"./', '"../'));
  try {
    const mod = (await import(pathToFileURL(file).href)) as { parseIntent: typeof parseIntent };
    return (t, p) => mod.parseIntent(t, lookup, p as never);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

// As the offline model reads a message: a letter request first (none drafted yet), then the rest.
const current: Parse = (t, p) => letterIntent(t, false) ?? parseIntent(t, lookup, p as never);
const parsers: Array<[string, Parse]> = [
  [`baseline ${baseline.slice(0, 7)}`, await parserAt(baseline)],
  [`rules only ${rulesOnly.slice(0, 7)}`, await parserAt(rulesOnly)],
  ["current", current],
];
const allParts: readonly RequestPart[] = REQUEST_PARTS;
const parts = (arg("--parts")?.split(",") ?? allParts) as RequestPart[];
for (const p of parts)
  if (!allParts.includes(p)) throw new Error(`unknown part ${p}: one of ${allParts.join(", ")}`);
// heldout-8 read for tuning on 2026-12-04, heldout-9 from 2026-12-04 late, heldout-10 from
// 2026-12-04 ~23:00, heldout-11 from 2026-12-04 ~23:20; heldout-12 is blind.
const BLIND: readonly RequestPart[] = ["heldout-12"];
const missesOf = arg("--misses") as RequestPart | undefined;
if (missesOf && BLIND.includes(missesOf)) {
  console.error(
    `--misses ${missesOf}: that part is blind, its misses are never printed (measure it with --parts)`,
  );
  process.exit(2);
}
const sets = new Map<RequestPart, LabelledRequest[]>(parts.map((p) => [p, loadRequests(p)]));

const pct = (x: { ok: number; of: number }) => `${(ratio(x) * 100).toFixed(1)}%`;
const scores: Array<[string, RequestPart, Score]> = [];
for (const [name, parse] of parsers)
  for (const part of parts) scores.push([name, part, scoreParser(parse, sets.get(part) ?? [])]);

const keys = Object.keys(scores[0]?.[2].args ?? {});
console.log(`| parser | part | requests | intent | ${keys.join(" | ")} |`);
console.log(`|---|---|---|---|${keys.map(() => "---").join("|")}|`);
for (const [name, part, s] of scores)
  console.log(
    `| ${name} | ${part} | ${s.requests} | ${pct(s.intent)} | ${keys.map((k) => (s.args[k] ? pct(s.args[k]) : "–")).join(" | ")} |`,
  );

// Per-intent accuracy of the current parser.
for (const part of parts) {
  const set = sets.get(part) ?? [];
  const byIntent = new Map<string, { ok: number; of: number }>();
  for (const r of set) {
    const c = byIntent.get(r.i) ?? { ok: 0, of: 0 };
    c.of += 1;
    if (current(r.t, r.p ? { remote: "any", limit: 5, ...r.p } : undefined).kind === r.i) c.ok += 1;
    byIntent.set(r.i, c);
  }
  console.log(
    `\ncurrent, ${part}, intent by intent: ${[...byIntent].map(([k, v]) => `${k} ${v.ok}/${v.of}`).join(", ")}`,
  );
}

// Cost per request: each request parsed 200 times, CPU time per parse; p50/p95 over requests.
const all = [...loadRequests("tune"), ...loadRequests("heldout")];
const perRequest: number[] = [];
for (const r of all) {
  const prev = r.p ? { remote: "any", limit: 5, ...r.p } : undefined;
  const start = process.cpuUsage();
  for (let i = 0; i < 200; i++) current(r.t, prev);
  const used = process.cpuUsage(start);
  perRequest.push((used.user + used.system) / 200 / 1000);
}
perRequest.sort((a, b) => a - b);
const q = (p: number) => perRequest[Math.min(perRequest.length - 1, Math.floor(p * perRequest.length))] ?? 0;
console.log(
  `\nparse cost (current), ${all.length} requests × 200: p50 ${q(0.5).toFixed(3)} CPU ms, p95 ${q(0.95).toFixed(3)} CPU ms, max ${q(1).toFixed(3)} CPU ms`,
);

// Training the classifier (what the first parse in a process pays), CPU time, five times.
const trainMs: number[] = [];
for (let i = 0; i < 5; i++) {
  const start = process.cpuUsage();
  trainIntentClassifier(INTENT_EXAMPLES);
  const used = process.cpuUsage(start);
  trainMs.push((used.user + used.system) / 1000);
}
console.log(
  `training the intent classifier on ${INTENT_EXAMPLES.length} examples: ${trainMs.map((m) => m.toFixed(0)).join(", ")} CPU ms`,
);

if (missesOf) {
  const s = scores.find(([n, p]) => n === "current" && p === missesOf)?.[2];
  for (const m of s?.misses ?? []) console.log(`  ${m.text} → ${m.got}`);
}
