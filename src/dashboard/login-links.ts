import type { Redis } from "ioredis";
import { z } from "zod";
import type { Config } from "../config/config.js";
import { newSecret, secretKey } from "./sessions.js";

const linkSchema = z.object({ workspaceId: z.string(), userId: z.string(), admin: z.boolean() });
export type LoginGrant = z.infer<typeof linkSchema>;

/** Options for {@link LoginLinks}. */
export interface LoginLinksOptions {
  redis: Redis;
  /** The installation's Redis key prefix (`JOBSCOUT_QUEUE_PREFIX`). */
  prefix: string;
  /** The dashboard's address as the browser reaches it (`JOBSCOUT_DASHBOARD_URL`). */
  baseUrl: string;
  /** How long a link stays valid (`JOBSCOUT_DASHBOARD_LINK_MS`). */
  ttlMs: number;
}

/**
 * One-time login links the bot hands out in chat ("dashboard"). Issuing needs only Redis, so any
 * process (a bot, the dashboard) can issue and any dashboard process can redeem.
 */
export class LoginLinks {
  constructor(private readonly o: LoginLinksOptions) {}

  /** A link that logs `userId` into `workspaceId` once; an admin in chat is an admin there. */
  async issueLoginLink(grant: LoginGrant): Promise<{ url: string; expiresAt: Date }> {
    const token = newSecret();
    await this.o.redis.set(this.key(token), JSON.stringify(linkSchema.parse(grant)), "PX", this.o.ttlMs);
    return { url: `${this.o.baseUrl}/login/${token}`, expiresAt: new Date(Date.now() + this.o.ttlMs) };
  }

  /** The grant of a link, consumed: a second use, or a use after expiry, gets nothing. */
  async redeem(token: string): Promise<LoginGrant | undefined> {
    if (!/^[A-Za-z0-9_-]{20,64}$/.test(token)) return undefined;
    const raw = await this.o.redis.getdel(this.key(token));
    if (!raw) return undefined;
    const parsed = linkSchema.safeParse(JSON.parse(raw));
    return parsed.success ? parsed.data : undefined;
  }

  private key(token: string): string {
    return secretKey(this.o.prefix, "link", token);
  }
}

/** The port `jobscout dashboard` uses when `JOBSCOUT_DASHBOARD_PORT` is unset. */
export const DEFAULT_DASHBOARD_PORT = 7070;

/** The settings the dashboard and its links read. */
export type DashboardConfig = Pick<
  Config,
  | "JOBSCOUT_DASHBOARD_PORT"
  | "JOBSCOUT_DASHBOARD_HOST"
  | "JOBSCOUT_DASHBOARD_TOKEN"
  | "JOBSCOUT_DASHBOARD_URL"
  | "JOBSCOUT_DASHBOARD_SESSION_MS"
  | "JOBSCOUT_DASHBOARD_LINK_MS"
  | "JOBSCOUT_DASHBOARD_LOGIN_ATTEMPTS"
  | "JOBSCOUT_DASHBOARD_LOGIN_WINDOW_MS"
  | "JOBSCOUT_QUEUE_PREFIX"
  | "JOBSCOUT_SOURCES"
>;

/** Where browsers reach the dashboard. */
export const dashboardBaseUrl = (config: DashboardConfig, port: number): string =>
  config.JOBSCOUT_DASHBOARD_URL ?? `http://${config.JOBSCOUT_DASHBOARD_HOST}:${port}`;

/**
 * One-time login links for chat ("dashboard"), issued by any process that shares the Redis. Kept
 * here, not beside the server, so the bot does not load the web server to issue them.
 */
export function loginLinksFor(config: DashboardConfig, redis: Redis): LoginLinks {
  return new LoginLinks({
    redis,
    prefix: config.JOBSCOUT_QUEUE_PREFIX,
    baseUrl: dashboardBaseUrl(config, config.JOBSCOUT_DASHBOARD_PORT ?? DEFAULT_DASHBOARD_PORT),
    ttlMs: config.JOBSCOUT_DASHBOARD_LINK_MS,
  });
}
