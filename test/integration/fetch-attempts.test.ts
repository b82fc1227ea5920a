// What a source's outcome says after it was retried: every attempt's requests are counted (the
// dashboard's "HTTP outcomes" and the source health show them), not only the last attempt's.
import { afterEach, describe, expect, it } from "vitest";
import { ARBEITNOW_PATH, startReplayServer } from "../support/replay-server.js";
import { startTestApp, TEST_WORKSPACE } from "../support/harness.js";

const cleanups: Array<() => Promise<void> | void> = [];
afterEach(async () => {
  for (const c of cleanups.splice(0).reverse()) await c();
});

describe("a retried source", () => {
  it("counts the failed attempts' responses beside the successful one's", async () => {
    const replay = await startReplayServer();
    cleanups.push(() => replay.close());
    replay.fail(ARBEITNOW_PATH, { status: 503, times: 2 });
    const app = await startTestApp(
      replay.url,
      { JOBSCOUT_SOURCES: "arbeitnow", JOBSCOUT_JOB_ATTEMPTS: "3" },
      cleanups,
    );

    const run = await app.runService.start({ ...TEST_WORKSPACE, query: { place: "Berlin" } });
    const done = await app.runService.wait(TEST_WORKSPACE.workspaceId, run.id, { timeoutMs: 60_000 });
    const arbeitnow = done.outcomes.find((o) => o.source === "arbeitnow");
    expect(arbeitnow).toMatchObject({ status: "ok", retries: 2 });
    const ok = arbeitnow?.http["200"] ?? 0;
    expect(arbeitnow?.http).toEqual({ "503": 2, "200": ok });
    expect(ok).toBe(arbeitnow?.pages);
  }, 90_000);
});
