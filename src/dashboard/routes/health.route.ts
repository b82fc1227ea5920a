import type { FastifyInstance } from "fastify";

/** One thing `/readyz` checks: resolves when ready, throws (or rejects) with the reason when not. */
export interface ReadinessCheck {
  name: string;
  check(): Promise<void>;
}

/** How long one readiness check may take before it counts as not ready. */
const CHECK_TIMEOUT_MS = 2000;

async function probe(c: ReadinessCheck): Promise<{ name: string; ok: boolean; error?: string }> {
  let timer: NodeJS.Timeout | undefined;
  try {
    await Promise.race([
      c.check(),
      new Promise((_, reject) => {
        timer = setTimeout(
          () => reject(new Error(`no answer within ${CHECK_TIMEOUT_MS} ms`)),
          CHECK_TIMEOUT_MS,
        );
      }),
    ]);
    return { name: c.name, ok: true };
  } catch (err) {
    return { name: c.name, ok: false, error: err instanceof Error ? err.message : String(err) };
  } finally {
    clearTimeout(timer);
  }
}

/** `/healthz`: the process answers. `/readyz`: every dependency answers (503 with the failing ones otherwise). */
export function registerHealthRoutes(app: FastifyInstance, checks: readonly ReadinessCheck[]): void {
  app.get("/healthz", async (_req, reply) => reply.send({ status: "ok" }));
  app.get("/readyz", async (_req, reply) => {
    const results = await Promise.all(checks.map(probe));
    const ready = results.every((r) => r.ok);
    return reply.code(ready ? 200 : 503).send({ status: ready ? "ready" : "unready", checks: results });
  });
}
