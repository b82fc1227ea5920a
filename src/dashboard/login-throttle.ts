import type { Redis } from "ioredis";

/** Options for {@link LoginThrottle}. */
export interface LoginThrottleOptions {
  redis: Redis;
  /** The installation's Redis key prefix (`JOBSCOUT_QUEUE_PREFIX`). */
  prefix: string;
  /** Failed logins a client may make per window (`JOBSCOUT_DASHBOARD_LOGIN_ATTEMPTS`). */
  attempts: number;
  /** The window (`JOBSCOUT_DASHBOARD_LOGIN_WINDOW_MS`). */
  windowMs: number;
}

/**
 * Failed dashboard logins per client address, counted in Redis so every dashboard process shares
 * the count. A client that used up its attempts waits out the window; other clients, and good
 * tokens from clients under the limit, are not affected.
 */
export class LoginThrottle {
  constructor(private readonly o: LoginThrottleOptions) {}

  /** Milliseconds until `client` may try again, or 0 when it may try now. */
  async blockedFor(client: string): Promise<number> {
    const key = this.key(client);
    const [count, ttl] = await Promise.all([this.o.redis.get(key), this.o.redis.pttl(key)]);
    if (Number(count ?? 0) < this.o.attempts) return 0;
    return ttl > 0 ? ttl : this.o.windowMs;
  }

  /** Count one failed login of `client`; the window starts at its first failure. */
  async failed(client: string): Promise<void> {
    const key = this.key(client);
    // SET NX then INCR (INCR keeps the expiry): no PEXPIRE NX, which needs Redis 7.
    await this.o.redis.multi().set(key, "0", "PX", this.o.windowMs, "NX").incr(key).exec();
  }

  private key(client: string): string {
    return `${this.o.prefix}:dashboard:login-failures:${client}`;
  }
}
