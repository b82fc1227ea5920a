// A digest posted to a team channel shows the marks its members share on each card ("claimed by
// <@ana>", "seen by <@ben>"), through the Discord stand-in with the real client; the same digest in a
// channel that is not a team channel shows none.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { App } from "../../src/compose/app.js";
import type { ChatTurn } from "../../src/chat/chat-turn.js";
import { conversationOf } from "../../src/chat/conversation.js";
import type { AlertActor } from "../../src/jobs/alerts/alerts.service.js";
import { startDiscordServer, type DiscordServer } from "../support/discord-server.js";
import { digestProcessor, saveAlert } from "../support/digests.js";
import { startTestApp } from "../support/harness.js";
import { startReplayServer, type ReplayServer } from "../support/replay-server.js";

const cleanups: Array<() => Promise<void> | void> = [];
let app: App;
let discord: DiscordServer;
let replay: ReplayServer;
const GUILD = "300000000000000081";
const TEAM_CHANNEL = "300000000000000082";
const PLAIN_CHANNEL = "300000000000000083";
const [MOD, ANA, BEN] = ["200000000000000081", "200000000000000082", "200000000000000083"];

beforeAll(async () => {
  replay = await startReplayServer();
  discord = await startDiscordServer({
    guilds: [
      {
        id: GUILD,
        name: "team guild",
        ownerId: MOD,
        channels: [
          { id: TEAM_CHANNEL, name: "jobs" },
          { id: PLAIN_CHANNEL, name: "general" },
        ],
      },
    ],
  });
  cleanups.push(
    () => replay.close(),
    () => discord.close(),
  );
  app = await startTestApp(
    replay.url,
    { DISCORD_TOKEN: discord.token, DISCORD_API_URL: discord.apiUrl },
    cleanups,
  );
});
afterAll(async () => {
  for (const c of cleanups.splice(0).reverse()) await c();
});

function turn(text: string, user: string, channel = TEAM_CHANNEL, admin = false): ChatTurn {
  const conversation = conversationOf({
    platform: "discord",
    guildId: GUILD,
    channel,
    inThread: false,
    root: `${user}1`,
    userId: user,
  });
  return { ...conversation, user: { id: user, isAdmin: admin }, text, files: [] };
}

const teamLines = (channel: string) =>
  new Map(
    discord
      .botMessages(channel)
      .flatMap((m) => m.embeds)
      .map((e) => [
        String(e.title).replace(/^\d+\. /, ""),
        /Team: (.+)/.exec(typeof e.description === "string" ? e.description : "")?.[1] ?? null,
      ]),
  );

describe("digests in a team channel", () => {
  it("carry the members' shared marks on the cards; a channel that is not a team channel shows none", async () => {
    const owner: AlertActor = {
      workspaceId: `discord:${GUILD}`,
      userId: MOD,
      platform: "discord",
      isAdmin: true,
    };
    // Saved before any job is indexed: every job the search then finds is new for both alerts.
    const alert = {
      query: { keywords: "", place: "Berlin", remote: "any" },
      schedule: { kind: "cron", pattern: "0 9 * * 1" },
      place: "channel",
      timeZone: "Europe/Berlin",
    } as const;
    const inTeam = await saveAlert(
      app,
      { ...owner, channel: TEAM_CHANNEL },
      { ...alert, name: "team", channel: TEAM_CHANNEL },
    );
    const inPlain = await saveAlert(
      app,
      { ...owner, channel: PLAIN_CHANNEL },
      { ...alert, name: "plain", channel: PLAIN_CHANNEL },
    );

    expect(
      (await app.chat.handleTurn(turn("make this a team channel", MOD, TEAM_CHANNEL, true))).text,
    ).toMatch(/is a team channel/);
    const found = await app.chat.handleTurn(turn("find me jobs in Berlin", ANA));
    expect(found.jobs.length).toBeGreaterThanOrEqual(2);
    expect((await app.chat.handleTurn(turn("I'll apply to 1", ANA))).text).toMatch(/^You claimed/);
    await app.chat.handleTurn(turn("find me jobs in Berlin", BEN));
    expect((await app.chat.handleTurn(turn("seen 2", BEN))).text).toMatch(/^You marked as seen/);

    const run = await digestProcessor(app);
    expect(await run({ searchId: inTeam.id, dueAt: "2026-12-07T08:00:00.000Z" })).toBe("posted");
    expect(await run({ searchId: inPlain.id, dueAt: "2026-12-07T08:00:00.000Z" })).toBe("posted");
    const [first, second] = found.jobs;
    const team = teamLines(TEAM_CHANNEL);
    expect(team.get(first!.title)).toBe(`claimed by <@${ANA}>`);
    expect(team.get(second!.title)).toBe(`seen by <@${BEN}>`);
    expect([...team.values()].filter((v) => v !== null)).toHaveLength(2);
    const plain = teamLines(PLAIN_CHANNEL);
    expect(plain.size).toBe(team.size);
    expect([...plain.values()].every((v) => v === null)).toBe(true);
  }, 120_000);
});
