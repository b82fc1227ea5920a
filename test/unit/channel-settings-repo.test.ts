// A channel's settings on each real store (SQLite, PostgreSQL): unset until an admin sets them,
// a patch changes only what it names, null unsets, and another workspace's channel of the same id
// keeps its own; the members who wrote in a channel, per workspace and channel.
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { TeamsRepo } from "../../src/store/teams.repo.js";
import { openTestStore, STORES, type TestStore } from "../support/stores.js";

describe.each(STORES)("channel settings on %s", (kind) => {
  let store: TestStore;
  let teams: TeamsRepo;
  beforeEach(async () => {
    store = await openTestStore(kind);
    teams = new TeamsRepo(store.db);
  });
  afterEach(async () => {
    await store.close();
  });

  it("keeps defaults, language and mention-only per workspace and channel", async () => {
    expect(await teams.channel("slack:T1", "C1")).toMatchObject({
      defaults: {},
      mentionOnly: true,
      team: false,
    });
    await teams.setChannel("slack:T1", "C1", { place: "Frankfurt am Main", radiusKm: 30, lang: "de" }, "U1");
    await teams.setChannel("slack:T1", "C1", { keywords: "python", mentionOnly: false, team: true }, "U2");
    expect(await teams.channel("slack:T1", "C1")).toMatchObject({
      team: true,
      alertsBy: "admins",
      defaults: { place: "Frankfurt am Main", radiusKm: 30, keywords: "python", lang: "de" },
      mentionOnly: false,
      updatedBy: "U2",
    });
    await teams.setChannel("slack:T1", "C1", { place: null, lang: null }, "U1");
    expect((await teams.channel("slack:T1", "C1")).defaults).toEqual({ radiusKm: 30, keywords: "python" });
    expect(await teams.channel("slack:T2", "C1")).toMatchObject({ defaults: {}, mentionOnly: true });
  });

  it("remembers who wrote in a channel, once per member, per workspace and channel", async () => {
    await teams.sawMember("slack:T1", "C1", "U2", "2026-12-01T10:00:00.000Z");
    await teams.sawMember("slack:T1", "C1", "U1", "2026-12-01T10:01:00.000Z");
    await teams.sawMember("slack:T1", "C1", "U2", "2026-12-02T09:00:00.000Z");
    await teams.sawMember("slack:T1", "C2", "U3", "2026-12-02T09:00:00.000Z");
    await teams.sawMember("slack:T2", "C1", "U4", "2026-12-02T09:00:00.000Z");
    expect(await teams.writers("slack:T1", "C1")).toEqual(["U1", "U2"]);
    expect(await teams.writers("slack:T1", "C2")).toEqual(["U3"]);
    expect(await teams.writers("slack:T2", "C1")).toEqual(["U4"]);
    expect(await teams.writers("slack:T2", "C9")).toEqual([]);
  });
});
