// Integration tests need the real Redis. Fail early with the command to start one, rather than
// letting every test time out.
import net from "node:net";

function answers(port: number, host: string): Promise<boolean> {
  return new Promise((resolve) => {
    const s = net.connect({ port, host });
    s.setTimeout(1000);
    s.once("connect", () => {
      s.end();
      resolve(true);
    });
    s.once("error", () => resolve(false));
    s.once("timeout", () => {
      s.destroy();
      resolve(false);
    });
  });
}

/** Throws with the command that starts Redis when none answers at `TEST_REDIS_URL` (or :6379). */
export async function requireRedis(): Promise<void> {
  const url = new URL(process.env.TEST_REDIS_URL ?? "redis://127.0.0.1:6379");
  if (!(await answers(Number(url.port || 6379), url.hostname))) {
    throw new Error(
      `Tests need Redis at ${url.host}. Start one with:\n  redis-server --daemonize yes --bind 127.0.0.1 --port 6379 --save "" --appendonly no`,
    );
  }
}
