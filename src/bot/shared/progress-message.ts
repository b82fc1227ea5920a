import type { Lang } from "../../core/lang.js";
import type { RunSummary } from "../../answers/run-summary.js";

/** Options for {@link ProgressMessage}; `M` is the platform's message body. */
export interface ProgressMessageOptions<M> {
  /** The run's state as the platform shows it (the final state in the answer's language, once known). */
  render(run: RunSummary, lang?: Lang): M;
  /** Show a message: the first call posts it, later calls edit it in place. */
  write(message: M): Promise<void>;
  /** Least time between the starts of two writes (Slack and Discord rate-limit edits). @defaultValue `1000` */
  intervalMs?: number;
  /** A failed write is reported here and the next one is tried anyway: progress is a courtesy, the answer still comes. */
  onError(err: unknown): void;
}

/**
 * The one progress message of a run, on any platform: posted on the first report, then edited in
 * place at most once per interval, always showing the newest state; an unchanged rendering is not
 * written again.
 */
export class ProgressMessage<M> {
  private readonly intervalMs: number;
  private latest: RunSummary | undefined;
  private shownKey: string | undefined;
  private lastAt = -Infinity;
  private timer: NodeJS.Timeout | undefined;
  private chain: Promise<void> = Promise.resolve();
  private closed = false;
  private lang: Lang | undefined;

  constructor(private readonly o: ProgressMessageOptions<M>) {
    this.intervalMs = o.intervalMs ?? 1000;
  }

  /** Whether a progress message was posted (or is being posted). */
  get shown(): boolean {
    return this.shownKey !== undefined;
  }

  /** A new state of the run; shown at once the first time, later coalesced to one write per interval. */
  report(run: RunSummary, lang?: Lang): void {
    if (this.closed) return;
    this.latest = run;
    if (lang) this.lang = lang;
    if (this.timer) return;
    const wait = this.lastAt + this.intervalMs - Date.now();
    if (wait <= 0) {
      this.flush();
      return;
    }
    this.timer = setTimeout(() => {
      this.timer = undefined;
      this.flush();
    }, wait);
  }

  /** Wait for the writes in flight, so what comes next lands below the progress message. */
  async settle(): Promise<void> {
    await this.chain;
  }

  /**
   * No more reports. With `final`, a message already shown ends on the newest state (`final` when it
   * is the same run), written once the interval allows, in `lang`; resolves when every write is done.
   */
  async finish(final?: RunSummary | null, lang?: Lang): Promise<void> {
    this.closed = true;
    if (lang) this.lang = lang;
    clearTimeout(this.timer);
    this.timer = undefined;
    if (final && this.latest !== undefined) {
      if (final.runId === this.latest.runId) this.latest = final;
      await this.chain;
      const wait = this.lastAt + this.intervalMs - Date.now();
      // The global timer (not timers/promises), so fake clocks in tests drive it too.
      if (wait > 0) await new Promise((r) => setTimeout(r, wait));
      this.flush();
    }
    await this.chain;
  }

  private flush(): void {
    const run = this.latest;
    if (!run) return;
    const message = this.o.render(run, this.lang);
    const key = JSON.stringify(message);
    if (key === this.shownKey) return;
    this.shownKey = key;
    this.lastAt = Date.now();
    this.chain = this.chain.then(async () => {
      try {
        await this.o.write(message);
      } catch (err) {
        this.o.onError(err);
      }
    });
  }
}
