// The jobs repository on both stores: a posting fetched again is one job, an unchanged posting only
// updates when it was last seen (and reopens a closed job), a changed one is rewritten.
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { closeJob, openStore, posting, tempDir, type Store } from "../contract/search-fixtures.js";
import { refKey } from "../../src/store/jobs.repo.js";
import { STORES } from "../support/stores.js";

describe.each(STORES)("JobsRepo on %s", (kind) => {
  let store: Store;
  let cleanup: () => Promise<void>;
  const MON = "2026-06-01T08:00:00.000Z";
  const TUE = "2026-06-02T08:00:00.000Z";
  const WED = "2026-06-03T08:00:00.000Z";
  const job = posting("ffm-data", { title: "Data Engineer", description: "Kafka and Python." });

  beforeEach(async () => {
    const t = await tempDir();
    cleanup = t.cleanup;
    store = await openStore(t.dir, kind);
  });
  afterEach(async () => {
    await store.close();
    await cleanup();
  });

  const one = async (id: number) => {
    const [j] = await store.jobs.getMany([id]);
    return {
      title: j?.posting.title,
      status: j?.status,
      firstSeenAt: j?.firstSeenAt,
      lastSeenAt: j?.lastSeenAt,
    };
  };

  it("keeps a posting inserted twice as one job, with the id it got first", async () => {
    const id = await store.jobs.insert(job, null, MON);
    expect(await store.jobs.insert(job, null, TUE)).toBe(id);
    expect(await store.jobs.count()).toBe(1);
    expect(await one(id)).toEqual({
      title: "Data Engineer",
      status: "open",
      firstSeenAt: MON,
      lastSeenAt: MON,
    });
  });

  it("an unchanged posting seen again only moves 'last seen' and reopens the job; a changed one is rewritten", async () => {
    const id = await store.jobs.insert(job, null, MON);
    await closeJob(store, id);
    expect(await store.jobs.update(id, job, null, TUE)).toBe(false);
    expect(await one(id)).toEqual({
      title: "Data Engineer",
      status: "open",
      firstSeenAt: MON,
      lastSeenAt: TUE,
    });
    const renamed = { ...job, title: "Senior Data Engineer" };
    expect(await store.jobs.update(id, renamed, null, WED)).toBe(true);
    expect(await one(id)).toEqual({
      title: "Senior Data Engineer",
      status: "open",
      firstSeenAt: MON,
      lastSeenAt: WED,
    });
    await expect(store.jobs.update(id + 1000, job, null, WED)).rejects.toThrow(`job ${id + 1000} not found`);
  });

  it("reads and records a batch of references at once: more than one chunk, reopening closed ones, keeping a known URL", async () => {
    const id = await store.jobs.insert(job, null, MON);
    const other = await store.jobs.insert(posting("muc-data", { title: "Data Analyst" }), null, MON);
    const refs = Array.from({ length: 1203 }, (_, i) => ({ source: "greenhouse", sourceId: `gh-${i}` }));
    await store.jobs.seeRefs(
      refs.map((ref, i) => ({
        jobId: i % 2 ? other : id,
        ref: { ...ref, url: i === 7 ? "https://boards.example/7" : undefined },
        runId: "run-1",
        now: MON,
      })),
    );
    const found = await store.jobs.findBySourceRefs([...refs, { source: "greenhouse", sourceId: "gh-9999" }]);
    expect(found.size).toBe(1203);
    expect(found.get(refKey("greenhouse", "gh-0"))).toBe(id);
    expect(found.get(refKey("greenhouse", "gh-1202"))).toBe(id);
    expect(found.get(refKey("greenhouse", "gh-1201"))).toBe(other);
    expect(found.has(refKey("greenhouse", "gh-9999"))).toBe(false);

    // A listing without gh-7 closes it; seen again (without a URL this time) it is open, URL kept.
    expect(await store.jobs.closeUnlisted("run-2", "greenhouse", TUE, TUE)).toContain(other);
    await store.jobs.seeRefs([
      { jobId: other, ref: { source: "greenhouse", sourceId: "gh-7" }, runId: "run-3", now: WED },
      { jobId: other, ref: { source: "greenhouse", sourceId: "gh-7" }, runId: "run-3", now: WED },
    ]);
    const row = await store.db.kysely
      .selectFrom("job_sources")
      .select(["closed_at", "url", "last_run_id", "first_seen_at", "last_seen_at"])
      .where("source_id", "=", "gh-7")
      .executeTakeFirstOrThrow();
    expect(row).toEqual({
      closed_at: null,
      url: "https://boards.example/7",
      last_run_id: "run-3",
      first_seen_at: MON,
      last_seen_at: WED,
    });
  });
});
