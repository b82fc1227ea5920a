// 1,000 generated messages — any length, numbers out of range, control characters, option-looking
// text, other scripts, URLs into private networks — through the terminal chat (the real CLI in a
// child process) and the Slack surface (the real Bolt receiver over HTTP): every one gets a short
// answer, none shows a stack trace, a module path or LangChain's internals.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { App } from "../../src/compose/app.js";
import { startSlackSurface } from "../../src/bot/slack/slack.surface.js";
import { runJobscout } from "../support/cli.js";
import { dropPrefix, eventually, tempDir, testApp, testConfig, testEnv } from "../support/harness.js";
import { startReplayServer, type ReplayServer } from "../support/replay-server.js";
import { rng } from "../support/rng.js";
import {
  eventEnvelope,
  mentionEvent,
  SlackSender,
  slackTs,
  startSlackServer,
} from "../support/slack-server.js";

const INTERNALS =
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
function inputs(count: number): string[] {
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

let replay: ReplayServer;
beforeAll(async () => {
  replay = await startReplayServer();
});
afterAll(() => replay.close());

// Runs are queued but not waited for (JOBSCOUT_RUN_WAIT_MS=0): the answers, not the fetching, are
// under test, and 1,000 turns must stay quick.
const FUZZ_ENV = { JOBSCOUT_RUN_WAIT_MS: "0", JOBSCOUT_SOURCES: "arbeitnow" };

describe("chat fuzz", () => {
  it("the terminal chat answers 1,000 generated messages without internals", async () => {
    const tmp = tempDir();
    const env = testEnv(tmp.dir, replay.url, FUZZ_ENV);
    try {
      // One message per line, as typed; what the terminal reads of a line is what is tested.
      const lines = inputs(1000).map((t) => t.replace(/[\r\n]+/g, " "));
      const res = await runJobscout(["chat", "--no-workers"], { env, input: `${lines.join("\n")}\n` });
      expect(res.code).toBe(0);
      expect(res.stdout).not.toMatch(INTERNALS);
      expect(res.stderr).not.toMatch(INTERNALS);
      // Every line got an answer: none is silently dropped.
      const answers = res.stdout.split("\n\n").filter((b) => b.trim().length > 0);
      expect(answers.length).toBeGreaterThanOrEqual(1000);
    } finally {
      await dropPrefix(env.JOBSCOUT_QUEUE_PREFIX);
      tmp.remove();
    }
  }, 300_000);

  it("the Slack surface answers 1,000 generated mentions without internals, none longer than Slack takes", async () => {
    const slack = await startSlackServer({ users: [{ id: "UFUZZ", name: "fuzz" }] });
    const tmp = tempDir();
    const env = testEnv(tmp.dir, replay.url, {
      ...FUZZ_ENV,
      SLACK_BOT_TOKEN: slack.botToken,
      SLACK_SIGNING_SECRET: "fuzz-secret",
      SLACK_API_URL: slack.apiUrl,
      SLACK_PORT: "0",
    });
    let app: App | undefined;
    let stop: (() => Promise<void>) | undefined;
    try {
      app = await testApp(testConfig(env), { workers: false });
      const surface = await startSlackSurface(app);
      stop = () => surface.stop();
      const send = new SlackSender(`http://127.0.0.1:${surface.port}/slack/events`, "fuzz-secret");
      const texts = inputs(1000);
      const threads: string[] = [];
      for (let i = 0; i < texts.length; i += 10) {
        await Promise.all(
          texts.slice(i, i + 10).map(async (text) => {
            const ts = slackTs();
            threads.push(ts);
            const event = mentionEvent({
              user: "UFUZZ",
              channel: "CFUZZ",
              text,
              botUserId: slack.botUserId,
              ts,
            });
            const envelope = eventEnvelope({ teamId: slack.teamId, botUserId: slack.botUserId, event });
            // A kept-alive socket the server closes as the request goes out fails the delivery;
            // Slack then delivers again with its retry headers, and so do we.
            const res = await send.event(envelope).catch(() => send.event(envelope, { retryNum: 1 }));
            expect(res.status).toBe(200);
          }),
        );
      }
      const answered = (ts: string) =>
        slack.thread("CFUZZ", ts).some((m) => m.ts !== ts && m.blocks[0]?.block_id !== "run-progress");
      await eventually(() => threads.every(answered), 240_000, 250);
      const posted = slack.callsTo("chat.postMessage").concat(slack.callsTo("chat.update"));
      for (const call of posted) {
        const shown = JSON.stringify([call.args.text, call.args.blocks]);
        expect(shown).not.toMatch(INTERNALS);
        expect(JSON.stringify(call.args.text ?? "").length).toBeLessThanOrEqual(40_000);
      }
    } finally {
      await stop?.();
      await app?.close();
      await slack.close();
      await dropPrefix(env.JOBSCOUT_QUEUE_PREFIX);
      tmp.remove();
    }
  }, 300_000);
});
