// `npx tsx test/support/mutate.ts [src/file.ts ...]`: Stryker file by file, each file with only the
// test files that test it (TESTS below), results kept in the committed reports. A whole-list run
// (`npm run mutate`) did not fit on a shared 2-core machine; one file at a time does, and each run
// adds to what the earlier ones found:
//  - the run starts from `reports/mutation/stryker-incremental.json`, so unchanged mutants of that
//    file are not tested again;
//  - afterwards its file's results replace that file's entry in the incremental file, in
//    `mutation.json` and in `mutation.html` (the other files' entries stay as they were);
//  - one line per file: score, killed, timeout, survived, no coverage, seconds per tested mutant.
// Without arguments it runs every file in TESTS. `--checker` keeps the TypeScript checker (slower;
// the default leaves it out: a mutant that does not compile fails its tests anyway).
// `--adopt=<file> src/x.ts …` takes those files' results from another incremental file (a branch's).
// `--timeout-ms=N` replaces the config's timeoutMS (Stryker allows 1.5 × the tests' time plus N for a
// mutant before it counts it as timed out, i.e. killed by an endless loop or wait).
import { spawn } from "node:child_process";
import { closeSync, existsSync, mkdirSync, openSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { pathToFileURL } from "node:url";
import path from "node:path";
import { ROOT } from "./cli.js";

/** Each critical file (as `mutate` in stryker.config.json names it) and the tests that test it. */
export const TESTS: Record<string, string[]> = {
  "src/store/marks.repo.ts": ["test/unit/job-marks.test.ts"],
  "src/bot/slack/event-dedupe.ts": [
    "test/unit/slack-event-dedupe-local.test.ts",
    "test/unit/slack-event-dedupe-memory.test.ts",
    "test/integration/slack-event-dedupe.test.ts",
  ],
  "src/pipeline/sources/rate-limiter.ts": [
    "test/integration/rate-limiter.test.ts",
    "test/integration/rate-limiter-limits.test.ts",
  ],
  // dedupe-identity.test.ts reaches mergeCopies too, but through whole pipeline runs (its tests took
  // 109 s of a 4-minute dry run): the pure function's own tests decide each mutant in a second.
  "src/pipeline/dedupe/merge-copies.ts": [
    "test/unit/merge-copies.test.ts",
    "test/unit/merge-copies-partial.test.ts",
  ],
  // Its own tests only: dedupe-identity.test.ts (where they were) spent 109 s of a 4-minute dry run
  // on JobIdentity's cases, none of which reach closeUnlisted.
  "src/pipeline/dedupe/close-unlisted.ts": ["test/unit/close-unlisted.test.ts"],
  "src/search/filtered-vector-search.ts": [
    "test/unit/search-vector-plans.test.ts",
    "test/unit/vector-plan-choice.test.ts",
  ],
  "src/jobs/job-actions.ts": ["test/unit/job-marks.test.ts"],
  "src/tools/mark-job.tool.ts": ["test/unit/job-marks.test.ts"],
  "src/tools/context.ts": ["test/unit/turn-context.test.ts"],
  // job-marks.test.ts reaches `refusal` only through the mark_job tool, on a store (76 s a run):
  // person-request.test.ts checks every kind of request and refusal in well under a second.
  "src/tools/request.ts": ["test/unit/person-request.test.ts"],
  "src/chat/conversation.ts": ["test/unit/press-identity.test.ts"],
  "src/bot/slack/job-button.action.ts:1-50": ["test/unit/press-identity.test.ts"],
  "src/search/facets.ts": [
    "test/unit/search-facets.test.ts",
    "test/unit/search-facets-edges.test.ts",
    "test/unit/search-facets-values.test.ts",
    "test/unit/search-facets-order-radius.test.ts",
    "test/unit/search-service.test.ts",
    "test/unit/search-vector-plans.test.ts",
  ],
  // Profiles and fit scores private to their person and workspace: every owner condition is in the
  // repositories (the services pass the owner from the platform event through).
  "src/store/profiles.repo.ts": ["test/unit/profile-privacy.test.ts"],
  "src/store/fit-scores.repo.ts": ["test/unit/profile-privacy.test.ts"],
  // Letter grounding: every claim of a letter found in the cited CV lines or the posting.
  "src/jobs/applications/grounding.ts": ["test/unit/grounding.test.ts", "test/unit/grounding-rules.test.ts"],
  // Digest exactly-once: the claim of (saved search, due time) before anything is posted. Lines
  // 78-112 are the vector feed the digest reads, not the claim.
  "src/store/deliveries.repo.ts:1-77": ["test/unit/digest-deliveries.test.ts"],
};

interface MutantResult {
  status: string;
}
interface FileResult {
  mutants: MutantResult[];
  [k: string]: unknown;
}
interface Report {
  files: Record<string, FileResult>;
  testFiles?: Record<string, unknown>;
  [k: string]: unknown;
}

const REPORTS = path.join(ROOT, "reports/mutation");
const INCREMENTAL = path.join(REPORTS, "stryker-incremental.json");
const read = (f: string): Report => JSON.parse(readFileSync(f, "utf8")) as Report;

/** Runs Stryker on one file; returns the seconds it took and how many mutants it tested. */
async function runOne(
  file: string,
  checker: boolean,
  timeoutMs: number | undefined,
  tmp: string,
): Promise<{ seconds: number; tested: number }> {
  const tests = TESTS[file];
  if (!tests) throw new Error(`no test files listed for ${file} in test/support/mutate.ts`);
  const base = JSON.parse(readFileSync(path.join(ROOT, "stryker.config.json"), "utf8")) as Record<
    string,
    unknown
  >;
  const incremental = path.join(tmp, "incremental.json");
  if (existsSync(INCREMENTAL)) writeFileSync(incremental, readFileSync(INCREMENTAL));
  const config = {
    ...base,
    $schema: undefined,
    mutate: [file],
    testFiles: tests,
    ...(checker ? {} : { checkers: [] }),
    ...(timeoutMs === undefined ? {} : { timeoutMS: timeoutMs }),
    incrementalFile: incremental,
    reporters: ["clear-text", "progress-append-only", "json"],
    jsonReporter: { fileName: path.join(tmp, "mutation.json") },
  };
  // Stryker reads its config relative to the project: the temporary file sits in the root.
  const configFile = path.join(ROOT, `stryker.mutate-${process.pid}.tmp.json`);
  writeFileSync(configFile, JSON.stringify(config, null, 2));
  const started = Date.now();
  let out = "";
  try {
    await new Promise<void>((resolve, reject) => {
      const child = spawn("npx", ["stryker", "run", configFile], {
        cwd: ROOT,
        stdio: ["ignore", "pipe", "inherit"],
      });
      child.stdout.on("data", (b: Buffer) => {
        out += b.toString();
        process.stdout.write(b);
      });
      child.on("error", reject);
      child.on("close", () => resolve());
    });
  } finally {
    rmSync(configFile, { force: true });
  }
  const seconds = (Date.now() - started) / 1000;
  // Stryker's own count: "Result: 28 of 41 mutant result(s) are reused." (absent on a first run).
  // eslint-disable-next-line no-control-regex
  const plain = out.replace(/\x1b\[[0-9;]*m/g, "");
  const m = /(\d+) of (\d+) mutant result\(s\) are reused/.exec(plain);
  const all = read(incremental).files[file.replace(/:\d+-\d+$/, "")]?.mutants.length ?? 0;
  const tested = m ? Number(m[2]) - Number(m[1]) : all;
  return { seconds, tested };
}

/** Runs `fn` while holding the reports (two runs of this script may finish at the same time). */
async function locked(fn: () => Promise<void>): Promise<void> {
  const lock = path.join(REPORTS, ".merge.lock");
  for (;;) {
    try {
      closeSync(openSync(lock, "wx"));
      break;
    } catch {
      await new Promise((r) => setTimeout(r, 200));
    }
  }
  try {
    await fn();
  } finally {
    rmSync(lock, { force: true });
  }
}

/** The run's entry for `file` replaces the committed one in the incremental file and the reports. */
async function merge(file: string, tmp: string): Promise<void> {
  const key = file.replace(/:\d+-\d+$/, "");
  const run = read(path.join(tmp, "incremental.json"));
  const into = existsSync(INCREMENTAL) ? read(INCREMENTAL) : { ...run, files: {}, testFiles: {} };
  const entry = run.files[key];
  if (!entry) throw new Error(`Stryker reported nothing for ${key}`);
  into.files[key] = entry;
  into.testFiles = { ...(into.testFiles ?? {}), ...(run.testFiles ?? {}) };
  // One line, not indented: the indented report passed 2 MB (Git keeps every version of it).
  const json = JSON.stringify(into);
  writeFileSync(INCREMENTAL, json);
  writeFileSync(path.join(REPORTS, "mutation.json"), json);
  // The same page Stryker's html reporter writes, from the merged report.
  // (Not among the package's exports: loaded by its path.)
  const reporter = path.join(ROOT, "node_modules/@stryker-mutator/core/dist/src/reporters/html-reporter.js");
  const { HtmlReporter } = (await import(pathToFileURL(reporter).href)) as {
    HtmlReporter: new (
      o: unknown,
      log: unknown,
    ) => { onMutationTestReportReady(r: unknown): void; wrapUp(): Promise<void> };
  };
  const quiet = { debug: () => undefined, info: () => undefined };
  const html = new HtmlReporter({ htmlReporter: { fileName: path.join(REPORTS, "mutation.html") } }, quiet);
  html.onMutationTestReportReady(into);
  await html.wrapUp();
}

/** Score as Stryker counts it: (killed + timeout) / (all valid mutants), no-coverage included. */
export function tally(mutants: MutantResult[]) {
  const n = (s: string) => mutants.filter((m) => m.status === s).length;
  const killed = n("Killed");
  const timeout = n("Timeout");
  const survived = n("Survived");
  const noCoverage = n("NoCoverage");
  const valid = killed + timeout + survived + noCoverage;
  return { killed, timeout, survived, noCoverage, score: valid ? (100 * (killed + timeout)) / valid : 100 };
}

async function main(): Promise<void> {
  const args = process.argv.slice(2);
  const checker = args.includes("--checker");
  const timeoutArg = args.find((a) => a.startsWith("--timeout-ms="));
  const timeoutMs = timeoutArg ? Number(timeoutArg.slice("--timeout-ms=".length)) : undefined;
  const files = args.filter((a) => !a.startsWith("--"));
  const tmp = path.join(tmpdir(), `jobscout-mutate-${process.pid}`);
  // `--adopt=<incremental.json>`: take the named files' entries from another checkout's incremental
  // file (a branch that ran them) instead of running Stryker: two branches that each ran one file
  // merge without redoing either run.
  const adopt = args.find((a) => a.startsWith("--adopt="))?.slice("--adopt=".length);
  if (adopt) {
    rmSync(tmp, { recursive: true, force: true });
    mkdirSync(tmp, { recursive: true });
    writeFileSync(path.join(tmp, "incremental.json"), readFileSync(adopt));
    for (const file of files) await locked(() => merge(file, tmp));
    rmSync(tmp, { recursive: true, force: true });
    return;
  }
  const lines: string[] = [];
  for (const file of files.length ? files : Object.keys(TESTS)) {
    rmSync(tmp, { recursive: true, force: true });
    mkdirSync(tmp, { recursive: true });
    const { seconds, tested } = await runOne(file, checker, timeoutMs, tmp);
    await locked(() => merge(file, tmp));
    const t = tally(read(INCREMENTAL).files[file.replace(/:\d+-\d+$/, "")]?.mutants ?? []);
    lines.push(
      `${file}: ${t.score.toFixed(1)}% killed ${t.killed} timeout ${t.timeout} survived ${t.survived} ` +
        `no coverage ${t.noCoverage}; ${tested} mutants tested in ${seconds.toFixed(0)} s` +
        (tested ? ` (${(seconds / tested).toFixed(1)} s each, dry run included)` : ""),
    );
    console.log(lines.at(-1));
  }
  console.log(lines.join("\n"));
}

await main();
