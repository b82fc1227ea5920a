// How many sources a workspace may track and a person may add from chat, and what they are told at
// the limit, in their language (the track_source tool passes the refusal on as it is), on each store.
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { SourceCatalog } from "../../src/pipeline/sources/catalog.js";
import { greenhouseKind } from "../../src/pipeline/sources/greenhouse.source.js";
import { openTestStore, STORES, type TestStore } from "../support/stores.js";
import { refusal } from "../support/harness.js";

describe.each(STORES)("on %s", (kind) => {
  let store: TestStore;
  let catalog: SourceCatalog;

  beforeEach(async () => {
    store = await openTestStore(kind);
    catalog = new SourceCatalog({
      db: store.db,
      kinds: [greenhouseKind],
      setting: () => undefined,
      defaults: [],
      limits: { perWorkspace: 2, perUser: 1 },
    });
  });
  afterEach(async () => {
    await store.close();
  });

  const track = (board: string, o: { workspaceId?: string; origin?: "chat" | "yaml" } = {}) =>
    catalog.track({
      workspaceId: o.workspaceId ?? "slack:T1",
      userId: "slack:U1",
      kind: "greenhouse",
      params: { board },
      ...(o.origin ? { origin: o.origin } : {}),
    });

  it("refuses a person's source over their limit, in English or German, and tracking one again is no new source", async () => {
    await track("one");
    const err = await refusal(track("two", { workspaceId: "slack:T2" }));
    expect(err.code).toBe("source_limit");
    expect(err.userMessageIn("en")).toBe(
      "You have added 1 source already, the most one person may. Stop tracking one first.",
    );
    expect(err.userMessageIn("de")).toBe(
      "Du hast schon 1 Quelle hinzugefügt, mehr darf eine Person nicht. Beende zuerst das Beobachten einer anderen.",
    );
    expect((await track("one")).key).toBe("greenhouse-one");
  });

  it("refuses a workspace's source over its limit, also from the sources file", async () => {
    await track("one", { origin: "yaml" });
    await track("two", { origin: "yaml" });
    const err = await refusal(track("three", { origin: "yaml" }));
    expect(err.userMessageIn("en")).toBe(
      "This workspace already tracks 2 sources, the most it may. Stop tracking one first.",
    );
    expect(err.userMessageIn("de")).toBe(
      "Dieser Workspace beobachtet schon 2 Quellen, mehr geht nicht. Beende zuerst das Beobachten einer anderen.",
    );
    expect((await catalog.list("slack:T1")).map((s) => s.label)).toEqual([
      "Greenhouse one",
      "Greenhouse two",
    ]);
  });

  it("says which kind of source it does not know, and which parameter of a known kind is wrong", async () => {
    const unknown = await refusal(
      catalog.track({ workspaceId: "slack:T1", userId: "slack:U1", kind: "workday", params: {} }),
    );
    expect(unknown.userMessageIn("en")).toBe('I don\'t know the source kind "workday".');
    expect(unknown.userMessageIn("de")).toBe("Die Art von Quelle „workday“ kenne ich nicht.");
    const bad = await refusal(track("no spaces allowed"));
    expect(bad.code).toBe("bad_source_params");
    expect(bad.userMessageIn("en")).toBe(
      "Greenhouse: board letters, digits, '.', '_' or '-' as in the board URL",
    );
  });
});
