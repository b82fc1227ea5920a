// Who is active in a channel (for a team's ranking) and whose profile a run serves, on each real
// store (SQLite, PostgreSQL): a member is kept once per channel with the workspace their profile
// lives in, another workspace's channel of the same id keeps its own; a run from a DM keeps the
// requester's personal workspace, a run in the person's own workspace keeps none.
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { RunsRepo } from "../../src/store/runs.repo.js";
import { TeamsRepo } from "../../src/store/teams.repo.js";
import { openTestStore, STORES, type TestStore } from "../support/stores.js";

describe.each(STORES)("channel members and run requesters on %s", (kind) => {
  let store: TestStore;
  beforeEach(async () => {
    store = await openTestStore(kind);
  });
  afterEach(async () => {
    await store.close();
  });

  it("keeps each member of a channel once, with where their profile lives", async () => {
    const teams = new TeamsRepo(store.db);
    await teams.noteMember("discord:G1", "C1", "U2", "discord-user:U2");
    await teams.noteMember("discord:G1", "C1", "U1", "discord-user:U1");
    await teams.noteMember("discord:G1", "C1", "U2", "discord-user:U2");
    await teams.noteMember("discord:G1", "C2", "U3", "discord-user:U3");
    await teams.noteMember("discord:G2", "C1", "U4", "discord-user:U4");
    expect(await teams.members("discord:G1", "C1")).toEqual([
      { workspaceId: "discord-user:U1", userId: "U1" },
      { workspaceId: "discord-user:U2", userId: "U2" },
    ]);
    expect(await teams.members("discord:G2", "C1")).toEqual([
      { workspaceId: "discord-user:U4", userId: "U4" },
    ]);
    expect(await teams.members("discord:G3", "C1")).toEqual([]);
  });

  it("keeps the requester's personal workspace with a run when it is another one", async () => {
    const runs = new RunsRepo(store.db);
    const fromDm = await runs.create({
      workspaceId: "slack-dm:U1",
      userId: "U1",
      requesterWorkspaceId: "slack:T1",
      query: {},
      sources: [],
    });
    const inTeam = await runs.create({
      workspaceId: "slack:T1",
      userId: "U1",
      requesterWorkspaceId: "slack:T1",
      query: {},
      sources: [],
    });
    const plain = await runs.create({ workspaceId: "local", userId: "me", query: {}, sources: [] });
    expect((await runs.getInternal(fromDm))?.requesterWorkspaceId).toBe("slack:T1");
    expect((await runs.getInternal(inTeam))?.requesterWorkspaceId).toBeNull();
    expect((await runs.getInternal(plain))?.requesterWorkspaceId).toBeNull();
  });
});
