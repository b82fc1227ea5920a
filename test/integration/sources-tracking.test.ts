// Sources added from chat, a run over five sources where one fails, source health, YAML seeding —
// through the agent, the real queue and store, and local servers replaying the job sites.
import { answerWords } from "../support/answer-words.js";
import { writeFileSync } from "node:fs";
import path from "node:path";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import type { App } from "../../src/compose/app.js";
import { LEVER_PATH, startAtsServer, type AtsServer } from "../support/ats-server.js";
import { startFeedsServer, type FeedsServer } from "../support/feeds-server.js";
import { startReplayServer, type ReplayServer } from "../support/replay-server.js";
import { dropPrefix, TEST_WORKSPACE, tempDir, testApp, testConfig, testEnv } from "../support/harness.js";

let replay: ReplayServer;
let ats: AtsServer;
let feeds: FeedsServer;
const cleanups: Array<() => Promise<void> | void> = [];
beforeAll(async () => {
  [replay, ats, feeds] = await Promise.all([startReplayServer(), startAtsServer(), startFeedsServer()]);
});
afterAll(async () => {
  await Promise.all([replay.close(), ats.close(), feeds.close()]);
});
afterEach(async () => {
  ats.clearFaults();
  for (const c of cleanups.splice(0).reverse()) await c();
});

async function freshApp(
  extra: Record<string, string> = {},
  before?: (dataDir: string) => void,
): Promise<App> {
  const tmp = tempDir();
  before?.(tmp.dir);
  const env = testEnv(tmp.dir, replay.url, {
    JOBSCOUT_SOURCES: "arbeitnow",
    GREENHOUSE_BASE_URL: ats.url,
    LEVER_BASE_URL: ats.url,
    ASHBY_BASE_URL: ats.url,
    SMARTRECRUITERS_BASE_URL: ats.url,
    PERSONIO_BASE_URL: `${feeds.url}/personio/{company}`,
    ...extra,
  });
  const app = await testApp(testConfig(env));
  cleanups.push(
    tmp.remove,
    () => dropPrefix(env.JOBSCOUT_QUEUE_PREFIX),
    () => app.close(),
  );
  return app;
}

const admin = { ...TEST_WORKSPACE, threadId: "t-admin", platform: "test", isAdmin: true };

describe("sources from chat", () => {
  it("detects the job board from a pasted URL and tracks it for the workspace; only admins may", async () => {
    const app = await freshApp();
    const member = { ...admin, userId: "member", threadId: "t-member", isAdmin: false };
    const refused = await app.agent.ask("track jobs at https://boards.greenhouse.io/smarterdx", member);
    expect(refused.text).toMatch(/Only workspace admins/);
    expect(await app.catalog.list(TEST_WORKSPACE.workspaceId)).toEqual([]);

    const ok = await app.agent.ask("track jobs at https://boards.greenhouse.io/smarterdx", admin);
    expect(ok.text).toMatch(/Now tracking Greenhouse smarterdx/);
    expect((await app.catalog.list(TEST_WORKSPACE.workspaceId)).map((s) => s.key)).toEqual([
      "greenhouse-smarterdx",
    ]);
    expect(await app.catalog.defaultsFor(TEST_WORKSPACE.workspaceId)).toEqual([
      "arbeitnow",
      "greenhouse-smarterdx",
    ]);
    // Another workspace is unaffected.
    expect(await app.catalog.defaultsFor("another-team")).toEqual(["arbeitnow"]);

    // A job site we have no official API or feed for is refused, not scraped.
    const unknown = await app.agent.ask("track jobs at https://www.linkedin.com/jobs/view/123", admin);
    expect(unknown.text).toMatch(/can't tell which job board/);

    const untrack = await app.agent.ask("stop tracking https://boards.greenhouse.io/smarterdx", admin);
    expect(untrack.text).toMatch(/Stopped tracking Greenhouse smarterdx/);
    expect(await app.catalog.list(TEST_WORKSPACE.workspaceId)).toEqual([]);
  });

  it("a run where 1 of 5 sources fails completes with the other 4 sources' jobs and a health summary naming the failure", async () => {
    const app = await freshApp();
    for (const url of [
      "https://boards.greenhouse.io/smarterdx",
      "https://jobs.lever.co/palantir",
      "https://jobs.ashbyhq.com/openevidence",
      "https://personio.jobs.personio.de",
    ]) {
      expect((await app.agent.ask(`track jobs at ${url}`, admin)).text).toMatch(/Now tracking/);
    }
    ats.fail(LEVER_PATH("palantir"), { status: 500 });

    const answer = await app.agent.ask("refresh", admin);
    const run = answer.run!;
    expect(run.status).toBe("completed");
    expect(run.sources).toHaveLength(5);
    const failed = run.sources.filter((s) => s.status === "failed");
    expect(failed.map((s) => s.source)).toEqual(["lever-palantir"]);
    for (const s of run.sources.filter((x) => x.status === "ok")) expect(s.newJobs).toBeGreaterThan(0);
    // The summary in chat says what each source did and why Lever failed.
    expect(answerWords(answer)).toMatch(/Lever palantir: failed — .*HTTP 500/);
    expect(answerWords(answer)).toMatch(/Greenhouse smarterdx: \d+ jobs?, \d+ new/);
    expect(answerWords(answer)).toMatch(/Arbeitnow: 105 jobs, 105 new/);
    const stored = await app.db.kysely
      .selectFrom("job_sources")
      .select("source")
      .distinct()
      .orderBy("source")
      .execute();
    expect(stored.map((r) => r.source)).toEqual([
      "arbeitnow",
      "ashby-openevidence",
      "greenhouse-smarterdx",
      "personio-personio",
    ]);

    const health = await app.agent.ask("how are the sources doing", admin);
    expect(health.toolCalls.map((c) => c.name)).toEqual(["source_health"]);
    expect(health.text).toMatch(/Lever palantir \(added in chat\): failed .*HTTP 500.*\(HTTP 500×\d/);
    expect(health.text).toMatch(
      /Arbeitnow \(default\): ok .* 105 jobs, 105 new, 0 updated, 0 closed, 0 skipped \(HTTP 200×\d/,
    );
    expect(health.text).toMatch(/Lever palantir.*last success never/);
  });

  it("seeds a workspace's sources from sources.yaml in the data dir, and names a bad entry", async () => {
    const app = await freshApp({}, (dir) =>
      writeFileSync(
        path.join(dir, "sources.yaml"),
        "workspaces:\n  team-a:\n    - https://jobs.lever.co/palantir\n    - { kind: personio, company: personio }\n",
      ),
    );
    expect((await app.catalog.list("team-a")).map((s) => [s.key, s.origin])).toEqual([
      ["lever-palantir", "yaml"],
      ["personio-personio", "yaml"],
    ]);
    await expect(
      freshApp({}, (dir) =>
        writeFileSync(path.join(dir, "sources.yaml"), "workspaces:\n  team-a:\n    - { kind: lever }\n"),
      ),
    ).rejects.toThrow(/sources\.yaml: workspaces\.team-a\[0\]: Lever: company/);
  });
});
