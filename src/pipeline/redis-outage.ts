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
  /** Watched clients that lost their connection and have not got it back. */
  private readonly unready = new Set<Redis>();

  constructor(
    private readonly o: {
      logger: Logger;
      /** Where Redis is, as users may see it (no password). */
      where: string;
    },
  ) {}

  /** Whether an outage is under way. */
  get down(): boolean {
    return this.downSince !== undefined;
  }

  /** Report an error of any Redis client; anything but a lost connection is logged as `fallback` says. */
  report(err: unknown, fallback: (err: unknown) => void): void {
    if (!isRedisConnectionError(err)) {
      fallback(err);
      return;
    }
    this.lost(err instanceof Error ? err.message : String(err));
  }

  /** The outage starts (logged once): an error said so, or a connection was lost. */
  private lost(error: string): void {
    if (this.downSince !== undefined) return;
    this.downSince = Date.now();
    this.o.logger.warn("redis unreachable", { redis: this.o.where, error });
  }

  /** Redis answered again. */
  recovered(): void {
    if (this.downSince === undefined) return;
    const downMs = Date.now() - this.downSince;
    this.downSince = undefined;
    this.o.logger.info("redis reachable again", { redis: this.o.where, downMs });
  }

  /**
   * Watch a client: its errors count as outages (when `fallback` is given: a client whose errors
   * someone else reports, such as a worker's blocking connection, is watched for readiness only),
   * and the outage lasts until every watched client that lost its connection has it back.
   */
  watch(client: Redis, fallback?: (err: unknown) => void): void {
    if (fallback) client.on("error", (err: unknown) => this.report(err, fallback));
    // An idle process loses Redis before any command fails: the connection starting to reconnect
    // is the outage, so closing during it never waits on Redis. A worker's blocking connection
    // may still wait to reconnect when the others are back, and a worker finishing its jobs waits
    // for that connection forever (BullMQ #4656): the outage is over only when it is back too.
    client.on("reconnecting", () => {
      this.unready.add(client);
      this.lost("connection lost");
    });
    client.on("ready", () => {
      this.unready.delete(client);
      if (this.unready.size === 0) this.recovered();
    });
    client.on("end", () => {
      this.unready.delete(client);
    });
  }
}
