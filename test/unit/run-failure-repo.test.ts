// Why a source or a run failed is stored as a code and its parameters beside the English text, on
// each real store: read back as written, cleared when a retry starts, set on every source a lost
// run leaves unsettled; a row from before codes keeps its text and has no code.
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { RunsRepo } from "../../src/store/runs.repo.js";
import { openTestStore, STORES, type TestStore } from "../support/stores.js";

describe.each(STORES)("failure codes of runs and sources on %s", (kind) => {
  let store: TestStore;
  beforeEach(async () => {
    store = await openTestStore(kind);
  });
  afterEach(async () => {
    await store.close();
  });

  it("keeps a source's failure code and parameters beside its text, and clears both on a new attempt", async () => {
    const runs = new RunsRepo(store.db);
    const id = await runs.create({ workspaceId: "w", userId: "u", query: {}, sources: ["a", "b"] });
    await runs.updateSource(id, "a", {
      status: "failed",
      error: "127.0.0.1:1 answered HTTP 429 — not waiting until 10:42 UTC: this run went on without it",
      failure: { code: "http_status", status: 429, notWaitingUntil: "10:42" },
    });
    await runs.finish(id, "completed", {
      error: "a: 127.0.0.1:1 answered HTTP 429",
      failure: { code: "sources_failed", count: 1 },
    });
    const view = await runs.get("w", id);
    const a = view?.outcomes.find((o) => o.source === "a");
    expect(a?.error).toMatch(/HTTP 429/);
    expect(a?.failure).toEqual({ code: "http_status", status: 429, notWaitingUntil: "10:42" });
    expect(view?.outcomes.find((o) => o.source === "b")?.failure).toBeNull();
    expect(view?.failure).toEqual({ code: "sources_failed", count: 1 });

    await runs.updateSource(id, "a", { status: "fetching", error: null, failure: null });
    const again = await runs.get("w", id);
    expect(again?.outcomes.find((o) => o.source === "a")).toMatchObject({ error: null, failure: null });
    // The workspace's source health reads the same.
    const [health] = await runs.health("w", ["a"]);
    expect(health?.last?.failure).toBeNull();
  });

  it("gives a lost run and its unsettled sources the same reason", async () => {
    const runs = new RunsRepo(store.db);
    const id = await runs.create({ workspaceId: "w", userId: "u", query: {}, sources: ["a", "b"] });
    await runs.updateSource(id, "b", { status: "ok" });
    expect(await runs.failIfActive(id, { error: "lost", failure: { code: "run_lost" } })).toBe(true);
    const view = await runs.get("w", id);
    expect(view).toMatchObject({ status: "failed", error: "lost", failure: { code: "run_lost" } });
    expect(view?.outcomes.map((o) => [o.source, o.status, o.failure])).toEqual([
      ["a", "failed", { code: "run_lost" }],
      ["b", "ok", null],
    ]);
  });

  it("reads a row from before codes with its text and no code", async () => {
    const runs = new RunsRepo(store.db);
    const id = await runs.create({ workspaceId: "w", userId: "u", query: {}, sources: ["a"] });
    // As written before migration 0027: the text only.
    await store.db.kysely
      .updateTable("run_sources")
      .set({ status: "failed", error: "HTTP 500" })
      .where("run_id", "=", id)
      .execute();
    await store.db.kysely
      .updateTable("runs")
      .set({ status: "failed", error: "a: HTTP 500" })
      .where("id", "=", id)
      .execute();
    const view = await runs.get("w", id);
    expect(view).toMatchObject({ error: "a: HTTP 500", failure: null });
    expect(view?.outcomes[0]).toMatchObject({ error: "HTTP 500", failure: null });
  });
});
