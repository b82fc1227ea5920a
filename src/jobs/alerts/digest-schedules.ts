import { Queue } from "../../pipeline/queue-lib.js";
import type { Redis } from "ioredis";
import { z } from "zod";
import type { SavedSearch } from "./saved-search.js";

/** The surfaces digests go to; each has its own queue, consumed where that surface can post. */
export const DIGEST_PLATFORMS = ["slack", "discord", "cli"] as const;
export type DigestPlatform = (typeof DIGEST_PLATFORMS)[number];

export function digestQueueName(platform: DigestPlatform): string {
  return `jobscout-digest-${platform}`;
}

export function digestPlatformOf(platform: string): DigestPlatform {
  return (DIGEST_PLATFORMS as readonly string[]).includes(platform) ? (platform as DigestPlatform) : "cli";
}

/** A digest job carries the saved search's id only (never the query, never a token). */
export const digestPayloadSchema = z.object({ searchId: z.uuid() }).strict();
export type DigestPayload = z.infer<typeof digestPayloadSchema>;

/** One scheduler per saved search: what the alerts service asks of the queue. */
export interface DigestSchedules {
  /** Create or change the scheduler of this saved search (its id is the scheduler id). */
  upsert(search: SavedSearch, opts?: { startDate?: Date }): Promise<void>;
  remove(search: Pick<SavedSearch, "id" | "platform">): Promise<void>;
  /** When the next digest is due (ms), if scheduled. */
  next(search: Pick<SavedSearch, "id" | "platform">): Promise<number | undefined>;
  close(): Promise<void>;
}

/** Options for {@link BullDigestSchedules}. */
export interface BullDigestSchedulesOptions {
  connection: Redis;
  prefix: string;
  /** Attempts per due digest (a failed post is retried; the claim keeps it to one post). @defaultValue `3` */
  attempts?: number;
  backoffMs?: number;
}

/**
 * BullMQ's own job schedulers (`upsertJobScheduler` with a cron pattern and `tz`, or `every`): Redis
 * holds one next job per saved search, so any number of processes never fire it twice, and workers
 * down across a due time find one job waiting, not a backlog.
 */
export class BullDigestSchedules implements DigestSchedules {
  private readonly queues = new Map<DigestPlatform, Queue>();

  constructor(private readonly o: BullDigestSchedulesOptions) {}

  queue(platform: DigestPlatform): Queue {
    let q = this.queues.get(platform);
    if (!q) {
      q = new Queue(digestQueueName(platform), { connection: this.o.connection, prefix: this.o.prefix });
      this.queues.set(platform, q);
    }
    return q;
  }

  /** `startDate`: schedule from then on (the first due time is the first one after it). */
  async upsert(search: SavedSearch, opts: { startDate?: Date } = {}): Promise<void> {
    const start = opts.startDate ? { startDate: opts.startDate } : {};
    const repeat =
      search.schedule.kind === "cron"
        ? { pattern: search.schedule.pattern, tz: search.tz, ...start }
        : { every: search.schedule.everyMs, ...start };
    const data: DigestPayload = { searchId: search.id };
    await this.queue(digestPlatformOf(search.platform)).upsertJobScheduler(search.id, repeat, {
      name: "digest",
      data,
      opts: {
        attempts: this.o.attempts ?? 3,
        backoff: { type: "exponential", delay: this.o.backoffMs ?? 5_000 },
        removeOnComplete: { count: 1000 },
        removeOnFail: { count: 1000 },
      },
    });
  }

  async remove(search: Pick<SavedSearch, "id" | "platform">): Promise<void> {
    await this.queue(digestPlatformOf(search.platform)).removeJobScheduler(search.id);
  }

  async next(search: Pick<SavedSearch, "id" | "platform">): Promise<number | undefined> {
    const s = await this.queue(digestPlatformOf(search.platform)).getJobScheduler(search.id);
    return s?.next ?? undefined;
  }

  async close(): Promise<void> {
    await Promise.all([...this.queues.values()].map((q) => q.close()));
  }
}
