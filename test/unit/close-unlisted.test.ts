// Closing what a complete listing no longer has, on each real store (a SQLite file, a PostgreSQL
// database), without the queue. A job closes only when no source lists it any more; a fetch that did
// not reach its last page, or failed, closes nothing.
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { closeUnlisted } from "../../src/pipeline/dedupe/close-unlisted.js";
import { JobIdentity, type CopyInput } from "../../src/pipeline/dedupe/job-identity.js";
import type { Db } from "../../src/store/db.js";
import { JobsRepo } from "../../src/store/jobs.repo.js";
import { RunItemsRepo } from "../../src/store/run-items.repo.js";
import { RunsRepo } from "../../src/store/runs.repo.js";
import { copyMaker } from "../support/dedupe-copies.js";
import { openTestStore, STORES, type TestStore } from "../support/stores.js";

describe.each(STORES)("on %s", (kind) => {
  let db: Db;
  let jobs: JobsRepo;
  let identity: JobIdentity;
  let store: TestStore;

  beforeEach(async () => {
    store = await openTestStore(kind);
    db = store.db;
    jobs = new JobsRepo(db);
    identity = new JobIdentity();
  });
  afterEach(async () => {
    await store.close();
  });

  const copy = copyMaker();

  const assign = (c: CopyInput) => jobs.transaction((tx) => identity.assign(tx, c));

  describe("closeUnlisted", () => {
    it("closes references a complete listing lacks, the job once none is open, and counts each once", async () => {
      const runs = new RunsRepo(db);
      const items = new RunItemsRepo(db);
      const listed = copy("board", {}, "2026-03-01T00:00:00.000Z");
      const gone = copy("board", { title: "Controller (m/w/d)" }, "2026-03-01T00:00:00.000Z");
      const elsewhere = copy("feed", { title: "Controller (m/w/d)" }, "2026-03-01T00:00:00.000Z");
      const crossPosted = copy("board", { title: "Einkäufer (m/w/d)" }, "2026-03-01T00:00:00.000Z");
      const keptJob = (await assign(crossPosted)).jobId;
      await assign(copy("ba-jobsuche", { title: "Einkäufer (m/w/d)" }, "2026-03-01T00:00:00.000Z"));
      const goneJob = (await assign(gone)).jobId;
      const listedJob = (await assign(listed)).jobId;
      expect((await assign(elsewhere)).jobId).toBe(goneJob);

      // The board listed only `listed`: the references of `gone` and `crossPosted` at the board close.
      const runId = await runs.create({ workspaceId: "w", userId: "u", query: {}, sources: ["board"] });
      await items.putRaw(runId, [{ source: "board", sourceId: listed.sourceId, raw: {} }]);
      await runs.updateSource(runId, "board", {
        status: "ok",
        complete: true,
        startedAt: "2026-03-05T00:00:00.000Z",
      });
      const result = await closeUnlisted({ runs, jobs }, runId, "2026-03-05T01:00:00.000Z");
      expect(result.closedRefs.get("board")).toBe(2);
      expect(result.jobIds.sort()).toEqual([goneJob, keptJob].sort());
      // `gone` is still listed by a feed, and `crossPosted` at the Bundesagentur: both jobs stay open.
      const status = async (id: number) => (await jobs.getMany([id]))[0]?.status;
      expect([await status(goneJob), await status(keptJob), await status(listedJob)]).toEqual([
        "open",
        "open",
        "open",
      ]);

      // Once the feed's complete listing lacks it too, the job closes.
      const feedRun = await runs.create({ workspaceId: "w", userId: "u", query: {}, sources: ["feed"] });
      await runs.updateSource(feedRun, "feed", {
        status: "ok",
        complete: true,
        startedAt: "2026-03-06T00:00:00.000Z",
      });
      expect((await closeUnlisted({ runs, jobs }, feedRun, "2026-03-06T01:00:00.000Z")).jobIds).toEqual([
        goneJob,
      ]);
      expect(await status(goneJob)).toBe("closed");

      // A retried close neither closes nor counts anything twice.
      const again = await closeUnlisted({ runs, jobs }, runId, "2026-03-06T02:00:00.000Z");
      expect(again.closedRefs.get("board")).toBe(2);
      expect((await runs.getInternal(runId))?.outcomes[0]?.closedJobs).toBe(2);
      expect(
        await db.kysely
          .selectFrom("job_sources")
          .select("closed_at")
          .where("source_id", "=", gone.sourceId)
          .executeTakeFirst(),
      ).toEqual({
        closed_at: "2026-03-05T01:00:00.000Z",
      });
    });

    it("leaves sources alone whose fetch was not complete, and what another run saw after the fetch began", async () => {
      const runs = new RunsRepo(db);
      const a = copy("board", {}, "2026-03-01T00:00:00.000Z");
      const b = copy("board", { title: "Controller (m/w/d)" }, "2026-03-06T00:00:00.000Z");
      const jobA = (await assign(a)).jobId;
      await assign(b);
      const runId = await runs.create({ workspaceId: "w", userId: "u", query: {}, sources: ["board"] });
      await runs.updateSource(runId, "board", {
        status: "ok",
        complete: false,
        startedAt: "2026-03-05T00:00:00.000Z",
      });
      expect((await closeUnlisted({ runs, jobs }, runId, "2026-03-07T00:00:00.000Z")).jobIds).toEqual([]);
      await runs.updateSource(runId, "board", { complete: true });
      // `b` was seen by another run after this fetch began: only `a` closes.
      expect((await closeUnlisted({ runs, jobs }, runId, "2026-03-07T00:00:00.000Z")).jobIds).toEqual([jobA]);
      expect((await jobs.getMany([jobA]))[0]?.status).toBe("closed");
    });

    it("closes nothing for a run it does not know or a fetch that failed, and counts 0 where nothing is gone", async () => {
      const runs = new RunsRepo(db);
      const items = new RunItemsRepo(db);
      const a = copy("board", {}, "2026-03-01T00:00:00.000Z");
      const jobA = (await assign(a)).jobId;
      expect(await closeUnlisted({ runs, jobs }, "no-such-run", "2026-03-07T00:00:00.000Z")).toEqual({
        closedRefs: new Map(),
        jobIds: [],
      });
      const failed = await runs.create({ workspaceId: "w", userId: "u", query: {}, sources: ["board"] });
      await runs.updateSource(failed, "board", {
        status: "failed",
        complete: true,
        startedAt: "2026-03-05T00:00:00.000Z",
      });
      expect(await closeUnlisted({ runs, jobs }, failed, "2026-03-07T00:00:00.000Z")).toEqual({
        closedRefs: new Map(),
        jobIds: [],
      });
      const listedAll = await runs.create({ workspaceId: "w", userId: "u", query: {}, sources: ["board"] });
      await items.putRaw(listedAll, [{ source: "board", sourceId: a.sourceId, raw: {} }]);
      await runs.updateSource(listedAll, "board", {
        status: "ok",
        complete: true,
        startedAt: "2026-03-05T00:00:00.000Z",
      });
      expect(await closeUnlisted({ runs, jobs }, listedAll, "2026-03-07T00:00:00.000Z")).toEqual({
        closedRefs: new Map([["board", 0]]),
        jobIds: [],
      });
      expect((await runs.getInternal(listedAll))?.outcomes[0]?.closedJobs).toBe(0);
      expect((await jobs.getMany([jobA]))[0]?.status).toBe("open");
    });

    it("without the fetch's start time, keeps what was seen after the run began", async () => {
      const runs = new RunsRepo(db);
      const old = copy("board", {}, "2026-03-01T00:00:00.000Z");
      // Seen by another run after this run was created (the run's own time is the real clock's).
      const later = copy("board", { title: "Controller (m/w/d)" }, "2999-01-01T00:00:00.000Z");
      const oldJob = (await assign(old)).jobId;
      const laterJob = (await assign(later)).jobId;
      const runId = await runs.create({ workspaceId: "w", userId: "u", query: {}, sources: ["board"] });
      await runs.updateSource(runId, "board", { status: "ok", complete: true });
      expect((await closeUnlisted({ runs, jobs }, runId, "3000-01-01T00:00:00.000Z")).jobIds).toEqual([
        oldJob,
      ]);
      expect((await jobs.getMany([laterJob]))[0]?.status).toBe("open");
    });
  });
});
