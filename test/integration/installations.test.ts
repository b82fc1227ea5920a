// Two jobscout installations (each its own data dir, so its own store) on one Redis with the
// default queue prefix: neither takes the other's jobs. Processes on one store share its queues.
import { afterEach, describe, expect, it } from "vitest";
import { composePipelineRole, type PipelineRole } from "../../src/compose/pipeline-role.js";
import { createLogger } from "../../src/core/logger.js";
import { startJobscout } from "../support/cli.js";
import { startReplayServer } from "../support/replay-server.js";
import { dropPrefix, eventually, TEST_WORKSPACE, tempDir, testConfig, testEnv } from "../support/harness.js";

const cleanups: Array<() => unknown> = [];
afterEach(async () => {
  for (const c of cleanups.splice(0).reverse()) await c();
});

/** The environment of an installation that leaves the queue prefix at its default. */
function defaultPrefixEnv(dataDir: string, sourcesUrl: string): Record<string, string> {
  const { JOBSCOUT_QUEUE_PREFIX: _unused, ...env } = testEnv(dataDir, sourcesUrl, {
    JOBSCOUT_LOG_LEVEL: "info",
  });
  return env;
}

async function client(env: Record<string, string>): Promise<PipelineRole> {
  const role = await composePipelineRole({
    config: testConfig(env),
    logger: createLogger("silent"),
    workers: false,
  });
  cleanups.push(async () => {
    await role.close();
    await dropPrefix(role.queuePrefix);
  });
  return role;
}

describe("installations sharing one Redis", () => {
  it("a worker of one installation never takes another's run; a worker on the same store does", async () => {
    const replay = await startReplayServer();
    cleanups.push(() => replay.close());
    const [dirA, dirB] = [tempDir(), tempDir()];
    cleanups.push(dirA.remove, dirB.remove);
    const envA = defaultPrefixEnv(dirA.dir, replay.url);
    const envB = defaultPrefixEnv(dirB.dir, replay.url);
    const a = await client(envA);
    const b = await client(envB);
    expect(b.queuePrefix).not.toBe(a.queuePrefix);

    // Installation A's worker is up and waiting for work before B asks for anything.
    const workerA = startJobscout(["worker"], { env: envA });
    cleanups.push(() => workerA.stop());
    await eventually(() => workerA.output().includes("worker ready"), 30_000);

    const run = await b.runService.start({ ...TEST_WORKSPACE, query: { place: "Berlin" } });
    // B's own worker, another process on B's store, comes later and takes B's run.
    const workerB = startJobscout(["worker"], { env: envB });
    cleanups.push(() => workerB.stop());
    const done = await b.runService.wait(TEST_WORKSPACE.workspaceId, run.id, { timeoutMs: 60_000 });
    expect(done.status).toBe("completed");
    expect(await b.jobs.count()).toBeGreaterThan(0);

    expect(await workerA.stop()).toBe(0);
    expect(workerA.output()).not.toContain(run.id);
    expect(await a.jobs.count()).toBe(0);
  }, 120_000);

  it("a prefix set by hand that another installation holds is refused at start-up with what to do", async () => {
    const [dirA, dirB] = [tempDir(), tempDir()];
    cleanups.push(dirA.remove, dirB.remove);
    const envA = testEnv(dirA.dir, "http://127.0.0.1:9");
    const envB = {
      ...testEnv(dirB.dir, "http://127.0.0.1:9"),
      JOBSCOUT_QUEUE_PREFIX: envA.JOBSCOUT_QUEUE_PREFIX,
    };
    const a = await client(envA);
    expect(a.queuePrefix).toBe(envA.JOBSCOUT_QUEUE_PREFIX);
    await expect(client(envB)).rejects.toThrow(
      /used on this Redis by another jobscout installation.*unset JOBSCOUT_QUEUE_PREFIX/,
    );
    // A second process on A's own store is welcome.
    const again = await client(envA);
    expect(again.queuePrefix).toBe(a.queuePrefix);
  }, 60_000);
});
