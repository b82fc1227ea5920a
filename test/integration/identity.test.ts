// One identity per job, through the BullMQ flow on the real Redis and SQLite, with the job sites
// replayed from the recorded Arbeitnow and Jobsuche payloads. Arbeitnow is run here as a complete
// listing (the way ATS boards and feeds are fetched: every open job on every fetch), so that jobs
// it stops listing can close; what it serves changes between runs.
import { readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import type { App } from "../../src/compose/app.js";
import { createLogger } from "../../src/core/logger.js";
import { createDedupeProcessor } from "../../src/pipeline/processors/dedupe.processor.js";
import { createArbeitnowSource } from "../../src/pipeline/sources/arbeitnow.source.js";
import { createHttpClient } from "../../src/pipeline/sources/http.js";
import type { SourceAdapter } from "../../src/pipeline/sources/source.js";
import { startPipelineWorkers } from "../../src/pipeline/workers.js";
import { composeApp } from "../../src/compose/app.js";
import { VectorsRepo } from "../../src/store/vectors.repo.js";
import { DEFAULT_BA_CSV, startReplayServer, type ReplayServer } from "../support/replay-server.js";
import { dropPrefix, TEST_WORKSPACE, tempDir, testApp, testConfig, testEnv } from "../support/harness.js";

interface ArbeitnowRaw {
  slug: string;
  title: string;
  company_name: string;
  location: string;
  created_at: number;
  [k: string]: unknown;
}

const FIXTURES = new URL("../fixtures/job-sources/", import.meta.url);
const RECORDED: ArbeitnowRaw[] = ["job-board-api-data-100.json", "job-board-api-data-5.json"].flatMap(
  (f) =>
    (JSON.parse(readFileSync(new URL(`arbeitnow/${f}`, FIXTURES), "utf8")) as { data: ArbeitnowRaw[] }).data,
);
const posting = (slugStart: string): ArbeitnowRaw => {
  const p = RECORDED.find((x) => x.slug.startsWith(slugStart));
  if (!p) throw new Error(`no recorded Arbeitnow posting ${slugStart}`);
  return p;
};

const cleanups: Array<() => Promise<void> | void> = [];
afterEach(async () => {
  for (const c of cleanups.splice(0).reverse()) await c();
});

interface World {
  app: App;
  dir: string;
  /** Serve these Arbeitnow postings from now on. */
  serveArbeitnow(postings: ArbeitnowRaw[]): Promise<void>;
  run(query: { place?: string }, sources?: string[]): ReturnType<App["runService"]["wait"]>;
}

/**
 * The app with its own pipeline workers, whose Arbeitnow adapter is the real one marked as a
 * complete listing and pointed at a replay server that can be swapped between runs. Jobsuche rows
 * come from `baRows` (a CSV in the recorded shape).
 */
async function world(baRows = DEFAULT_BA_CSV): Promise<World> {
  const tmp = tempDir();
  const ba = await startReplayServer({ baRows });
  let board: ReplayServer | undefined;
  const env = testEnv(tmp.dir, ba.url);
  const app = await testApp(testConfig(env), { workers: false });
  const recorded = createArbeitnowSource();
  const asBoard: SourceAdapter = {
    id: recorded.id,
    displayName: recorded.displayName,
    policy: recorded.policy,
    completeListing: true,
    fetchPage: (ctx, cursor) => createArbeitnowSource({ baseUrl: board?.url ?? "" }).fetchPage(ctx, cursor),
    normalize: (item) => recorded.normalize(item),
  };
  const workers = startPipelineWorkers({
    connection: app.connection,
    prefix: env.JOBSCOUT_QUEUE_PREFIX,
    concurrency: 2,
    lockMs: 30_000,
    backoffMs: 50,
    maxRetryWaitMs: 60_000,
    logger: createLogger("silent"),
    services: {
      runs: app.runs,
      items: app.items,
      jobs: app.jobs,
      vectors: new VectorsRepo(app.db),
      sources: { get: async (key, ws) => (key === asBoard.id ? asBoard : app.sources.get(key, ws)) },
      http: createHttpClient({ userAgent: "jobscout-test", timeoutMs: 3000 }),
      embedder: app.embedder,
      index: app.index,
      maxPages: 5,
      onIndexed: (ids) => app.search.jobsChanged(ids),
    },
  });
  cleanups.push(
    tmp.remove,
    () => dropPrefix(env.JOBSCOUT_QUEUE_PREFIX),
    () => app.close(),
    () => workers.close(),
    () => ba.close(),
    () => board?.close(),
  );
  let files = 0;
  return {
    app,
    dir: tmp.dir,
    async serveArbeitnow(postings) {
      const file = path.join(tmp.dir, `arbeitnow-${++files}.json`);
      writeFileSync(file, JSON.stringify({ data: postings }));
      await board?.close();
      board = await startReplayServer({ baRows, arbeitnowPages: { files: [file] } });
    },
    async run(query, sources) {
      const started = await app.runService.start({
        ...TEST_WORKSPACE,
        query,
        ...(sources ? { sources } : {}),
      });
      return app.runService.wait(TEST_WORKSPACE.workspaceId, started.id, { timeoutMs: 60_000 });
    },
  };
}

/** Jobs whose title starts so, with their references. */
async function jobsTitled(app: App, prefix: string) {
  const ids = (
    await app.db.kysely
      .selectFrom("jobs")
      .select("id")
      .where("title", "like", `${prefix}%`)
      .orderBy("id")
      .execute()
  ).map((r) => r.id);
  return await app.jobs.getMany(ids);
}

async function found(app: App, text: string, jobId: number): Promise<boolean> {
  const { hits } = await app.search.search({ text, limit: 50 });
  return hits.some((h) => h.job.id === jobId);
}

describe("one identity per job", () => {
  it("makes one job with two references of a job posted at Arbeitnow and the Bundesagentur", async () => {
    // The Jobsuche copy of konfetti's Berlin posting: its own id, its own title decoration, the
    // employer's full legal name, a short description, and an earlier publication date.
    const header = readFileSync(DEFAULT_BA_CSV, "utf8").split("\n")[0];
    const tmp = tempDir();
    cleanups.push(tmp.remove);
    const csv = path.join(tmp.dir, "ba-crosspost.csv");
    writeFileSync(
      csv,
      `${header}\n` +
        "Kaufmann/-frau - Büromanagement,Corporate Development Manager (m/w/d),10000-1199887766-S,konfetti GmbH," +
        "2026-02-10,2026-02-10T08:00:00.000,,,Berlin,null,Berlin,Deutschland,52.52,13.405,1,10115,,,\n",
    );
    const w = await world(csv);
    await w.serveArbeitnow(RECORDED);
    // The Jobsuche copy comes first, so the richer Arbeitnow copy has to take over the job.
    const ba = await w.run({ place: "Berlin" }, ["ba-jobsuche"]);
    expect(ba.outcomes[0]).toMatchObject({ status: "ok", fetched: 1, newJobs: 1 });
    const run = await w.run({ place: "Berlin" }, ["arbeitnow"]);
    expect(run.status).toBe("completed");

    const [berlin, ...others] = (await jobsTitled(w.app, "Corporate Development Manager")).filter((j) =>
      j.posting.locations.some((l) => l.city === "Berlin"),
    );
    expect(others).toEqual([]);
    expect(berlin?.posting.sources.map((r) => r.source).sort()).toEqual(["arbeitnow", "ba-jobsuche"]);
    // The richer copy (Arbeitnow's full text) is shown; the job counts as posted when the first copy was.
    const arbeitnow = posting("corporate-development-manager-in-berlin");
    expect(berlin?.posting.title).toBe(arbeitnow.title);
    expect(berlin?.posting.description.length).toBeGreaterThan(3000);
    expect(berlin?.posting.postedAt?.slice(0, 10)).toBe("2026-02-09"); // 2026-02-10 in Berlin = 23:00 UTC the day before
    expect(run.outcomes[0]).toMatchObject({ fetched: 105, newJobs: 104 });

    // The same title and text at the same company in Köln is another job.
    const cologne = (await jobsTitled(w.app, "Corporate Development Manager")).filter(
      (j) => j.id !== berlin?.id,
    );
    expect(cologne.map((j) => j.posting.locations[0]?.city)).toEqual(["Köln"]);
    // Search shows the Berlin job once.
    const { hits } = await w.app.search.search({
      text: "Corporate Development Manager",
      place: { name: "Berlin", lat: 52.52, lon: 13.405, radiusKm: 10 },
      limit: 20,
    });
    expect(
      hits.filter((h) => h.job.posting.title.startsWith("Corporate Development")).map((h) => h.job.id),
    ).toEqual([berlin?.id]);
  });

  it("keeps different roles at one company apart even when their descriptions are the same text", async () => {
    const w = await world();
    await w.serveArbeitnow(RECORDED);
    await w.run({}, ["arbeitnow"]);
    // FinMent publishes three marketing roles with one identical 6,546-character description.
    const roles = await Promise.all(
      [
        "online-marketing-manager-berlin",
        "junior-online-marketing-berlin",
        "online-marketing-medienproduktion",
      ].map((slug) => w.app.jobs.findBySourceRef("arbeitnow", posting(slug).slug)),
    );
    expect(new Set(roles).size).toBe(3);
    expect(roles.every((id) => id !== undefined)).toBe(true);
  });

  it("recognises a repost, closes what a complete listing no longer has, drops it from search and reopens it", async () => {
    const w = await world();
    await w.serveArbeitnow(RECORDED);
    const first = await w.run({}, ["arbeitnow"]);
    expect(first.outcomes[0]).toMatchObject({ status: "ok", newJobs: 105, complete: true, closedJobs: 0 });
    const jobs = await w.app.jobs.count();
    const gone = posting("head-of-energy-operations-berlin");
    const goneId = (await w.app.jobs.findBySourceRef("arbeitnow", gone.slug))!;
    const reposted = posting("chief-of-staff-berlin");
    const repostedId = (await w.app.jobs.findBySourceRef("arbeitnow", reposted.slug))!;
    expect(await found(w.app, "Head of Energy Operations", goneId)).toBe(true);

    // Next fetch: VREY's "Head of Energy Operations" is no longer listed, and "Chief of Staff" is
    // listed again under a new id, three weeks later.
    const repost = {
      ...reposted,
      slug: "chief-of-staff-berlin-900001",
      created_at: reposted.created_at + 21 * 86_400,
    };
    await w.serveArbeitnow([
      ...RECORDED.filter((p) => p.slug !== gone.slug && p.slug !== reposted.slug),
      repost,
    ]);
    // Another process on the same store (the chat, another worker) has its filter table loaded already.
    const other = await composeApp({ config: w.app.config, logger: createLogger("silent"), workers: false });
    cleanups.push(() => other.close());
    expect((await other.search.search({ text: "", limit: 1 })).total).toBe(jobs);
    const second = await w.run({}, ["arbeitnow"]);
    // The in-process search was told (its filter table, not only a page it happened to show).
    expect((await w.app.search.search({ text: "", limit: 1 })).total).toBe((await w.app.jobs.count()) - 1);
    // The other process learns of the close from the store's change feed.
    expect((await other.search.search({ text: "", limit: 1 })).total).toBe((await w.app.jobs.count()) - 1);
    expect(second.outcomes[0]).toMatchObject({ status: "ok", complete: true, newJobs: 0 });
    // Two references closed: the posting that went away, and the repost's old id.
    expect(second.outcomes[0]?.closedJobs).toBe(2);
    expect(await w.app.jobs.count()).toBe(jobs);
    expect(await w.app.jobs.findBySourceRef("arbeitnow", repost.slug)).toBe(repostedId);
    const [chief] = await w.app.jobs.getMany([repostedId]);
    expect(chief?.status).toBe("open");
    expect(chief?.posting.sources.map((r) => r.sourceId).sort()).toEqual([reposted.slug, repost.slug].sort());
    const [closed] = await w.app.jobs.getMany([goneId]);
    expect(closed?.status).toBe("closed");
    expect(await found(w.app, "Head of Energy Operations", goneId)).toBe(false);
    // Nor does the other process show it.
    expect(await found(other, "Head of Energy Operations", goneId)).toBe(false);

    // A retried or stalled dedupe of that run changes nothing and counts nothing twice.
    const counts = async () =>
      await w.app.db.kysely
        .selectNoFrom((eb) => [
          eb
            .selectFrom("jobs")
            .select((e) => e.fn.countAll().as("n"))
            .as("j"),
          eb
            .selectFrom("job_sources")
            .select((e) => e.fn.countAll().as("n"))
            .as("r"),
          eb
            .selectFrom("job_sources")
            .select((e) => e.fn.countAll().as("n"))
            .where("closed_at", "is not", null)
            .as("c"),
        ])
        .executeTakeFirstOrThrow();
    const before = await counts();
    await createDedupeProcessor({
      runs: w.app.runs,
      items: w.app.items,
      jobs: w.app.jobs,
      vectors: new VectorsRepo(w.app.db),
      sources: w.app.sources,
      http: createHttpClient({ userAgent: "jobscout-test", timeoutMs: 1000 }),
      embedder: w.app.embedder,
      index: w.app.index,
      maxPages: 5,
    })(
      { runId: second.id },
      { attempt: 2, maxAttempts: 2, progress: async () => {}, logger: createLogger("silent") },
    );
    expect(await counts()).toEqual(before);
    expect((await w.app.runs.getInternal(second.id))?.outcomes[0]).toMatchObject({
      closedJobs: 2,
      newJobs: 0,
    });

    // Listed again: the job reopens and is found again.
    await w.serveArbeitnow([...RECORDED.filter((p) => p.slug !== reposted.slug), repost]);
    const third = await w.run({}, ["arbeitnow"]);
    expect(third.outcomes[0]).toMatchObject({ status: "ok", newJobs: 0, closedJobs: 0 });
    expect((await w.app.jobs.getMany([goneId]))[0]?.status).toBe("open");
    expect(
      await w.app.db.kysely
        .selectFrom("job_sources")
        .select(["closed_at", "closed_run_id"])
        .where("source", "=", "arbeitnow")
        .where("source_id", "=", gone.slug)
        .executeTakeFirst(),
    ).toEqual({ closed_at: null, closed_run_id: null });
    expect(await found(w.app, "Head of Energy Operations", goneId)).toBe(true);

    // A board that suddenly lists nothing is taken for a glitch, not for every job closing at once.
    await w.serveArbeitnow([]);
    const empty = await w.run({}, ["arbeitnow"]);
    expect(empty.outcomes[0]).toMatchObject({ status: "ok", fetched: 0, complete: false, closedJobs: 0 });
    expect((await w.app.jobs.getMany([goneId]))[0]?.status).toBe("open");
  });
});
