import type { Redis } from "ioredis";
import type { Logger } from "../../core/logger.js";

/** Options for {@link SlackEventDedupe}. */
export interface SlackEventDedupeOptions {
  redis: Redis;
  /** `JOBSCOUT_QUEUE_PREFIX`; keys live under `<prefix>:slack:event:`. */
  prefix: string;
  /** How long a delivery is remembered (Slack retries within minutes). @defaultValue `3600` */
  ttlSec?: number;
  logger: Logger;
}

/**
 * Slack delivers an event up to three more times when it thinks an ack was late (`X-Slack-Retry-Num`,
 * Socket Mode `retry_attempt`) — each with the same `event_id`. Only the first delivery may start a
 * turn. Redis (`SET NX EX`) makes that hold across every process serving the same app; a small local
 * memory answers repeats in this process without a round trip.
 */
/** Events remembered in this process (each answered from memory instead of a Redis round trip). */
const MAX_REMEMBERED = 10_000;

export class SlackEventDedupe {
  private readonly seen = new Map<string, number>();
  private readonly ttlSec: number;

  constructor(private readonly o: SlackEventDedupeOptions) {
    this.ttlSec = o.ttlSec ?? 3600;
  }

  /** How many events this process remembers now (expired ones are forgotten; never above 10,000). */
  get remembered(): number {
    return this.seen.size;
  }

  /** True for the first delivery of every key given; false if any of them was seen before. */
  async first(...ids: string[]): Promise<boolean> {
    const now = Date.now();
    const keys = ids.map((id) => `${this.o.prefix}:slack:event:${id}`);
    if (keys.some((k) => (this.seen.get(k) ?? 0) > now)) return false;
    for (const k of keys) this.remember(k, now);
    for (const k of keys) {
      try {
        const claimed = await this.o.redis.set(k, "1", "EX", this.ttlSec, "NX");
        if (claimed === null) return false;
      } catch (err) {
        // Without Redis nothing else works either; answering (maybe twice) beats dropping the message.
        this.o.logger.warn("slack event dedupe unavailable", { error: String(err) });
      }
    }
    return true;
  }

  private remember(key: string, now: number): void {
    this.seen.delete(key); // a re-set key moves to the end, keeping insertion order = expiry order
    this.seen.set(key, now + this.ttlSec * 1000);
    // Every entry lives ttlSec, so the map's insertion order is its expiry order: drop from the front
    // what has expired or is beyond the cap, and stop at the first entry that stays (never a full scan).
    for (const [k, until] of this.seen) {
      if (until > now && this.seen.size <= MAX_REMEMBERED) break;
      this.seen.delete(k);
    }
  }
}
