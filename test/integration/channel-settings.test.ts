// Per-channel settings a channel admin sets in chat (English and German), through the chat service
// and the offline model as Slack and Discord turns arrive: default place, radius and keywords a
// search without them takes, the channel's language, and whether only mentions are answered. Members
// are refused with who may; a DM and another workspace's channel of the same id keep no defaults.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { App } from "../../src/compose/app.js";
import type { ChatTurn } from "../../src/chat/chat-turn.js";
import { conversationOf } from "../../src/chat/conversation.js";
import { startTestApp } from "../support/harness.js";
import { startReplayServer, type ReplayServer } from "../support/replay-server.js";

const cleanups: Array<() => Promise<void> | void> = [];
let app: App;
let replay: ReplayServer;

beforeAll(async () => {
  replay = await startReplayServer();
  cleanups.push(() => replay.close());
  app = await startTestApp(replay.url, {}, cleanups);
});
afterAll(async () => {
  for (const c of cleanups.splice(0).reverse()) await c();
});

function slack(
  text: string,
  user: string,
  o: { admin?: boolean; channel?: string; team?: string; dm?: boolean } = {},
): ChatTurn {
  const conversation = conversationOf({
    platform: "slack",
    teamId: o.team ?? "T1CS",
    channel: o.dm ? `D${user}` : (o.channel ?? "C0CSJOBS"),
    channelType: o.dm ? "im" : "channel",
    userId: user,
    threadTs: `${user}-${text.length}.000100`,
  });
  return { ...conversation, user: { id: user, isAdmin: o.admin ?? false }, text, files: [] };
}

function discord(text: string, user: string, o: { admin?: boolean; channel?: string } = {}): ChatTurn {
  const conversation = conversationOf({
    platform: "discord",
    guildId: "900000000000000071",
    channel: o.channel ?? "900000000000000072",
    inThread: false,
    root: `${user}${text.length}`,
    userId: user,
  });
  return { ...conversation, user: { id: user, isAdmin: o.admin ?? false }, text, files: [] };
}

describe("channel settings in Slack", () => {
  it("takes an admin's default place and radius for searches without them, and refuses members", async () => {
    const say = async (turn: ChatTurn) => (await app.chat.handleTurn(turn)).text;
    expect(await say(slack("set this channel's default place to Berlin, radius 30 km", "UMEMCS"))).toMatch(
      /^Only workspace admins can change a channel's settings\./,
    );
    expect(
      await say(slack("set this channel's default place to Berlin, radius 30 km", "UADMCS", { admin: true })),
    ).toBe(
      "Settings of <#C0CSJOBS>: default place Berlin (30 km); I answer only when mentioned. A search here without its own place, radius or keywords takes these.",
    );
    const found = await app.chat.handleTurn(slack("find me jobs", "UMEMCS"));
    expect(found.text).toMatch(/^\(This channel's default place Berlin \(30 km\)\.\)/);
    expect(found.text).toMatch(/in or near Berlin/);
    expect(found.jobs.length).toBeGreaterThan(0);
    // Every job is within 30 km of Berlin (or says no place): the default place was searched.
    expect(
      found.jobs.every((j) => /Berlin|Potsdam|Brandenburg|^$/i.test(j.place) || j.remoteMode === "remote"),
    ).toBe(true);

    // A place of one's own wins; a DM and another workspace's channel of the same id have no defaults.
    expect((await app.chat.handleTurn(slack("find me jobs in Bamberg", "UMEMCS"))).text).not.toMatch(
      /default place/,
    );
    for (const turn of [
      slack("find me jobs", "UMEMCS", { dm: true }),
      slack("find me jobs", "UX", { team: "T2CS" }),
    ])
      expect((await app.chat.handleTurn(turn)).text).not.toMatch(/default place|in or near Berlin/);

    // Keywords too, and unsetting the place.
    expect(
      await say(
        slack("set the default keywords for this channel to python, no default place", "UADMCS", {
          admin: true,
        }),
      ),
    ).toBe(
      "Settings of <#C0CSJOBS>: default radius 30 km; default keywords “python”; I answer only when mentioned. A search here without its own place, radius or keywords takes these.",
    );
    expect((await app.chat.handleTurn(slack("find me jobs", "UMEMCS"))).text).toMatch(
      /^\(This channel's default keywords “python”\.\)/,
    );
    // The audit trail names who changed what.
    expect(await say(slack("audit", "UADMCS", { admin: true }))).toMatch(
      /<@UADMCS> changed the settings of <#C0CSJOBS>: default place Berlin, default radius 30 km/,
    );
  }, 120_000);

  it("answers every message only after an admin says so, and back to mentions only", async () => {
    const channel = "C0CSALL";
    expect(await app.chat.answersEveryMessage("slack:T1CS", channel)).toBe(false);
    expect(
      (await app.chat.handleTurn(slack("answer every message in this channel", "UMEMCS", { channel }))).text,
    ).toMatch(/^Only workspace admins can change a channel's settings\./);
    expect(await app.chat.answersEveryMessage("slack:T1CS", channel)).toBe(false);
    expect(
      (
        await app.chat.handleTurn(
          slack("answer every message in this channel", "UADMCS", { channel, admin: true }),
        )
      ).text,
    ).toMatch(/no search defaults; I answer every message\./);
    expect(await app.chat.answersEveryMessage("slack:T1CS", channel)).toBe(true);
    expect(await app.chat.answersEveryMessage("slack:T2CS", channel)).toBe(false);
    await app.chat.handleTurn(slack("answer only when mentioned", "UADMCS", { channel, admin: true }));
    expect(await app.chat.answersEveryMessage("slack:T1CS", channel)).toBe(false);
  });
});

describe("channel settings in Discord, in German", () => {
  it("sets the place, radius and language in German, and answers members there in German", async () => {
    const [mod, ana] = ["100000000000000071", "100000000000000072"];
    expect(
      (await app.chat.handleTurn(discord("Standardort dieses Kanals auf Berlin, Umkreis 20 km", ana))).text,
    ).toMatch(/^Nur Admins des Workspaces können die Einstellungen eines Kanals ändern\./);
    const set = await app.chat.handleTurn(
      discord("Standardort dieses Kanals auf Berlin, Umkreis 20 km", mod, { admin: true }),
    );
    expect(set.text).toBe(
      "Einstellungen von <#900000000000000072>: Standardort Berlin (20 km); ich antworte nur, wenn ich erwähnt werde. Eine Suche hier ohne eigenen Ort, Umkreis oder Stichwörter nimmt diese.",
    );
    expect(
      (await app.chat.handleTurn(discord("Sprache dieses Kanals auf Deutsch", mod, { admin: true }))).text,
    ).toMatch(/; Antworten auf Deutsch; ich antworte nur/);
    // Ana writes in English; the channel answers in German, with the channel's place.
    const found = await app.chat.handleTurn(discord("find me jobs", ana));
    expect(found.lang).toBe("de");
    expect(found.text).toMatch(/^\(Aus den Einstellungen dieses Kanals: Standardort Berlin \(20 km\)\.\)/);
    // Her own choice of language wins over the channel's.
    await app.chat.handleTurn(discord("answer in English", ana));
    expect((await app.chat.handleTurn(discord("find me jobs", ana))).lang).toBe("en");
  }, 120_000);
});
