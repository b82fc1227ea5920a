// A listing cut off by JOBSCOUT_FETCH_MAX_PAGES is not the whole board: the jobs on the pages not
// fetched must stay open. Through the agent, the real queue and store, and the ATS replay server.
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { startAtsServer, type AtsServer } from "../support/ats-server.js";
import { startReplayServer, type ReplayServer } from "../support/replay-server.js";
import { dropPrefix, TEST_WORKSPACE, tempDir, testApp, testConfig, testEnv } from "../support/harness.js";

const WORDS = ["Kafka", "Rust", "Terraform", "Postgres", "Kotlin", "Spark", "Flink", "React", "Swift", "Go"];

/** A Lever posting of its own title and description (no two merge by fingerprint or by text). */
function leverPosting(n: number): Record<string, unknown> {
  const words = Array.from({ length: 40 }, (_, k) => `${WORDS[(n + k) % WORDS.length]}${n}x${k}`).join(" ");
  return {
    id: `acme-${n}`,
    text: `Engineer ${n} ${WORDS[n % WORDS.length]}`,
    categories: { commitment: "Full-time", location: "Berlin, Germany", team: "Engineering" },
    createdAt: 1_764_000_000_000 + n * 60_000,
    descriptionPlain: `Role number ${n}. ${words}`,
    workplaceType: "onsite",
    hostedUrl: `https://jobs.lever.co/acme/acme-${n}`,
    applyUrl: `https://jobs.lever.co/acme/acme-${n}/apply`,
  };
}

let replay: ReplayServer;
let ats: AtsServer;
// The server serves this very array, so the board can change between runs.
const board: Array<Record<string, unknown>> = [];
beforeAll(async () => {
  [replay, ats] = await Promise.all([
    startReplayServer(),
    startAtsServer({ boards: { lever: { acme: board } } }),
  ]);
});
const cleanups: Array<() => Promise<void> | void> = [];
afterEach(async () => {
  for (const c of cleanups.splice(0).reverse()) await c();
});
afterAll(async () => {
  await Promise.all([replay.close(), ats.close()]);
});

describe("a fetch capped by JOBSCOUT_FETCH_MAX_PAGES", () => {
  it("is not a complete listing: jobs on the pages it did not fetch stay open", async () => {
    const tmp = tempDir();
    const env = testEnv(tmp.dir, replay.url, {
      JOBSCOUT_SOURCES: "arbeitnow",
      LEVER_BASE_URL: ats.url,
      JOBSCOUT_FETCH_MAX_PAGES: "1",
    });
    const app = await testApp(testConfig(env));
    cleanups.push(
      tmp.remove,
      () => dropPrefix(env.JOBSCOUT_QUEUE_PREFIX),
      () => app.close(),
    );
    const admin = { ...TEST_WORKSPACE, threadId: "t1", platform: "test", isAdmin: true };
    const openAcme = async () =>
      (
        await app.db.kysely
          .selectFrom("job_sources")
          .select("source_id")
          .where("source", "=", "lever-acme")
          .where("closed_at", "is", null)
          .execute()
      )
        .map((r) => r.source_id)
        .sort();
    expect((await app.agent.ask("track jobs at https://jobs.lever.co/acme", admin)).text).toMatch(
      /Now tracking/,
    );

    // Run 1: 30 postings, one page (Lever pages by 100): the whole board, complete.
    board.push(...Array.from({ length: 30 }, (_, i) => leverPosting(i)));
    const first = (await app.agent.ask("refresh", admin)).run!;
    expect(first.sources.find((s) => s.source === "lever-acme")).toMatchObject({
      status: "ok",
      newJobs: 30,
      complete: true,
    });
    expect(await openAcme()).toHaveLength(30);

    // Run 2: 100 new postings come first; the 30 old ones are on page 2, which the cap leaves out.
    board.unshift(...Array.from({ length: 100 }, (_, i) => leverPosting(100 + i)));
    const second = (await app.agent.ask("refresh", { ...admin, threadId: "t2" })).run!;
    const outcome = second.sources.find((s) => s.source === "lever-acme");
    expect(outcome).toMatchObject({ status: "ok", newJobs: 100, closedJobs: 0, complete: false });
    expect(await openAcme()).toHaveLength(130);
    expect(await openAcme()).toContain("acme-0");
    expect(await openAcme()).toContain("acme-29");
  });
});
