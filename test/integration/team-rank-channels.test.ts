// "Best for the team" counts the channel's members, not every profile in the workspace: two team
// channels in one Slack workspace with different members (Slack's conversations.members, through the
// Slack stand-in and the real Web API client), and two channels of one Discord guild, where the team
// is the members who wrote in the channel. End to end through ChatService (real store, Redis queues,
// offline model, job sites replayed).
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { ChatReply, ChatTurn } from "../../src/chat/chat-turn.js";
import type { App } from "../../src/compose/app.js";
import { startTestApp } from "../support/harness.js";
import { CV_CARE, CV_WEB, givenProfile } from "../support/profiles.js";
import { startReplayServer, type ReplayServer } from "../support/replay-server.js";
import { startSlackServer, type SlackServer } from "../support/slack-server.js";

let replay: ReplayServer;
let slack: SlackServer;
let app: App;
const cleanups: Array<() => Promise<void> | void> = [];
const SLACK_WS = "slack:TCHAN1";
const GUILD_WS = "discord:400000000000000001";
const DEVS = "CCHANDEVS";
const CARE = "CCHANCARE";
const D_DEVS = "400000000000000010";
const D_CARE = "400000000000000011";

beforeAll(async () => {
  replay = await startReplayServer();
  // The lead is in both Slack channels; the developer and the nurse in one each (neither wrote there).
  slack = await startSlackServer({
    users: [{ id: "ULEAD" }, { id: "UDEV" }, { id: "UCARE" }],
    channels: { [DEVS]: ["ULEAD", "UDEV"], [CARE]: ["UCARE", "ULEAD"] },
  });
  cleanups.push(
    () => replay.close(),
    () => slack.close(),
  );
  app = await startTestApp(
    replay.url,
    { SLACK_BOT_TOKEN: slack.botToken, SLACK_API_URL: slack.apiUrl },
    cleanups,
  );
  for (const ws of [SLACK_WS, GUILD_WS]) {
    await givenProfile(app.profiles, { workspaceId: ws, userId: "UDEV" }, CV_WEB);
    await givenProfile(app.profiles, { workspaceId: ws, userId: "UCARE" }, CV_CARE);
  }
}, 60_000);
afterAll(async () => {
  for (const c of cleanups.splice(0).reverse()) await c();
});

let n = 0;
function say(platform: "slack" | "discord", user: string, channel: string, text: string): Promise<ChatReply> {
  const turn: ChatTurn = {
    platform,
    workspace: { id: platform === "slack" ? SLACK_WS : GUILD_WS },
    channel,
    thread: `t-${user}-${channel}-${++n}`,
    direct: false,
    user: { id: user, isAdmin: user === "ULEAD" },
    text,
    files: [],
  };
  return app.chat.handleTurn(turn);
}
const ids = (r: ChatReply) => r.jobs.map((j) => j.jobId);

describe("best for the team counts the channel's members", () => {
  it("ranks each Slack channel by its own members' profiles", async () => {
    await say("slack", "ULEAD", DEVS, "make this a team channel");
    await say("slack", "ULEAD", CARE, "make this a team channel");
    // The first search fetches the postings.
    expect((await say("slack", "ULEAD", DEVS, "jobs in Berlin")).jobs.length).toBe(5);

    const dev = await say("slack", "UDEV", "CCHANSOLO", "jobs in Berlin best for me");
    const care = await say("slack", "UCARE", "CCHANSOLO", "jobs in Berlin best for me");
    expect(ids(dev)).not.toEqual(ids(care));

    const devTeam = await say("slack", "ULEAD", DEVS, "jobs in Berlin best for the team");
    const careTeam = await say("slack", "ULEAD", CARE, "jobs in Berlin best for the team");
    for (const r of [devTeam, careTeam])
      expect(r.text).toMatch(
        /^Ranked for the team: each job by its best member fit \(1 member's profile counted\)\./,
      );
    // Each channel's ranking is its one profiled member's own.
    expect(ids(devTeam)).toEqual(ids(dev));
    expect(ids(careTeam)).toEqual(ids(care));
    expect(devTeam.jobs.map((j) => j.fit?.total)).toEqual(dev.jobs.map((j) => j.fit?.total));
    expect(slack.callsTo("conversations.members").map((c) => c.args.channel)).toEqual([DEVS, CARE]);
  }, 120_000);

  it("counts who wrote in a Slack channel when Slack refuses to list its members", async () => {
    await say("slack", "ULEAD", "CCHANEMPTY", "make this a team channel");
    slack.fail("conversations.members", "missing_scope", 1);
    // Only the lead wrote there, and has no profile.
    const team = await say("slack", "ULEAD", "CCHANEMPTY", "jobs in Berlin best for the team");
    expect(team.text).toMatch(
      /No member of this channel has a profile yet, so the team ranking is the search's own order\./,
    );
  }, 60_000);

  it("ranks each Discord channel by the profiles of the members who wrote in it", async () => {
    await say("discord", "ULEAD", D_DEVS, "make this a team channel");
    await say("discord", "ULEAD", D_CARE, "make this a team channel");
    const dev = await say("discord", "UDEV", D_DEVS, "jobs in Berlin best for me");
    const care = await say("discord", "UCARE", D_CARE, "jobs in Berlin best for me");
    const devTeam = await say("discord", "ULEAD", D_DEVS, "jobs in Berlin best for the team");
    const careTeam = await say("discord", "ULEAD", D_CARE, "jobs in Berlin best for the team");
    expect(devTeam.text).toMatch(/\(1 member's profile counted\)/);
    expect(ids(devTeam)).toEqual(ids(dev));
    expect(ids(careTeam)).toEqual(ids(care));
    // Once the nurse writes in the developers' channel, both count there.
    await say("discord", "UCARE", D_DEVS, "hello");
    const both = await say("discord", "ULEAD", D_DEVS, "jobs in Berlin best for the team");
    expect(both.text).toMatch(/\(2 members' profiles counted\)/);
  }, 120_000);
});
