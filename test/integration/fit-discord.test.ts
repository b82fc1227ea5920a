// A person's profile in Discord follows the Discord user from their DM with the bot into a server's
// channels (discord.js against the local Discord stand-in): a CV sent in the DM scores what a
// mention in the server finds, with the German fit label and Why button for a German-speaking
// member; someone else in the same channel gets no scores.
import { describe, expect, it } from "vitest";
import { startDiscordSurface } from "../../src/bot/discord/discord.surface.js";
import { startDiscordServer, type FakeUser, type StoredMessage } from "../support/discord-server.js";
import { eventually, startTestApp } from "../support/harness.js";
import { CV_WEB_DE } from "../support/profiles.js";
import { replayPerFile } from "../support/replay-per-file.js";

const ANA: FakeUser = { id: "520000000000000071", username: "ana" };
const BEN: FakeUser = { id: "520000000000000072", username: "ben" };
const GUILD = {
  id: "310000000000000071",
  name: "Team F",
  ownerId: "510000000000000071",
  channels: [{ id: "410000000000000071", name: "jobs" }],
};
const CHANNEL = GUILD.channels[0]!.id;
const DM = "430000000000000071";
const { server: replay, cleanups } = replayPerFile();

const text = (m: StoredMessage) => `${m.content}\n${JSON.stringify(m.embeds)}`;
const whyButtons = (m: StoredMessage) =>
  m.components
    .flatMap((r) => r.components as Array<{ custom_id: string; label: string }>)
    .filter((b) => b.custom_id.split(":")[1] === "why");

describe("a Discord user's profile in DM and servers", () => {
  it("scores a server search with the profile sent in the DM, in German, with a Why button only for its owner", async () => {
    const fake = await startDiscordServer({ guilds: [GUILD] });
    cleanups.push(() => fake.close());
    const app = await startTestApp(
      replay().url,
      { DISCORD_TOKEN: fake.token, DISCORD_API_URL: fake.apiUrl, DISCORD_APPLICATION_ID: fake.applicationId },
      cleanups,
    );
    const surface = await startDiscordSurface(app, { waitGuildTimeout: 200, drainMs: 2000 });
    cleanups.push(() => surface.stop());
    const say = async (
      user: FakeUser,
      channelId: string,
      content: string,
      until: (m: StoredMessage) => boolean,
      attachments?: Parameters<typeof fake.postMessage>[0]["attachments"],
    ) => {
      const mention = channelId !== DM;
      const sent = fake.postMessage({
        channelId,
        author: user,
        content: mention ? `<@${fake.botUser.id}> ${content}` : content,
        mentionBot: mention,
        ...(attachments ? { attachments } : {}),
      });
      return eventually(
        () => fake.botMessages(channelId).find((m) => m.replyTo === sent.id && until(m)),
        60_000,
      );
    };

    await say(ANA, DM, "", (m) => /Lebenslauf „lebenslauf.txt“/.test(m.content), [
      {
        filename: "lebenslauf.txt",
        size: 600,
        contentType: "text/plain",
        content: Buffer.from(`${CV_WEB_DE.join("\n")}\n`),
      },
    ]);

    const found = await say(ANA, CHANNEL, "Suche Jobs in Berlin", (m) => m.embeds.length > 0);
    expect(text(found)).toMatch(/Passung \d+\/100/);
    const why = whyButtons(found);
    expect(why.length).toBeGreaterThan(0);
    expect(why[0]!.label).toMatch(/^Warum \d+\? #\d+$/);

    const press = fake.pressButton({ messageId: found.id, customId: why[0]!.custom_id, user: ANA });
    const answer = await eventually(
      () => fake.botMessages(CHANNEL).find((m) => m.interactionId === press.id && /Passung/.test(m.content)),
      60_000,
    );
    expect(answer.content).toMatch(/Passung \d+\/100 für „/);
    expect(press.ackFlags & 64).toBe(64); // only Ana sees it

    const ben = await say(BEN, CHANNEL, "Suche Jobs in Berlin", (m) => m.embeds.length > 0);
    expect(text(ben)).not.toMatch(/Passung \d+\/100/);
    expect(whyButtons(ben)).toHaveLength(0);
  });
});
