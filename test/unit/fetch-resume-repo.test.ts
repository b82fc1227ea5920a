// Where a source's listing got to in a run, on each real store: a retry or another worker goes on
// after the furthest page stored, an attempt that started over does not move it back, and a
// listing whose last page was stored says there is nothing left to ask for.
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { RunsRepo } from "../../src/store/runs.repo.js";
import { openTestStore, STORES, type TestStore } from "../support/stores.js";

describe.each(STORES)("a fetch's resume point on %s", (kind) => {
  let store: TestStore;
  beforeEach(async () => {
    store = await openTestStore(kind);
  });
  afterEach(async () => {
    await store.close();
  });

  it("is the furthest page stored, with its cursor and whether the listing is partial", async () => {
    const runs = new RunsRepo(store.db);
    const run = await runs.create({ workspaceId: "local", userId: "me", query: {}, sources: ["a", "b"] });
    expect(await runs.resumePoint(run, "a")).toBeUndefined();

    await runs.raiseFetched(run, "a", {
      pages: 1,
      fetched: 100,
      http: { "200": 1 },
      resume: { cursor: "2", incremental: false },
    });
    await runs.raiseFetched(run, "a", {
      pages: 2,
      fetched: 200,
      http: { "200": 2 },
      resume: { cursor: "3", incremental: true },
    });
    // An attempt that started over stores page 1 again: the point stays after page 2.
    await runs.raiseFetched(run, "a", {
      pages: 1,
      fetched: 100,
      http: { "200": 3 },
      resume: { cursor: "2", incremental: false },
    });
    expect(await runs.resumePoint(run, "a")).toEqual({
      pages: 2,
      fetched: 200,
      cursor: "3",
      incremental: true,
    });
    expect(await runs.resumePoint(run, "b")).toBeUndefined();

    // The last page has no next one: resuming asks for nothing.
    await runs.raiseFetched(run, "b", {
      pages: 1,
      fetched: 7,
      http: { "200": 1 },
      resume: { incremental: false },
    });
    expect(await runs.resumePoint(run, "b")).toEqual({
      pages: 1,
      fetched: 7,
      cursor: undefined,
      incremental: false,
    });
  });
});
