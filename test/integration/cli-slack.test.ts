// The Slack role as users run it at scale: two `jobscout slack` processes (the built CLI) serving one
// app over the HTTP Events API, sharing Redis, the real @slack/bolt and @slack/web-api against the
// local fake Slack. An event delivered to both (a retry that lands on the other process) is
// answered once: the Redis SET NX claim decides, not each process's own memory.
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { startBuiltJobscout, type RunningJobscout } from "../support/cli.js";
import { dropPrefix, eventually, tempDir, testEnv } from "../support/harness.js";
import { startReplayServer, type ReplayServer } from "../support/replay-server.js";
import {
  eventEnvelope,
  mentionEvent,
  SlackSender,
  slackTs,
  startSlackServer,
  type SlackServer,
} from "../support/slack-server.js";

const SECRET = "test-signing-secret";
let replay: ReplayServer;
let slack: SlackServer;
beforeAll(async () => {
  [replay, slack] = await Promise.all([
    startReplayServer(),
    startSlackServer({ users: [{ id: "UALICE", name: "alice" }] }),
  ]);
});
afterAll(async () => {
  await Promise.all([replay.close(), slack.close()]);
});
const cleanups: Array<() => Promise<void> | void> = [];
afterEach(async () => {
  for (const c of cleanups.splice(0).reverse()) await c();
});

/** The port a `jobscout slack` process reports once connected (it asked the OS for one: SLACK_PORT=0). */
async function portOf(p: RunningJobscout): Promise<number> {
  // One JSON line per event; pino writes the message after the fields.
  const port = await eventually(
    () =>
      p
        .stderr()
        .split("\n")
        .filter((line) => line.includes('"msg":"slack connected"'))
        .map((line) => /"port":(\d+)/.exec(line)?.[1])
        .find(Boolean),
    60_000,
  );
  return Number(port);
}

describe("jobscout slack, two processes", () => {
  it("answers an event delivered to both processes once, and both stop cleanly on SIGTERM", async () => {
    const tmp = tempDir();
    const env = testEnv(tmp.dir, replay.url, {
      SLACK_BOT_TOKEN: slack.botToken,
      SLACK_SIGNING_SECRET: SECRET,
      SLACK_API_URL: slack.apiUrl,
      SLACK_PORT: "0",
      JOBSCOUT_LOG_LEVEL: "debug",
    });
    cleanups.push(tmp.remove, () => dropPrefix(env.JOBSCOUT_QUEUE_PREFIX));
    const withWorkers = startBuiltJobscout(["slack", "--workers"], env);
    const botOnly = startBuiltJobscout(["slack"], env);
    cleanups.push(
      () => withWorkers.stop(),
      () => botOnly.stop(),
    );
    const ports = await Promise.all([portOf(withWorkers), portOf(botOnly)]);

    const ts = slackTs();
    const envelope = eventEnvelope({
      teamId: slack.teamId,
      botUserId: slack.botUserId,
      event: mentionEvent({
        user: "UALICE",
        channel: "C0JOBS",
        text: "find me jobs in Berlin",
        botUserId: slack.botUserId,
        ts,
      }),
    });
    const eventId = (envelope as { event_id: string }).event_id;
    for (const port of ports) {
      const res = await new SlackSender(`http://127.0.0.1:${port}/slack/events`, SECRET).event(envelope);
      expect(res.status).toBe(200);
    }
    // One process answers with job cards; the other says it left the repeat alone.
    await eventually(
      () => slack.thread("C0JOBS", ts).some((m) => m.blocks.some((b) => b.type === "actions")),
      90_000,
    );
    await eventually(
      () =>
        [withWorkers, botOnly].some((p) =>
          p
            .stderr()
            .split("\n")
            .some(
              (l) =>
                l.includes('"msg":"slack repeated delivery ignored"') && l.includes(`"eventId":"${eventId}"`),
            ),
        ),
      30_000,
    );
    const answers = slack.thread("C0JOBS", ts).filter((m) => m.blocks.some((b) => b.type === "actions"));
    expect(answers).toHaveLength(1);

    for (const p of [withWorkers, botOnly]) p.child.kill("SIGTERM");
    expect(await Promise.all([withWorkers.exited, botOnly.exited])).toEqual([0, 0]);
  }, 180_000);
});
