// A run through BullMQ on the real Redis, with the job sites replayed by a local server.
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { countRows } from "../support/stores.js";
import type { App } from "../../src/compose/app.js";
import { createLogger } from "../../src/core/logger.js";
import { createDedupeProcessor } from "../../src/pipeline/processors/dedupe.processor.js";
import { createEmbedProcessor } from "../../src/pipeline/processors/embed.processor.js";
import { createIndexProcessor } from "../../src/pipeline/processors/index.processor.js";
import { createNormalizeProcessor } from "../../src/pipeline/processors/normalize.processor.js";
import { createHttpClient } from "../../src/pipeline/sources/http.js";
import { VectorsRepo } from "../../src/store/vectors.repo.js";
import { ARBEITNOW_PATH, BA_PATH, startReplayServer, type ReplayServer } from "../support/replay-server.js";
import { renderRunSummary } from "../../src/agents/render.js";
import { summarizeRun } from "../../src/answers/run-summary.js";
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
const cleanups: Array<() => Promise<void> | void> = [];

beforeAll(async () => {
  replay = await startReplayServer();
});
afterAll(async () => {
  await replay.close();
});
afterEach(async () => {
  replay.clearFaults();
  for (const c of cleanups.splice(0).reverse()) await c();
});

async function freshApp(extra: Record<string, string> = {}): Promise<App> {
  const tmp = tempDir();
  const env = testEnv(tmp.dir, replay.url, extra);
  const app = await testApp(testConfig(env));
  cleanups.push(
    tmp.remove,
    () => dropPrefix(env.JOBSCOUT_QUEUE_PREFIX),
    () => app.close(),
  );
  return app;
}

async function runFor(app: App, query: { keywords?: string; place?: string }) {
  const run = await app.runService.start({ ...TEST_WORKSPACE, query });
  return app.runService.wait(TEST_WORKSPACE.workspaceId, run.id, { timeoutMs: 60_000 });
}

describe("pipeline run", () => {
  it("completes the flow: fetches both sources, stores, indexes and finds the postings", async () => {
    const app = await freshApp();
    const stages: string[] = [];
    const started = await app.runService.start({ ...TEST_WORKSPACE, query: { place: "Bamberg" } });
    const run = await app.runService.wait(TEST_WORKSPACE.workspaceId, started.id, {
      timeoutMs: 60_000,
      onProgress: (r) => stages.push(r.stage),
    });

    expect(run.status).toBe("completed");
    expect(run.error).toBeNull();
    const bySource = Object.fromEntries(run.outcomes.map((o) => [o.source, o]));
    expect(bySource.arbeitnow).toMatchObject({ status: "ok", fetched: 105, newJobs: 105 });
    expect(bySource["ba-jobsuche"]?.status).toBe("ok");
    expect(bySource["ba-jobsuche"]?.fetched).toBeGreaterThan(100);
    expect(stages.at(-1)).toBe("done");
    // BA was asked for the place; Arbeitnow has no place filter, so it is fetched whole.
    const baRequest = replay.requests.find((r) => r.path === BA_PATH && r.query.wo === "Bamberg");
    expect(baRequest?.headers["x-api-key"]).toBe("jobboerse-jobsuche");
    expect(baRequest?.headers["user-agent"]).toMatch(/^jobscout\/\S+ \(\+/);

    const total = 105 + (bySource["ba-jobsuche"]?.newJobs ?? 0);
    expect(await app.jobs.count()).toBe(total);
    const found = await app.search.search({
      text: "",
      place: { name: "Bamberg", lat: 49.8987, lon: 10.9007, radiusKm: 25 },
      limit: 5,
    });
    expect(found.hits.length).toBe(5);
    for (const h of found.hits) expect(h.distanceKm).toBeLessThanOrEqual(25);
  });

  it("a second run of the same postings creates no new jobs and indexes nothing twice", async () => {
    const app = await freshApp();
    const first = await runFor(app, { place: "Berlin" });
    const jobsAfterFirst = await app.jobs.count();
    const second = await runFor(app, { place: "Berlin" });
    expect(first.status).toBe("completed");
    expect(second.outcomes.find((o) => o.source === "arbeitnow")).toMatchObject({ fetched: 105, newJobs: 0 });
    expect(await app.jobs.count()).toBe(jobsAfterFirst);
    const hits = await app.search.search({ text: "engineer", limit: 50 });
    const ids = hits.hits.map((h) => h.job.id);
    expect(new Set(ids).size).toBe(ids.length);
  });

  it.each([
    ["HTTP 500", { status: 500 }, /HTTP 500/, { code: "http_status", status: 500 }],
    ["a timeout", { delayMs: 5000 }, /did not answer within/, { code: "timeout", ms: 1000 }],
    ["a malformed body", { body: "malformed" as const }, /malformed JSON/, { code: "bad_payload" }],
    [
      "HTML instead of JSON",
      { body: "html" as const },
      /HTML where JSON was expected/,
      { code: "bad_payload", html: true },
    ],
  ])(
    "a source failing with %s gives a completed run with the other source's jobs and the error recorded",
    async (_name, fault, message, failure) => {
      const app = await freshApp({ JOBSCOUT_FETCH_TIMEOUT_MS: "1000" });
      replay.fail(BA_PATH, fault);
      const run = await runFor(app, { place: "Berlin" });
      expect(run.status).toBe("completed");
      const ba = run.outcomes.find((o) => o.source === "ba-jobsuche");
      const an = run.outcomes.find((o) => o.source === "arbeitnow");
      expect(ba?.status).toBe("failed");
      expect(ba?.error).toMatch(message);
      // What people read is worded from the code, in their language.
      expect(ba?.failure).toEqual(failure);
      expect(an).toMatchObject({ status: "ok", newJobs: 105 });
      expect(run.error).toMatch(/ba-jobsuche/);
      expect(await app.jobs.count()).toBe(105);
    },
  );

  it("a source still answering at its deadline is cut off: the run completes with the other's jobs and says why", async () => {
    // Requests may take 20 s, and three attempts would hold the run a minute; the deadline is 3 s.
    const app = await freshApp({
      JOBSCOUT_FETCH_TIMEOUT_MS: "20000",
      JOBSCOUT_SOURCE_DEADLINE_MS: "3000",
      JOBSCOUT_JOB_ATTEMPTS: "3",
    });
    replay.fail(BA_PATH, { delayMs: 15_000 });
    const run = await runFor(app, { place: "Berlin" });
    expect(run.status).toBe("completed");
    const ba = run.outcomes.find((o) => o.source === "ba-jobsuche");
    expect(ba).toMatchObject({ status: "failed", attempts: 1 });
    expect(ba?.error).toMatch(/still not done 3 s after the run began: this run went on without the rest/);
    expect(ba?.failure).toEqual({ code: "deadline", seconds: 3, postings: 0, pages: 0 });
    expect(run.outcomes.find((o) => o.source === "arbeitnow")).toMatchObject({ status: "ok", newJobs: 105 });
    // Cut at the deadline, not at the request's own 20 s timeout.
    expect(ba?.durationMs).toBeLessThan(10_000);
    expect(await app.jobs.count()).toBe(105);
  });

  it("retries a source that fails once, then succeeds", async () => {
    const app = await freshApp();
    replay.fail(ARBEITNOW_PATH, { status: 503, times: 1 });
    const run = await runFor(app, { place: "Berlin" });
    expect(run.outcomes.find((o) => o.source === "arbeitnow")).toMatchObject({
      status: "ok",
      attempts: 2,
      newJobs: 105,
    });
  });

  it("a retry goes on from the page that failed: the pages fetched before are not asked for again", async () => {
    // Room for a slow machine: only the injected failure may cost an attempt.
    const app = await freshApp({ JOBSCOUT_FETCH_TIMEOUT_MS: "20000", JOBSCOUT_JOB_ATTEMPTS: "3" });
    // Arbeitnow lists 105 postings in pages of 100: page 2 fails once.
    replay.fail(ARBEITNOW_PATH, { status: 503, times: 1, query: { page: "2" } });
    const before = replay.requests.length;
    const run = await runFor(app, { place: "Berlin" });
    expect(run.outcomes.find((o) => o.source === "arbeitnow")).toMatchObject({
      status: "ok",
      attempts: 2,
      pages: 2,
      fetched: 105,
      newJobs: 105,
    });
    const pages = replay.requests
      .slice(before)
      .filter((r) => r.path.startsWith(ARBEITNOW_PATH))
      .map((r) => r.query.page ?? "1");
    expect(pages).toEqual(["1", "2", "2"]);
  });

  it("waits as long as a 429's Retry-After asks, and says meanwhile when the source is tried again", async () => {
    const app = await freshApp();
    replay.fail(ARBEITNOW_PATH, { status: 429, retryAfter: 3, times: 1 });
    const before = replay.requests.length;
    const started = await app.runService.start({ ...TEST_WORKSPACE, query: { place: "Berlin" } });
    const retrying = await eventually(async () => {
      const view = await app.runs.get(TEST_WORKSPACE.workspaceId, started.id);
      const an = view?.outcomes.find((o) => o.source === "arbeitnow");
      return an?.status === "retrying" && view ? { view, an } : undefined;
    });
    const retryAt = Date.parse(retrying.an.retryAt ?? "");
    const [refused] = replay.requests.slice(before).filter((r) => r.path.startsWith(ARBEITNOW_PATH));
    // Retry-After: 3 counts from the answer, which came after the request arrived.
    expect(retryAt).toBeGreaterThanOrEqual(refused!.at + 3_000);
    const hhmm = new Date(retryAt).toISOString().slice(11, 16);
    expect(renderRunSummary(summarizeRun(retrying.view))).toContain(`Arbeitnow: retrying at ${hhmm} UTC — `);
    expect(retrying.an.error).toMatch(/429/);

    const run = await app.runService.wait(TEST_WORKSPACE.workspaceId, started.id, { timeoutMs: 60_000 });
    const an = run.outcomes.find((o) => o.source === "arbeitnow");
    expect(an).toMatchObject({ status: "ok", attempts: 2, newJobs: 105, retryAt: null });
    // The second attempt was not sent before the time the run showed; this run's requests only.
    const hits = replay.requests.slice(before).filter((r) => r.path.startsWith(ARBEITNOW_PATH));
    expect(hits[0]).toBe(refused);
    expect(hits.length).toBeGreaterThanOrEqual(2);
    for (const later of hits.slice(1)) expect(later.at).toBeGreaterThanOrEqual(retryAt);
  });

  it("goes on without a source whose Retry-After is longer than a run waits, and says until when", async () => {
    // The Bundesagentur on a host of its own: a 429 pauses that host, not Arbeitnow's.
    const ba = await startReplayServer();
    cleanups.push(() => ba.close());
    ba.fail(BA_PATH, { status: 429, retryAfter: 600 });
    const app = await freshApp({ JOBSCOUT_MAX_RETRY_WAIT_MS: "30000", BA_JOBSUCHE_BASE_URL: ba.url });
    const run = await runFor(app, { place: "Berlin" });
    expect(run.status).toBe("completed");
    const failed = run.outcomes.find((o) => o.source === "ba-jobsuche");
    expect(failed).toMatchObject({ status: "failed", attempts: 1, httpStatus: 429, retryAt: null });
    const until = new Date(Date.parse(failed?.finishedAt ?? "") + 600_000).toISOString().slice(11, 13);
    expect(failed?.error).toMatch(
      new RegExp(`HTTP 429.* — not waiting until ${until}:\\d\\d UTC: this run went on without it`),
    );
    expect(failed?.failure).toMatchObject({ code: "http_status", status: 429 });
    expect(failed?.failure?.notWaitingUntil).toMatch(new RegExp(`^${until}:\\d\\d$`));
    expect(ba.requests.filter((r) => r.path.startsWith(BA_PATH))).toHaveLength(1);
    expect(run.outcomes.find((o) => o.source === "arbeitnow")).toMatchObject({ status: "ok", newJobs: 105 });
    expect(await app.jobs.count()).toBe(105);
  });

  it("a run where every source fails is marked failed and says why", async () => {
    const app = await freshApp();
    replay.fail(BA_PATH, { status: 500 });
    replay.fail(ARBEITNOW_PATH, { status: 404 });
    const run = await runFor(app, { place: "Berlin" });
    expect(run.status).toBe("failed");
    expect(run.error).toMatch(/arbeitnow: .*HTTP 404/);
    expect(run.error).toMatch(/ba-jobsuche: .*HTTP 500/);
    // 404 is not worth retrying; 500 is.
    expect(run.outcomes.find((o) => o.source === "arbeitnow")?.attempts).toBe(1);
    expect(run.outcomes.find((o) => o.source === "ba-jobsuche")?.attempts).toBe(2);
  });

  it("keeps another workspace's runs invisible", async () => {
    const app = await freshApp();
    const run = await runFor(app, { place: "Berlin" });
    expect(await app.runService.status(TEST_WORKSPACE.workspaceId, run.id)).toMatchObject({
      id: run.id,
      status: "completed",
    });
    expect(await app.runService.status("other-workspace", run.id)).toBeUndefined();
    expect(await app.runService.status("other-workspace")).toBeUndefined();
  });
});

describe("stage idempotency", () => {
  it("re-running every stage of a finished run (as a retry or stalled job would) changes nothing", async () => {
    const app = await freshApp();
    const run = await runFor(app, { place: "Bamberg" });
    const snapshot = async () => ({
      jobs: await countRows(app.db, "jobs"),
      refs: await countRows(app.db, "job_sources"),
      vectors: await countRows(app.db, "job_vectors"),
      outcomes: (
        await app.db.kysely
          .selectFrom("run_items")
          .select("outcome")
          .where("run_id", "=", run.id)
          .orderBy("source")
          .orderBy("source_id")
          .execute()
      ).map((r) => r.outcome),
    });
    const before = await snapshot();
    const sizeBefore = app.index.index.size();
    const services = {
      runs: app.runs,
      items: app.items,
      jobs: app.jobs,
      vectors: new VectorsRepo(app.db),
      sources: app.sources,
      http: createHttpClient({ userAgent: "test", timeoutMs: 1000 }),
      embedder: app.embedder,
      index: app.index,
      maxPages: 5,
    };
    const ctx = { attempt: 2, maxAttempts: 2, progress: async () => {}, logger: createLogger("silent") };
    for (const make of [
      createNormalizeProcessor,
      createDedupeProcessor,
      createEmbedProcessor,
      createIndexProcessor,
    ]) {
      await make(services)({ runId: run.id }, ctx);
    }
    expect(await snapshot()).toEqual(before);
    expect(app.index.index.size()).toBe(sizeBefore);
    expect((await app.runs.get(TEST_WORKSPACE.workspaceId, run.id))?.status).toBe("completed");
  });
});
