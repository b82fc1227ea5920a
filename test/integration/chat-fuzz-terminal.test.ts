// 1,000 generated messages (test/support/chat-fuzz-inputs.ts) through the terminal chat, the real
// CLI in a child process: every one gets a short answer, none shows a stack trace, a module path or
// LangChain's internals. The same messages through Slack: chat-fuzz-slack.test.ts.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { FUZZ_ENV, inputs, INTERNALS } from "../support/chat-fuzz-inputs.js";
import { runJobscout } from "../support/cli.js";
import { dropPrefix, tempDir, testEnv } from "../support/harness.js";
import { startReplayServer, type ReplayServer } from "../support/replay-server.js";

let replay: ReplayServer;
beforeAll(async () => {
  replay = await startReplayServer();
});
afterAll(() => replay.close());

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
});
