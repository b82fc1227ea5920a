// A worker process killed with SIGKILL, or stopped with SIGTERM, in the middle of a run; a new
// worker finishes it.
import { spawn, type ChildProcess } from "node:child_process";
import { afterEach, describe, expect, it } from "vitest";
import { countRows } from "../support/stores.js";
import type { App } from "../../src/compose/app.js";
import type { RunView } from "../../src/store/runs.repo.js";
import { childEnv, CLI, emptyCwd, startBuiltJobscout, tracked } from "../support/cli.js";
import { ARBEITNOW_PATH, startReplayServer, type ReplayServer } from "../support/replay-server.js";
import {
  dropPrefix,
  eventually,
  TEST_WORKSPACE,
  tempDir,
  testApp,
  testConfig,
  testEnv,
} from "../support/harness.js";

const cleanups: Array<() => Promise<void> | void> = [];
afterEach(async () => {
  for (const c of cleanups.splice(0).reverse()) await c();
});

function startWorker(env: Record<string, string>): ChildProcess & { log: string[] } {
  const cwd = emptyCwd();
  const child = tracked(
    spawn(process.execPath, [CLI, "worker"], {
      cwd: cwd.dir,
      env: childEnv({ ...env, JOBSCOUT_LOG_LEVEL: "info" }),
      stdio: ["ignore", "ignore", "pipe"],
    }),
  ) as ChildProcess & { log: string[] };
  child.log = [];
  child.stderr?.on("data", (d: Buffer) => child.log.push(d.toString()));
  cleanups.push(cwd.remove, () => {
    if (child.exitCode === null) child.kill("SIGKILL");
  });
  return child;
}

/** Every served posting is stored exactly once, with exactly one vector and one index entry. */
async function expectEveryPostingOnce(app: App, done: RunView): Promise<void> {
  // One reference per posting (copies of one job share it).
  const counts = {
    jobs: await countRows(app.db, "jobs"),
    refs: await countRows(app.db, "job_sources"),
    anRefs: await countRows(app.db, "job_sources WHERE source = 'arbeitnow'"),
    vectors: await countRows(app.db, "job_vectors"),
    vectorJobs: await countRows(app.db, "(SELECT DISTINCT job_id FROM job_vectors) v"),
  };
  const ba = done.outcomes.find((o) => o.source === "ba-jobsuche");
  const baNew = ba?.newJobs ?? 0;
  expect(counts).toEqual({
    jobs: 105 + baNew,
    refs: 105 + (ba?.normalized ?? 0),
    anRefs: 105,
    vectors: 105 + baNew,
    vectorJobs: 105 + baNew,
  });
  await app.search.refresh();
  expect(app.index.index.size()).toBe(105 + baNew);
  const hits = await app.search.search({ text: "", limit: 5000 });
  expect(hits.hits.length).toBe(105 + baNew);
  expect(new Set(hits.hits.map((h) => h.job.id)).size).toBe(hits.hits.length);
}

describe("worker crash", () => {
  it("a run survives kill -9 of its worker: no posting lost, none indexed twice", async () => {
    // Ten Arbeitnow postings per page, each page slow, so the kill lands mid-fetch.
    const replay: ReplayServer = await startReplayServer({ arbeitnowPages: { perPage: 10 } });
    cleanups.push(() => replay.close());
    replay.fail(ARBEITNOW_PATH, { delayMs: 300 });
    const tmp = tempDir();
    cleanups.push(tmp.remove);
    // The killed worker's lock lapses after 5 s (the default is 30 s), so the next worker takes the
    // job over soon. With 2 s the run failed once in a suite run with coverage at a load average of
    // 16, most likely a live worker starved of CPU missing its renewals (the job then counts as stalled).
    const env = testEnv(tmp.dir, replay.url, { JOBSCOUT_LOCK_MS: "5000", JOBSCOUT_FETCH_MAX_PAGES: "50" });
    cleanups.push(() => dropPrefix(env.JOBSCOUT_QUEUE_PREFIX));
    // This process only enqueues and watches; the workers are other processes.
    const app = await testApp(testConfig(env), { workers: false });
    cleanups.push(() => app.close());

    const first = startWorker(env);
    // The run starts once the worker is up, so the wait below is for the fetch only, not its start-up.
    await eventually(() => first.log.join("").includes("worker ready"), 60_000);
    const run = await app.runService.start({ ...TEST_WORKSPACE, query: { place: "Bamberg" } });
    await eventually(async () => {
      const r = await app.runs.get(TEST_WORKSPACE.workspaceId, run.id);
      return (r?.outcomes.find((o) => o.source === "arbeitnow")?.pages ?? 0) >= 3;
    }, 30_000);
    first.kill("SIGKILL");
    await new Promise((r) => first.once("exit", r));
    const midway = await app.runs.get(TEST_WORKSPACE.workspaceId, run.id);
    expect(midway?.status).toBe("running");

    startWorker(env);
    const done = await app.runService.wait(TEST_WORKSPACE.workspaceId, run.id, { timeoutMs: 60_000 });
    expect(done.status).toBe("completed");
    const an = done.outcomes.find((o) => o.source === "arbeitnow");
    expect(an).toMatchObject({ status: "ok", fetched: 105, newJobs: 105 });

    await expectEveryPostingOnce(app, done);
  }, 180_000);

  it("a worker stopped with SIGTERM finishes the job in hand and exits 0; another worker completes the run", async () => {
    const replay: ReplayServer = await startReplayServer({ arbeitnowPages: { perPage: 10 } });
    cleanups.push(() => replay.close());
    replay.fail(ARBEITNOW_PATH, { delayMs: 300 });
    const tmp = tempDir();
    cleanups.push(tmp.remove);
    const env = testEnv(tmp.dir, replay.url, { JOBSCOUT_FETCH_MAX_PAGES: "50" });
    cleanups.push(() => dropPrefix(env.JOBSCOUT_QUEUE_PREFIX));
    const app = await testApp(testConfig(env), { workers: false });
    cleanups.push(() => app.close());

    // The worker role as users run it: the built CLI.
    const first = startBuiltJobscout(["worker"], { ...env, JOBSCOUT_LOG_LEVEL: "info" });
    cleanups.push(() => first.stop());
    await eventually(() => first.stderr().includes("worker ready"), 60_000);
    const run = await app.runService.start({ ...TEST_WORKSPACE, query: { place: "Bamberg" } });
    await eventually(async () => {
      const r = await app.runs.get(TEST_WORKSPACE.workspaceId, run.id);
      return (r?.outcomes.find((o) => o.source === "arbeitnow")?.pages ?? 0) >= 3;
    }, 30_000);
    first.child.kill("SIGTERM");
    expect(await first.exited).toBe(0);
    expect(first.stderr()).toContain("stopping worker: finishing jobs in hand");
    // The fetch it was doing ran to its end, in its first attempt: nothing was abandoned.
    const midway = await app.runs.get(TEST_WORKSPACE.workspaceId, run.id);
    expect(midway?.outcomes.find((o) => o.source === "arbeitnow")).toMatchObject({
      status: "ok",
      attempts: 1,
      fetched: 105,
    });

    startWorker(env);
    const done = await app.runService.wait(TEST_WORKSPACE.workspaceId, run.id, { timeoutMs: 60_000 });
    expect(done.status).toBe("completed");
    expect(done.outcomes.find((o) => o.source === "arbeitnow")).toMatchObject({ status: "ok", newJobs: 105 });
    await expectEveryPostingOnce(app, done);
  }, 180_000);
});
