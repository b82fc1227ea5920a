// Redis going away after jobscout started, on a private redis-server the test stops and starts
// (the shared one is never touched): the person is told what is wrong instead of waiting forever,
// the log says it once, and the chat can still be left.
import { afterEach, describe, expect, it } from "vitest";
import { renderRunOneLine } from "../../src/agents/render.js";
import { summarizeRun } from "../../src/answers/run-summary.js";
import { startJobscout } from "../support/cli.js";
import { startPrivateRedis } from "../support/private-redis.js";
import { BA_PATH, startReplayServer } from "../support/replay-server.js";
import { eventually, TEST_WORKSPACE, tempDir, testApp, testConfig, testEnv } from "../support/harness.js";

const cleanups: Array<() => unknown> = [];
afterEach(async () => {
  for (const c of cleanups.splice(0).reverse()) await c();
});

/** pino's JSON lines among a process's output. */
function logLines(output: string): Array<{ msg?: string }> {
  return output
    .split("\n")
    .filter((l) => l.startsWith("{"))
    .map((l) => JSON.parse(l) as { msg?: string });
}

describe("Redis gone after start-up", () => {
  it("a question that needs a run is answered with what is wrong, the outage is logged once, and closing stdin ends the chat", async () => {
    const replay = await startReplayServer();
    cleanups.push(() => replay.close());
    const redis = await startPrivateRedis();
    cleanups.push(() => redis.close());
    const tmp = tempDir();
    cleanups.push(tmp.remove);
    const env = testEnv(tmp.dir, replay.url, {
      REDIS_URL: redis.url,
      JOBSCOUT_RUN_WAIT_MS: "20000",
      JOBSCOUT_LOG_LEVEL: "info",
    });

    const chat = startJobscout(["chat"], { env });
    cleanups.push(() => chat.stop());
    await eventually(() => chat.stdout().includes("Ask for jobs"), 60_000);

    await redis.stop();
    chat.type("find me jobs in Berlin");
    await eventually(() => /not reachable/.test(chat.stdout()), 60_000);
    chat.endInput();
    expect(await chat.exited).toBe(0);

    const answer = chat.stdout();
    expect(answer).toContain(`the job queue (Redis at ${redis.url}) is not reachable`);
    expect(answer).not.toMatch(/bullmq|Missing key|ECONNREFUSED|MaxRetriesPerRequest/i);
    // One line says Redis went away, however many connections noticed it how many times.
    const outage = logLines(chat.output()).filter((l) => /redis/i.test(l.msg ?? ""));
    expect(outage.map((l) => l.msg)).toEqual(["redis unreachable"]);
  }, 150_000);

  it("drill: Redis restarted empty mid-run — the run fails saying the queue lost it, and the next run works without restarting jobscout", async () => {
    const replay = await startReplayServer();
    cleanups.push(() => replay.close());
    const redis = await startPrivateRedis();
    cleanups.push(() => redis.close());
    const tmp = tempDir();
    cleanups.push(tmp.remove);
    const config = testConfig(
      testEnv(tmp.dir, replay.url, { REDIS_URL: redis.url, JOBSCOUT_FETCH_TIMEOUT_MS: "20000" }),
    );
    const app = await testApp(config, {});
    cleanups.push(() => app.close());

    // The Bundesagentur answers slowly, so the run is still fetching when Redis goes.
    replay.fail(BA_PATH, { delayMs: 4000, times: 1 });
    const run = await app.runService.start({ ...TEST_WORKSPACE, query: { place: "Berlin" } });
    await eventually(async () => {
      const r = await app.runService.status(TEST_WORKSPACE.workspaceId, run.id);
      return r?.outcomes.find((o) => o.source === "arbeitnow")?.status === "ok";
    }, 30_000);
    await redis.stop();
    await redis.start();

    const lost = await app.runService.wait(TEST_WORKSPACE.workspaceId, run.id, { timeoutMs: 60_000 });
    expect(lost.status).toBe("failed");
    const told = renderRunOneLine(summarizeRun(lost));
    expect(told).toContain("the job queue lost this run");
    expect(told).not.toMatch(/bullmq|Missing key|updateProgress/i);

    // Same process, same app: the next question gets a run that completes.
    const again = await app.runService.start({ ...TEST_WORKSPACE, query: { place: "Berlin" } });
    const done = await app.runService.wait(TEST_WORKSPACE.workspaceId, again.id, { timeoutMs: 60_000 });
    expect(done.status).toBe("completed");
    expect(done.outcomes.map((o) => o.status)).toEqual(["ok", "ok"]);
  }, 150_000);
});
