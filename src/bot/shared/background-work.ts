import { setTimeout as sleep } from "node:timers/promises";
import { describeError } from "../../core/errors.js";
import type { Logger } from "../../core/logger.js";

/**
 * Work a surface runs after the ack, without the caller awaiting it (the ack path stays fast):
 * failures are logged, never thrown at the platform library, and a stop can wait for what is in
 * flight.
 */
export class BackgroundWork {
  private readonly inflight = new Set<Promise<void>>();
  private stopped = false;

  constructor(private readonly o: { logger: Logger; platform: string }) {}

  /** Start work in the background; returns at once. Ignored once {@link drain} began. */
  spawn(what: string, work: () => Promise<void>): void {
    if (this.stopped) return;
    const task: Promise<void> = (async () => work())()
      .catch((err: unknown) =>
        this.o.logger.error(`${this.o.platform} handler failed`, {
          handler: what,
          error: describeError(err),
        }),
      )
      .finally(() => this.inflight.delete(task));
    this.inflight.add(task);
  }

  /** Take no new work and wait for the work in flight, at most `timeoutMs`. */
  async drain(timeoutMs: number): Promise<void> {
    this.stopped = true;
    const ac = new AbortController();
    await Promise.race([
      Promise.allSettled([...this.inflight]),
      sleep(timeoutMs, undefined, { signal: ac.signal }).catch(() => undefined),
    ]);
    ac.abort();
  }

  get pending(): number {
    return this.inflight.size;
  }
}
