import { readFileSync } from "node:fs";
import { processMetrics } from "../../core/process-metrics.js";
import { createRequire } from "node:module";
import path from "node:path";
import { pathToFileURL } from "node:url";
import { Worker } from "node:worker_threads";
import type { App as BoltApp, Receiver } from "@slack/bolt";
import type { Logger } from "../../core/logger.js";

/** What the receiver thread is started with. */
export interface ReceiverWorkerData {
  kind: "slack-receiver";
  token: string;
  botId: string;
  botUserId: string;
  /** Socket Mode when set, else the HTTP Events API. */
  appToken?: string | undefined;
  signingSecret?: string | undefined;
  port: number;
  slackApiUrl?: string | undefined;
  /** The slash command whose ack carries help or "Looking…" (see `commandAck`). */
  command: string;
}

export type FromReceiver =
  | { type: "started"; port: number | null }
  | {
      type: "event";
      body: Record<string, unknown>;
      retryNum?: number;
      retryReason?: string;
      /** How long the receiver thread took to ack a command or an interaction (events are acked by Bolt). */
      ackMs?: number;
    }
  | { type: "log"; level: "info" | "warn" | "error"; msg: string }
  | { type: "fatal"; message: string }
  | { type: "stopped" };

export type ToReceiver = { type: "stop" };

/** File URL of a package's ESM export (`exports[subpath].import`), resolved from this module. */
function esmExport(pkg: string, subpath: string): string {
  const manifest = createRequire(import.meta.url).resolve(`${pkg}/package.json`);
  const exports = (JSON.parse(readFileSync(manifest, "utf8")) as { exports: Record<string, unknown> })
    .exports;
  const entry = (exports[subpath] as { import?: string | { default?: string } } | undefined)?.import;
  const file = typeof entry === "string" ? entry : entry?.default;
  if (!file) throw new Error(`${pkg} has no ESM export ${subpath}`);
  return pathToFileURL(path.join(path.dirname(manifest), file)).href;
}

/**
 * The worker entry: the built .js; or, when this module runs from TypeScript source (tsx, vitest),
 * the .ts file with tsx's loader registered in the worker first (a worker does not inherit it).
 */
function startWorker(data: ReceiverWorkerData): Worker {
  if (import.meta.url.endsWith(".js")) {
    return new Worker(new URL("./receiver.worker.js", import.meta.url), { workerData: data });
  }
  const tsx = esmExport("tsx", "./esm/api");
  const entry = new URL("./receiver.worker.ts", import.meta.url).href;
  const code = `import(${JSON.stringify(tsx)}).then((m) => { m.register(); return import(${JSON.stringify(entry)}); })`;
  return new Worker(code, { eval: true, workerData: data });
}

/** Options for {@link ForwardedReceiver}. */
export interface ForwardedReceiverOptions {
  worker: Omit<ReceiverWorkerData, "kind">;
  logger: Logger;
  /** Wait before restarting a receiver thread that died. @defaultValue `1000` */
  restartDelayMs?: number;
}

/**
 * A Bolt receiver whose requests arrive from the receiver thread (`receiver.worker.ts`), already
 * verified and acked there; the main thread's Bolt app runs the listeners. Restarts the thread if
 * it dies.
 */
export class ForwardedReceiver implements Receiver {
  private app: BoltApp | undefined;
  private worker: Worker | undefined;
  private stopping = false;
  private port: number;
  /** The HTTP port the receiver listens on; null in Socket Mode. */
  boundPort: number | null = null;

  constructor(private readonly o: ForwardedReceiverOptions) {
    this.port = o.worker.port;
  }

  init(app: BoltApp): void {
    this.app = app;
  }

  async start(): Promise<number | null> {
    this.stopping = false;
    this.boundPort = await this.spawn();
    if (this.boundPort !== null) this.port = this.boundPort; // a restart keeps the port
    return this.boundPort;
  }

  async stop(): Promise<void> {
    this.stopping = true;
    const w = this.worker;
    if (!w) return;
    const stopped = new Promise<void>((resolve) => {
      const timer = setTimeout(resolve, 5000);
      w.on("message", (m: FromReceiver) => {
        if (m.type === "stopped") {
          clearTimeout(timer);
          resolve();
        }
      });
      w.once("exit", () => {
        clearTimeout(timer);
        resolve();
      });
    });
    w.postMessage({ type: "stop" } satisfies ToReceiver);
    await stopped;
    await w.terminate();
    this.worker = undefined;
  }

  private spawn(): Promise<number | null> {
    const w = startWorker({ kind: "slack-receiver", ...this.o.worker, port: this.port });
    this.worker = w;
    return new Promise((resolve, reject) => {
      let started = false;
      w.on("message", (m: FromReceiver) => {
        switch (m.type) {
          case "started":
            started = true;
            resolve(m.port);
            break;
          case "event":
            this.dispatch(m);
            break;
          case "log":
            this.o.logger[m.level](m.msg, { lib: "slack", thread: "receiver" });
            break;
          case "fatal":
            if (!started) reject(new Error(m.message));
            else this.o.logger.error("slack receiver failed", { error: m.message });
            void w.terminate();
            break;
          case "stopped":
            break;
        }
      });
      w.on("error", (err) => {
        if (!started) reject(err);
        else this.o.logger.error("slack receiver thread error", { error: err.message });
      });
      w.on("exit", (code) => {
        if (!started) reject(new Error(`slack receiver thread exited (${code}) before it started`));
        if (this.stopping || !started || this.worker !== w) return;
        this.o.logger.error("slack receiver thread died; restarting", { code });
        setTimeout(() => {
          if (this.stopping) return;
          this.spawn().catch((err: unknown) =>
            this.o.logger.error("slack receiver restart failed", { error: String(err) }),
          );
        }, this.o.restartDelayMs ?? 1000).unref();
      });
    });
  }

  private dispatch(m: Extract<FromReceiver, { type: "event" }>): void {
    const app = this.app;
    if (!app) return;
    if (m.ackMs !== undefined)
      processMetrics.observe(processMetrics.ackSeconds, { surface: "slack" }, m.ackMs / 1000);
    app
      .processEvent({
        body: m.body,
        // Acked in the receiver thread already.
        ack: () => Promise.resolve(),
        ...(m.retryNum !== undefined ? { retryNum: m.retryNum } : {}),
        ...(m.retryReason !== undefined ? { retryReason: m.retryReason } : {}),
      })
      .catch((err: unknown) => this.o.logger.error("slack event processing failed", { error: String(err) }));
  }
}
