// Digests in their reader's language, through the Slack and Discord stand-ins and the terminal: the
// owner's language (chosen or written in) for DMs and the terminal, a channel's language setting for
// channel digests; the head line, "nothing new", the source-health footer, the card buttons and the
// notice when an alert pauses, in German and in English.
import { PassThrough } from "node:stream";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { renderAlerts } from "../../src/agents/render-alerts.js";
import { summarizeAlert } from "../../src/answers/alerts.js";
import type { App } from "../../src/compose/app.js";
import type { AlertActor } from "../../src/jobs/alerts/alerts.service.js";
import { deadPort } from "../support/dead-port.js";
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
const GUILD = "300000000000000201";
const DE_CHANNEL = "300000000000000210";
const EN_CHANNEL = "300000000000000211";
const DISCORD_DE = "200000000000000201";
const DISCORD_EN = "200000000000000202";
// Every digest's search id is new, so its boundary starts before the first run's postings.
const every = { kind: "every", everyMs: 1000 } as const;
const berlin = { keywords: "", place: "Berlin", remote: "any" } as const;

const slackActor = (userId: string): AlertActor => ({
  workspaceId: "slack:TLANG",
  userId,
  platform: "slack",
  channel: "CLANG",
  isAdmin: true,
  platformTimeZone: "Europe/Berlin",
});
const discordActor = (userId: string, channel: string): AlertActor => ({
  workspaceId: `discord:${GUILD}`,
  userId,
  platform: "discord",
  channel,
  isAdmin: true,
});

beforeAll(async () => {
  replay = await startReplayServer();
  // The Jobsuche source fails (nothing answers there), so each digest has a source-health footer.
  const dead = await deadPort();
  slack = await startSlackServer({
    users: [
      { id: "UEN", name: "ann", tz: "Europe/Berlin" },
      { id: "UDE", name: "dora", tz: "Europe/Berlin" },
    ],
  });
  discord = await startDiscordServer({
    guilds: [
      {
        id: GUILD,
        name: "sprachen",
        ownerId: DISCORD_DE,
        channels: [
          { id: DE_CHANNEL, name: "stellen" },
          { id: EN_CHANNEL, name: "jobs" },
        ],
      },
    ],
  });
  cleanups.push(
    () => replay.close(),
    () => dead.close(),
    () => slack.close(),
    () => discord.close(),
  );
  app = await startTestApp(
    replay.url,
    {
      BA_JOBSUCHE_BASE_URL: `http://127.0.0.1:${dead.port}`,
      JOBSCOUT_JOB_ATTEMPTS: "1",
      SLACK_BOT_TOKEN: slack.botToken,
      SLACK_API_URL: slack.apiUrl,
      DISCORD_TOKEN: discord.token,
      DISCORD_API_URL: discord.apiUrl,
    },
    cleanups,
  );
  // "antworte auf Deutsch" once; the others wrote in English.
  await app.members.setLanguage("slack:TLANG", "UDE", "de", true);
  await app.members.setLanguage("slack:TLANG", "UEN", "en", false);
  await app.members.setLanguage(`discord:${GUILD}`, DISCORD_DE, "de", true);
  await app.members.setLanguage("local", "local-de", "de", true);
}, 60_000);
afterAll(async () => {
  for (const c of cleanups.splice(0).reverse()) await c();
});

const slackPosts = (channel: string) =>
  slack.callsTo("chat.postMessage").filter((c) => c.args.channel === channel && c.response.ok === true);
/** The labels of the buttons in Slack blocks. */
function buttonsOf(blocks: unknown): string[] {
  const found: string[] = [];
  const walk = (v: unknown): void => {
    if (Array.isArray(v)) v.forEach(walk);
    else if (v && typeof v === "object") {
      const o = v as { type?: unknown; text?: { text?: unknown } };
      if (o.type === "button" && typeof o.text?.text === "string") found.push(o.text.text);
      Object.values(o).forEach(walk);
    }
  };
  walk(blocks);
  return found;
}

describe("digests in the reader's language", () => {
  it("writes a Slack DM digest in each owner's language, and a channel digest in the channel's", async () => {
    const de = await saveAlert(app, slackActor("UDE"), {
      name: "berlin de",
      query: berlin,
      schedule: every,
      place: "dm",
    });
    const en = await saveAlert(app, slackActor("UEN"), {
      name: "berlin en",
      query: berlin,
      schedule: every,
      place: "dm",
    });
    await app.team.setChannel({ ...slackActor("UEN"), channel: "CDE" }, { lang: "de" });
    const channel = await saveAlert(app, slackActor("UEN"), {
      name: "kanal",
      query: berlin,
      schedule: every,
      place: "channel",
      channel: "CDE",
    });
    const run = await digestProcessor(app, { fresh: true });
    for (const s of [de, en, channel])
      expect(await run({ searchId: s.id, dueAt: "2026-12-07T08:00:00.000Z" })).toBe("posted");

    const [german] = slackPosts("DUDE");
    expect(german?.args.text).toMatch(
      /^Neu für deinen Alert „berlin de“: \d+( von \d+)? Jobs? seit dem letzten Digest\./,
    );
    expect(german?.args.text).toMatch(
      /Einige Quellen sind ausgefallen, daher fehlen vielleicht Jobs:\n• .+: fehlgeschlagen — /,
    );
    expect(buttonsOf(german?.args.blocks)).toContain("Merken");
    expect(buttonsOf(german?.args.blocks)).not.toContain("Save");

    const [english] = slackPosts("DUEN");
    expect(english?.args.text).toMatch(
      /^New for your alert “berlin en”: \d+( of \d+)? jobs? since the last digest\./,
    );
    expect(english?.args.text).toMatch(/Some sources failed, so this digest may miss jobs:\n• .+: failed — /);
    expect(buttonsOf(english?.args.blocks)).toContain("Save");
    expect(buttonsOf(english?.args.blocks)).not.toContain("Merken");

    // An English owner's digest in a channel set to German is German.
    const [inChannel] = slackPosts("CDE");
    expect(inChannel?.args.text).toMatch(/^Neu für deinen Alert „kanal“/);
    expect(buttonsOf(inChannel?.args.blocks)).toContain("Merken");
  }, 180_000);

  it("tells a German Slack owner in German why their channel alert paused, and lists the reason in German", async () => {
    const gone = await saveAlert(app, slackActor("UDE"), {
      name: "alter kanal",
      query: { keywords: "rust", remote: "any" },
      schedule: { kind: "cron", pattern: "0 8 * * *" },
      place: "channel",
      channel: "CGONE",
      whenEmpty: "notice",
    });
    const before = slackPosts("DUDE").length;
    slack.fail("chat.postMessage", "not_in_channel", 1);
    const run = await digestProcessor(app);
    expect(await run({ searchId: gone.id, dueAt: "2026-12-08T07:00:00.000Z" })).toBe("paused");
    expect(
      slackPosts("DUDE")
        .slice(before)
        .map((c) => c.args.text),
    ).toEqual([
      "Ich habe deinen Alert „alter kanal“ pausiert: der Bot wurde aus dem Kanal entfernt. Sag „Alert alter kanal fortsetzen“, sobald das behoben ist, oder richte ihn woanders neu ein.",
    ]);
    const listed = (await app.alerts.list(slackActor("UDE"))).filter((a) => a.search.id === gone.id);
    expect(listed[0]?.search).toMatchObject({ status: "paused", pausedReason: "bot_removed" });
    const alerts = listed.map(summarizeAlert);
    expect(renderAlerts({ kind: "list", alerts }, "de")).toContain(
      "pausiert (der Bot wurde aus dem Kanal entfernt)",
    );
    expect(renderAlerts({ kind: "list", alerts }, "en")).toContain(
      "paused (the bot was removed from the channel)",
    );
  }, 60_000);

  it("writes Discord digests in the owner's language: German cards and buttons in a channel, English in a DM", async () => {
    const de = await saveAlert(app, discordActor(DISCORD_DE, DE_CHANNEL), {
      name: "berlin kanal",
      query: berlin,
      schedule: every,
      place: "here",
      timeZone: "Europe/Berlin",
    });
    // The board lists new postings since the Slack digests fetched it.
    publishPostings(replay, {
      location: "Berlin",
      companies: ["Sprachwerk GmbH", "Wortlaut AG"],
      tag: "Sprache",
    });
    const run = await digestProcessor(app, { fresh: true });
    expect(await run({ searchId: de.id, dueAt: "2026-12-07T08:00:00.000Z" })).toBe("posted");
    // Saved after that run: nothing is new for it.
    const en = await saveAlert(app, discordActor(DISCORD_EN, EN_CHANNEL), {
      name: "rust dm",
      query: { keywords: "rust", remote: "any" },
      schedule: { kind: "cron", pattern: "0 9 * * 1" },
      place: "dm",
      whenEmpty: "notice",
      timeZone: "Europe/Berlin",
    });
    expect(await run({ searchId: en.id, dueAt: "2026-12-07T08:00:00.000Z" })).toBe("posted");

    const [head, ...rest] = discord.botMessages(DE_CHANNEL);
    const all = [head, ...rest];
    expect(head?.content).toMatch(
      /^Neu für deinen Alert „berlin kanal“: \d+( von \d+)? Jobs? seit dem letzten Digest\./,
    );
    expect(all.map((m) => m?.content).join("\n")).toContain("Einige Quellen sind ausgefallen");
    const embeds = all.flatMap((m) => m?.embeds ?? []);
    expect(embeds.length).toBeGreaterThan(0);
    expect(embeds.flatMap((e) => (e.fields as Array<{ name: string }>).map((f) => f.name))).toContain(
      "Firma",
    );
    const labels = JSON.stringify(all.map((m) => m?.components));
    expect(labels).toContain("Merken");
    expect(labels).not.toContain('"Save');

    const dm = discord.dmChannelOf(DISCORD_EN);
    expect(discord.botMessages(dm).map((m) => m.content)).toEqual([
      expect.stringMatching(/^Nothing new for your alert “rust dm” since the last digest\./),
    ]);
  }, 180_000);

  it("prints a terminal digest in the terminal user's language", async () => {
    const actor: AlertActor = { workspaceId: "local", userId: "local-de", platform: "cli", isAdmin: false };
    const saved = await saveAlert(app, actor, {
      name: "python",
      query: { keywords: "python", remote: "any" },
      schedule: { kind: "cron", pattern: "0 9 * * *" },
      place: "dm",
      whenEmpty: "notice",
      timeZone: "Europe/Berlin",
    });
    const out = new PassThrough();
    let printed = "";
    out.on("data", (c: Buffer) => (printed += c.toString()));
    const run = await digestProcessor(app, { out });
    expect(await run({ searchId: saved.id, dueAt: "2026-12-07T08:00:00.000Z" })).toBe("posted");
    expect(printed).toContain("Nichts Neues für deinen Alert „python“ seit dem letzten Digest.");
    expect(printed).not.toContain("Nothing new");
  });
});
