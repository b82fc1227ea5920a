// A digest is posted once per saved search and due time: the delivery is claimed in the store before
// anything is posted, so a retried job, a stalled worker or a second process finds the claim and posts
// nothing; only a delivery that failed before posting may be claimed again. DeliveriesRepo on each
// real store.
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { DeliveriesRepo } from "../../src/store/deliveries.repo.js";
import { openTestStore, STORES, type TestStore } from "../support/stores.js";

const MONDAY = "2026-03-02T08:00:00.000Z";
const TUESDAY = "2026-03-03T08:00:00.000Z";

describe.each(STORES)("on %s", (kind) => {
  let store: TestStore;
  let deliveries: DeliveriesRepo;

  beforeEach(async () => {
    store = await openTestStore(kind);
    deliveries = new DeliveriesRepo(store.db);
    // Two saved searches for the deliveries to belong to.
    for (const id of ["s1", "s2"])
      await store.db.kysely
        .insertInto("saved_searches")
        .values({
          id,
          workspace_id: "slack:T1",
          owner_id: "U1",
          platform: "slack",
          name: `alert ${id}`,
          query_json: "{}",
          schedule_json: "{}",
          tz: "Europe/Berlin",
          target_kind: "dm",
          target_channel: null,
          when_empty: "skip",
          status: "active",
          paused_reason: null,
          owner_told: 0,
          boundary_seq: 0,
          last_delivered_at: null,
          created_at: MONDAY,
          updated_at: MONDAY,
        })
        .execute();
  });
  afterEach(async () => {
    await store.close();
  });

  const row = (searchId: string, dueAt: string) =>
    store.db.kysely
      .selectFrom("digest_deliveries")
      .select(["status", "claimed_by", "jobs", "error"])
      .where("search_id", "=", searchId)
      .where("due_at", "=", dueAt)
      .executeTakeFirstOrThrow();

  it("lets one worker claim a due digest; the others find it held, then done once posted", async () => {
    expect(await deliveries.claim("s1", MONDAY, "worker-a")).toBe("claimed");
    expect(await deliveries.claim("s1", MONDAY, "worker-b")).toBe("held");
    expect(await row("s1", MONDAY)).toEqual({
      status: "claimed",
      claimed_by: "worker-a",
      jobs: 0,
      error: null,
    });
    // Another due time and another search are deliveries of their own.
    expect(await deliveries.claim("s1", TUESDAY, "worker-b")).toBe("claimed");
    expect(await deliveries.claim("s2", MONDAY, "worker-b")).toBe("claimed");

    await deliveries.finish("s1", MONDAY, "posted", { jobs: 4 });
    expect(await deliveries.claim("s1", MONDAY, "worker-b")).toBe("done");
    expect(await row("s1", MONDAY)).toEqual({
      status: "posted",
      claimed_by: "worker-a",
      jobs: 4,
      error: null,
    });
    for (const outcome of ["empty", "paused", "skipped"] as const) {
      await deliveries.finish("s2", MONDAY, outcome);
      expect(await deliveries.claim("s2", MONDAY, "worker-c")).toBe("done");
    }
  });

  it("lets a retry claim again a delivery that failed before posting, clearing the old error", async () => {
    expect(await deliveries.claim("s1", MONDAY, "worker-a")).toBe("claimed");
    await deliveries.finish("s1", MONDAY, "failed", { error: `Slack said no: ${"x".repeat(600)}` });
    const failed = await row("s1", MONDAY);
    expect(failed.status).toBe("failed");
    // The reason is kept, cut to 500 characters.
    expect(failed.error).toBe(`Slack said no: ${"x".repeat(485)}`);
    expect(await deliveries.claim("s1", MONDAY, "worker-b")).toBe("claimed");
    expect(await row("s1", MONDAY)).toEqual({
      status: "claimed",
      claimed_by: "worker-b",
      jobs: 0,
      error: null,
    });
    expect(await deliveries.claim("s1", MONDAY, "worker-c")).toBe("held");
  });

  it("lists a search's deliveries newest due time first", async () => {
    await deliveries.claim("s1", MONDAY, "w");
    await deliveries.finish("s1", MONDAY, "posted", { jobs: 3 });
    await deliveries.claim("s1", TUESDAY, "w");
    await deliveries.finish("s1", TUESDAY, "empty");
    await deliveries.claim("s2", TUESDAY, "w");
    expect(await deliveries.history("s1")).toEqual([
      { dueAt: TUESDAY, status: "empty", jobs: 0 },
      { dueAt: MONDAY, status: "posted", jobs: 3 },
    ]);
    expect(await deliveries.history("s1", 1)).toEqual([{ dueAt: TUESDAY, status: "empty", jobs: 0 }]);
  });
});
