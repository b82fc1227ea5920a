// 1,000 generated messages (test/support/chat-fuzz-inputs.ts) through the Slack surface, the real
// Bolt receiver over HTTP: every one gets a short answer, none shows a stack trace, a module path or
// LangChain's internals. The same messages in the terminal: chat-fuzz-terminal.test.ts.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { App } from "../../src/compose/app.js";
import { startSlackSurface } from "../../src/bot/slack/slack.surface.js";
import { FUZZ_ENV, inputs, INTERNALS } from "../support/chat-fuzz-inputs.js";
import { dropPrefix, eventually, tempDir, testApp, testConfig, testEnv } from "../support/harness.js";
import { startReplayServer, type ReplayServer } from "../support/replay-server.js";
import {
  eventEnvelope,
  mentionEvent,
  SlackSender,
  slackTs,
  startSlackServer,
} from "../support/slack-server.js";

let replay: ReplayServer;
beforeAll(async () => {
  replay = await startReplayServer();
});
afterAll(() => replay.close());

describe("chat fuzz", () => {
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
