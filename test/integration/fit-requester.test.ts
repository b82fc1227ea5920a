// A run started from a Slack DM or a Discord server scores the requester's own profile, which lives
// in their personal workspace (`slack:<team>`, `discord-user:<id>`), not in the run's (`slack-dm:…`,
// `discord:<guild>`): after the run every job it fetched has the person's fit score, and the next
// search shows it. On Discord "best for the team" counts the profiles of the people active in the
// team channel.
import { describe, expect, it } from "vitest";
import { startDiscordSurface } from "../../src/bot/discord/discord.surface.js";
import type { ChatTurn } from "../../src/chat/chat-turn.js";
import { conversationOf } from "../../src/chat/conversation.js";
import type { App } from "../../src/compose/app.js";
import { startDiscordServer, type FakeUser, type StoredMessage } from "../support/discord-server.js";
import { eventually, startTestApp } from "../support/harness.js";
import { CV_CARE, CV_WEB, givenProfile } from "../support/profiles.js";
import { replayPerFile } from "../support/replay-per-file.js";
import { startSlackApp } from "../support/slack-app.js";
import { dmEvent, eventEnvelope, slackTs, type FakeMessage } from "../support/slack-server.js";

const { server: replay, cleanups } = replayPerFile();

/** Waits until every job of the workspace's latest run has a stored fit score for this person. */
async function runScoredFor(app: App, runWorkspace: string, owner: { workspaceId: string; userId: string }) {
  const [run] = await app.runs.latest(runWorkspace, 1);
  expect(run?.status).toBe("completed");
  const ids = await app.items.jobIds(run!.id);
  // More jobs than one answer shows or scores: only the evaluate stage scores them all.
  expect(ids.length).toBeGreaterThan(60);
  return eventually(async () => {
    const fits = await app.fits.getMany(owner, ids);
    return fits.size === ids.length && fits;
  }, 30_000);
}

describe("the requester's profile is scored by the run", () => {
  it("in a Slack DM: the run's jobs get the person's fit, and the next search shows it", async () => {
    const { app, slack, send } = await startSlackApp({
      sourcesUrl: replay().url,
      secret: "fit-requester-secret",
      users: [{ id: "UKIM", name: "kim" }],
      cleanups,
    });
    const owner = { workspaceId: `slack:${slack.teamId}`, userId: "UKIM" };
    await givenProfile(app.profiles, owner, CV_WEB);
    const isProgress = (m: FakeMessage) => m.blocks[0]?.block_id === "run-progress";
    const dm = async (text: string) => {
      const ts = slackTs();
      const event = dmEvent({ user: "UKIM", channel: "D0KIM", text, ts });
      const r = await send.event(eventEnvelope({ teamId: slack.teamId, botUserId: slack.botUserId, event }));
      expect(r.status).toBe(200);
      return eventually(
        () => slack.thread("D0KIM", ts).find((m) => m.ts !== ts && !isProgress(m) && m.blocks.length > 1),
        60_000,
      );
    };

    await dm("refresh jobs in Berlin");
    const fits = await runScoredFor(app, "slack-dm:UKIM", owner);

    const found = await dm("jobs in Berlin");
    const cards = JSON.stringify(found.blocks);
    const shown = [...cards.matchAll(/Fit (\d+)\/100/g)].map((m) => Number(m[1]));
    expect(shown.length).toBeGreaterThan(0);
    const stored = [...fits.values()].map((f) => f.total);
    for (const n of shown) expect(stored).toContain(n);
  });

  it("in a Discord server's channel: the run's jobs get the person's fit from their personal profile", async () => {
    const ana: FakeUser = { id: "520000000000000081", username: "ana" };
    const guild = {
      id: "310000000000000081",
      name: "Team R",
      ownerId: "510000000000000081",
      channels: [{ id: "410000000000000081", name: "jobs" }],
    };
    const channel = guild.channels[0]!.id;
    const fake = await startDiscordServer({ guilds: [guild] });
    cleanups.push(() => fake.close());
    const app = await startTestApp(
      replay().url,
      { DISCORD_TOKEN: fake.token, DISCORD_API_URL: fake.apiUrl, DISCORD_APPLICATION_ID: fake.applicationId },
      cleanups,
    );
    const surface = await startDiscordSurface(app, { waitGuildTimeout: 200, drainMs: 2000 });
    cleanups.push(() => surface.stop());
    const owner = { workspaceId: `discord-user:${ana.id}`, userId: ana.id };
    await givenProfile(app.profiles, owner, CV_WEB);
    const say = (content: string) => {
      const sent = fake.postMessage({
        channelId: channel,
        author: ana,
        content: `<@${fake.botUser.id}> ${content}`,
        mentionBot: true,
      });
      return eventually(
        () =>
          fake.botMessages(channel).find((m: StoredMessage) => m.replyTo === sent.id && m.embeds.length > 0),
        60_000,
      );
    };

    await say("refresh jobs in Berlin");
    const fits = await runScoredFor(app, `discord:${guild.id}`, owner);

    const found = await say("jobs in Berlin");
    const shown = [...JSON.stringify(found.embeds).matchAll(/Fit (\d+)\/100/g)].map((m) => Number(m[1]));
    expect(shown.length).toBeGreaterThan(0);
    const stored = [...fits.values()].map((f) => f.total);
    for (const n of shown) expect(stored).toContain(n);
  });
});

describe("best for the team on Discord", () => {
  it("counts the personal profiles of the people active in the team channel, not those elsewhere", async () => {
    const app = await startTestApp(replay().url, {}, cleanups);
    const guildId = "310000000000000091";
    const turn = (user: string, text: string, o: { admin?: boolean; channel?: string } = {}): ChatTurn => ({
      ...conversationOf({
        platform: "discord",
        guildId,
        channel: o.channel ?? "410000000000000091",
        inThread: false,
        root: `${user}-${text.length}`,
        userId: user,
      }),
      user: { id: user, isAdmin: o.admin ?? false },
      text,
      files: [],
    });
    const [dev, care, away, mod] = [
      "520000000000000091",
      "520000000000000092",
      "520000000000000093",
      "520000000000000094",
    ];
    for (const [user, cv] of [
      [dev, CV_WEB],
      [care, CV_CARE],
      [away, CV_WEB],
    ] as const)
      await givenProfile(app.profiles, { workspaceId: `discord-user:${user}`, userId: user }, cv);
    const say = (t: ChatTurn) => app.chat.handleTurn(t);

    await say(turn(mod, "make this a team channel", { admin: true }));
    // The first search fetches the postings; the developer and the nurse search in the team channel,
    // the third member only in another channel of the server.
    expect((await say(turn(dev, "jobs in Berlin best for me"))).jobs.length).toBe(5);
    const devOwn = await say(turn(dev, "jobs in Berlin best for me"));
    await say(turn(care, "jobs in Berlin best for me"));
    await say(turn(away, "jobs in Berlin best for me", { channel: "410000000000000092" }));

    const team = await say(turn(care, "jobs in Berlin best for the team"));
    expect(team.text).toMatch(
      /^Ranked for the team: each job by its best member fit \(2 members' profiles counted\)\./,
    );
    expect(team.jobs[0]!.jobId).toBe(devOwn.jobs[0]!.jobId);
    expect(team.jobs[0]!.fit!.total).toBe(devOwn.jobs[0]!.fit!.total);
    expect(team.jobs.every((j) => j.fit !== undefined && j.fit.reasons.length === 0)).toBe(true);
  });
});
