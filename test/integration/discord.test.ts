// The Discord surface end to end: the real discord.js client against the local fake of Discord's
// gateway and REST API, the real store, Redis and pipeline, the job sites replayed, the offline model.
import { conversationFromRef } from "../../src/chat/conversation.js";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import type { App } from "../../src/compose/app.js";
import { startDiscordSurface, type DiscordSurface } from "../../src/bot/discord/discord.surface.js";
import { startReplayServer, type ReplayServer } from "../support/replay-server.js";
import {
  adminRoleId,
  startDiscordServer,
  type DiscordServer,
  type FakeUser,
  type StoredMessage,
} from "../support/discord-server.js";
import { startOpenAiServer } from "../support/openai-server.js";
import { dropPrefix, eventually, tempDir, testApp, testConfig, testEnv } from "../support/harness.js";
import { CV_EN, pdfWithText } from "../support/documents.js";

const ALICE: FakeUser = { id: "520000000000000001", username: "alice" };
const BOB: FakeUser = { id: "520000000000000002", username: "bob" };
const OTHER_BOT: FakeUser = { id: "520000000000000003", username: "otherbot", bot: true };
const GUILD_A = {
  id: "310000000000000001",
  name: "Team A",
  ownerId: "510000000000000001",
  channels: [{ id: "410000000000000001", name: "jobs" }],
  threads: [{ id: "410000000000000002", name: "berlin search", parentId: "410000000000000001" }],
};
const GUILD_B = {
  id: "320000000000000001",
  name: "Team B",
  ownerId: "510000000000000002",
  channels: [{ id: "420000000000000001", name: "general" }],
};
const CHANNEL_A = GUILD_A.channels[0]!.id;
const THREAD_A = GUILD_A.threads[0]!.id;
const CHANNEL_B = GUILD_B.channels[0]!.id;
const DM_ALICE = "430000000000000001";

let replay: ReplayServer;
const cleanups: Array<() => Promise<void> | void> = [];
beforeAll(async () => {
  replay = await startReplayServer();
});
afterAll(() => replay.close());
afterEach(async () => {
  for (const c of cleanups.splice(0).reverse()) await c();
});

interface Harness {
  fake: DiscordServer;
  app: App;
  surface: DiscordSurface;
  /** Every bot process started (the first is `surface`). */
  surfaces: DiscordSurface[];
  /** A user mentions the bot (or writes in a DM, or replies) and we wait for the answer. */
  ask(
    user: FakeUser,
    channelId: string,
    text: string,
    o?: { replyTo?: string; mention?: boolean; roles?: string[]; until?: (ms: StoredMessage[]) => boolean },
  ): Promise<{ id: string; replies: StoredMessage[] }>;
}

async function start(extraEnv: Record<string, string> = {}, surfaces = 1): Promise<Harness> {
  const fake = await startDiscordServer({ guilds: [GUILD_A, GUILD_B] });
  cleanups.push(() => fake.close());
  const tmp = tempDir();
  const env = testEnv(tmp.dir, replay.url, {
    DISCORD_TOKEN: fake.token,
    DISCORD_API_URL: fake.apiUrl,
    DISCORD_APPLICATION_ID: fake.applicationId,
    ...extraEnv,
  });
  const app = await testApp(testConfig(env));
  cleanups.push(
    tmp.remove,
    () => dropPrefix(env.JOBSCOUT_QUEUE_PREFIX),
    () => app.close(),
  );
  const started: DiscordSurface[] = [];
  for (let i = 0; i < surfaces; i++) {
    const s = await startDiscordSurface(app, { waitGuildTimeout: 200, drainMs: 2000 });
    cleanups.push(() => s.stop());
    started.push(s);
  }
  return {
    fake,
    app,
    surface: started[0]!,
    surfaces: started,
    async ask(user, channelId, text, o = {}) {
      const mention = o.mention ?? channelId !== DM_ALICE;
      const sent = fake.postMessage({
        channelId,
        author: user,
        content: mention ? `<@${fake.botUser.id}> ${text}` : text,
        mentionBot: mention,
        ...(o.replyTo ? { replyTo: o.replyTo } : {}),
        ...(o.roles ? { roles: o.roles } : {}),
      });
      const id = sent.id as string;
      const until =
        o.until ?? ((ms: StoredMessage[]) => ms.some((m) => m.embeds.length > 0 || !isProgress(m)));
      const replies = await eventually(() => {
        const ms = fake.botMessages().filter((m) => m.replyTo === id);
        return until(ms) ? ms : undefined;
      }, 60_000);
      return { id, replies };
    },
  };
}

const isProgress = (m: StoredMessage) => /^(⏳|Fetched fresh postings|The run failed)/.test(m.content);
const cardsOf = (ms: StoredMessage[]) => ms.flatMap((m) => m.embeds);
const customIds = (m: StoredMessage) =>
  m.components.flatMap((r) =>
    (r.components as Array<{ custom_id: string; label: string }>).map((b) => b.custom_id),
  );
/** A search answer is complete when all the cards its text announces ("Here are 5 of 39 …") arrived. */
const withCards = (ms: StoredMessage[]) => {
  const announced = ms.map((m) => /Here are (\d+)(?: of \d+)? matches/.exec(m.content)).find(Boolean);
  return !!announced && cardsOf(ms).length === Number(announced[1]);
};
const jobIdOf = (m: StoredMessage, n: number) => customIds(m)[n * 3]!.split(":")[2]!;

/** Press the More button of an answer and wait for the next page of five cards. */
async function pressMore(h: Harness, replies: StoredMessage[], user: FakeUser) {
  const moreOn = replies.find((m) => customIds(m).some((c) => c.startsWith("reply:more:")))!;
  const more = h.fake.pressButton({
    messageId: moreOn.id,
    customId: customIds(moreOn).find((c) => c.startsWith("reply:more:"))!,
    user,
  });
  const page = await eventually(() => {
    const ms = h.fake.botMessages().filter((m) => m.interactionId === more.id);
    return cardsOf(ms).length === 5 ? ms : undefined;
  });
  return { more, page };
}

describe("Discord surface", () => {
  it("an empty mention is answered with help in the language the member last wrote in", async () => {
    const h = await start();
    const said = await h.ask(ALICE, CHANNEL_A, "Zeig mir meine gespeicherten Jobs");
    expect(said.replies.map((m) => m.content).join("\n")).toMatch(/gespeichert/);
    const empty = h.fake.postMessage({
      channelId: CHANNEL_A,
      author: ALICE,
      content: `<@${h.fake.botUser.id}>`,
      mentionBot: true,
    });
    const help = await eventually(() => h.fake.botMessages().find((m) => m.replyTo === empty.id));
    expect(help.content).toMatch(/^Ich suche Stellenangebote für dich/);
    // Someone who never wrote gets English.
    const other = h.fake.postMessage({
      channelId: CHANNEL_A,
      author: BOB,
      content: `<@${h.fake.botUser.id}>`,
      mentionBot: true,
    });
    const helpEn = await eventually(() => h.fake.botMessages().find((m) => m.replyTo === other.id));
    expect(helpEn.content).toMatch(/^I search job postings for you/);
  });

  it("an attachment sent alone in a DM reaches the chat: it is read as a CV, not answered with the help text", async () => {
    const h = await start();
    const cv = pdfWithText(CV_EN);
    const sent = h.fake.postMessage({
      channelId: DM_ALICE,
      author: ALICE,
      content: "",
      attachments: [{ filename: "cv.pdf", size: cv.length, contentType: "application/pdf", content: cv }],
    });
    const reply = await eventually(() =>
      [...h.fake.messages.values()].find((m) => m.channelId === DM_ALICE && m.replyTo === sent.id),
    );
    expect(reply.content).toMatch(/Reading your CV “cv\.pdf”/);
    expect(reply.content).not.toMatch(/find me jobs in Berlin/); // not the help text
  });

  it("answers a mention with job-card embeds and buttons, after one progress message edited in place", async () => {
    const h = await start();
    const { id, replies } = await h.ask(ALICE, CHANNEL_A, "find me jobs in Berlin", { until: withCards });

    const [progress, ...answer] = replies;
    expect(progress!.content).toMatch(/^Fetched fresh postings — Arbeitnow: 105\b/);
    expect(progress!.history.length).toBeGreaterThanOrEqual(1);
    const answerMsg = answer.find((m) => m.embeds.length > 0)!;
    expect(answerMsg.replyTo).toBe(id);
    expect(answerMsg.content).toMatch(/matches for jobs in or near Berlin/);
    const cards = cardsOf(answer) as Array<{
      title: string;
      url?: string;
      fields: Array<{ name: string; value: string }>;
    }>;
    expect(cards.length).toBe(5);
    for (const [i, c] of cards.entries()) {
      expect(c.title).toMatch(new RegExp(`^${i + 1}\\. `));
      expect(c.url).toMatch(/^https:\/\//);
      expect(c.fields.map((f) => f.name)).toEqual(
        expect.arrayContaining(["Company", "Place", "Remote", "Posted"]),
      );
      expect(c.fields.find((f) => f.name === "Place")!.value).toMatch(/Berlin/);
      // The card paragraphs are not repeated in the text above the embeds.
      expect(answerMsg.content).not.toContain(c.title);
    }
    const ids = answer.flatMap(customIds);
    expect(ids.filter((c) => c.startsWith("job:details:")).length).toBe(5);
    expect(ids.filter((c) => c.startsWith("job:save:")).length).toBe(5);
    expect(ids.filter((c) => c.startsWith("job:hide:")).length).toBe(5);
    // More names this conversation (channel, thread of the mention) by an opaque reference.
    const more = ids.find((c) => c.startsWith("reply:more:"))!;
    expect(more.length).toBeLessThanOrEqual(100);
    const named = conversationFromRef(more.slice("reply:more:".length), {
      platform: "discord",
      workspace: { id: "discord:any" },
    });
    expect(named).toMatchObject({ channel: CHANNEL_A, thread: id });

    // Nothing the bot posts can ping anyone but the asker.
    const posts = h.fake.calls.filter((c) => c.method === "POST" && c.path.endsWith("/messages"));
    for (const p of posts)
      expect((p.body as { allowed_mentions: { parse: string[] } }).allowed_mentions.parse).toEqual([]);
    // Progress is shown by editing that one message (how often is the throttle's business: arrival
    // times at a server on a loaded machine say nothing reliable about it).
    const edits = h.fake.calls.filter(
      (c) => c.method === "PATCH" && c.path.endsWith(`/messages/${progress!.id}`),
    );
    expect(edits.length).toBeGreaterThan(0);
    expect(await h.app.runs.latest(`discord:${GUILD_A.id}`, 5)).toHaveLength(1);
  });

  it("keeps one conversation per reply chain and per thread; other members get their own", async () => {
    const h = await start();
    const first = await h.ask(ALICE, CHANNEL_A, "find me jobs in Berlin", { until: withCards });
    const answer = first.replies.find((m) => m.embeds.length > 0)!;

    // A reply to the bot's answer continues Alice's conversation, no mention needed.
    const refined = await h.ask(ALICE, CHANNEL_A, "only remote ones", {
      replyTo: answer.id,
      mention: false,
      until: withCards,
    });
    expect(refined.replies.map((m) => m.content).join("\n")).toMatch(/in or near Berlin.*remote only/);
    const remote = cardsOf(refined.replies) as Array<{ fields: Array<{ name: string; value: string }> }>;
    expect(remote.length).toBeGreaterThan(0);
    for (const c of remote) expect(c.fields.find((f) => f.name === "Remote")!.value).toBe("Remote");

    // Bob's own mention starts his own conversation: "only remote ones" has no place to refine.
    const bob = await h.ask(BOB, CHANNEL_A, "only remote ones");
    const bobText = bob.replies.map((m) => m.content).join("\n");
    expect(bobText).not.toMatch(/Berlin/);

    // In a thread channel the thread is the conversation, whoever speaks.
    await h.ask(ALICE, THREAD_A, "find me jobs in Berlin", { until: withCards });
    const inThread = await h.ask(BOB, THREAD_A, "only remote ones", { until: withCards });
    expect(inThread.replies.every((m) => m.channelId === THREAD_A)).toBe(true);
    expect(inThread.replies.map((m) => m.content).join("\n")).toMatch(/Berlin/);

    // Messages that are not for the bot are ignored: no mention, another bot.
    const before = h.fake.botMessages().length;
    h.fake.postMessage({ channelId: CHANNEL_A, author: BOB, content: "lunch?" });
    h.fake.postMessage({
      channelId: CHANNEL_A,
      author: OTHER_BOT,
      content: `<@${h.fake.botUser.id}> find me jobs in Berlin`,
      mentionBot: true,
    });
    const probe = await h.ask(BOB, CHANNEL_A, "help");
    expect(probe.replies.length).toBeGreaterThan(0);
    expect(h.fake.botMessages().length).toBe(before + probe.replies.length);
  });

  it("answers plain channel messages only after a channel admin says so, and mentions only again after", async () => {
    const h = await start();
    const admin = [adminRoleId(GUILD_A.id)];
    const plain = (text: string) =>
      h.fake.postMessage({ channelId: CHANNEL_A, author: BOB, content: text }).id as string;
    const said = (re: RegExp) => (ms: StoredMessage[]) => ms.some((m) => re.test(m.content));
    const before = plain("find me jobs in Berlin");
    await h.ask(BOB, CHANNEL_A, "answer every message in this channel", {
      until: said(/^Only workspace admins can change a channel's settings\./),
    });
    await h.ask(ALICE, CHANNEL_A, "answer every message in this channel", {
      roles: admin,
      until: said(/I answer every message\./),
    });
    const answered = plain("find me jobs in Berlin");
    const replies = await eventually(() => {
      const ms = h.fake.botMessages().filter((m) => m.replyTo === answered);
      return withCards(ms) ? ms : undefined;
    }, 60_000);
    expect(cardsOf(replies).length).toBeGreaterThan(0);
    // The same channel id in guild B is another channel: still mentions only there.
    const otherGuild = h.fake.postMessage({
      channelId: CHANNEL_B,
      author: BOB,
      content: "find me jobs in Berlin",
    }).id as string;
    await h.ask(ALICE, CHANNEL_A, "answer only when mentioned", {
      roles: admin,
      until: said(/I answer only when mentioned\./),
    });
    const after = plain("find me jobs in Berlin");
    // The gateway delivers in order: once a later mention is answered, the plain message was seen;
    // stopping then drains every turn the surface started.
    await h.ask(BOB, CHANNEL_A, "help");
    await h.surface.stop();
    for (const id of [before, otherGuild, after])
      expect(h.fake.botMessages().filter((m) => m.replyTo === id)).toEqual([]);
  });

  it("buttons: Not for me hides a job for the presser only, Save is per user, Details is ephemeral", async () => {
    const h = await start();
    const alice = await h.ask(ALICE, CHANNEL_A, "find me jobs in Berlin", { until: withCards });
    const card = alice.replies.find((m) => m.embeds.length > 0)!;
    const hidden = jobIdOf(card, 0);
    const saved = jobIdOf(card, 1);
    const hiddenTitle = (card.embeds[0] as { title: string }).title.replace(/^1\. /, "");
    const savedTitle = (card.embeds[1] as { title: string }).title.replace(/^2\. /, "");

    const press = async (user: FakeUser, customId: string) => {
      const it = h.fake.pressButton({ messageId: card.id, customId, user });
      const original = await eventually(() => {
        const m = it.originalId ? h.fake.messages.get(it.originalId) : undefined;
        return m && m.content ? m : undefined;
      });
      return { it, original };
    };
    const hide = await press(ALICE, `job:hide:${hidden}`);
    expect(hide.it.ackFlags & 64).toBe(64);
    expect(hide.original.content).toContain(`I won't show you “${hiddenTitle}”`);
    const save = await press(ALICE, `job:save:${saved}`);
    expect(save.it.ackFlags & 64).toBe(64);
    expect(save.original.content).toContain(`Saved “${savedTitle}”`);
    const details = await press(BOB, `job:details:${hidden}`);
    expect(details.it.ackFlags & 64).toBe(64);
    expect(details.original.content).toContain(hiddenTitle);

    const again = await h.ask(ALICE, CHANNEL_A, "find me jobs in Berlin", { until: withCards });
    const againTitles = cardsOf(again.replies).map((e) => (e as { title: string }).title);
    expect(againTitles.some((t) => t.endsWith(hiddenTitle))).toBe(false);
    const forBob = await h.ask(BOB, CHANNEL_A, "find me jobs in Berlin", { until: withCards });
    expect(cardsOf(forBob.replies).some((e) => (e as { title: string }).title.endsWith(hiddenTitle))).toBe(
      true,
    );

    const aliceSaved = await h.ask(ALICE, CHANNEL_A, "my saved jobs");
    expect(JSON.stringify(aliceSaved.replies)).toContain(savedTitle);
    const bobSaved = await h.ask(BOB, CHANNEL_A, "my saved jobs");
    expect(bobSaved.replies.map((m) => m.content).join("\n")).toMatch(/no saved jobs/);
    // More continues Alice's first conversation for the whole channel to see: cards 6 to 10.
    const { more, page } = await pressMore(h, alice.replies, ALICE);
    expect(more.ackFlags & 64).toBe(0);
    expect(page[0]!.content).toMatch(/^More matches for jobs in or near Berlin/);
    expect(cardsOf(page).map((e) => (e as { title: string }).title.split(".")[0])).toEqual([
      "6",
      "7",
      "8",
      "9",
      "10",
    ]);
    // One run for the guild: the later searches were answered from the index.
    expect(await h.app.runs.latest(`discord:${GUILD_A.id}`, 5)).toHaveLength(1);
  });

  it("in a DM, More, Save, Details and Not for me act on that DM's conversation", async () => {
    const h = await start();
    const dm = await h.ask(ALICE, DM_ALICE, "find me jobs in Berlin", { until: withCards });
    const card = dm.replies.find((m) => m.embeds.length > 0)!;
    const press = async (messageId: string, customId: string) => {
      const it = h.fake.pressButton({ messageId, customId, user: ALICE });
      const original = await eventually(() => {
        const m = it.originalId ? h.fake.messages.get(it.originalId) : undefined;
        return m && m.content ? m : undefined;
      });
      return original.content;
    };
    expect(await press(card.id, `job:save:${jobIdOf(card, 1)}`)).toMatch(/^Saved/);
    expect(await press(card.id, `job:details:${jobIdOf(card, 1)}`)).toMatch(/Apply: https:\/\//);
    expect(await press(card.id, `job:hide:${jobIdOf(card, 0)}`)).toMatch(/won't show you/);
    expect(await h.app.marks.list(`discord-dm:${ALICE.id}`, ALICE.id, "saved")).toHaveLength(1);

    const { page } = await pressMore(h, dm.replies, ALICE);
    expect(page[0]!.content).toMatch(/^More matches for jobs in or near Berlin/);
  });

  it("keeps workspaces apart: guild B and Alice's DMs never see guild A's saved jobs or runs", async () => {
    const h = await start();
    const a = await h.ask(ALICE, CHANNEL_A, "find me jobs in Berlin", {
      until: withCards,
      roles: [adminRoleId(GUILD_A.id)],
    });
    const card = a.replies.find((m) => m.embeds.length > 0)!;
    const it = h.fake.pressButton({
      messageId: card.id,
      customId: `job:save:${jobIdOf(card, 0)}`,
      user: ALICE,
    });
    await eventually(() => (it.originalId && h.fake.messages.get(it.originalId)?.content) || undefined);

    const inB = await h.ask(ALICE, CHANNEL_B, "my saved jobs");
    expect(inB.replies.map((m) => m.content).join("\n")).toMatch(/no saved jobs/);
    const statusB = await h.ask(ALICE, CHANNEL_B, "status");
    expect(statusB.replies.map((m) => m.content).join("\n")).toMatch(/No runs yet/i);
    const dm = await h.ask(ALICE, DM_ALICE, "my saved jobs", { mention: false });
    expect(dm.replies[0]!.channelId).toBe(DM_ALICE);
    expect(dm.replies.map((m) => m.content).join("\n")).toMatch(/no saved jobs/);

    expect(await h.app.runs.latest(`discord:${GUILD_A.id}`, 5)).toHaveLength(1);
    expect(await h.app.runs.latest(`discord:${GUILD_B.id}`, 5)).toHaveLength(0);
    expect(await h.app.runs.latest(`discord-dm:${ALICE.id}`, 5)).toHaveLength(0);
  });

  it("treats a DM as one conversation: a new message refines the last search", async () => {
    const h = await start();
    await h.ask(ALICE, DM_ALICE, "jobs in Berlin", { mention: false, until: withCards });
    const refined = await h.ask(ALICE, DM_ALICE, "only remote ones", { mention: false, until: withCards });
    expect(refined.replies.map((m) => m.content).join("\n")).toMatch(
      /in or near Berlin \(25 km\), remote only/,
    );
  });

  it("splits a 6,000-character answer into several messages of at most 2,000 characters", async () => {
    const paragraphs = Array.from(
      { length: 60 },
      (_, i) => `Paragraph ${i + 1}: ${"lorem ipsum dolor sit amet ".repeat(4).trim()}.`,
    );
    const long = paragraphs.join("\n\n");
    expect(long.length).toBeGreaterThan(6000);
    const model = await startOpenAiServer([{ text: long }]);
    cleanups.push(() => model.close());
    const h = await start({ OPENAI_API_KEY: "sk-test-not-real", OPENAI_BASE_URL: model.url });
    const { replies } = await h.ask(ALICE, CHANNEL_A, "tell me everything", {
      until: (ms) => ms.some((m) => m.content.includes("Paragraph 60:")),
    });
    expect(replies.length).toBeGreaterThanOrEqual(4);
    for (const m of replies) expect(m.content.length).toBeLessThanOrEqual(2000);
    expect(replies.map((m) => m.content).join("\n\n")).toBe(long);
    expect(h.fake.calls.filter((c) => c.status >= 400)).toEqual([]);
  });

  it("answers a gateway event once even when two bot processes receive it", async () => {
    const h = await start({}, 2);
    const { id } = await h.ask(ALICE, CHANNEL_A, "help");
    const i = h.fake.slashCommand({
      channelId: CHANNEL_A,
      guildId: GUILD_A.id,
      user: BOB,
      subcommand: "status",
    });
    await eventually(() => (i.originalId && h.fake.messages.get(i.originalId)?.content) || undefined);
    // Both processes got the event over their local gateway socket before the first answer came
    // back; stopping them waits for whatever either has in flight, so a second answer would be here.
    await Promise.all(h.surfaces.map((s) => s.stop()));
    expect(h.fake.botMessages().filter((m) => m.replyTo === id)).toHaveLength(1);
    const callbacks = h.fake.calls.filter((c) => c.path.startsWith(`/interactions/${i.id}/`));
    expect(callbacks).toHaveLength(1);
    expect(callbacks[0]!.status).toBe(204);
  });

  it("drill: the gateway drops mid-conversation; discord.js resumes and the message sent meanwhile is answered once", async () => {
    const h = await start();
    const first = await h.ask(ALICE, CHANNEL_A, "help");
    expect(h.fake.gatewayLog.map((c) => c.kind)).toEqual(["identify"]);

    // Discord closes the connection with a resumable code; Bob writes before the bot is back.
    expect(h.fake.dropGateway(4000)).toBe(1);
    const second = await h.ask(BOB, CHANNEL_A, "hilfe");

    const [identify, resumed, ...more] = h.fake.gatewayLog;
    expect(more).toEqual([]);
    // The same session taken up at READY's resume_gateway_url, Bob's message replayed in it.
    expect(resumed).toEqual({
      kind: "resume",
      path: "/gateway-resume",
      sessionId: identify!.sessionId,
      replayed: 1,
    });
    expect(second.replies.filter((m) => !isProgress(m))).toHaveLength(1);
    expect(second.replies[0]!.content).toMatch(/^Ich /);

    // Whatever either turn still had in flight is drained by stopping: a second answer would be here.
    await h.surface.stop();
    const answersTo = (id: string) => h.fake.botMessages().filter((m) => m.replyTo === id);
    expect(answersTo(first.id)).toHaveLength(1);
    expect(answersTo(second.id)).toHaveLength(1);
  });

  it("refuses to start without DISCORD_TOKEN, naming it", async () => {
    const tmp = tempDir();
    const env = testEnv(tmp.dir, replay.url);
    const app = await testApp(testConfig(env));
    cleanups.push(
      tmp.remove,
      () => dropPrefix(env.JOBSCOUT_QUEUE_PREFIX),
      () => app.close(),
    );
    await expect(startDiscordSurface(app)).rejects.toThrow(/DISCORD_TOKEN/);
  });
});
