// Teams sharing a channel, through the chat service and the offline model as Slack and Discord turns
// arrive: roles (the platform's admins, roles granted in chat), channel settings only admins change,
// who may point alerts at a channel, the audit trail ("who paused the #jobs alert?"), and marks the
// channel shares while saves stay private — each refusal naming who may, no workspace seeing another's.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { App } from "../../src/compose/app.js";
import type { ChatTurn } from "../../src/chat/chat-turn.js";
import { conversationOf } from "../../src/chat/conversation.js";
import { renderDiscordReply } from "../../src/bot/discord/render.js";
import { jobCardBlocks } from "../../src/bot/slack/render.js";
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
  o: { admin?: boolean; channel?: string; team?: string } = {},
): ChatTurn {
  const conversation = conversationOf({
    platform: "slack",
    teamId: o.team ?? "T1",
    channel: o.channel ?? "C0JOBS",
    channelType: "channel",
    userId: user,
    threadTs: `${user}-1700000000.000100`,
  });
  return {
    ...conversation,
    user: { id: user, isAdmin: o.admin ?? false, timeZone: "Europe/Berlin" },
    text,
    files: [],
  };
}

function discord(
  text: string,
  user: string,
  o: { admin?: boolean; guild?: string; channel?: string } = {},
): ChatTurn {
  const conversation = conversationOf({
    platform: "discord",
    guildId: o.guild ?? "900000000000000001",
    channel: o.channel ?? "900000000000000010",
    inThread: false,
    root: `${user}1`,
    userId: user,
  });
  return { ...conversation, user: { id: user, isAdmin: o.admin ?? false }, text, files: [] };
}

const say = async (turn: ChatTurn) => (await app.chat.handleTurn(turn)).text;

describe("teams in Slack", () => {
  it("lets only admins change channel settings and grant roles, and says who may", async () => {
    expect(await say(slack("make this a team channel", "UMEM"))).toMatch(
      /Only workspace admins can change a channel's settings\./,
    );
    expect(await say(slack("make this a team channel", "UADMIN", { admin: true }))).toBe(
      "<#C0JOBS> is a team channel: marks (seen, claimed, applied, not relevant) are shared here; only admins may set up and change its alerts.",
    );
    expect(await say(slack("make <@UMEM> an admin", "UOTHER"))).toMatch(
      /Only workspace admins can make someone an admin\./,
    );
    expect(await say(slack("make <@UMEM> an admin", "UADMIN", { admin: true }))).toBe(
      "<@UMEM> is now an admin of this workspace.",
    );
    // A granted admin administers the workspace as the platform's admins do: tracking a board too.
    expect(await say(slack("track https://jobs.lever.co/acme", "UOTHER"))).toMatch(
      /Only workspace admins \(<@UMEM>\) can change this workspace's job sources\./,
    );
    expect(await say(slack("track https://jobs.lever.co/acme", "UMEM"))).toMatch(/Now tracking/i);
    // Now named in chat, admins are listed by name when someone is refused.
    expect(await say(slack("make this a team channel", "UOTHER"))).toMatch(
      /Only workspace admins \(<@UMEM>\) can change a channel's settings\./,
    );
    expect(await say(slack("make <@UOTHER> an owner", "UMEM"))).toMatch(
      /Only the workspace owner can make someone an owner\./,
    );
    // Said in German, the same refusals and answers come in German.
    expect(await say(slack("mach diesen Kanal zum Teamkanal", "UDE"))).toBe(
      "Nur Admins des Workspaces (<@UMEM>) können die Einstellungen eines Kanals ändern.",
    );
    expect(
      await say(slack("benachrichtige mich täglich um 8 über Python-Jobs in Berlin hier im Kanal", "UDE")),
    ).toMatch(
      /^Einen Digest für einen Kanal kann nur ein Admin des Workspaces einrichten — frag die Admins \(<@UMEM>\)/,
    );
    expect(await say(slack("mach diesen Kanal zum Teamkanal", "UMEM"))).toMatch(
      /^<#C0JOBS> ist ein Teamkanal: Markierungen/,
    );
  });

  it("lets members set up the channel's alerts once an admin allows it, and tells admins who paused it", async () => {
    const channel = "C0TEAM";
    const alert = "alert me daily at 8 about python jobs in Berlin here";
    expect(await say(slack(alert, "UANA", { channel }))).toMatch(
      /Only a workspace admin can set up a digest for a channel — ask workspace admins \(<@UMEM>\)/,
    );
    expect(await say(slack("members may set up alerts here", "UBOSS", { channel, admin: true }))).toMatch(
      /every member may set up and change its alerts\.$/,
    );
    expect(await say(slack(alert, "UANA", { channel }))).toMatch(
      /Saved your alert “python in Berlin”: daily at 8:00 \(Europe\/Berlin\), in <#C0TEAM>\./,
    );
    // Another member pauses the channel's digest by its name.
    expect(await say(slack("pause alert python in Berlin", "UBEN", { channel }))).toBe(
      "Paused: “python in Berlin”.",
    );
    const [paused] = await app.savedSearches.listForChannel("slack:T1", channel);
    expect(paused).toMatchObject({ ownerId: "UANA", status: "paused", pausedReason: "paused by <@UBEN>" });

    expect(await say(slack(`who paused the <#${channel}> alert?`, "UANA", { channel }))).toMatch(
      /^Only workspace admins \(<@UMEM>\) can read the audit trail\./,
    );
    const audit = await say(slack(`who paused the <#${channel}> alert?`, "UBOSS", { channel, admin: true }));
    expect(audit.split("\n")).toEqual([
      "Changes, newest first:",
      expect.stringMatching(
        /^• \d{4}-\d\d-\d\d \d\d:\d\d UTC — <@UBEN> paused alert “python in Berlin” in <#C0TEAM>$/,
      ),
    ]);
    const all = await say(slack("audit", "UBOSS", { channel, admin: true }));
    expect(all).toMatch(/<@UANA> set up alert “python in Berlin” in <#C0TEAM>/);
    expect(all).toMatch(/<@UBOSS> changed the settings of <#C0TEAM>: alerts by members/);
    expect(all).toMatch(/<@UADMIN> made <@UMEM> → admin/);

    // Back to admins only: a member can no longer change that channel's digest.
    await say(slack("only admins may set up alerts here", "UBOSS", { channel, admin: true }));
    expect(await say(slack("resume alert python in Berlin", "UBEN", { channel }))).toMatch(
      /^Only workspace admins \(<@UMEM>\) or its owner can resume the alert “python in Berlin” of this channel\./,
    );
    // Another workspace's admins see none of it.
    expect(await say(slack("audit", "UX", { team: "T2", admin: true }))).toBe("Nothing was changed yet.");
  });
});

describe("teams in Discord", () => {
  it("shares claimed and applied marks in a team channel, keeps saves private, and keeps guilds apart", async () => {
    const [ana, ben, mod] = ["100000000000000001", "100000000000000002", "100000000000000003"];
    // Ana searches (the first search fetches from the replayed job sites).
    const found = await app.chat.handleTurn(discord("find me jobs in Berlin", ana));
    expect(found.jobs.length).toBeGreaterThanOrEqual(3);
    expect(await say(discord("I'll apply to 2", ana))).toMatch(
      /^This channel does not share marks yet\. Workspace admins can turn that on by saying “make this a team channel” here\./,
    );
    expect(await say(discord("make this a team channel", mod, { admin: true }))).toMatch(/is a team channel/);
    expect(await say(discord("I'll apply to 2", ana))).toBe(
      `You claimed (will apply) “${found.jobs[1]!.title}” at ${found.jobs[1]!.company}. The channel sees it when someone asks what the team claimed or applied to.`,
    );
    expect(await say(discord("save 3", ana))).toMatch(/saved/i);

    const benFound = await app.chat.handleTurn(discord("find me jobs in Berlin", ben));
    expect(benFound.jobs.map((j) => j.jobId)).toEqual(found.jobs.map((j) => j.jobId));
    // The channel's cards show who claimed what, in Discord's embeds as in Slack's blocks.
    expect(benFound.jobs.map((j) => j.team ?? [])).toEqual(
      found.jobs.map((_, i) => (i === 1 ? [`claimed by <@${ana}>`] : [])),
    );
    const embeds = renderDiscordReply(benFound).flatMap((m) => m.embeds ?? []);
    expect(embeds[1]?.description).toMatch(new RegExp(`Team: claimed by <@${ana}>`));
    expect(JSON.stringify(jobCardBlocks(benFound.jobs[1]!))).toContain(`Team: claimed by <@${ana}>`);
    // Cards in a team channel carry "I'll apply" and "Seen" buttons (Slack and Discord); a press marks
    // the job for the presser, and the channel's next cards show it.
    const row = renderDiscordReply(benFound).flatMap((m) => m.components ?? [])[2] as {
      components: Array<{ custom_id: string }>;
    };
    expect(row.components.map((b) => b.custom_id.split(":")[1])).toEqual([
      "details",
      "save",
      "hide",
      "claim",
      "seen",
    ]);
    expect(JSON.stringify(jobCardBlocks(benFound.jobs[2]!))).toMatch(/"action_id":"job_seen"/);
    const press = { ...discord("", ben), kind: "seen" as const, value: benFound.jobs[2]!.jobId };
    expect((await app.chat.handleAction(press)).text).toBe(
      `You marked as seen “${benFound.jobs[2]!.title}” at ${benFound.jobs[2]!.company}. The channel sees it when someone asks what the team claimed or applied to.`,
    );
    expect((await app.chat.handleTurn(discord("find me jobs in Berlin", ana))).jobs[2]!.team).toEqual([
      `seen by <@${ben}>`,
    ]);
    // Outside a team channel the cards have no team buttons, and a forged press is refused.
    const elsewhere = await app.chat.handleTurn(
      discord("find me jobs in Berlin", ben, { channel: "900000000000000019" }),
    );
    expect(JSON.stringify(renderDiscordReply(elsewhere))).not.toMatch(/:claim:|:seen:/);
    expect(
      (
        await app.chat.handleAction({
          ...discord("", ben, { channel: "900000000000000019" }),
          kind: "claim",
          value: benFound.jobs[2]!.jobId,
        })
      ).text,
    ).toMatch(/^This channel does not share marks yet/);
    expect(await say(discord("I applied to 1", ben))).toMatch(/^You applied to /);
    const applied = await say(discord("what did the team apply to this week", ana));
    expect(applied.split("\n")).toEqual([
      "Applied to by the team in the last 7 days:",
      `• ${found.jobs[0]!.title} — ${found.jobs[0]!.company} (<@${ben}>)`,
    ]);
    expect(await say(discord("what has the team claimed this week", ben))).toMatch(
      new RegExp(`${found.jobs[1]!.title.replace(/[()[\]+*?.]/g, "\\$&")} — .*\\(<@${ana}>\\)`),
    );
    // Ana's save is hers alone.
    expect(await say(discord("saved jobs", ben))).not.toContain(found.jobs[2]!.title);

    // The same channel id in another guild is another team: nothing shared, not a team channel.
    expect(
      await say(discord("what did the team apply to this week", ben, { guild: "900000000000000002" })),
    ).toMatch(/^This channel does not share marks yet/);
    // A member cannot turn the channel back.
    expect(await say(discord("this is not a team channel", ana))).toMatch(
      /^Only workspace admins can change/,
    );
  }, 120_000);
});
