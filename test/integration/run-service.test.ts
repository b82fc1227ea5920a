// Starting and following runs through the run service, on both stores with the real BullMQ queue:
// which sources a run fetches, what a person is told when a source is unknown, the workspace is busy
// or Redis is away, an import staged from a file, and waiting for a run — its progress reported once
// per change, a run the queue lost failed with the reason, a queue that is away said as such.
import { randomUUID } from "node:crypto";
import { Queue } from "bullmq";
import type { Redis } from "ioredis";
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { stageJobId, queueName } from "../../src/pipeline/queues.js";
import { connectProducer } from "../../src/pipeline/redis.js";
import { BullRunQueue } from "../../src/pipeline/run-queue.js";
import { LOST_RUN_MESSAGE, RunService } from "../../src/pipeline/run-service.js";
import { SourceCatalog } from "../../src/pipeline/sources/catalog.js";
import { sourceKinds } from "../../src/pipeline/sources/registry.js";
import type { RawItem } from "../../src/pipeline/sources/source.js";
import { RunItemsRepo } from "../../src/store/run-items.repo.js";
import { RunsRepo, type RunView } from "../../src/store/runs.repo.js";
import { deadPort, redisAtDeadPort, type DeadPort } from "../support/dead-port.js";
import { eventually, REDIS_URL, redisForFile, refusal } from "../support/harness.js";
import { openTestStore, STORES, type TestStore } from "../support/stores.js";

const { prefix, redis } = redisForFile();
let producer: Redis;
let dead: DeadPort;
let deadRedis: Redis;
beforeAll(async () => {
  producer = connectProducer(REDIS_URL);
  dead = await deadPort();
  deadRedis = redisAtDeadPort(dead);
  // Tried once and gone: every queue call on it fails at once, as while Redis is down.
  await deadRedis.connect().catch(() => undefined);
});
afterAll(async () => {
  deadRedis.disconnect();
  producer.disconnect();
  await dead.close();
});

// An import's batches, as a file reader hands them over (nothing to wait for here).
// eslint-disable-next-line @typescript-eslint/require-await
async function* batches(...sizes: number[]): AsyncIterable<RawItem[]> {
  let n = 0;
  for (const size of sizes)
    yield Array.from({ length: size }, () => ({ sourceId: `row-${++n}`, raw: { title: `Job ${n}` } }));
}

describe.each(STORES)("RunService on %s", (kind) => {
  let store: TestStore;
  let runs: RunsRepo;
  let queues: BullRunQueue[];
  const ws = () => `slack:T-${randomUUID().slice(0, 8)}`;

  beforeEach(async () => {
    store = await openTestStore(kind);
    runs = new RunsRepo(store.db);
    queues = [];
  });
  afterEach(async () => {
    for (const q of queues) await q.close();
    await store.close();
  });

  function service(o: { reachable?: boolean; maxActive?: number; orphanCheckMs?: number } = {}): RunService {
    const queue = new BullRunQueue({
      connection: o.reachable === false ? deadRedis : producer,
      where: "redis.test:6390",
      timeoutMs: 2000,
      prefix,
      attempts: 1,
      backoffMs: 50,
    });
    queues.push(queue);
    return new RunService({
      runs,
      items: new RunItemsRepo(store.db),
      queue,
      sources: new SourceCatalog({
        db: store.db,
        kinds: sourceKinds(),
        setting: () => undefined,
        defaults: ["arbeitnow", "ba-jobsuche"],
      }),
      pollMs: 10,
      ...(o.maxActive ? { maxActivePerWorkspace: o.maxActive } : {}),
      ...(o.orphanCheckMs !== undefined ? { orphanCheckMs: o.orphanCheckMs } : {}),
    });
  }

  const held = async (stage: "fetch" | "normalize", id: string, source?: string) => {
    const q = new Queue(queueName(stage), { connection: redis(), prefix });
    try {
      return (await q.getJob(stageJobId(stage, id, source)))?.data as unknown;
    } finally {
      await q.close();
    }
  };

  describe("starting", () => {
    it("fetches the workspace's default sources, each once, under their names, one queued fetch each", async () => {
      const runService = service();
      const w = ws();
      const run = await runService.start({
        workspaceId: w,
        userId: "U1",
        requesterWorkspaceId: "slack:T-personal",
        query: { keywords: "python", place: "Berlin" },
        sources: [],
      });
      expect(run).toMatchObject({
        status: "queued",
        sources: ["arbeitnow", "ba-jobsuche"],
        requesterWorkspaceId: "slack:T-personal",
      });
      expect(run.outcomes.map((o) => [o.source, o.label, o.status])).toEqual([
        ["arbeitnow", "Arbeitnow", "pending"],
        ["ba-jobsuche", "Bundesagentur für Arbeit", "pending"],
      ]);
      expect(await held("fetch", run.id, "arbeitnow")).toEqual({ runId: run.id, source: "arbeitnow" });
      expect(await held("fetch", run.id, "ba-jobsuche")).toEqual({ runId: run.id, source: "ba-jobsuche" });

      const named = await runService.start({
        workspaceId: w,
        userId: "U1",
        query: {},
        sources: ["arbeitnow", "arbeitnow"],
      });
      expect(named.sources).toEqual(["arbeitnow"]);
    });

    it("refuses a source the workspace does not have, naming what it fetches, and starts nothing", async () => {
      const runService = service();
      const w = ws();
      const err = await refusal(
        runService.start({
          workspaceId: w,
          userId: "U1",
          query: {},
          sources: ["arbeitnow", "greenhouse:nope"],
        }),
      );
      expect(err.code).toBe("unknown_source");
      expect(err.userMessageIn("en")).toBe(
        "I don't know the source(s) greenhouse:nope. This workspace fetches: arbeitnow, ba-jobsuche.",
      );
      expect(await runService.status(w)).toBeUndefined();
    });

    it("refuses a run past the workspace's limit of active runs, to try again later", async () => {
      const runService = service({ maxActive: 1 });
      const w = ws();
      await runService.start({ workspaceId: w, userId: "U1", query: {} });
      const err = await refusal(runService.start({ workspaceId: w, userId: "U2", query: {} }));
      expect(err).toMatchObject({ code: "too_many_runs", retryable: true });
      expect(err.userMessageIn("en")).toBe(
        "I'm already fetching for this workspace (1 runs under way). Ask “status”, and try again when one has finished.",
      );
      // Another workspace is not held up.
      expect((await runService.start({ workspaceId: ws(), userId: "U1", query: {} })).status).toBe("queued");
    });

    it("fails a run that cannot be queued with what to do, instead of leaving it queued", async () => {
      const runService = service({ reachable: false });
      const w = ws();
      const err = await refusal(runService.start({ workspaceId: w, userId: "U1", query: {} }));
      expect(err.code).toBe("queue_unreachable");
      const said =
        "I could not start or follow the run: the job queue (Redis at redis.test:6390) is not reachable. Start Redis again (or check REDIS_URL), then ask me again.";
      expect(err.userMessageIn("en")).toBe(said);
      expect(await runService.status(w)).toMatchObject({ status: "failed", error: said });
    });
  });

  describe("importing staged items", () => {
    it("stages the items batch by batch, then queues the run from normalize on", async () => {
      const runService = service();
      const w = ws();
      const staged: number[] = [];
      const run = await runService.startStaged({
        workspaceId: w,
        userId: "me",
        source: "import:jobs.csv",
        batches: batches(2, 3),
        onBatch: (n) => staged.push(n),
      });
      expect(staged).toEqual([2, 5]);
      expect(run.outcomes.map((o) => [o.source, o.label, o.status, o.fetched])).toEqual([
        ["import:jobs.csv", "Import", "ok", 5],
      ]);
      expect(await held("normalize", run.id)).toEqual({ runId: run.id });
      expect(await held("fetch", run.id, "import:jobs.csv")).toBeUndefined();
      // Without a listener the same import runs too.
      const quiet = await runService.startStaged({
        workspaceId: w,
        userId: "me",
        source: "import:b.csv",
        batches: batches(1),
      });
      expect(quiet.outcomes[0]?.fetched).toBe(1);
    });

    it("fails the run with the file's error when reading it breaks off", async () => {
      const runService = service();
      const w = ws();
      async function* broken(): AsyncIterable<RawItem[]> {
        yield* batches(2);
        throw new Error("jobs.csv line 3: unterminated quote");
      }
      await expect(
        runService.startStaged({
          workspaceId: w,
          userId: "me",
          source: "import:jobs.csv",
          batches: broken(),
        }),
      ).rejects.toThrow(/^jobs.csv line 3: unterminated quote$/);
      const run = await runService.status(w);
      expect(run).toMatchObject({ status: "failed", error: "jobs.csv line 3: unterminated quote" });
      expect(run?.outcomes.map((o) => [o.status, o.fetched, o.error])).toEqual([
        ["failed", 2, "jobs.csv line 3: unterminated quote"],
      ]);
    });
  });

  describe("finding and waiting for runs", () => {
    it("finds a run by id or the latest one, only in its own workspace", async () => {
      const runService = service();
      const w = ws();
      const first = await runService.start({ workspaceId: w, userId: "U1", query: {} });
      const second = await runService.start({ workspaceId: w, userId: "U1", query: {} });
      expect((await runService.status(w, first.id))?.id).toBe(first.id);
      expect((await runService.status(w))?.id).toBe(second.id);
      expect(await runService.status(ws(), first.id)).toBeUndefined();
      const err = await refusal(runService.wait(ws(), first.id, { timeoutMs: 1000 }));
      expect(err.userMessageIn("en")).toBe(`I can't find run ${first.id}.`);
    });

    it("reports each change of a run once while waiting, and returns it finished", async () => {
      const runService = service();
      const w = ws();
      const run = await runService.start({ workspaceId: w, userId: "U1", query: {}, sources: ["arbeitnow"] });
      const seen: string[] = [];
      const waiting = runService.wait(w, run.id, {
        timeoutMs: 30_000,
        onProgress: (r: RunView) => seen.push(`${r.status}:${r.stage}:${r.progress}`),
      });
      await eventually(() => seen.length === 1);
      await runs.setStage(run.id, "fetch", 10);
      await eventually(() => seen.length === 2);
      await runs.finish(run.id, "completed");
      expect((await waiting).status).toBe("completed");
      expect(seen).toEqual(["queued:queued:0", "running:fetch:10", "completed:done:100"]);
      // A finished run is answered at once, without a listener.
      expect((await runService.wait(w, run.id, { timeoutMs: 0 })).status).toBe("completed");
    });

    it("says a run still working is still working when the wait is over, and stops when asked", async () => {
      const runService = service();
      const w = ws();
      const run = await runService.start({ workspaceId: w, userId: "U1", query: {} });
      const late = await refusal(runService.wait(w, run.id, { timeoutMs: 0 }));
      expect(late).toMatchObject({ code: "run_wait_timeout", retryable: true });
      expect(late.userMessageIn("en")).toBe(
        "The run is still working (queued, 0%). Ask me for its status in a moment.",
      );
      const stop = new AbortController();
      stop.abort();
      expect(
        await refusal(runService.wait(w, run.id, { timeoutMs: 30_000, signal: stop.signal })),
      ).toMatchObject({
        code: "aborted",
      });
      expect((await runService.status(w, run.id))?.status).toBe("queued");
    });

    it("fails a run the queue lost while someone waits for it, with the reason", async () => {
      const runService = service({ orphanCheckMs: 0 });
      const w = ws();
      // Created but its flow is not in the queue (Redis restarted without its data).
      const id = await runs.create({ workspaceId: w, userId: "U1", query: {}, sources: ["arbeitnow"] });
      const run = await runService.wait(w, id, { timeoutMs: 30_000 });
      expect(run).toMatchObject({ status: "failed", error: LOST_RUN_MESSAGE });
      expect(run.outcomes.map((o) => [o.status, o.error])).toEqual([["failed", LOST_RUN_MESSAGE]]);
    });

    it("says the queue is away when it could not be asked while waiting", async () => {
      const runService = service({ reachable: false, orphanCheckMs: 20 });
      const w = ws();
      const id = await runs.create({ workspaceId: w, userId: "U1", query: {}, sources: ["arbeitnow"] });
      const err = await refusal(runService.wait(w, id, { timeoutMs: 100 }));
      expect(err.code).toBe("queue_unreachable");
      expect(err.userMessageIn("en")).toMatch(
        /^I could not start or follow the run: the job queue \(Redis at redis.test:6390\)/,
      );
      // Not judged lost: nobody could look.
      expect((await runService.status(w, id))?.status).toBe("queued");
    });

    it("fails the runs a restarted queue lost, past a grace period, and leaves the runs it holds", async () => {
      const runService = service();
      const w = ws();
      const lost = await runs.create({ workspaceId: w, userId: "U1", query: {}, sources: [] });
      const kept = await runService.start({ workspaceId: w, userId: "U1", query: {} });
      // A run created just now may still be on its way into the queue.
      expect(await runService.reconcileOrphans()).toEqual([]);
      expect(await runService.reconcileOrphans(Date.now() + 60_000)).toEqual([lost]);
      expect(await runService.status(w, lost)).toMatchObject({ status: "failed", error: LOST_RUN_MESSAGE });
      expect((await runService.status(w, kept.id))?.status).toBe("queued");
    });
  });
});
