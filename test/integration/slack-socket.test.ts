// The Slack surface in Socket Mode: the real @slack/bolt SocketModeReceiver connects through
// apps.connections.open to the fake's WebSocket; envelopes are acked with their envelope_id.
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import type { App } from "../../src/compose/app.js";
import { startSlackSurface } from "../../src/bot/slack/slack.surface.js";
import { processMetrics } from "../../src/core/process-metrics.js";
import { parsePrometheusText, sampleValue } from "../support/prometheus-text.js";
import { dropPrefix, eventually, tempDir, testApp, testConfig, testEnv } from "../support/harness.js";
import { startReplayServer, type ReplayServer } from "../support/replay-server.js";
import {
  buttonPress,
  commandPayload,
  dmEvent,
  eventEnvelope,
  mentionEvent,
  slackTs,
  startSlackServer,
  type FakeMessage,
  type SlackServer,
} from "../support/slack-server.js";

let replay: ReplayServer;
const cleanups: Array<() => Promise<void> | void> = [];
beforeAll(async () => {
  replay = await startReplayServer();
});
afterAll(() => replay.close());
afterEach(async () => {
  for (const c of cleanups.splice(0).reverse()) await c();
});

async function setup(): Promise<{ app: App; slack: SlackServer }> {
  const slack = await startSlackServer({ users: [{ id: "UALICE", name: "alice" }, { id: "UBOB" }] });
  cleanups.push(() => slack.close());
  const tmp = tempDir();
  const env = testEnv(tmp.dir, replay.url, {
    SLACK_BOT_TOKEN: slack.botToken,
    SLACK_APP_TOKEN: slack.appToken,
    SLACK_API_URL: slack.apiUrl,
  });
  const app = await testApp(testConfig(env));
  cleanups.push(
    tmp.remove,
    () => dropPrefix(env.JOBSCOUT_QUEUE_PREFIX),
    () => app.close(),
  );
  const surface = await startSlackSurface(app);
  cleanups.push(() => surface.stop());
  expect(surface.transport).toBe("socket");
  await slack.socketConnected();
  return { app, slack };
}

/** How many Slack acks this process has timed (`jobscout_chat_ack_duration_seconds`). */
async function slackAcks(): Promise<number> {
  const m = parsePrometheusText(await processMetrics.render());
  return (
    sampleValue(m, "jobscout_chat_ack_duration_seconds", "jobscout_chat_ack_duration_seconds_count", {
      surface: "slack",
    }) ?? 0
  );
}

const isProgress = (m: FakeMessage) => m.blocks[0]?.block_id === "run-progress";
const cardIds = (m: FakeMessage) =>
  m.blocks
    .filter((b) => b.type === "actions")
    .flatMap((b) => b.elements as Array<{ action_id: string; value: string }>)
    .filter((b) => b.action_id === "job_save")
    .map((b) => b.value);

describe("Slack in Socket Mode", () => {
  it("connects with the app token, acks a mention's envelope at once and answers in the thread with job cards", async () => {
    const { app, slack } = await setup();
    const open = slack.callsTo("apps.connections.open");
    expect(open.length).toBe(1);
    expect(open[0]!.token).toBe(slack.appToken);

    const ts = slackTs();
    const acksBefore = await slackAcks();
    const ack = await slack.sendEnvelope(
      "events_api",
      eventEnvelope({
        teamId: slack.teamId,
        botUserId: slack.botUserId,
        event: mentionEvent({
          user: "UALICE",
          channel: "C0JOBS",
          text: "jobs in Berlin",
          botUserId: slack.botUserId,
          ts,
        }),
      }),
    );
    expect(ack.envelopeId).toMatch(/\w/);
    // Events are acked by Bolt itself, before any middleware: timed all the same.
    await eventually(async () => (await slackAcks()) === acksBefore + 1);
    // The ack did not wait for the turn: nothing is answered yet.
    expect(slack.thread("C0JOBS", ts).filter((m) => !isProgress(m))).toEqual([]);

    const answer = await eventually(
      () => slack.thread("C0JOBS", ts).find((m) => cardIds(m).length > 0),
      60_000,
    );
    expect(answer.threadTs).toBe(ts);
    expect(cardIds(answer).length).toBe(5);
    const progress = slack.thread("C0JOBS", ts).filter(isProgress);
    expect(progress.length).toBe(1);
    await eventually(() => progress[0]!.edits >= 1 && progress[0]!.text.startsWith("Fetched fresh postings"));
    expect((await app.runs.latest("slack:T0FAKE", 10)).length).toBe(1);
    expect(slack.rejected).toEqual([]);
  });

  it("starts one turn for an envelope redelivered with retry_attempt 1 and 2", async () => {
    const { app, slack } = await setup();
    const ts = slackTs();
    const envelope = eventEnvelope({
      teamId: slack.teamId,
      botUserId: slack.botUserId,
      event: mentionEvent({
        user: "UALICE",
        channel: "C0JOBS",
        text: "jobs in Berlin",
        botUserId: slack.botUserId,
        ts,
      }),
    });
    await slack.sendEnvelope("events_api", envelope);
    await slack.sendEnvelope("events_api", envelope, { retryAttempt: 1, retryReason: "timeout" });
    await slack.sendEnvelope("events_api", envelope, { retryAttempt: 2, retryReason: "timeout" });
    await eventually(() => slack.thread("C0JOBS", ts).some((m) => cardIds(m).length > 0), 60_000);
    // A later message in the thread is answered after any duplicate would have been.
    const later = slackTs();
    await slack.sendEnvelope(
      "events_api",
      eventEnvelope({
        teamId: slack.teamId,
        botUserId: slack.botUserId,
        event: mentionEvent({
          user: "UALICE",
          channel: "C0JOBS",
          text: "status",
          botUserId: slack.botUserId,
          ts: later,
          threadTs: ts,
        }),
      }),
    );
    await eventually(() =>
      slack.thread("C0JOBS", ts).some((m) => /Run [0-9a-f]{8}/.test(m.text) && !isProgress(m)),
    );
    expect(slack.thread("C0JOBS", ts).filter((m) => cardIds(m).length > 0).length).toBe(1);
    expect((await app.runs.latest("slack:T0FAKE", 10)).length).toBe(1);
  });

  it("drill: after the socket drops it reconnects, answers the next message, and answers nothing twice", async () => {
    const { app, slack } = await setup();
    const mention = (text: string, ts: string, threadTs?: string) =>
      eventEnvelope({
        teamId: slack.teamId,
        botUserId: slack.botUserId,
        event: mentionEvent({
          user: "UALICE",
          channel: "C0JOBS",
          text,
          botUserId: slack.botUserId,
          ts,
          ...(threadTs ? { threadTs } : {}),
        }),
      });
    const ts = slackTs();
    const first = mention("jobs in Berlin", ts);
    await slack.sendEnvelope("events_api", first);
    await eventually(() => slack.thread("C0JOBS", ts).some((m) => cardIds(m).length > 0), 60_000);

    slack.dropSockets();
    await slack.socketConnected();
    expect(slack.callsTo("apps.connections.open").length).toBe(2);
    // Slack redelivers an envelope whose ack it never saw over the new connection.
    await slack.sendEnvelope("events_api", first, { retryAttempt: 1, retryReason: "timeout" });
    const later = slackTs();
    await slack.sendEnvelope("events_api", mention("status", later, ts));
    await eventually(() =>
      slack.thread("C0JOBS", ts).some((m) => /Run [0-9a-f]{8}/.test(m.text) && !isProgress(m)),
    );
    expect(slack.thread("C0JOBS", ts).filter((m) => cardIds(m).length > 0).length).toBe(1);
    expect((await app.runs.latest("slack:T0FAKE", 10)).length).toBe(1);
  });

  it("acks slash commands and button presses over the socket; the press is answered to the presser only", async () => {
    const { slack } = await setup();
    const help = await slack.sendEnvelope(
      "slash_commands",
      commandPayload({
        teamId: slack.teamId,
        user: "UBOB",
        channel: "C0JOBS",
        text: "help",
        responseUrl: slack.responseUrl(),
      }),
    );
    expect(String(help.payload.text)).toMatch(/\/jobs status/);

    const ack = await slack.sendEnvelope(
      "slash_commands",
      commandPayload({
        teamId: slack.teamId,
        user: "UBOB",
        channel: "C0JOBS",
        text: "search jobs in Berlin",
        responseUrl: slack.responseUrl(),
      }),
    );
    expect(ack.payload).toMatchObject({ response_type: "ephemeral" });
    expect(String(ack.payload.text)).toMatch(/Looking/);
    const answer = await eventually(
      () => [...slack.messages.values()].find((m) => m.threadTs && cardIds(m).length > 0),
      60_000,
    );
    expect(answer.broadcast).toBe(true);
    const anchor = slack.messages.get(answer.threadTs!);
    expect(anchor?.text).toMatch(/<@UBOB> asked: search jobs in Berlin/);

    const hideId = cardIds(answer)[0]!;
    const pressAck = await slack.sendEnvelope(
      "interactive",
      buttonPress({
        message: answer,
        actionId: "job_hide",
        value: hideId,
        user: "UALICE",
        teamId: slack.teamId,
        responseUrl: slack.responseUrl(),
      }),
    );
    expect(pressAck.envelopeId).toMatch(/\w/);
    const eph = await eventually(() => slack.callsTo("chat.postEphemeral")[0]);
    expect(eph.args).toMatchObject({ user: "UALICE", channel: "C0JOBS", thread_ts: answer.threadTs });
    expect(String(eph.args.text)).toMatch(/won't show you/);
  });

  it("answers DMs as the user's own workspace and ignores edits and the bot's own messages", async () => {
    const { app, slack } = await setup();
    const send = (event: Record<string, unknown>) =>
      slack.sendEnvelope(
        "events_api",
        eventEnvelope({ teamId: slack.teamId, botUserId: slack.botUserId, event }),
      );
    const ts = slackTs();
    await send(dmEvent({ user: slack.botUserId, channel: "D0ALICE", text: "jobs in Berlin" }));
    await send({
      ...dmEvent({ user: "UALICE", channel: "D0ALICE", text: "jobs in Berlin" }),
      subtype: "message_changed",
    });
    await send({
      ...dmEvent({ user: "UOTHERBOT", channel: "D0ALICE", text: "jobs in Berlin" }),
      bot_id: "B0OTHER",
    });
    await send(dmEvent({ user: "UALICE", channel: "D0ALICE", text: "jobs in Berlin", ts }));
    const answer = await eventually(
      () => slack.thread("D0ALICE", ts).find((m) => cardIds(m).length > 0),
      60_000,
    );
    expect(answer.threadTs).toBe(ts);
    // Only Alice's real message was answered, and its run belongs to her DM workspace.
    expect(slack.callsTo("chat.postMessage").every((c) => c.args.thread_ts === ts)).toBe(true);
    expect((await app.runs.latest("slack-dm:UALICE", 10)).length).toBe(1);
    expect((await app.runs.latest("slack:T0FAKE", 10)).length).toBe(0);

    // A new top-level DM message continues the same conversation: it refines the last search.
    const next = slackTs();
    await send(dmEvent({ user: "UALICE", channel: "D0ALICE", text: "only remote ones", ts: next }));
    const refined = await eventually(
      () => slack.thread("D0ALICE", next).find((m) => cardIds(m).length > 0),
      60_000,
    );
    expect(JSON.stringify(refined)).toMatch(/in or near Berlin \(25 km\), remote only/);
  });
});
