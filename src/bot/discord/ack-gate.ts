import { setImmediate as yieldToEvents } from "node:timers/promises";
import { processMetrics } from "../../core/process-metrics.js";

/**
 * Acks before turns: counts acknowledgements in flight (claim + defer) and lets turn work wait
 * until there are none, so a burst of interactions is deferred before any turn starts spending CPU
 * on the agent. The wait is bounded, so a steady stream of events cannot starve the turns.
 */
export class AckGate {
  private pending = 0;
  private waiters: Array<() => void> = [];

  /** @param maxWaitMs longest a turn waits for acks in flight. @defaultValue `1000` */
  constructor(private readonly maxWaitMs = 1000) {}

  /** Run acknowledgement work, counted (and timed into this process's metrics). */
  async ack<T>(fn: () => Promise<T>): Promise<T> {
    this.pending += 1;
    const end = processMetrics.timer(processMetrics.ackSeconds, { surface: "discord" });
    try {
      return await fn();
    } finally {
      end();
      this.pending -= 1;
      if (this.pending === 0) for (const wake of this.waiters.splice(0)) wake();
    }
  }

  /** Resolves when no ack is in flight (or after `maxWaitMs`). */
  async idle(): Promise<void> {
    // Events that have already arrived get to start their acks first.
    await yieldToEvents();
    if (this.pending === 0) return;
    await new Promise<void>((resolve) => {
      const done = () => {
        clearTimeout(timer);
        resolve();
      };
      const timer = setTimeout(done, this.maxWaitMs);
      this.waiters.push(done);
    });
  }
}
