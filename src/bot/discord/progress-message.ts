import { setTimeout as sleep } from "node:timers/promises";

/** Options for {@link ProgressMessage}. */
export interface ProgressMessageOptions {
  /** Show a text: the first call posts the message, later calls edit it. */
  write(text: string): Promise<void>;
  /** Minimum time between the starts of two writes. @defaultValue `1000` */
  intervalMs?: number;
  /** A failed write is reported here and the next one is tried anyway. */
  onError(err: unknown): void;
}

/**
 * One progress message per run, updated in place: writes are serialized and throttled so a fast
 * stream of progress reports becomes at most one edit per interval, always showing the latest.
 */
export class ProgressMessage {
  private readonly intervalMs: number;
  private latest: string | undefined;
  private shown: string | undefined;
  private lastAt = -Infinity;
  private timer: NodeJS.Timeout | undefined;
  private chain: Promise<void> = Promise.resolve();
  private closed = false;

  constructor(private readonly o: ProgressMessageOptions) {
    this.intervalMs = o.intervalMs ?? 1000;
  }

  /** Report the latest state; shown at once if the interval allows, else when it has passed. */
  update(text: string): void {
    if (this.closed) return;
    this.latest = text;
    if (this.timer) return;
    const wait = Math.max(0, this.lastAt + this.intervalMs - Date.now());
    this.timer = setTimeout(() => {
      this.timer = undefined;
      this.flush();
    }, wait);
  }

  /**
   * No more updates. With `final`, a message already shown (or about to be) ends on that text,
   * written once the interval allows; resolves when every write is done.
   */
  async finish(final?: string): Promise<void> {
    this.closed = true;
    if (this.timer) clearTimeout(this.timer);
    this.timer = undefined;
    if (final !== undefined && this.latest !== undefined) {
      this.latest = final;
      await this.chain;
      const wait = this.lastAt + this.intervalMs - Date.now();
      if (wait > 0) await sleep(wait);
      this.flush();
    }
    await this.chain;
  }

  private flush(): void {
    this.chain = this.chain.then(async () => {
      const text = this.latest;
      if (text === undefined || text === this.shown) return;
      this.lastAt = Date.now();
      this.shown = text;
      try {
        await this.o.write(text);
      } catch (err) {
        this.o.onError(err);
      }
    });
  }
}
