// One error model end to end: an error a retry cannot fix (here an embedding service that refuses
// the key) fails its stage at once — in every stage, not only fetch — and the
// run says why; the person sees a short message, never the internal one.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startOpenAiServer, type OpenAiServer } from "../support/openai-server.js";
import { startReplayServer, type ReplayServer } from "../support/replay-server.js";
import { createLogger } from "../../src/core/logger.js";
import {
  dropPrefix,
  eventually,
  TEST_WORKSPACE,
  tempDir,
  testApp,
  testConfig,
  testEnv,
} from "../support/harness.js";

let replay: ReplayServer;
let openai: OpenAiServer;
beforeAll(async () => {
  replay = await startReplayServer();
  openai = await startOpenAiServer([]);
});
afterAll(async () => {
  await replay.close();
  await openai.close();
});

describe("a stage error no retry can fix", () => {
  it("fails the embed stage at its first attempt and the run with the reason", async () => {
    const tmp = tempDir();
    const env = testEnv(tmp.dir, replay.url, {
      JOBSCOUT_SOURCES: "arbeitnow",
      JOBSCOUT_EMBEDDER: "openai",
      OPENAI_API_KEY: "sk-test-not-real",
      OPENAI_BASE_URL: openai.url,
      JOBSCOUT_EMBEDDING_DIM: "256",
      JOBSCOUT_JOB_ATTEMPTS: "3",
    });
    const lines: Array<Record<string, unknown>> = [];
    const logger = createLogger("info", {}, (line) =>
      lines.push(JSON.parse(line) as Record<string, unknown>),
    );
    const app = await testApp(testConfig(env), { logger });
    try {
      const before = openai.embeddingRequests.length;
      openai.failEmbeddings(10, 401);
      const started = await app.runService.start({ ...TEST_WORKSPACE, query: { place: "Berlin" } });
      const run = await app.runService.wait(TEST_WORKSPACE.workspaceId, started.id, { timeoutMs: 60_000 });
      expect(run.status).toBe("failed");
      expect(run.error).toMatch(/^embed failed: embedding model text-embedding-3-small: 401/);
      // One attempt's batches (64 texts each): no second or third attempt of the stage asked again.
      expect(await app.jobs.count()).toBeGreaterThan(64);
      expect(openai.embeddingRequests.length - before).toBe(Math.ceil((await app.jobs.count()) / 64));
      // Each stage's lines name the run (and the fetch's its source): one search follows the run.
      const fetched = lines.find((l) => l.msg === "fetched");
      expect(fetched).toMatchObject({ stage: "fetch", runId: started.id, source: "arbeitnow" });
      // The worker logs a failed job after BullMQ has moved it, which may be just after the run failed.
      const failed = await eventually(() => lines.find((l) => l.msg === "job failed" && l.stage === "embed"));
      expect(failed).toMatchObject({ runId: started.id });
    } finally {
      await app.close();
      await dropPrefix(env.JOBSCOUT_QUEUE_PREFIX);
      tmp.remove();
    }
  });
});
