// `npm run coverage`, after the table: the tests that failed, named again with the start of their
// error, so that the end of the run's output (all a CI log may keep) says what failed, not only the
// coverage figures. Reads vitest's JSON report (coverage/results.json).
import { existsSync, readFileSync } from "node:fs";
import path from "node:path";
import { ROOT } from "./cli.js";

interface Report {
  numFailedTests: number;
  testResults: Array<{
    name: string;
    message?: string;
    assertionResults: Array<{ fullName: string; status: string; failureMessages: string[] }>;
  }>;
}

const file = path.join(ROOT, "coverage", "results.json");
if (!existsSync(file)) {
  console.log("tests: no results (coverage/results.json missing)");
  process.exit(1);
}
const report = JSON.parse(readFileSync(file, "utf8")) as Report;
const plain = (s: string) =>
  s
    // eslint-disable-next-line no-control-regex -- the terminal colours in vitest's messages
    .replace(/\u001b\[[0-9;]*m/g, "")
    .split("\n")
    .filter((line) => !/node_modules\/@vitest|at new Promise/.test(line))
    .join("\n")
    .slice(0, 1500);
const failed = report.testResults.flatMap((f) => {
  const where = path.relative(ROOT, f.name);
  const tests = f.assertionResults
    .filter((t) => t.status === "failed")
    .map((t) => `✗ ${where} > ${t.fullName}\n  ${plain(t.failureMessages[0] ?? "")}`);
  // A file that failed outside any test (an import, a hook) has no failed test of its own.
  return tests.length > 0 || !f.message ? tests : [`✗ ${where}\n  ${plain(f.message)}`];
});
if (failed.length === 0) console.log("tests: none failed");
else console.log(`tests: ${failed.length} failed\n${failed.join("\n")}`);
process.exit(failed.length === 0 ? 0 : 1);
