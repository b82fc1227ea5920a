// The Slack receiver thread. Bolt verifies each request (signature, age) or Socket Mode envelope,
// acks it here and hands the body to the main thread, which runs the turns. Nothing in this thread
// waits on the main thread, so a main thread busy with agent work can never delay an ack past
// Slack's 3 seconds.
import { parentPort, workerData } from "node:worker_threads";
import { App as BoltApp, LogLevel, type Logger as BoltLogger } from "@slack/bolt";
import type { FromReceiver, ReceiverWorkerData, ToReceiver } from "./forwarded.receiver.js";
import { commandAck } from "./jobs.command.js";

const port = parentPort;
const data = workerData as ReceiverWorkerData | undefined;

function send(m: FromReceiver): void {
  port?.postMessage(m);
}

function logger(): BoltLogger {
  const line = (m: unknown[]) => m.map((p) => (p instanceof Error ? p.message : String(p))).join(" ");
  return {
    debug: () => undefined,
    info: (...m: unknown[]) => send({ type: "log", level: "info", msg: line(m) }),
    warn: (...m: unknown[]) => send({ type: "log", level: "warn", msg: line(m) }),
    error: (...m: unknown[]) => send({ type: "log", level: "error", msg: line(m) }),
    setLevel: () => undefined,
    getLevel: () => LogLevel.INFO,
    setName: () => undefined,
  };
}

async function run(d: ReceiverWorkerData): Promise<void> {
  const bolt = new BoltApp({
    token: d.token,
    botId: d.botId,
    botUserId: d.botUserId,
    logger: logger(),
    clientOptions: { ...(d.slackApiUrl ? { slackApiUrl: d.slackApiUrl } : {}) },
    // The main thread keeps its own conversation state; none is needed here.
    convoStore: false,
    ...(d.appToken !== undefined
      ? { socketMode: true, appToken: d.appToken }
      : { signingSecret: d.signingSecret ?? "", processBeforeResponse: false }),
  });
  bolt.error((err) => {
    send({ type: "log", level: "error", msg: `receiver: ${err.message}` });
    return Promise.resolve();
  });
  // One global middleware: ack (events are acked by Bolt before it runs), forward, stop.
  bolt.use(async (args) => {
    const started = performance.now();
    let acked = false;
    if ("command" in args) {
      const c = args.command;
      await (c.command === d.command ? args.ack(commandAck(c.text, c.command)) : args.ack());
      acked = true;
    } else if ("action" in args || "shortcut" in args || "view" in args || "options" in args) {
      await args.ack();
      acked = true;
    }
    send({
      type: "event",
      body: args.body as Record<string, unknown>,
      ...(acked ? { ackMs: performance.now() - started } : {}),
      ...(args.context.retryNum !== undefined ? { retryNum: args.context.retryNum } : {}),
      ...(args.context.retryReason !== undefined ? { retryReason: args.context.retryReason } : {}),
    });
  });
  port?.on("message", (m: ToReceiver) => {
    if (m.type !== "stop") return;
    bolt.stop().then(
      () => send({ type: "stopped" }),
      (err: unknown) => {
        send({ type: "log", level: "warn", msg: `receiver stop: ${String(err)}` });
        send({ type: "stopped" });
      },
    );
  });
  if (d.appToken !== undefined) {
    await bolt.start();
    send({ type: "started", port: null });
  } else {
    const server = await bolt.start(d.port);
    const address = server.address();
    send({ type: "started", port: typeof address === "object" && address ? address.port : d.port });
  }
}

if (port && data?.kind === "slack-receiver") {
  run(data).catch((err: unknown) =>
    send({ type: "fatal", message: err instanceof Error ? err.message : String(err) }),
  );
}
