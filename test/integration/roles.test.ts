// Each command builds only what it uses: the worker role has no chat model, agent or chat service;
// `reindex` needs no Redis.
import { createServer } from "node:net";
import { afterEach, describe, expect, it } from "vitest";
import { composePipelineRole } from "../../src/compose/pipeline-role.js";
import { createLogger } from "../../src/core/logger.js";
import { startReplayServer } from "../support/replay-server.js";
import { runJobscout, startJobscout } from "../support/cli.js";
import { dropPrefix, eventually, TEST_WORKSPACE, tempDir, testConfig, testEnv } from "../support/harness.js";

const cleanups: Array<() => unknown> = [];
afterEach(async () => {
  for (const c of cleanups.splice(0).reverse()) await c();
});

/** A TCP port nothing listens on: bound once, then released. */
async function closedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const address = server.address();
  await new Promise<void>((resolve) => server.close(() => resolve()));
  if (address === null || typeof address === "string") throw new Error("no port");
  return address.port;
}

describe("composition per role", () => {
  it("jobscout worker finishes a run without ever composing the chat; a chat command does compose it", async () => {
    const replay = await startReplayServer();
    cleanups.push(() => replay.close());
    const tmp = tempDir();
    cleanups.push(tmp.remove);
    const env = testEnv(tmp.dir, replay.url, { JOBSCOUT_LOG_LEVEL: "info" });
    cleanups.push(() => dropPrefix(env.JOBSCOUT_QUEUE_PREFIX));

    const worker = startJobscout(["worker"], { env });
    cleanups.push(() => worker.stop());
    await eventually(() => worker.output().includes("worker ready"), 30_000);

    // This process only enqueues (no workers, no chat either); the worker process does the run.
    const client = await composePipelineRole({
      config: testConfig(env),
      logger: createLogger("silent"),
      workers: false,
    });
    cleanups.push(() => client.close());
    const run = await client.runService.start({ ...TEST_WORKSPACE, query: { place: "Berlin" } });
    const done = await client.runService.wait(TEST_WORKSPACE.workspaceId, run.id, { timeoutMs: 60_000 });
    expect(done.status).toBe("completed");
    expect(await client.jobs.count()).toBeGreaterThan(0);

    expect(await worker.stop()).toBe(0);
    expect(worker.output()).toMatch(/stopping worker/);
    expect(worker.output()).not.toMatch(/chat composed/);

    // The same log line is there when a role does build the chat.
    const ask = await runJobscout(["ask", "saved jobs", "--no-workers"], { env });
    expect(ask.code).toBe(0);
    expect(ask.stderr).toMatch(/chat composed/);
  }, 120_000);

  it("jobscout reindex runs with no Redis reachable", async () => {
    const tmp = tempDir();
    cleanups.push(tmp.remove);
    const env = testEnv(tmp.dir, "http://127.0.0.1:9", {
      REDIS_URL: `redis://127.0.0.1:${await closedPort()}`,
    });
    const result = await runJobscout(["reindex"], { env });
    expect(result.stderr).toBe("");
    expect(result.code).toBe(0);
    expect(result.stdout).toMatch(/^Every open job already has a vector from /);
  }, 60_000);
});
