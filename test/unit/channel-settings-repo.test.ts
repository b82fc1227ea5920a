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
});
