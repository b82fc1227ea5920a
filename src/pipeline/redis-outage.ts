import type { Redis } from "ioredis";
import type { Logger } from "../core/logger.js";

/** Errors that mean "Redis is not there right now" rather than a fault of ours. */
const CONNECTION_ERROR =
  /ECONNREFUSED|ECONNRESET|ETIMEDOUT|EPIPE|EHOSTUNREACH|ENOTFOUND|Connection is closed|Stream isn't writeable|MaxRetriesPerRequest|connect ETIMEDOUT|Reached the max retries/i;

export function isRedisConnectionError(err: unknown): boolean {
  const text = err instanceof Error ? `${(err as { code?: string }).code ?? ""} ${err.message}` : String(err);
  return CONNECTION_ERROR.test(text);
}

/**
 * One process's view of whether Redis is reachable. Every connection (the shared one, the
 * producer's, each worker's blocking one) reports its errors here, so an outage is one log line
 * when it starts and one when Redis answers again, not one per connection and reconnect attempt.
 */
export class RedisOutage {
  private downSince: number | undefined;
  private readonly clients: Redis[] = [];

  constructor(
    private readonly o: {
      logger: Logger;
      /** Where Redis is, as users may see it (no password). */
      where: string;
    },
  ) {}

  /**
   * Whether an outage is under way: an error said so, or a watched connection is trying to get
   * back (it lost Redis before any command failed, as an idle process does when Redis stops).
   */
  get down(): boolean {
    return this.downSince !== undefined || this.clients.some((c) => c.status === "reconnecting");
  }

  /** Report an error of any Redis client; anything but a lost connection is logged as `fallback` says. */
  report(err: unknown, fallback: (err: unknown) => void): void {
    if (!isRedisConnectionError(err)) {
      fallback(err);
      return;
    }
    if (this.downSince !== undefined) return;
    this.downSince = Date.now();
    this.o.logger.warn("redis unreachable", {
      redis: this.o.where,
      error: err instanceof Error ? err.message : String(err),
    });
  }

  /** Redis answered again. */
  recovered(): void {
    if (this.downSince === undefined) return;
    const downMs = Date.now() - this.downSince;
    this.downSince = undefined;
    this.o.logger.info("redis reachable again", { redis: this.o.where, downMs });
  }

  /** Watch a client: its errors count as outages, its readiness as recovery. */
  watch(client: Redis, fallback: (err: unknown) => void): void {
    this.clients.push(client);
    client.on("error", (err: unknown) => this.report(err, fallback));
    client.on("ready", () => this.recovered());
  }
}
