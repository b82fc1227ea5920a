// "Best for me" vs "best for the team" in a team channel, end to end through ChatService (real store,
// Redis queues, offline model, job sites replayed): "for me" ranks by the asker's own fit, "for the
// team" by each job's best fit among the workspace members' profiles — the answer says so and how many
// profiles counted, and the cards carry only that score (no member's reasons). Outside a team channel
// "for the team" is answered with who can turn team features on.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { ChatReply, ChatTurn } from "../../src/chat/chat-turn.js";
import type { App } from "../../src/compose/app.js";
import { startTestApp } from "../support/harness.js";
import { CV_CARE, CV_WEB, givenProfile } from "../support/profiles.js";
import { startReplayServer, type ReplayServer } from "../support/replay-server.js";

let replay: ReplayServer;
let app: App;
const cleanups: Array<() => Promise<void> | void> = [];
beforeAll(async () => {
  replay = await startReplayServer();
  cleanups.push(() => replay.close());
  app = await startTestApp(replay.url, {}, cleanups);
});
afterAll(async () => {
  for (const c of cleanups.reverse()) await c();
});

const WORKSPACE = "slack:TRANK1";

function turn(user: string, text: string, channel: string, admin = false): ChatTurn {
  return {
    platform: "slack",
    workspace: { id: WORKSPACE },
    channel,
    thread: `t-${user}-${channel}-${text.length}`,
    direct: false,
    user: { id: user, isAdmin: admin },
    text,
    files: [],
  };
}

const say = (user: string, text: string, channel = TEAM, admin = false): Promise<ChatReply> =>
  app.chat.handleTurn(turn(user, text, channel, admin));

const TEAM = "CRANKTEAM";
const totals = (r: ChatReply) => r.jobs.map((j) => j.fit?.total ?? -1);
const ids = (r: ChatReply) => r.jobs.map((j) => j.jobId);

describe("best for me vs best for the team", () => {
  it("ranks by the asker's fit for “me” and by the best member fit for “the team”, saying so and sharing only the score", async () => {
    await givenProfile(app.profiles, { workspaceId: WORKSPACE, userId: "UDEV" }, CV_WEB);
    await givenProfile(app.profiles, { workspaceId: WORKSPACE, userId: "UCARE" }, CV_CARE);
    // Another workspace's profile never counts.
    await givenProfile(app.profiles, { workspaceId: "slack:TRANK2", userId: "UDEV" }, CV_WEB);
    await say("UBOSS", "make this a team channel", TEAM, true);
    // The first search fetches the postings.
    expect((await say("UNONE", "jobs in Berlin")).jobs.length).toBe(5);

    const dev = await say("UDEV", "jobs in Berlin best for me");
    const care = await say("UCARE", "jobs in Berlin best for me");
    const team = await say("UCARE", "jobs in Berlin best for the team");
    for (const r of [dev, care, team]) expect(totals(r)).toEqual([...totals(r)].sort((a, b) => b - a));
    // Each member's own ranking is their own, with their reasons.
    expect(ids(care)).not.toEqual(ids(dev));
    expect(care.jobs[0]!.fit!.reasons.length).toBeGreaterThan(0);
    // The team's ranking is the best member fit: the developer's best jobs lead even when the nurse asks.
    expect(ids(team)).not.toEqual(ids(care));
    expect(team.jobs[0]!.jobId).toBe(dev.jobs[0]!.jobId);
    expect(team.jobs[0]!.fit!.total).toBe(dev.jobs[0]!.fit!.total);
    expect(team.text).toMatch(
      /^Ranked for the team: each job by its best member fit \(2 members' profiles counted\)\./,
    );
    // Only the score: no member's reasons, CV lines or name.
    expect(team.jobs.every((j) => j.fit !== undefined && j.fit.reasons.length === 0)).toBe(true);
    expect(team.text).not.toMatch(/UDEV|Alex|Laravel \(L\d+\)|✓/);
    // “more” pages on in the team's order.
    const more = await app.chat.handleTurn({
      ...turn("UCARE", "jobs in Berlin best for the team", TEAM),
      text: "more",
    });
    expect(more.text).toMatch(/^Ranked for the team: /);
    expect(ids(more).some((id) => ids(team).includes(id))).toBe(false);
    expect(Math.max(...totals(more))).toBeLessThanOrEqual(Math.min(...totals(team)));
  });

  it("answers in German: „am besten für mich“ and „am besten fürs Team“", async () => {
    const care = await say("UCARE", "Jobs in Berlin am besten für mich");
    const team = await say("UCARE", "Jobs in Berlin am besten fürs Team");
    expect(ids(team)).not.toEqual(ids(care));
    expect(team.text).toMatch(
      /^Fürs Team sortiert: jede Stelle nach der besten Passung eines Mitglieds \(2 Profile berücksichtigt\)\./,
    );
  });

  it("outside a team channel, “for the team” says who can turn team features on", async () => {
    const r = await say("UCARE", "jobs in Berlin best for the team", "CRANKSOLO");
    expect(r.jobs).toEqual([]);
    expect(r.text).toMatch(
      /Ranking for the team works in a team channel\. Workspace admins can turn that on by saying “make this a team channel” there\./,
    );
    // “For me” still works there.
    expect((await say("UCARE", "jobs in Berlin best for me", "CRANKSOLO")).jobs[0]!.fit).toBeDefined();
  });
});
