// The evaluate stage scores a run's jobs with the vectors the embed stage stored: with an
// OpenAI-compatible embedder (the local stand-in, counted per input), each posting is embedded
// once — by the embed stage — and the evaluation only embeds the CV.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { App } from "../../src/compose/app.js";
import { startOpenAiServer, type OpenAiServer } from "../support/openai-server.js";
import { startReplayServer, type ReplayServer } from "../support/replay-server.js";
import { eventually, startTestApp, TEST_WORKSPACE } from "../support/harness.js";
import { CV_WEB, givenProfile } from "../support/profiles.js";

let replay: ReplayServer;
let openai: OpenAiServer;
let app: App;
const cleanups: Array<() => Promise<void> | void> = [];
beforeAll(async () => {
  replay = await startReplayServer();
  openai = await startOpenAiServer([]);
  cleanups.push(
    () => replay.close(),
    () => openai.close(),
  );
  app = await startTestApp(
    replay.url,
    {
      JOBSCOUT_EMBEDDER: "openai",
      OPENAI_API_KEY: "sk-test-evaluate",
      OPENAI_BASE_URL: openai.url,
      JOBSCOUT_EMBEDDING_DIM: "256",
    },
    cleanups,
  );
});
afterAll(async () => {
  for (const c of cleanups.reverse()) await c();
});

const inputs = () => openai.embeddingRequests.flatMap((r) => [r.body.input].flat());

describe("evaluate after a run", () => {
  it("scores every job of the run for the workspace's profile without embedding any posting again", async () => {
    const owner = { workspaceId: TEST_WORKSPACE.workspaceId, userId: TEST_WORKSPACE.userId };
    await givenProfile(app.profiles, owner, CV_WEB);
    const started = await app.runService.start({ ...TEST_WORKSPACE, query: { place: "Berlin" } });
    const done = await app.runService.wait(owner.workspaceId, started.id, { timeoutMs: 60_000 });
    expect(done.status).toBe("completed");
    const ids = await app.items.jobIds(done.id);
    expect(ids.length).toBeGreaterThan(20);
    // The evaluate stage follows the index stage: wait until every job of the run has a score.
    await eventually(async () => (await app.fits.getMany(owner, ids)).size === ids.length, 60_000);

    const all = inputs();
    expect(new Set(all).size).toBe(all.length); // nothing embedded twice
    const cv = all.filter((t) => t.includes("Laravel and React"));
    expect(cv).toHaveLength(1); // the CV, once, by the evaluation
    expect(all.length).toBe(ids.length + 1);
  });
});
