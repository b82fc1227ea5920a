// Bounded input on the fetch side: a 50 MB JSON page, 50 MB of junk and a gzip bomb (1 MB that
// unpacks to 1 GB) each fail their source once, with a health line that says why, while the other
// sources' jobs arrive; a posting with a 2 MB description is stored clipped. The bodies are
// generated as they are sent (test/support/big-bodies.ts); the worker's memory is measured in
// bench/fetch-limits.bench.ts.
import { answerWords } from "../support/answer-words.js";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import type { App } from "../../src/compose/app.js";
import { POSTING_LIMITS } from "../../src/core/posting.js";
import { GREENHOUSE_PATH, startAtsServer, type AtsServer } from "../support/ats-server.js";
import { startReplayServer, type ReplayServer } from "../support/replay-server.js";
import { startTestApp, TEST_WORKSPACE } from "../support/harness.js";

let replay: ReplayServer;
let ats: AtsServer;
const cleanups: Array<() => Promise<void> | void> = [];
beforeAll(async () => {
  [replay, ats] = await Promise.all([startReplayServer(), startAtsServer()]);
});
afterAll(async () => {
  await Promise.all([replay.close(), ats.close()]);
});
afterEach(async () => {
  ats.clearFaults();
  for (const c of cleanups.splice(0).reverse()) await c();
});

const freshApp = (extra: Record<string, string> = {}): Promise<App> =>
  startTestApp(
    replay.url,
    {
      JOBSCOUT_SOURCES: "arbeitnow",
      GREENHOUSE_BASE_URL: ats.url,
      JOBSCOUT_HOST_RATE_LIMITS: `${new URL(replay.url).host}=60000,${new URL(ats.url).host}=60000`,
      JOBSCOUT_FETCH_TIMEOUT_MS: "15000",
      ...extra,
    },
    cleanups,
  );

const admin = { ...TEST_WORKSPACE, threadId: "t-limits", platform: "test", isAdmin: true };

describe("bounded responses", () => {
  it("a 50 MB page, 50 MB of junk and a gzip bomb each fail once with a clear health line; the other sources' jobs arrive", async () => {
    const app = await freshApp();
    for (const board of ["smarterdx", "huge", "junk", "bomb"])
      await app.catalog.track({ ...TEST_WORKSPACE, kind: "greenhouse", params: { board } });
    ats.fail(GREENHOUSE_PATH("huge"), { big: "huge-json" });
    ats.fail(GREENHOUSE_PATH("junk"), { big: "junk" });
    ats.fail(GREENHOUSE_PATH("bomb"), { big: "gzip-bomb" });

    const answer = await app.agent.ask("refresh", admin);
    const run = answer.run!;
    expect(run.status).toBe("completed");
    const by = new Map(run.sources.map((s) => [s.source, s]));
    for (const board of ["huge", "junk", "bomb"]) {
      const s = by.get(`greenhouse-${board}`);
      expect(s?.status, board).toBe("failed");
      expect(s?.error, board).toMatch(/sent more than 10 MB \(JOBSCOUT_MAX_BODY_BYTES\); not read/);
      // Once: an over-limit answer is not retried as if it were a network hiccup.
      expect(s?.retries, board).toBe(0);
      expect(
        ats.requests.filter((r) => r.path === GREENHOUSE_PATH(board)),
        board,
      ).toHaveLength(1);
      expect(answerWords(answer)).toMatch(new RegExp(`Greenhouse ${board}: failed — .*sent more than 10 MB`));
    }
    expect(by.get("arbeitnow")?.newJobs).toBeGreaterThan(0);
    expect(by.get("greenhouse-smarterdx")?.newJobs).toBeGreaterThan(0);
  });

  it("stores a posting whose description is over the field limit clipped, and says so in the staged posting", async () => {
    const app = await freshApp();
    await app.catalog.track({ ...TEST_WORKSPACE, kind: "greenhouse", params: { board: "endless" } });
    ats.fail(GREENHOUSE_PATH("endless"), { big: "long-posting" });
    const run = (await app.agent.ask("refresh", admin)).run!;
    expect(run.sources.find((s) => s.source === "greenhouse-endless")?.newJobs).toBe(1);
    const row = await app.db.kysely
      .selectFrom("jobs")
      .select("description")
      .where("title", "=", "Engineer with an endless ad")
      .executeTakeFirst();
    expect(row?.description.length).toBe(POSTING_LIMITS.description);
    const staged = await app.db.kysely
      .selectFrom("run_items")
      .select("posting_json")
      .where("source", "=", "greenhouse-endless")
      .executeTakeFirst();
    expect((JSON.parse(staged?.posting_json ?? "{}") as { clipped?: string[] }).clipped).toEqual([
      "description",
    ]);
  });

  it("keeps at most JOBSCOUT_FETCH_MAX_ITEMS items of a page, and JOBSCOUT_FETCH_MAX_PAGES pages", async () => {
    // Arbeitnow's stand-in lists 105 jobs: 100 on page 1, 5 on page 2.
    const capped = await freshApp({ JOBSCOUT_FETCH_MAX_ITEMS: "30" });
    const run = (await capped.agent.ask("refresh", admin)).run!;
    const arbeitnow = run.sources.find((s) => s.source === "arbeitnow");
    expect(arbeitnow).toMatchObject({ status: "ok", fetched: 35, newJobs: 35 });
    const onePage = await freshApp({ JOBSCOUT_FETCH_MAX_ITEMS: "30", JOBSCOUT_FETCH_MAX_PAGES: "1" });
    const again = (await onePage.agent.ask("refresh", admin)).run!;
    expect(again.sources.find((s) => s.source === "arbeitnow")).toMatchObject({ fetched: 30, newJobs: 30 });
  });

  it("applies a smaller cap to one kind of source (JOBSCOUT_MAX_BODY_BYTES_BY_KIND)", async () => {
    // Arbeitnow is an API; its first page is about 500 KB.
    const app = await freshApp({ JOBSCOUT_MAX_BODY_BYTES_BY_KIND: "api=100000" });
    const run = (await app.agent.ask("refresh", admin)).run!;
    const arbeitnow = run.sources.find((s) => s.source === "arbeitnow");
    expect(arbeitnow).toMatchObject({ status: "failed", retries: 0 });
    expect(arbeitnow?.error).toMatch(/sent more than 98 KB/);
  });
});
