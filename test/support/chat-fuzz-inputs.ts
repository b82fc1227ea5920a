// The chat fuzz's 1,000 generated messages — any length, numbers out of range, control characters,
// option-looking text, other scripts, URLs into private networks — and what no answer may show.
// Shared by its two halves (test/integration/chat-fuzz-terminal.test.ts, chat-fuzz-slack.test.ts),
// which are two files so that the suite's two workers can run them side by side.
import { rng } from "./rng.js";

/** A stack trace, a module path or LangChain's internals in an answer. */
export const INTERNALS =
  /\bat (async )?\S+ \(|node_modules|Error invoking tool|\.ts:\d+|\.js:\d+:\d+|ZodError|TypeError|undefined is not/;

const SCRIPTS = [
  "Москва работа",
  "北京 工作 软件",
  "وظائف في دبي",
  "ジョブ 東京",
  "नौकरी दिल्ली",
  "🚀🔥 jobs 💼",
  "Ελλάδα δουλειά",
];
const TEMPLATES: Array<(r: () => number, n: () => string) => string> = [
  (_r, n) => `jobs within ${n()} km of Bamberg`,
  (_r, n) => `python jobs in Berlin last ${n()} days`,
  (_r, n) => `details ${n()}`,
  (_r, n) => `save ${n()}`,
  (_r, n) => `not for me ${n()}`,
  (_r, n) => `status ${n()}`,
  (r) =>
    `${["-", "--", "---"][Math.floor(r() * 3)]}${["help", "version", "no-workers", "x", "remote"][Math.floor(r() * 5)]} jobs`,
  (r) => SCRIPTS[Math.floor(r() * SCRIPTS.length)]!,
  (r) =>
    `track jobs at http://${["127.0.0.1:6379", "10.0.0.1", "169.254.169.254/latest/meta-data", "[::1]:80", "0.0.0.0"][Math.floor(r() * 5)]}/`,
  (r) =>
    `jobs in ${"Nürnberg Köln München Zürich 東京 ".split(" ")[Math.floor(r() * 5)]} ${String.fromCharCode(Math.floor(r() * 32))}`,
  (r) => `a${"\u0000\u0007\u001b[31m\u202e\u2066".charAt(Math.floor(r() * 6))}b jobs`,
  (r) => "x".repeat(Math.floor(r() * 6000)),
  (r) => `${"'; DROP TABLE jobs; --"} ${r() > 0.5 ? '{"$gt": ""}' : "%s%n%x"}`,
  () => `only remote ones`,
  () => `more`,
  (r) =>
    Array.from({ length: Math.floor(r() * 40) }, () =>
      String.fromCharCode(32 + Math.floor(r() * 0x2fff)),
    ).join(""),
];

/** The fuzz inputs: the same 1,000 on every machine (seeded), none of them the terminal's "exit". */
export function inputs(count: number): string[] {
  const r = rng(20261202);
  const numbers = ["999", "-5", "0", "1e309", "3.7", "99999999999999999999", "NaN", "00", "-0", "301", "366"];
  const n = () => numbers[Math.floor(r() * numbers.length)]!;
  const out: string[] = [];
  while (out.length < count) {
    const text = TEMPLATES[Math.floor(r() * TEMPLATES.length)]!(r, n);
    if (/^(exit|quit|bye|:q)$/i.test(text.trim())) continue;
    out.push(text);
  }
  return out;
}

// Runs are queued but not waited for (JOBSCOUT_RUN_WAIT_MS=0): the answers, not the fetching, are
// under test, and 1,000 turns must stay quick.
export const FUZZ_ENV = { JOBSCOUT_RUN_WAIT_MS: "0", JOBSCOUT_SOURCES: "arbeitnow" };
