import type { webApi } from "@slack/bolt";
import type { Logger } from "../../core/logger.js";
import type { RunSummary } from "../../answers/run-summary.js";
import { renderProgress } from "./render.js";

/** Options for {@link ProgressMessage}. */
export interface ProgressMessageOptions {
  client: webApi.WebClient;
  channel: string;
  threadTs: string;
  /** Least time between two edits (Slack rate-limits chat.update). @defaultValue `1000` */
  intervalMs?: number;
  logger: Logger;
}

/**
 * The one progress message of a run in a thread: posted on the first report, then edited in place
 * with `chat.update` at most once per interval, always showing the newest state.
 */
export class ProgressMessage {
  private ts: string | undefined;
  private latest: RunSummary | undefined;
  private shown = "";
  private lastSentAt = 0;
  private timer: NodeJS.Timeout | undefined;
  private chain: Promise<void> = Promise.resolve();
  private readonly intervalMs: number;

  constructor(private readonly o: ProgressMessageOptions) {
    this.intervalMs = o.intervalMs ?? 1000;
  }

  /** A new state of the run; shown at once the first time, later coalesced to one edit per interval. */
  report(run: RunSummary): void {
    this.latest = run;
    if (this.timer) return;
    if (this.lastSentAt === 0) {
      this.flush();
      return;
    }
    const wait = Math.max(0, this.lastSentAt + this.intervalMs - Date.now());
    this.timer = setTimeout(() => {
      this.timer = undefined;
      this.flush();
    }, wait);
  }

  /** Wait for posts in flight, so the answer lands below the progress message. */
  async settle(): Promise<void> {
    await this.chain;
  }

  /** Show the run's final state (still at most one edit per interval), then stop. */
  async finish(final?: RunSummary | null): Promise<void> {
    clearTimeout(this.timer);
    this.timer = undefined;
    if (this.lastSentAt === 0) return; // no run reported progress in this turn
    if (final && final.runId === this.latest?.runId) this.latest = final;
    const wait = this.lastSentAt + this.intervalMs - Date.now();
    if (wait > 0) await new Promise((r) => setTimeout(r, wait));
    this.flush();
    await this.chain;
  }

  private flush(): void {
    const run = this.latest;
    if (!run) return;
    const msg = renderProgress(run);
    const key = JSON.stringify(msg.blocks);
    if (key === this.shown) return;
    this.shown = key;
    this.lastSentAt = Date.now();
    this.chain = this.chain
      .then(async () => {
        const { client, channel, threadTs } = this.o;
        if (this.ts === undefined) {
          const res = await client.chat.postMessage({ channel, thread_ts: threadTs, ...msg });
          this.ts = res.ts;
        } else {
          await client.chat.update({ channel, ts: this.ts, ...msg });
        }
      })
      .catch((err: unknown) => {
        // Progress is a courtesy; the answer still comes.
        this.o.logger.warn("slack progress update failed", { error: String(err) });
      });
  }
}
