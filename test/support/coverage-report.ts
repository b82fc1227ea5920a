// `npm run coverage`, last step: one table over all of src/ from two sources —
//  - the vitest workers (coverage/vitest, @vitest/coverage-v8), and
//  - every other process the run started (coverage/raw, NODE_V8_COVERAGE): CLI children run with
//    tsx or from dist/, worker threads such as the Slack receiver; converted through their source
//    maps by `c8 report` (coverage/children).
// The two converters cut a file into statements and branches differently (vitest: by the AST;
// c8: by line and by V8 block), so the vitest map is the base and a child's run is folded into it:
// a statement counts as run when a child ran its first line, a function when a child ran a function
// declared on the same line, a branch arm when a child entered a block inside the arm's span, or the
// arm begins on a line of its own that a child ran. Never counts a statement twice. A heuristic for
// branches (an if's arm spans the whole statement in vitest's map): read branch figures as close.
// `--min N` fails (exit 1) when statements, branches or lines fall below N%; `--thresholds` (CI,
// `npm run test:ci`) fails below the floors in THRESHOLDS.
import { existsSync, readFileSync } from "node:fs";
import { createRequire } from "node:module";
import path from "node:path";
import { ROOT } from "./cli.js";

interface Metric {
  pct: number;
  covered: number;
  total: number;
}
interface Loc {
  start: { line: number; column: number | null };
  end: { line: number; column: number | null };
}
interface FileData {
  statementMap: Record<string, Loc>;
  s: Record<string, number>;
  fnMap: Record<string, { decl: Loc; loc: Loc }>;
  f: Record<string, number>;
  branchMap: Record<string, { loc: Loc; locations: Loc[] }>;
  b: Record<string, number[]>;
}
interface FileCoverage {
  data: FileData;
  getLineCoverage(): Record<string, number>;
}
interface CoverageMap {
  merge(other: unknown): void;
  data: Record<string, FileCoverage>;
  filter(keep: (file: string) => boolean): void;
  files(): string[];
  getCoverageSummary(): { statements: Metric; branches: Metric; functions: Metric; lines: Metric };
}

const require = createRequire(import.meta.url);
const libCoverage = require("istanbul-lib-coverage") as {
  createCoverageMap(data?: object): CoverageMap;
  createFileCoverage(data: object): FileCoverage;
};
const libReport = require("istanbul-lib-report") as {
  createContext(o: { dir: string; coverageMap: CoverageMap }): unknown;
};
const reports = require("istanbul-reports") as {
  create(name: string, o?: object): { execute(context: unknown): void };
};

const read = (part: string): Record<string, FileData> => {
  const file = path.join(ROOT, "coverage", part, "coverage-final.json");
  if (existsSync(file)) return JSON.parse(readFileSync(file, "utf8")) as Record<string, FileData>;
  process.stderr.write(`coverage: no ${path.relative(ROOT, file)}\n`);
  return {};
};

/** Fold what a child process ran (c8's map of one file) into vitest's map of the same file. */
function fold(base: FileData, child: FileData): void {
  const lines = libCoverage.createFileCoverage(child).getLineCoverage();
  const ran = (line: number) => (lines[String(line)] ?? 0) > 0;
  for (const [id, loc] of Object.entries(base.statementMap)) {
    if (base.s[id] === 0 && ran(loc.start.line)) base.s[id] = 1;
  }
  const childFns = Object.entries(child.fnMap).filter(([id]) => (child.f[id] ?? 0) > 0);
  for (const [id, fn] of Object.entries(base.fnMap)) {
    if (base.f[id] === 0 && childFns.some(([, c]) => c.decl.start.line === fn.decl.start.line))
      base.f[id] = 1;
  }
  const blocks = Object.entries(child.branchMap).flatMap(([id, br]) =>
    br.locations.filter((_, i) => (child.b[id]?.[i] ?? 0) > 0).map((l) => l.start),
  );
  for (const [id, br] of Object.entries(base.branchMap)) {
    br.locations.forEach((arm, i) => {
      const counts = base.b[id]!;
      if (counts[i] !== 0) return;
      // An implicit else has no location of its own: only vitest's count stands.
      if (arm.start.line === undefined) return;
      const taken =
        blocks.some(
          (b) =>
            (b.line === arm.start.line && (b.column ?? 0) >= (arm.start.column ?? 0) - 1) ||
            (b.line > arm.start.line && b.line <= arm.end.line),
        ) ||
        (arm.start.line !== br.loc.start.line && ran(arm.start.line));
      if (taken) counts[i] = 1;
    });
  }
}

const vitest = read("vitest");
const children = read("children");
for (const [file, data] of Object.entries(children)) {
  const base = vitest[file];
  if (base) fold(base, data);
  else
    process.stderr.write(`coverage: ${path.relative(ROOT, file)} ran only in child processes: not counted\n`);
}
const map = libCoverage.createCoverageMap(vitest);
const src = path.join(ROOT, "src") + path.sep;
map.filter((f) => f.startsWith(src));

const context = libReport.createContext({ dir: path.join(ROOT, "coverage"), coverageMap: map });
reports.create("text", { skipFull: false }).execute(context);
reports.create("json-summary").execute(context);
reports.create("html").execute(context);

/**
 * What CI holds the suite to: about one point under the figures last measured over all of src/
 * (statements 97.47%, branches 91.24%, lines 97.85% on 2026-12-04), and never under issue #16's 90%,
 * so a merge that adds untested code fails. Raise them as the suite climbs (TESTING.md).
 */
const THRESHOLDS = { statements: 96.5, branches: 90.2, lines: 96.8 } as const;

const minArg = process.argv.indexOf("--min");
const min = minArg >= 0 ? Number(process.argv[minArg + 1]) : undefined;
const floors: Partial<Record<keyof typeof THRESHOLDS, number>> = process.argv.includes("--thresholds")
  ? THRESHOLDS
  : min !== undefined
    ? { statements: min, branches: min, lines: min }
    : {};
const s = map.getCoverageSummary();
const line = (["statements", "branches", "functions", "lines"] as const)
  .map((k) => `${k} ${s[k].pct}% (${s[k].covered}/${s[k].total})`)
  .join(", ");
process.stdout.write(`\nsrc/ over ${map.files().length} files: ${line}\n`);
const low = (["statements", "branches", "lines"] as const).filter((k) => s[k].pct < (floors[k] ?? 0));
if (low.length > 0) {
  process.stderr.write(`coverage below the floor: ${low.map((k) => `${k} < ${floors[k]}%`).join(", ")}\n`);
  process.exitCode = 1;
}
