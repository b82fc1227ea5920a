// JOBSCOUT_EMBEDDER=openai end to end: a data dir built with the offline embedder is switched to an
// OpenAI-compatible embedding model (a local server), `jobscout reindex` embeds the stored jobs,
// runs embed through the API, and search keeps answering by keywords when the API is down.
import { existsSync, readdirSync } from "node:fs";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { App } from "../../src/compose/app.js";
import { embedderKey } from "../../src/search/embedder.js";
import { runJobscout } from "../support/cli.js";
import { startOpenAiServer, type OpenAiServer } from "../support/openai-server.js";
import { startReplayServer, type ReplayServer } from "../support/replay-server.js";
import {
  dropPrefix,
  TEST_WORKSPACE,
  tempDir,
  testApp,
  testConfig,
  testEnv,
  type TestEnv,
} from "../support/harness.js";

const KEY = "sk-test-do-not-log-me";
let replay: ReplayServer;
let openai: OpenAiServer;
const tmp = tempDir();
let env: TestEnv;
let openaiEnv: TestEnv;

beforeAll(async () => {
  replay = await startReplayServer();
  openai = await startOpenAiServer([]);
  env = testEnv(tmp.dir, replay.url);
  openaiEnv = {
    ...env,
    JOBSCOUT_EMBEDDER: "openai",
    OPENAI_API_KEY: KEY,
    OPENAI_BASE_URL: openai.url,
    JOBSCOUT_EMBEDDING_DIM: "256",
    JOBSCOUT_LOG_LEVEL: "debug",
  };
});
afterAll(async () => {
  await dropPrefix(env.JOBSCOUT_QUEUE_PREFIX);
  await replay.close();
  await openai.close();
  tmp.remove();
});

async function withApp<T>(e: TestEnv, fn: (app: App) => Promise<T>): Promise<T> {
  const app = await testApp(testConfig(e));
  try {
    return await fn(app);
  } finally {
    await app.close();
  }
}

async function run(app: App, place: string) {
  const started = await app.runService.start({ ...TEST_WORKSPACE, query: { place } });
  return app.runService.wait(TEST_WORKSPACE.workspaceId, started.id, { timeoutMs: 60_000 });
}

const BERLIN = { name: "Berlin", lat: 52.52, lon: 13.405, radiusKm: 25 };

describe("JOBSCOUT_EMBEDDER=openai", () => {
  it("reindexes a data dir built offline, embeds new runs through the API, falls back to keywords, and switches back", async () => {
    const openJobs = await withApp(env, async (app) => {
      expect((await run(app, "Berlin")).status).toBe("completed");
      return await app.jobs.count();
    });
    expect(openJobs).toBeGreaterThanOrEqual(105);

    // Before the reindex the new embedder has no vectors for the stored jobs.
    const key = await withApp(openaiEnv, async (app) => {
      const k = embedderKey(app.embedder);
      expect(k).toBe("openai:text-embedding-3-small@1/256");
      expect(await app.vectors.missing(k)).toHaveLength(openJobs);
      return k;
    });

    const first = await runJobscout(["reindex"], { env: openaiEnv });
    expect(first.stderr).not.toContain(KEY);
    expect(first.code, first.stderr).toBe(0);
    expect(first.stdout).toContain(`Embedded ${openJobs} jobs with ${key}; the index now holds ${openJobs}.`);
    const again = await runJobscout(["reindex"], { env: openaiEnv });
    expect(again.stdout).toContain(`Every open job already has a vector from ${key}.`);
    for (const r of openai.embeddingRequests) expect(r.authorization).toBe(`Bearer ${KEY}`);
    // Batches, not one request per job.
    expect(openai.embeddingRequests.length).toBeLessThan(openJobs / 10);
    // Each embedder has its own index file; the offline one is kept for switching back.
    const files = readdirSync(path.join(tmp.dir, "index"));
    expect(files.length).toBeGreaterThanOrEqual(2);

    await withApp(openaiEnv, async (app) => {
      expect(app.index.index.size()).toBe(openJobs);
      const asked = openai.embeddingRequests.length;
      const found = await app.search.search({ text: "developer", place: BERLIN, limit: 5 });
      expect(found.hits.length).toBeGreaterThan(0);
      expect(openai.embeddingRequests.length).toBe(asked + 1);
      expect([openai.embeddingRequests.at(-1)?.body.input].flat()).toEqual(["developer"]);

      // A run embeds its new jobs through the API.
      const bamberg = await run(app, "Bamberg");
      expect(bamberg.status).toBe("completed");
      expect(await app.vectors.missing(key)).toEqual([]);
      expect(app.index.index.size()).toBe(await app.jobs.count());
      expect(await app.jobs.count()).toBeGreaterThan(openJobs);

      // The embedding service is down: keyword matches still come back.
      openai.failEmbeddings(20, 503);
      const down = await app.search.search({ text: "developer", place: BERLIN, limit: 5 });
      expect(down.hits.length).toBeGreaterThan(0);
      // Keyword matches only (the German name counts: "developer" also finds "Entwickler").
      for (const h of down.hits)
        expect(h.why.join("; ")).toMatch(/(title matches|description mentions) “(developer|entwickler)/i);
    });
    expect(existsSync(path.join(tmp.dir, "jobscout.sqlite"))).toBe(true);

    // Switching back to the offline embedder: its index was kept, so only the jobs added meanwhile
    // need embedding, and nothing goes to the API any more.
    const asked = openai.embeddingRequests.length;
    const { total, offlineKey } = await withApp(env, async (app) => ({
      total: await app.jobs.count(),
      offlineKey: embedderKey(app.embedder),
    }));
    const back = await runJobscout(["reindex"], { env });
    expect(back.code, back.stderr).toBe(0);
    expect(back.stdout).toContain(
      `Embedded ${total - openJobs} jobs with ${offlineKey}; the index now holds ${total}.`,
    );
    await withApp(env, async (app) => {
      const found = await app.search.search({ text: "developer", place: BERLIN, limit: 5 });
      expect(found.hits).toHaveLength(5);
      for (const h of found.hits) expect(h.distanceKm ?? 0).toBeLessThanOrEqual(25);
    });
    expect(openai.embeddingRequests.length).toBe(asked);
  });

  it("refuses to start without OPENAI_API_KEY, naming it", async () => {
    const { OPENAI_API_KEY: _drop, ...noKey } = openaiEnv;
    const r = await runJobscout(["reindex"], { env: noKey });
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/JOBSCOUT_EMBEDDER: openai needs OPENAI_API_KEY/);
  });
});
