// The jobs repository on both stores: a posting fetched again is one job, an unchanged posting only
// updates when it was last seen (and reopens a closed job), a changed one is rewritten.
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { closeJob, openStore, posting, tempDir, type Store } from "../contract/search-fixtures.js";
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
});
