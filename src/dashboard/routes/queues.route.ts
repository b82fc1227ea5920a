import { createBullBoard } from "@bull-board/api";
import { BullMQAdapter } from "@bull-board/api/bullMQAdapter";
import { FastifyAdapter } from "@bull-board/fastify";
import type { Queue } from "bullmq";
import type { FastifyInstance } from "fastify";
import type { DashboardContext } from "../dashboard.server.js";
import { sendPage } from "../guard.js";
import { isOperator } from "../sessions.js";
import { problemPage } from "../views/login.view.js";

const BASE = "/queues";

/**
 * bull-board over the stage queues at `/queues`, inside a plugin whose hook lets only an operator
 * through: bull-board has no login of its own, and queues hold every workspace's runs.
 */
export async function registerQueueBoard(
  app: FastifyInstance,
  ctx: DashboardContext,
  queues: readonly Queue[],
): Promise<void> {
  const adapter = new FastifyAdapter();
  createBullBoard({ queues: queues.map((q) => new BullMQAdapter(q)), serverAdapter: adapter });
  adapter.setBasePath(BASE);
  await app.register(
    async (scope) => {
      scope.addHook("onRequest", async (req, reply) => {
        const session = await ctx.guard.page(req, reply);
        if (session && !isOperator(session)) {
          await sendPage(
            reply,
            problemPage(
              "Operators only",
              "The queue board shows every workspace's runs; log in with the operator token.",
            ),
            403,
          );
        }
      });
      await scope.register(adapter.registerPlugin());
    },
    { prefix: BASE },
  );
}
