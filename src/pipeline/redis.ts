import { spawn, spawnSync, type ChildProcess } from "node:child_process";
import { mkdirSync, readFileSync, writeFileSync } from "node:fs";
import net from "node:net";
import path from "node:path";
import type { Redis, RedisOptions } from "ioredis";
import { Redis as RedisClient } from "./queue-lib.js";
import { AppError } from "../core/errors.js";
import type { Logger } from "../core/logger.js";

/** A Redis for BullMQ; `stop` shuts down a private server if this process started one. */
export interface RedisHandle {
  url: string;
  /** Where it came from, for the start-up banner. */
  origin: "configured" | "local" | "embedded";
  stop(): Promise<void>;
}

/**
 * A connection suitable for BullMQ (workers need `maxRetriesPerRequest: null`) that knows the
 * connections BullMQ makes from it: each worker's blocking connection is a {@link Redis.duplicate}
 * of it. They are announced to {@link BullConnection.onCopy} (so an outage watches them too) and
 * {@link BullConnection.cutCopies} ends them all at once, even while they wait to reconnect.
 */
export class BullConnection extends RedisClient {
  private readonly copies = new Set<Redis>();
  private readonly copyListeners: Array<(copy: Redis) => void> = [];

  constructor(url: string) {
    super(url, { maxRetriesPerRequest: null, enableReadyCheck: true, lazyConnect: false });
  }

  override duplicate(override?: Partial<RedisOptions>): Redis {
    const copy = super.duplicate(override);
    this.copies.add(copy);
    copy.once("end", () => this.copies.delete(copy));
    for (const listener of this.copyListeners) listener(copy);
    return copy;
  }

  /** Call `listener` with every connection made from this one from now on. */
  onCopy(listener: (copy: Redis) => void): void {
    this.copyListeners.push(listener);
  }

  /** The connections made from this one that have not ended. */
  get openCopies(): readonly Redis[] {
    return [...this.copies];
  }

  /**
   * End every connection made from this one now, without waiting for Redis: a copy waiting to
   * reconnect stops trying (ioredis' `disconnect` cancels the pending attempt).
   */
  cutCopies(): void {
    for (const copy of this.copies) copy.disconnect();
    this.copies.clear();
  }
}

export function connectRedis(url: string): BullConnection {
  return new BullConnection(url);
}

/**
 * A connection for adding jobs: it fails at once while Redis is away (no offline queue, no
 * resending after a reconnect), so a run that cannot be queued is told, never left waiting.
 */
export function connectProducer(url: string): Redis {
  return new RedisClient(url, {
    maxRetriesPerRequest: 0,
    enableOfflineQueue: false,
    autoResendUnfulfilledCommands: false,
    enableReadyCheck: true,
  });
}

export const INSTALL_REDIS_HELP = [
  "jobscout needs Redis (version 6.2 or newer) for its job queue, and none was found.",
  "Either install it so jobscout can start a private one:",
  "  Debian/Ubuntu: sudo apt-get install redis-server",
  "  macOS:         brew install redis",
  "or run one and point REDIS_URL at it, e.g.:",
  "  docker run -d -p 6379:6379 redis:7   (then REDIS_URL=redis://127.0.0.1:6379)",
].join("\n");

async function ping(url: string, timeoutMs = 1500): Promise<boolean> {
  const client = new RedisClient(url, {
    lazyConnect: true,
    connectTimeout: timeoutMs,
    maxRetriesPerRequest: 0,
    retryStrategy: () => null,
    enableOfflineQueue: false,
  });
  client.on("error", () => undefined);
  try {
    await client.connect();
    return (await client.ping()) === "PONG";
  } catch {
    return false;
  } finally {
    client.disconnect();
  }
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = net.createServer();
    srv.once("error", reject);
    srv.listen(0, "127.0.0.1", () => {
      const addr = srv.address();
      srv.close(() => (typeof addr === "object" && addr ? resolve(addr.port) : reject(new Error("no port"))));
    });
  });
}

function hasRedisServer(bin: string): boolean {
  const r = spawnSync(bin, ["--version"], { stdio: "ignore" });
  return r.status === 0;
}

/**
 * Find Redis: `REDIS_URL` when set; else 127.0.0.1:6379 when it answers; else a private
 * `redis-server` from PATH with its files (append-only, so queued runs survive) in the data dir —
 * reused by other jobscout processes on this data dir while it runs.
 */
export async function ensureRedis(opts: {
  url: string | undefined;
  dataDir: string;
  logger: Logger;
  redisServerBin?: string;
  /** Skip the 127.0.0.1:6379 probe (tests of the embedded path). */
  skipDefaultPort?: boolean;
}): Promise<RedisHandle> {
  const noop = () => Promise.resolve();
  if (opts.url) {
    if (!(await ping(opts.url))) {
      throw new AppError(
        "redis_unreachable",
        `REDIS_URL is set to ${redactRedisUrl(opts.url)} but nothing answers there.`,
        {
          userMessage: `REDIS_URL is set to ${redactRedisUrl(opts.url)} but nothing answers there.`,
        },
      );
    }
    return { url: opts.url, origin: "configured", stop: noop };
  }
  const local = "redis://127.0.0.1:6379";
  if (!opts.skipDefaultPort && (await ping(local))) return { url: local, origin: "local", stop: noop };

  const dir = path.join(opts.dataDir, "redis");
  mkdirSync(dir, { recursive: true });
  const portFile = path.join(dir, "port");
  try {
    const port = Number(readFileSync(portFile, "utf8").trim());
    const url = `redis://127.0.0.1:${port}`;
    if (port > 0 && (await ping(url))) return { url, origin: "embedded", stop: noop };
  } catch {
    // No private server running yet.
  }

  const bin = opts.redisServerBin ?? "redis-server";
  if (!hasRedisServer(bin))
    throw new AppError("redis_missing", INSTALL_REDIS_HELP, { userMessage: INSTALL_REDIS_HELP });
  const port = await freePort();
  const child: ChildProcess = spawn(
    bin,
    [
      "--port",
      String(port),
      "--bind",
      "127.0.0.1",
      "--dir",
      dir,
      "--appendonly",
      "yes",
      "--save",
      "",
      "--protected-mode",
      "yes",
    ],
    { stdio: "ignore" },
  );
  const url = `redis://127.0.0.1:${port}`;
  for (let i = 0; i < 50 && child.exitCode === null; i++) {
    if (await ping(url, 500)) break;
    await new Promise((r) => setTimeout(r, 100));
  }
  if (child.exitCode !== null || !(await ping(url, 500))) {
    child.kill();
    throw new AppError("redis_start_failed", `Could not start ${bin} on port ${port} (data in ${dir}).`);
  }
  writeFileSync(portFile, String(port));
  opts.logger.info("started a private redis-server", { port, dir });
  // Do not leave a stray server behind when this process goes.
  const kill = () => child.kill("SIGTERM");
  process.once("exit", kill);
  return {
    url,
    origin: "embedded",
    stop: async () => {
      process.removeListener("exit", kill);
      if (child.exitCode !== null) return;
      const exited = new Promise((r) => child.once("exit", r));
      child.kill("SIGTERM");
      await exited;
    },
  };
}

/** A Redis URL as users and logs may see it: no password, no trailing slash. */
export function redactRedisUrl(url: string): string {
  try {
    const u = new URL(url);
    if (u.password) u.password = "***";
    return u.toString().replace(/\/$/, "");
  } catch {
    return "(unparseable URL)";
  }
}
