// A port nothing useful answers on, taken from the OS and held for the test: every connection is
// closed at once. Unlike "port 9 is closed" it cannot be taken by another program meanwhile.
import net from "node:net";
import { Redis } from "ioredis";

export interface DeadPort {
  port: number;
  close(): Promise<void>;
}

export async function deadPort(): Promise<DeadPort> {
  const sockets = new Set<net.Socket>();
  const server = net.createServer((s) => {
    sockets.add(s);
    s.on("error", () => undefined);
    s.on("close", () => sockets.delete(s));
    s.destroy();
  });
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(0, "127.0.0.1", () => resolve());
  });
  return {
    port: (server.address() as net.AddressInfo).port,
    close: () =>
      new Promise<void>((resolve) => {
        for (const s of sockets) s.destroy();
        server.close(() => resolve());
      }),
  };
}

/**
 * A Redis client pointed at `dead`: every command fails at once (no offline queue, no retries), as
 * when Redis is down. Errors are not raised as events; end it with `disconnect()`.
 */
export function redisAtDeadPort(dead: DeadPort): Redis {
  const redis = new Redis({
    host: "127.0.0.1",
    port: dead.port,
    lazyConnect: true,
    enableOfflineQueue: false,
    maxRetriesPerRequest: 0,
    retryStrategy: () => null,
  });
  redis.on("error", () => undefined);
  return redis;
}
