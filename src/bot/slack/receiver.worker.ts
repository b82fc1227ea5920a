// The Slack receiver thread. Bolt verifies each request (signature, age) or Socket Mode envelope,
// acks it here and hands the body to the main thread, which runs the turns. Nothing in this thread
// waits on the main thread, so a main thread busy with agent work can never delay an ack past
// Slack's 3 seconds.
import { parentPort, workerData } from "node:worker_threads";
import { App as BoltApp, LogLevel, type Logger as BoltLogger, type ReceiverEvent } from "@slack/bolt";
import type { FromReceiver, ReceiverWorkerData, ToReceiver } from "./forwarded.receiver.js";
import { commandAck } from "./jobs.command.js";

const port = parentPort;
const data = workerData as ReceiverWorkerData | undefined;

/** When the request was acked, filled in by the wrapped ack. */
interface AckTiming {
  ackMs?: number;
}

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
  // Bolt acks events itself before any middleware runs: time every ack (events, commands,
  // actions) from when Bolt got the request, authorization included, through the receiver's ack.
  const processEvent = bolt.processEvent.bind(bolt);
  bolt.processEvent = (event: ReceiverEvent) => {
    const started = performance.now();
    const timing: AckTiming = {};
    return processEvent({
      ...event,
      ack: async (response) => {
        await event.ack(response);
        timing.ackMs ??= performance.now() - started;
      },
      customProperties: { ...event.customProperties, ackTiming: timing },
    });
  };
  // One global middleware: ack (events are acked by Bolt before it runs), forward, stop.
  bolt.use(async (args) => {
    if ("command" in args) {
      const c = args.command;
      await (c.command === d.command ? args.ack(commandAck(c.text, c.command)) : args.ack());
    } else if ("action" in args || "shortcut" in args || "view" in args || "options" in args) {
      await args.ack();
    }
    const ackMs = (args.context.ackTiming as AckTiming | undefined)?.ackMs;
    send({
      type: "event",
      body: args.body as Record<string, unknown>,
      ...(ackMs !== undefined ? { ackMs } : {}),
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
