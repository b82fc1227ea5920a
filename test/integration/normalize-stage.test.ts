// The normalize stage on both stores: every staged item of a run becomes a posting or a reason it
// could not (no title, a source the workspace no longer has), never a failed run; a posting over a
// field limit is clipped and the operator told how many per source; a run that is gone fails the
// stage for good. Items are read in batches, so a run of more than one batch is normalized whole.
import { randomUUID } from "node:crypto";
import path from "node:path";
import { UnrecoverableError } from "bullmq";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { createLogger } from "../../src/core/logger.js";
import { createNormalizeProcessor } from "../../src/pipeline/processors/normalize.processor.js";
import { SourceCatalog } from "../../src/pipeline/sources/catalog.js";
import { createHttpClient } from "../../src/pipeline/sources/http.js";
import { sourceKinds } from "../../src/pipeline/sources/registry.js";
import type { PipelineServices, StageContext } from "../../src/pipeline/stage.js";
import { embedderKey } from "../../src/search/embedder.js";
import { HashingEmbedder } from "../../src/search/hashing.embedder.js";
import { IndexSync } from "../../src/search/index-sync.js";
import { JobsRepo } from "../../src/store/jobs.repo.js";
import { RunItemsRepo } from "../../src/store/run-items.repo.js";
import { RunsRepo } from "../../src/store/runs.repo.js";
import { VectorsRepo } from "../../src/store/vectors.repo.js";
import { tempDir } from "../support/harness.js";
import { openTestStore, STORES, type TestStore } from "../support/stores.js";

const arbeitnow = (slug: string, o: Record<string, unknown> = {}) => ({
  source: "arbeitnow",
  sourceId: slug,
  raw: {
    slug,
    company_name: "Example GmbH",
    title: `Data Engineer ${slug}`,
    description: "<p>Python and SQL.</p>",
    remote: false,
    url: `https://www.arbeitnow.com/jobs/${slug}`,
    tags: [],
    job_types: ["full time"],
    location: "Berlin",
    created_at: 1767225600,
    ...o,
  },
});

describe.each(STORES)("the normalize stage on %s", (kind) => {
  let store: TestStore;
  let tmp: { dir: string; remove(): void };
  let services: PipelineServices;
  let runs: RunsRepo;
  let items: RunItemsRepo;
  let logs: Array<Record<string, unknown>>;
  let progress: number[];
  let ctx: StageContext;

  beforeEach(async () => {
    store = await openTestStore(kind);
    tmp = tempDir("jobscout-normalize-");
    runs = new RunsRepo(store.db);
    items = new RunItemsRepo(store.db);
    const vectors = new VectorsRepo(store.db);
    const embedder = new HashingEmbedder();
    services = {
      runs,
      items,
      jobs: new JobsRepo(store.db),
      vectors,
      sources: new SourceCatalog({
        db: store.db,
        kinds: sourceKinds(),
        setting: () => undefined,
        defaults: [],
      }),
      http: createHttpClient({ userAgent: "jobscout-test", timeoutMs: 1000 }),
      embedder,
      index: new IndexSync({
        vectors,
        embedderKey: embedderKey(embedder),
        dim: embedder.dim,
        dir: path.join(tmp.dir, "index"),
      }),
      maxPages: 5,
    };
    logs = [];
    progress = [];
    ctx = {
      attempt: 1,
      maxAttempts: 3,
      progress: (p) => {
        progress.push(p);
        return Promise.resolve();
      },
      logger: createLogger("info", {}, (line) => logs.push(JSON.parse(line) as Record<string, unknown>)),
    };
  });
  afterEach(async () => {
    await store.close();
    tmp.remove();
  });

  it("normalizes a run of two batches, keeping each rejected item with its reason", async () => {
    const workspaceId = `slack:T-${randomUUID().slice(0, 8)}`;
    const runId = await runs.create({
      workspaceId,
      userId: "U1",
      query: {},
      sources: ["arbeitnow", "greenhouse:acme"],
    });
    const good = Array.from({ length: 500 }, (_, i) => arbeitnow(`job-${String(i).padStart(3, "0")}`));
    await items.putRaw(runId, [
      ...good,
      arbeitnow("job-untitled", { title: "  " }),
      // Tracked by another workspace, or no longer by this one: no adapter reads it.
      ...Array.from({ length: 10 }, (_, i) => ({
        source: "greenhouse:acme",
        sourceId: String(40 + i),
        raw: { id: 40 + i, title: "Backend Engineer" },
      })),
    ]);

    await createNormalizeProcessor(services)({ runId }, ctx);

    const counts = await items.counts(runId);
    expect(counts.get("arbeitnow")).toMatchObject({ fetched: 501, normalized: 500, rejected: 1 });
    expect(counts.get("greenhouse:acme")).toMatchObject({ fetched: 10, normalized: 0, rejected: 10 });
    const rejected = await store.db.kysely
      .selectFrom("run_items")
      .select(["source_id", "reject_reason"])
      .where("run_id", "=", runId)
      .where("reject_reason", "is not", null)
      .where("source_id", "in", ["40", "49", "job-untitled"])
      .orderBy("source_id")
      .execute();
    expect(rejected).toEqual([
      { source_id: "40", reject_reason: 'no adapter for source "greenhouse:acme"' },
      { source_id: "49", reject_reason: 'no adapter for source "greenhouse:acme"' },
      { source_id: "job-untitled", reject_reason: "arbeitnow job-untitled: no title" },
    ]);
    const run = await runs.get(workspaceId, runId);
    expect(run?.outcomes.map((o) => [o.source, o.normalized, o.rejected])).toEqual([
      ["arbeitnow", 500, 1],
      ["greenhouse:acme", 0, 10],
    ]);
    expect(run).toMatchObject({ status: "running", stage: "normalize" });
    // After each batch of 500 the share of the 511 items done, then done.
    expect(progress).toEqual([98, 100, 100]);
  });

  it("clips a posting over a field limit and tells the operator how many per source", async () => {
    const workspaceId = `slack:T-${randomUUID().slice(0, 8)}`;
    const runId = await runs.create({ workspaceId, userId: "U1", query: {}, sources: ["arbeitnow"] });
    await items.putRaw(runId, [
      arbeitnow("long", { description: `<p>${"Python and SQL. ".repeat(4000)}</p>` }),
      arbeitnow("longer", { description: `<p>${"Kafka and Spark. ".repeat(5000)}</p>` }),
      arbeitnow("short"),
    ]);
    await createNormalizeProcessor(services)({ runId }, ctx);
    const [row] = await store.db.kysely
      .selectFrom("run_items")
      .select("posting_json")
      .where("run_id", "=", runId)
      .where("source_id", "=", "long")
      .execute();
    const posting = JSON.parse(row?.posting_json ?? "{}") as { description: string };
    expect(posting.description).toHaveLength(50_000);
    expect(posting.description.endsWith("…")).toBe(true);
    expect(logs.filter((l) => l.msg === "postings clipped to their field limits")).toEqual([
      expect.objectContaining({ source: "arbeitnow", postings: 2 }),
    ]);
    expect(progress).toEqual([100, 100]);
    expect((await items.counts(runId)).get("arbeitnow")).toMatchObject({ normalized: 3, rejected: 0 });
  });

  it("fails for good when the run is gone, and normalizes an empty run to nothing", async () => {
    const missing = randomUUID();
    const err = await createNormalizeProcessor(services)({ runId: missing }, ctx).then(
      () => undefined,
      (e: unknown) => e,
    );
    expect(err).toBeInstanceOf(UnrecoverableError);
    expect((err as Error).message).toBe(`run ${missing} not found`);

    const workspaceId = `slack:T-${randomUUID().slice(0, 8)}`;
    const runId = await runs.create({ workspaceId, userId: "U1", query: {}, sources: [] });
    await createNormalizeProcessor(services)({ runId }, ctx);
    expect(progress).toEqual([100]);
    expect((await runs.get(workspaceId, runId))?.stage).toBe("normalize");
  });
});
