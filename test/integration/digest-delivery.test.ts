// Digests end to end through the Slack and Discord stand-ins with the real clients: fresh runs
// against the replayed job board, the second digest holding only the postings published after the
// first, a job listed twice shown once, the per-company cap; Discord's channel and DM delivery, and
// a channel the bot lost pausing the alert.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { App } from "../../src/compose/app.js";
import type { AlertActor } from "../../src/jobs/alerts/alerts.service.js";
import { startDiscordServer, type DiscordServer } from "../support/discord-server.js";
import { digestProcessor, publishPostings, saveAlert } from "../support/digests.js";
import { startTestApp } from "../support/harness.js";
import { startReplayServer, type ReplayServer } from "../support/replay-server.js";
import { startSlackServer, type SlackServer } from "../support/slack-server.js";

const cleanups: Array<() => Promise<void> | void> = [];
let app: App;
let slack: SlackServer;
let discord: DiscordServer;
let replay: ReplayServer;
const GUILD = "300000000000000001";
const JOBS_CHANNEL = "300000000000000010";
const GONE_CHANNEL = "300000000000000011";
const DISCORD_OWNER = "200000000000000001";

const slackOwner: AlertActor = {
  workspaceId: "slack:T1",
  userId: "U1",
  platform: "slack",
  channel: "C1",
  isAdmin: true,
  platformTimeZone: "Europe/Berlin",
};
const discordOwner: AlertActor = {
  workspaceId: `discord:${GUILD}`,
  userId: DISCORD_OWNER,
  platform: "discord",
  channel: JOBS_CHANNEL,
  isAdmin: true,
};

beforeAll(async () => {
  replay = await startReplayServer();
  slack = await startSlackServer({ users: [{ id: "U1", name: "ana", tz: "Europe/Berlin" }] });
  discord = await startDiscordServer({
    guilds: [
      {
        id: GUILD,
        name: "jobs guild",
        ownerId: DISCORD_OWNER,
        channels: [
          { id: JOBS_CHANNEL, name: "jobs" },
          { id: GONE_CHANNEL, name: "old-jobs" },
        ],
      },
    ],
  });
  cleanups.push(
    () => replay.close(),
    () => slack.close(),
    () => discord.close(),
  );
  app = await startTestApp(
    replay.url,
    {
      SLACK_BOT_TOKEN: slack.botToken,
      SLACK_API_URL: slack.apiUrl,
      DISCORD_TOKEN: discord.token,
      DISCORD_API_URL: discord.apiUrl,
    },
    cleanups,
  );
});
afterAll(async () => {
  for (const c of cleanups.splice(0).reverse()) await c();
});

const slackPosts = (channel: string) =>
  slack.callsTo("chat.postMessage").filter((c) => c.args.channel === channel && c.response.ok === true);
const slackTitles = (text: unknown) =>
  [...String(text).matchAll(/^\d+\. (.+) — (.+)$/gm)].map((m) => `${m[1]} — ${m[2]}`);
const discordTitles = (channel: string, from = 0) =>
  discord
    .botMessages(channel)
    .slice(from)
    .flatMap((m) => m.embeds)
    .map((e) => {
      const company = (e.fields as Array<{ name: string; value: string }>).find((f) => f.name === "Company");
      return `${String(e.title).replace(/^\d+\. /, "")} — ${company?.value ?? ""}`;
    });

describe("digests end to end", () => {
  it("posts only the postings published since the last digest, once per job, at most two per company, in Slack and Discord", async () => {
    // A 1 s schedule: each digest finds the data older than its interval and fetches first.
    const every = { kind: "every", everyMs: 1000 } as const;
    const query = { keywords: "", place: "Berlin", remote: "any" } as const;
    const inSlack = await saveAlert(app, slackOwner, {
      name: "berlin dm",
      query,
      schedule: every,
      place: "dm",
    });
    const inDiscord = await saveAlert(app, discordOwner, {
      name: "berlin channel",
      query,
      schedule: every,
      place: "here",
      timeZone: "Europe/Berlin",
    });
    const run = await digestProcessor(app, { fresh: true });

    expect(await run({ searchId: inSlack.id, dueAt: "2026-12-07T08:00:00.000Z" })).toBe("posted");
    expect(await run({ searchId: inDiscord.id, dueAt: "2026-12-07T08:00:00.000Z" })).toBe("posted");
    const [firstSlack] = slackPosts("DU1");
    const first = slackTitles(firstSlack?.args.text);
    expect(first.length).toBeGreaterThanOrEqual(3);
    expect(discordTitles(JOBS_CHANNEL)).toEqual(first);
    const discordBefore = discord.botMessages(JOBS_CHANNEL).length;

    // Between the digests the board lists five new postings: three of one company, and one job twice.
    const [a1, a2, a3, b] = publishPostings(replay, {
      location: "Berlin",
      companies: [
        "Nordlicht Digest GmbH",
        "Nordlicht Digest GmbH",
        "Nordlicht Digest GmbH",
        "Südwind Digest AG",
      ],
      tag: "Digesttest",
    });
    replay.publishArbeitnow([{ ...b!, slug: `${String(b!.slug)}-repost`, url: `${b!.url}-repost` }]);
    await new Promise((r) => setTimeout(r, 1100));

    expect(await run({ searchId: inSlack.id, dueAt: "2026-12-07T09:00:00.000Z" })).toBe("posted");
    expect(await run({ searchId: inDiscord.id, dueAt: "2026-12-07T09:00:00.000Z" })).toBe("posted");
    const second = slackTitles(slackPosts("DU1")[1]?.args.text);
    const fresh = [a1, a2, a3, b].map((p) => `${p!.title} — ${p!.company_name}`);
    expect(second).toHaveLength(3);
    expect(fresh.slice(0, 3).filter((t) => second.includes(t))).toHaveLength(2);
    expect(second).toContain(fresh[3]);
    expect(slackPosts("DU1")[1]?.args.text).toMatch(
      /New for your alert “berlin dm”: 3 of 4 jobs since the last digest\./,
    );
    expect(discordTitles(JOBS_CHANNEL, discordBefore).sort()).toEqual([...second].sort());

    // Nothing published since: the next digest has nothing new (and these alerts say nothing then).
    await new Promise((r) => setTimeout(r, 1100));
    expect(await run({ searchId: inSlack.id, dueAt: "2026-12-07T10:00:00.000Z" })).toBe("empty");
    expect(slackPosts("DU1")).toHaveLength(2);
  }, 180_000);

  it("posts a Discord DM digest in the owner's DM channel, and pauses a channel alert once the bot lost the channel", async () => {
    const dm = await saveAlert(app, discordOwner, {
      name: "rust dm",
      query: { keywords: "rust", remote: "any" },
      schedule: { kind: "cron", pattern: "0 9 * * 1" },
      place: "dm",
      whenEmpty: "notice",
      timeZone: "Europe/Berlin",
    });
    const run = await digestProcessor(app);
    expect(await run({ searchId: dm.id, dueAt: "2026-12-07T08:00:00.000Z" })).toBe("posted");
    const dmChannel = discord.dmChannelOf(DISCORD_OWNER);
    expect(dmChannel).toBeDefined();
    expect(discord.botMessages(dmChannel).map((m) => m.content)).toEqual([
      expect.stringMatching(/^Nothing new for your alert “rust dm” since the last digest\./),
    ]);

    const gone = await saveAlert(app, discordOwner, {
      name: "old channel",
      query: { keywords: "rust", remote: "any" },
      schedule: { kind: "cron", pattern: "0 8 * * *" },
      place: "channel",
      channel: GONE_CHANNEL,
      whenEmpty: "notice",
    });
    discord.fail(
      "POST",
      new RegExp(`^/channels/${GONE_CHANNEL}/messages$`),
      {
        status: 403,
        code: 50001,
        message: "Missing Access",
      },
      5,
    );
    expect(await run({ searchId: gone.id, dueAt: "2026-12-08T07:00:00.000Z" })).toBe("paused");
    expect(await run({ searchId: gone.id, dueAt: "2026-12-09T07:00:00.000Z" })).toBe("skipped");
    expect(discord.botMessages(GONE_CHANNEL)).toHaveLength(0);
    const told = discord
      .botMessages(dmChannel)
      .slice(1)
      .map((m) => m.content);
    expect(told).toEqual([
      expect.stringMatching(/^I paused your alert “old channel”: the bot was removed from the channel\./),
    ]);
    const [listed] = (await app.alerts.list(discordOwner)).filter((a) => a.search.id === gone.id);
    expect(listed?.search).toMatchObject({
      status: "paused",
      pausedReason: "bot_removed",
    });
    expect(await app.schedules.next(gone)).toBeUndefined();
  }, 60_000);
});
