// The "Why this score?" button on the real surfaces: Slack (bolt's HTTP receiver and web-api client
// against the local Slack) and Discord (discord.js against the local gateway and REST). The answer
// is ephemeral and comes from the presser's own profile: Bob pressing the button on Alice's card
// learns nothing of Alice's CV or score.
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { startDiscordSurface } from "../../src/bot/discord/discord.surface.js";
import { startSlackSurface } from "../../src/bot/slack/slack.surface.js";
import { startDiscordServer, type FakeUser, type StoredMessage } from "../support/discord-server.js";
import { eventually, startTestApp } from "../support/harness.js";
import { CV_WEB, givenProfile } from "../support/profiles.js";
import { startReplayServer, type ReplayServer } from "../support/replay-server.js";
import {
  buttonPress,
  eventEnvelope,
  mentionEvent,
  SlackSender,
  slackTs,
  startSlackServer,
  type FakeMessage,
} from "../support/slack-server.js";

let replay: ReplayServer;
const cleanups: Array<() => Promise<void> | void> = [];
beforeAll(async () => {
  replay = await startReplayServer();
});
afterAll(() => replay.close());
afterEach(async () => {
  for (const c of cleanups.splice(0).reverse()) await c();
});

const appWith = (extra: Record<string, string>) => startTestApp(replay.url, extra, cleanups);

const NO_PROFILE = /no profile for you yet: send me your CV/;

describe("the Why button", () => {
  it("in Slack answers the presser alone with their breakdown; another member gets no one else's", async () => {
    const SECRET = "fit-signing-secret";
    const slack = await startSlackServer({
      users: [
        { id: "UALICE", name: "alice" },
        { id: "UBOB", name: "bob" },
      ],
    });
    cleanups.push(() => slack.close());
    const app = await appWith({
      SLACK_BOT_TOKEN: slack.botToken,
      SLACK_SIGNING_SECRET: SECRET,
      SLACK_API_URL: slack.apiUrl,
      SLACK_PORT: "0",
    });
    await givenProfile(app.profiles, { workspaceId: `slack:${slack.teamId}`, userId: "UALICE" }, CV_WEB);
    const surface = await startSlackSurface(app);
    cleanups.push(() => surface.stop());
    const send = new SlackSender(`http://127.0.0.1:${surface.port}/slack/events`, SECRET);

    const ts = slackTs();
    await send.event(
      eventEnvelope({
        teamId: slack.teamId,
        botUserId: slack.botUserId,
        event: mentionEvent({
          user: "UALICE",
          text: "find me jobs in Berlin",
          channel: "C0JOBS",
          botUserId: slack.botUserId,
          ts,
        }),
      }),
    );
    const whyButtons = (m: FakeMessage) =>
      m.blocks
        .filter((b) => b.type === "actions")
        .flatMap((b) => b.elements as Array<{ action_id: string; value: string }>)
        .filter((b) => b.action_id === "job_why");
    const answer = await eventually(
      () => slack.thread("C0JOBS", ts).find((m) => whyButtons(m).length > 0),
      60_000,
    );
    expect(answer.text).toMatch(/Fit \d+/);
    const jobId = whyButtons(answer)[0]!.value;

    const press = async (user: string) => {
      const before = slack.callsTo("chat.postEphemeral").length;
      const res = await send.interaction(
        buttonPress({
          message: answer,
          actionId: "job_why",
          value: jobId,
          user,
          teamId: slack.teamId,
          responseUrl: slack.responseUrl(),
        }),
      );
      expect(res.status).toBe(200);
      const reply = await eventually(() => slack.callsTo("chat.postEphemeral")[before]);
      expect(reply.args).toMatchObject({ channel: "C0JOBS", user });
      return String(reply.args.text);
    };
    const alice = await press("UALICE");
    expect(alice).toMatch(/Fit \d+\/100 for/);
    expect(alice).toMatch(/L\d+: “/);
    const bob = await press("UBOB");
    expect(bob).toMatch(NO_PROFILE);
    expect(bob).not.toMatch(/Laravel|L\d+: “/);
  });

  it("in Discord answers the presser alone (ephemeral); Bob in the same guild or another gets no score; Alice has hers in every guild", async () => {
    const ALICE: FakeUser = { id: "520000000000000011", username: "alice" };
    const BOB: FakeUser = { id: "520000000000000012", username: "bob" };
    const guildA = {
      id: "310000000000000011",
      name: "A",
      ownerId: "510000000000000011",
      channels: [{ id: "410000000000000011", name: "jobs" }],
    };
    const guildB = {
      id: "320000000000000011",
      name: "B",
      ownerId: "510000000000000012",
      channels: [{ id: "420000000000000011", name: "jobs" }],
    };
    const fake = await startDiscordServer({ guilds: [guildA, guildB] });
    cleanups.push(() => fake.close());
    const app = await appWith({
      DISCORD_TOKEN: fake.token,
      DISCORD_API_URL: fake.apiUrl,
      DISCORD_APPLICATION_ID: fake.applicationId,
    });
    // A Discord user's profile is theirs in every server and DM (as a CV sent in a DM stores it).
    await givenProfile(app.profiles, { workspaceId: `discord-user:${ALICE.id}`, userId: ALICE.id }, CV_WEB);
    const surface = await startDiscordSurface(app, { waitGuildTimeout: 200, drainMs: 2000 });
    cleanups.push(() => surface.stop());

    const whyIds = (m: StoredMessage) =>
      m.components
        .flatMap((r) => (r.components as Array<{ custom_id: string }>).map((b) => b.custom_id))
        .filter((c) => c.startsWith("job:why:"));
    const ask = async (user: FakeUser, channelId: string) => {
      const sent = fake.postMessage({
        channelId,
        author: user,
        content: `<@${fake.botUser.id}> find me jobs in Berlin`,
        mentionBot: true,
      });
      return eventually(
        () =>
          fake
            .botMessages()
            .filter((m) => m.replyTo === sent.id)
            .find((m) => m.embeds.length > 0),
        60_000,
      );
    };
    const press = async (user: FakeUser, card: StoredMessage, customId: string) => {
      const it = fake.pressButton({ messageId: card.id, customId, user });
      const original = await eventually(() => {
        const m = it.originalId ? fake.messages.get(it.originalId) : undefined;
        return m && m.content ? m : undefined;
      });
      expect(it.ackFlags & 64).toBe(64); // ephemeral
      return original.content;
    };

    const card = await ask(ALICE, guildA.channels[0]!.id);
    const why = whyIds(card)[0]!;
    expect(why).toBeDefined();
    expect(await press(ALICE, card, why)).toMatch(/Fit \d+\/100 for/);
    expect(await press(BOB, card, why)).toMatch(NO_PROFILE);
    // In guild B Alice is the same Discord user: her own profile scores her cards there too; Bob,
    // there as well, still gets no one else's.
    const inB = await ask(ALICE, guildB.channels[0]!.id);
    const whyInB = whyIds(inB)[0]!;
    expect(whyInB).toBeDefined();
    expect(await press(ALICE, inB, whyInB)).toMatch(/Fit \d+\/100 for/);
    expect(await press(BOB, inB, whyInB)).toMatch(NO_PROFILE);
  });
});
