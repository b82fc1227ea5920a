// A button press acts in the workspace and for the person the press came from, in the conversation
// of the message the button is on. Who and where is decided once (src/chat/conversation.ts); a
// button's reference names channel and thread only, never the workspace.
import type { BlockAction, ButtonAction } from "@slack/bolt";
import { describe, expect, it } from "vitest";
import {
  administers,
  conversationFromRef,
  conversationKey,
  conversationOf,
  conversationRef,
  personalOwner,
} from "../../src/chat/conversation.js";
import { pressAction, pressContext } from "../../src/bot/slack/job-button.action.js";

function press(parts: Record<string, unknown>): BlockAction<ButtonAction> {
  return {
    type: "block_actions",
    user: { id: "U42", team_id: "TUSER" },
    container: {},
    actions: [],
    ...parts,
  } as unknown as BlockAction<ButtonAction>;
}

describe("Slack button presses", () => {
  it("answer in the thread the button was posted in, in the team of the press", () => {
    const body = press({
      team: { id: "T1", domain: "acme" },
      channel: { id: "C1", name: "jobs" },
      message: { ts: "200.2", thread_ts: "100.1" },
      container: { channel_id: "CX", thread_ts: "999.9", message_ts: "300.3" },
    });
    const p = pressContext(body);
    expect(p).toEqual({
      channel: "C1",
      threadTs: "100.1",
      teamId: "T1",
      teamName: "acme",
      channelName: "jobs",
    });
    const user = { id: "U42", isAdmin: false };
    expect(pressAction(body, p!, user, "hide", "j_abc")).toEqual({
      platform: "slack",
      workspace: { id: "slack:T1", name: "acme" },
      channel: "C1",
      thread: "100.1",
      direct: false,
      personalWorkspace: "slack:T1",
      user,
      kind: "hide",
      value: "j_abc",
    });
  });

  it("fall back on the container, then the message itself, and the presser's own team", () => {
    const fromContainer = press({ container: { channel_id: "C2", thread_ts: "10.1", message_ts: "11.1" } });
    expect(pressContext(fromContainer)).toEqual({
      channel: "C2",
      threadTs: "10.1",
      teamId: "TUSER",
      teamName: undefined,
      channelName: undefined,
    });
    // A button on a top-level message: that message starts the thread.
    expect(pressContext(press({ channel: { id: "C3" }, message: { ts: "12.1" } }))?.threadTs).toBe("12.1");
    expect(pressContext(press({ container: { channel_id: "C3", message_ts: "13.1" } }))?.threadTs).toBe(
      "13.1",
    );
    // Empty strings are not a place: an empty thread_ts is no thread, so the message starts one.
    expect(pressContext(press({ container: { channel_id: "", message_ts: "13.1" } }))).toBeUndefined();
    expect(
      pressContext(press({ channel: { id: "C3" }, message: { ts: "14.1", thread_ts: "" } }))?.threadTs,
    ).toBe("14.1");
    // Nor is anything but a string.
    expect(pressContext(press({ container: { channel_id: 42, message_ts: "13.1" } }))).toBeUndefined();
  });

  it("are ignored when Slack leaves out the channel, the thread or the team", () => {
    expect(pressContext(press({ message: { ts: "1.1" } }))).toBeUndefined();
    expect(pressContext(press({ channel: { id: "C1" } }))).toBeUndefined();
    expect(
      pressContext(press({ channel: { id: "C1" }, message: { ts: "1.1" }, user: { id: "U42" } })),
    ).toBeUndefined();
  });

  it("in a DM belong to the person's own workspace, one conversation per DM", () => {
    const body = press({
      team: { id: "T1" },
      channel: { id: "D9", name: "directmessage" },
      message: { ts: "5.5" },
    });
    const action = pressAction(body, pressContext(body)!, { id: "U42", isAdmin: false }, "save", "j_1");
    expect(action).toMatchObject({
      workspace: { id: "slack-dm:U42" },
      channel: "D9",
      thread: "dm",
      direct: true,
    });
  });
});

describe("conversationOf", () => {
  it("keeps one person's conversations in two Discord guilds, and their DM, apart", () => {
    const inGuild = (guildId: string | null) =>
      conversationOf({
        platform: "discord",
        guildId,
        channel: "ch",
        inThread: false,
        root: "m1",
        userId: "42",
      });
    expect(inGuild("111").workspace).toEqual({ id: "discord:111" });
    expect(inGuild("222").workspace).toEqual({ id: "discord:222" });
    expect(inGuild(null)).toEqual({
      platform: "discord",
      workspace: { id: "discord-dm:42" },
      channel: "ch",
      thread: "dm",
      direct: true,
      personalWorkspace: "discord-user:42",
    });
    const keys = new Set(["111", "222", null].map((g) => conversationKey(inGuild(g))));
    expect([...keys]).toEqual([
      "discord:discord:111:ch:m1",
      "discord:discord:222:ch:m1",
      "discord:discord-dm:42:ch:dm",
    ]);
  });

  it("names the guild and the DM partner, and takes a thread channel as the conversation", () => {
    expect(
      conversationOf({
        platform: "discord",
        guildId: "111",
        guildName: "Acme",
        channel: "th1",
        inThread: true,
        root: "m1",
        userId: "42",
      }),
    ).toEqual({
      platform: "discord",
      workspace: { id: "discord:111", name: "Acme" },
      channel: "th1",
      thread: "th1",
      direct: false,
      personalWorkspace: "discord-user:42",
    });
    expect(
      conversationOf({
        platform: "discord",
        guildId: null,
        channel: "d",
        inThread: false,
        root: "m",
        userId: "42",
        userName: "ana",
      }).workspace,
    ).toEqual({ id: "discord-dm:42", name: "DM with ana" });
  });

  it("sees a Slack DM by its channel kind or its D… id, and a channel message in its thread", () => {
    const slack = (channel: string, channelType?: string) =>
      conversationOf({
        platform: "slack",
        teamId: "T1",
        channel,
        channelType,
        userId: "U1",
        threadTs: "1.1",
      });
    expect(slack("C1", "im").direct).toBe(true);
    expect(slack("C1", "directmessage").direct).toBe(true);
    expect(slack("D1").direct).toBe(true);
    expect(slack("C1", "channel")).toEqual({
      platform: "slack",
      workspace: { id: "slack:T1" },
      channel: "C1",
      thread: "1.1",
      direct: false,
      personalWorkspace: "slack:T1",
    });
    // A person's profile follows them between their DM and the team's channels (one per team)…
    expect(personalOwner(slack("D1"), "U1")).toEqual({ workspaceId: "slack:T1", userId: "U1" });
    expect(personalOwner(slack("C1", "channel"), "U1")).toEqual({ workspaceId: "slack:T1", userId: "U1" });
    // …and never into another team.
    const otherTeam = conversationOf({
      platform: "slack",
      teamId: "T2",
      channel: "D1",
      userId: "U1",
      threadTs: "1",
    });
    expect(personalOwner(otherTeam, "U1")).toEqual({ workspaceId: "slack:T2", userId: "U1" });
    // A terminal session keeps the person's data in its own workspace.
    expect(
      personalOwner(conversationOf({ platform: "cli", workspaceId: "local", session: "s1" }), "me"),
    ).toEqual({
      workspaceId: "local",
      userId: "me",
    });
    expect(conversationOf({ platform: "cli", workspaceId: "local", session: "s1" })).toEqual({
      platform: "cli",
      workspace: { id: "local" },
      channel: "terminal",
      thread: "s1",
      direct: true,
    });
  });

  it("lets a platform admin, or anyone in their own DM, change shared settings", () => {
    expect(administers({ direct: false }, false)).toBe(false);
    expect(administers({ direct: false }, true)).toBe(true);
    expect(administers({ direct: true }, false)).toBe(true);
  });
});

describe("button references", () => {
  const thread = {
    platform: "discord" as const,
    workspace: { id: "discord:111" },
    channel: "ch",
    thread: "m1",
    direct: false,
  };

  it("come back as the same conversation, but always in the workspace the press came from", () => {
    const ref = conversationRef(thread);
    expect(ref.startsWith("c1.")).toBe(true);
    expect(conversationFromRef(ref, { platform: "discord", workspace: { id: "discord:111" } })).toEqual(
      thread,
    );
    // Pressed in another guild (a forwarded message): that guild, not the one the reference came from.
    expect(conversationFromRef(ref, { platform: "discord", workspace: { id: "discord:222" } })).toEqual({
      ...thread,
      workspace: { id: "discord:222" },
    });
    const dm = conversationRef({ ...thread, workspace: { id: "discord-dm:42" }, thread: "dm", direct: true });
    expect(conversationFromRef(dm, { platform: "discord", workspace: { id: "discord-dm:42" } })?.direct).toBe(
      true,
    );
  });

  it("that were not made here name no conversation", () => {
    const at = { platform: "slack" as const, workspace: { id: "slack:T1" } };
    const b64 = (v: unknown) => `c1.${Buffer.from(JSON.stringify(v)).toString("base64url")}`;
    for (const ref of [
      "j_123",
      "c1.%%%",
      "c1.bm90IGpzb24",
      b64(["ch", "t"]),
      b64({ a: 1 }),
      b64([1, "t", 0]),
      b64(["ch", 2, 0]),
    ])
      expect(conversationFromRef(ref, at)).toBeUndefined();
    // Another format's reference with the same payload is not read as this one.
    expect(conversationFromRef(`c2.${b64(["ch", "t", 0]).slice(3)}`, at)).toBeUndefined();
    expect(conversationFromRef(b64(["ch", "t", 0]), at)).toEqual({
      ...at,
      channel: "ch",
      thread: "t",
      direct: false,
    });
  });
});
