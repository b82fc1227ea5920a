// The Slack receiver thread and the main thread's side of it (ForwardedReceiver) with a Bolt app of
// the test's own listeners, over the HTTP Events API: signed requests are acked in the thread and
// reach the listeners with Slack's retry headers; acks are timed; a listener that fails is logged; a
// thread that dies is started again on the same port; a port already taken stops start-up with the
// reason; a stopped receiver closes its port.
import net from "node:net";
import { App as BoltApp } from "@slack/bolt";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { boltLogger } from "../../src/bot/slack/bolt-logger.js";
import { ForwardedReceiver } from "../../src/bot/slack/forwarded.receiver.js";
import { createLogger, type Logger } from "../../src/core/logger.js";
import { processMetrics } from "../../src/core/process-metrics.js";
import { eventually } from "../support/harness.js";
import {
  buttonPress,
  commandPayload,
  eventEnvelope,
  mentionEvent,
  SlackSender,
  startSlackServer,
  viewSubmission,
  type SlackServer,
} from "../support/slack-server.js";

const SECRET = "receiver-test-secret";
const BOT = { botId: "B0RECV", botUserId: "UBOTRECV" };
let slack: SlackServer;
beforeAll(async () => {
  slack = await startSlackServer();
});
afterAll(async () => {
  await slack.close();
});

const stops: Array<() => Promise<void>> = [];
afterEach(async () => {
  for (const s of stops.splice(0).reverse()) await s();
});

interface Started {
  bolt: BoltApp;
  receiver: ForwardedReceiver;
  sender: SlackSender;
  port: number;
  logs: Array<Record<string, unknown>>;
  seen: Array<Record<string, unknown>>;
}

function receiverFor(port: number, logger: Logger): ForwardedReceiver {
  return new ForwardedReceiver({
    worker: {
      token: slack.botToken,
      ...BOT,
      signingSecret: SECRET,
      port,
      slackApiUrl: slack.apiUrl,
      command: "/jobs",
    },
    logger,
  });
}

async function started(): Promise<Started> {
  const logs: Array<Record<string, unknown>> = [];
  const logger = createLogger("info", {}, (line) => logs.push(JSON.parse(line) as Record<string, unknown>));
  const receiver = receiverFor(0, logger);
  const bolt = new BoltApp({
    token: slack.botToken,
    ...BOT,
    logger: boltLogger(logger),
    clientOptions: { slackApiUrl: slack.apiUrl },
    receiver,
  });
  const seen: Array<Record<string, unknown>> = [];
  bolt.event("app_mention", ({ event, context }) => {
    seen.push({ text: event.text, retryNum: context.retryNum, retryReason: context.retryReason });
    return Promise.resolve();
  });
  bolt.command("/jobs", ({ command }) => {
    if (command.text === "break") return Promise.reject(new Error("listener broke"));
    seen.push({ command: command.text });
    return Promise.resolve();
  });
  bolt.command("/other", ({ command }) => {
    seen.push({ other: command.text });
    return Promise.resolve();
  });
  bolt.view("letter_form", ({ view }) => {
    seen.push({ submitted: view.state.values.letter?.text?.value });
    return Promise.resolve();
  });
  bolt.action("job_save", ({ body }) => {
    seen.push({ pressed: body.type, by: body.user.id });
    return Promise.resolve();
  });
  await bolt.start();
  stops.push(async () => {
    await bolt.stop();
  });
  const port = receiver.boundPort!;
  return {
    bolt,
    receiver,
    port,
    logs,
    seen,
    sender: new SlackSender(`http://127.0.0.1:${port}/slack/events`, SECRET),
  };
}

const mention = (text: string) =>
  eventEnvelope({
    teamId: "T0RECV",
    botUserId: BOT.botUserId,
    event: mentionEvent({ user: "U1", channel: "C1", text, botUserId: BOT.botUserId, teamId: "T0RECV" }),
  });

const command = (text: string) =>
  commandPayload({
    teamId: "T0RECV",
    user: "U1",
    channel: "C1",
    text,
    responseUrl: `${slack.apiUrl}/respond`,
  });

async function ackCount(): Promise<number> {
  const metric = await processMetrics.ackSeconds.get();
  return (
    metric.values.find((v) => v.metricName?.endsWith("_count") && v.labels.surface === "slack")?.value ?? 0
  );
}

describe("the Slack receiver thread", () => {
  it("hands a redelivered event to the listeners with Slack's retry number and reason", async () => {
    const s = await started();
    expect((await s.sender.event(mention("first"))).status).toBe(200);
    expect((await s.sender.event(mention("again"), { retryNum: 2 })).status).toBe(200);
    await eventually(() => s.seen.length === 2);
    expect(s.seen).toEqual([
      { text: `<@${BOT.botUserId}> first`, retryNum: undefined, retryReason: undefined },
      { text: `<@${BOT.botUserId}> again`, retryNum: 2, retryReason: "http_timeout" },
    ]);
  });

  it("answers /jobs help in the ack, times the ack, and logs a listener that fails", async () => {
    const s = await started();
    const before = await ackCount();
    const help = await s.sender.command(command("help"));
    expect(help.status).toBe(200);
    const ack = JSON.parse(help.body) as { response_type: string; text: string };
    expect(ack.response_type).toBe("ephemeral");
    expect(ack.text.split("\n")[0]).toBe(
      "*/jobs <what you look for>* — e.g. `/jobs python jobs in Frankfurt, remote ok`",
    );
    await eventually(() => s.seen.length === 1);
    expect(await ackCount()).toBe(before + 1);

    expect((await s.sender.command(command("break"))).status).toBe(200);
    await eventually(() =>
      s.logs.some(
        (l) => l.msg === "slack event processing failed" && String(l.error).includes("listener broke"),
      ),
    );
  });

  it("starts a thread that died again on the same port, and answers the next event", async () => {
    const s = await started();
    // The thread ends as if it had crashed (the receiver holds the only handle to it).
    await (s.receiver as unknown as { worker: { terminate(): Promise<number> } }).worker.terminate();
    await eventually(() => s.logs.some((l) => l.msg === "slack receiver thread died; restarting"));
    // A new thread loads Bolt again: on a busy machine that takes a while.
    await eventually(async () => {
      const r = await s.sender.event(mention("after the restart")).catch(() => undefined);
      return r?.status === 200;
    }, 60_000);
    await eventually(() => s.seen.some((e) => e.text === `<@${BOT.botUserId}> after the restart`));
    expect(s.receiver.boundPort).toBe(s.port);
  }, 120_000);

  it("acks a button press in the thread and hands it to the app's action listener, timed", async () => {
    const s = await started();
    const before = await ackCount();
    const card = {
      channel: "C1",
      ts: "1700000000.000100",
      threadTs: undefined,
      text: "Data Engineer",
      blocks: [
        {
          type: "actions",
          block_id: "card-42",
          elements: [
            {
              type: "button",
              action_id: "job_save",
              value: "42",
              text: { type: "plain_text", text: "Save" },
            },
          ],
        },
      ],
      edits: 0,
      broadcast: false,
    };
    const press = buttonPress({
      message: card,
      actionId: "job_save",
      user: "U7",
      teamId: "T0RECV",
      responseUrl: `${slack.apiUrl}/respond`,
    });
    expect((await s.sender.interaction(press)).status).toBe(200);
    await eventually(() => s.seen.length === 1);
    expect(s.seen).toEqual([{ pressed: "block_actions", by: "U7" }]);
    expect(await ackCount()).toBe(before + 1);
  });

  it("acks another app's slash command with an empty body, and a submitted form, in the thread", async () => {
    const s = await started();
    const other = await s.sender.command({ ...command("help"), command: "/other" });
    expect(other).toEqual({ status: 200, body: "" });
    const form = viewSubmission({
      view: {
        type: "modal",
        callback_id: "letter_form",
        title: { type: "plain_text", text: "Letter" },
        blocks: [],
      },
      user: "U7",
      teamId: "T0RECV",
      values: { letter: { text: "Dear team," } },
    });
    expect((await s.sender.interaction(form)).status).toBe(200);
    await eventually(() => s.seen.length === 2);
    expect(s.seen).toEqual([{ other: "help" }, { submitted: "Dear team," }]);
  });

  it("refuses a request with a forged signature (401), and the thread's log line reaches the process log", async () => {
    const s = await started();
    const forged = await s.sender.event(mention("forged"), { signature: "v0=0000" });
    expect(forged.status).toBe(401);
    await eventually(() =>
      s.logs.some((l) => l.lib === "slack" && l.thread === "receiver" && /signature/i.test(String(l.msg))),
    );
    expect(s.seen).toEqual([]);
  });

  it("closes its port when stopped", async () => {
    const s = await started();
    await s.bolt.stop();
    await expect(s.sender.event(mention("too late"))).rejects.toThrow();
    // Stopping again, or a receiver never started, is no error.
    await s.receiver.stop();
    await receiverFor(0, createLogger("silent")).stop();
  });

  it("stops start-up with the reason when the port is taken", async () => {
    const taken = net.createServer();
    await new Promise<void>((r) => taken.listen(0, r));
    try {
      const port = (taken.address() as net.AddressInfo).port;
      await expect(receiverFor(port, createLogger("silent")).start()).rejects.toThrow(/EADDRINUSE/);
    } finally {
      await new Promise<void>((r) => taken.close(() => r()));
    }
  });
});
