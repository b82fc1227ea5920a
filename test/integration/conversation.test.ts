// One conversation identity for every entry point: in a Slack DM, a message, More, Details, Save and
// Not for me all belong to the same conversation (they did not: More answered "Ask me for some jobs
// first"), and a reference on a button never moves a press into another workspace.
import { describe, expect, it } from "vitest";
import { conversationFromRef, conversationOf, conversationRef } from "../../src/chat/conversation.js";
import { eventually } from "../support/harness.js";
import { startSlackApp, type SlackApp } from "../support/slack-app.js";
import { replayPerFile } from "../support/replay-per-file.js";
import {
  buttonPress,
  commandPayload,
  dmEvent,
  eventEnvelope,
  slackTs,
  type FakeMessage,
} from "../support/slack-server.js";

const SECRET = "conversation-secret";
const { server: replay, cleanups } = replayPerFile();

type Setup = SlackApp;

const setup = (): Promise<Setup> =>
  startSlackApp({
    sourcesUrl: replay().url,
    secret: SECRET,
    users: [{ id: "UDANA", name: "dana" }],
    cleanups,
  });

const isProgress = (m: FakeMessage) => m.blocks[0]?.block_id === "run-progress";
const cardIds = (m: FakeMessage) =>
  m.blocks
    .filter((b) => b.type === "actions")
    .flatMap((b) => b.elements as Array<{ action_id: string; value: string }>)
    .filter((b) => b.action_id === "job_save")
    .map((b) => b.value);
const heads = (m: FakeMessage) =>
  m.blocks
    .filter((b) => b.type === "section")
    .map((b) => (b.text as { text: string }).text)
    .filter((t) => /^\d+\. \*</.test(t));

describe("a Slack DM is one conversation for every entry point", () => {
  it("More, Details, Save and Not for me under a DM answer act on that DM's search", async () => {
    const s = await setup();
    const channel = "D0DANA";
    const ts = slackTs();
    const event = dmEvent({ user: "UDANA", channel, text: "find me jobs in Berlin", ts });
    expect(
      (await s.send.event(eventEnvelope({ teamId: s.slack.teamId, botUserId: s.slack.botUserId, event })))
        .status,
    ).toBe(200);
    const answer = await eventually(
      () => s.slack.thread(channel, ts).find((m) => m.ts !== ts && !isProgress(m) && cardIds(m).length > 0),
      60_000,
    );
    const press = (actionId: string, value?: string) =>
      s.send.interaction(
        buttonPress({
          message: answer,
          actionId,
          ...(value ? { value } : {}),
          user: "UDANA",
          teamId: s.slack.teamId,
          responseUrl: s.slack.responseUrl(),
        }),
      );

    const before = new Set(s.slack.thread(channel, ts).map((m) => m.ts));
    expect((await press("jobs_more")).status).toBe(200);
    const next = await eventually(() =>
      s.slack.thread(channel, ts).find((m) => !before.has(m.ts) && !isProgress(m) && m.text.length > 0),
    );
    expect(next.text).not.toMatch(/Ask me for some jobs first/);
    expect(heads(next)[0]).toMatch(/^6\. /);

    const [hideId, saveId] = cardIds(answer);
    const ephemeral = async (actionId: string, value: string) => {
      const n = s.slack.callsTo("chat.postEphemeral").length;
      expect((await press(actionId, value)).status).toBe(200);
      return String((await eventually(() => s.slack.callsTo("chat.postEphemeral")[n])).args.text);
    };
    expect(await ephemeral("job_save", saveId!)).toMatch(/^Saved/);
    expect(await ephemeral("job_details", saveId!)).toMatch(/Apply: https:\/\//);
    expect(await ephemeral("job_hide", hideId!)).toMatch(/won't show you/);
    // The marks are the DM workspace's, for its one person.
    expect(await s.app.marks.list("slack-dm:UDANA", "UDANA", "saved")).toHaveLength(1);
    expect(await s.app.marks.list("slack-dm:UDANA", "UDANA", "hidden")).toHaveLength(1);
  });
});

describe("a Slack slash command in a DM", () => {
  it("a clarifying question's city buttons answer it in the same conversation", async () => {
    const s = await setup();
    const channel = "D0DANA";
    const ts = slackTs();
    const event = dmEvent({ user: "UDANA", channel, text: "python jobs in Frankfurt", ts });
    await s.send.event(eventEnvelope({ teamId: s.slack.teamId, botUserId: s.slack.botUserId, event }));
    const question = await eventually(
      () => s.slack.thread(channel, ts).find((m) => m.ts !== ts && /Which Frankfurt/.test(m.text)),
      60_000,
    );
    const choices = question.blocks
      .filter((b) => b.type === "actions")
      .flatMap((b) => b.elements as Array<{ action_id: string; value: string; text: { text: string } }>)
      .filter((b) => b.action_id.startsWith("conversation_choose"));
    expect(choices.map((b) => b.text.text)).toEqual(["Frankfurt am Main", "Frankfurt (Oder)"]);

    const before = new Set(s.slack.thread(channel, ts).map((m) => m.ts));
    const pressed = await s.send.interaction(
      buttonPress({
        message: question,
        actionId: choices[1]!.action_id,
        value: choices[1]!.value,
        user: "UDANA",
        teamId: s.slack.teamId,
        responseUrl: s.slack.responseUrl(),
      }),
    );
    expect(pressed.status).toBe(200);
    const answer = await eventually(
      () =>
        s.slack
          .thread(channel, ts)
          .find((m) => !before.has(m.ts) && !isProgress(m) && /Frankfurt \(Oder\)/.test(m.text)),
      60_000,
    );
    expect(answer.text).not.toMatch(/Which Frankfurt/);
  });

  it("is the DM's conversation: a plain DM message afterwards refines the command's search", async () => {
    const s = await setup();
    const channel = "D0SLASH";
    const res = await s.send.command(
      commandPayload({
        teamId: s.slack.teamId,
        user: "UDANA",
        channel,
        text: "find me jobs in Berlin",
        responseUrl: s.slack.responseUrl(),
      }),
    );
    expect(res.status).toBe(200);
    await eventually(
      () =>
        [...s.slack.messages.values()].find(
          (m) => m.channel === channel && cardIds(m).length > 0 && /Berlin/.test(m.text),
        ),
      60_000,
    );
    const ts = slackTs();
    const event = dmEvent({ user: "UDANA", channel, text: "only remote ones", ts });
    await s.send.event(eventEnvelope({ teamId: s.slack.teamId, botUserId: s.slack.botUserId, event }));
    const refined = await eventually(() =>
      s.slack.thread(channel, ts).find((m) => m.ts !== ts && !isProgress(m) && m.text.length > 0),
    );
    // The refinement kept the command's place: one conversation for the whole DM.
    expect(refined.text).toMatch(/in or near Berlin.*remote only/);
  });
});

describe("conversation identity", () => {
  it("decides DM or not, workspace and thread once, for every platform", () => {
    const dm = conversationOf({
      platform: "slack",
      teamId: "T1",
      channel: "D1",
      userId: "U1",
      threadTs: "1.2",
    });
    expect(dm).toEqual({
      platform: "slack",
      workspace: { id: "slack-dm:U1" },
      channel: "D1",
      thread: "dm",
      direct: true,
      // The person's profile is their team's, in the DM as in the channels.
      personalWorkspace: "slack:T1",
    });
    const channel = conversationOf({
      platform: "slack",
      teamId: "T1",
      channel: "C1",
      channelType: "channel",
      userId: "U1",
      threadTs: "1.2",
    });
    expect(channel).toMatchObject({ workspace: { id: "slack:T1" }, thread: "1.2", direct: false });
    const guild = conversationOf({
      platform: "discord",
      guildId: "G1",
      channel: "C9",
      inThread: false,
      root: "M1",
      userId: "U1",
    });
    expect(guild).toMatchObject({ workspace: { id: "discord:G1" }, thread: "M1", direct: false });
    const discordDm = conversationOf({
      platform: "discord",
      guildId: null,
      channel: "C9",
      inThread: false,
      root: "M2",
      userId: "U1",
    });
    expect(discordDm).toMatchObject({ workspace: { id: "discord-dm:U1" }, thread: "dm", direct: true });
  });

  it("a button's reference keeps the press in the workspace it came from", () => {
    const c = conversationOf({
      platform: "slack",
      teamId: "T1",
      channel: "C1",
      userId: "U1",
      threadTs: "9.9",
    });
    const ref = conversationRef(c);
    expect(ref.length).toBeLessThan(80);
    expect(conversationFromRef(ref, c)).toEqual(c);
    const elsewhere = { platform: "slack" as const, workspace: { id: "slack:T2" } };
    expect(conversationFromRef(ref, elsewhere)?.workspace.id).toBe("slack:T2");
    expect(conversationFromRef("not-a-ref", c)).toBeUndefined();
    expect(conversationFromRef("c1.!!!", c)).toBeUndefined();
  });
});

describe("a Slack message that is only a file", () => {
  it("reaches the chat with the file; one the bot cannot fetch is answered with what to do", async () => {
    const s = await setup();
    const channel = "D0FILES";
    const send = async (files: Array<Record<string, unknown>>) => {
      const ts = slackTs();
      const event = { ...dmEvent({ user: "UDANA", channel, text: "", ts }), subtype: "file_share", files };
      expect(
        (await s.send.event(eventEnvelope({ teamId: s.slack.teamId, botUserId: s.slack.botUserId, event })))
          .status,
      ).toBe(200);
      return eventually(() => s.slack.thread(channel, ts).find((m) => m.ts !== ts && m.text.length > 0));
    };
    const hosted = await send([
      {
        id: "F01",
        name: "cv.pdf",
        mimetype: "application/pdf",
        size: 2_400_000,
        mode: "hosted",
        url_private: `${s.slack.apiUrl}/files/F01/cv.pdf`,
      },
    ]);
    // The file reached the chat: it is being read as a CV (issue #9 handles its content).
    expect(hosted.text).toMatch(/Reading your CV “cv\.pdf”/);
    const connect = await send([{ id: "F02", name: "lebenslauf.docx", mode: "file_access" }]);
    expect(connect.text).toMatch(
      /can't open “lebenslauf\.docx”: .*another organisation.*Upload the file itself/,
    );
    const hidden = await send([{ id: "F03", name: "old.pdf", mode: "hidden_by_limit" }]);
    expect(hidden.text).toMatch(/can't open “old\.pdf”: Slack hides this file/);
  });

  it("a member who writes German is told in German why a file cannot be opened", async () => {
    const s = await setup();
    const channel = "D0DATEI";
    const post = async (event: Record<string, unknown>) => {
      const ts = slackTs();
      const full = { ...dmEvent({ user: "UJONAS", channel, text: "", ts }), ...event, ts };
      expect(
        (
          await s.send.event(
            eventEnvelope({ teamId: s.slack.teamId, botUserId: s.slack.botUserId, event: full }),
          )
        ).status,
      ).toBe(200);
      return eventually(() => s.slack.thread(channel, ts).find((m) => m.ts !== ts && m.text.length > 0));
    };
    // The member writes German first; a file sent alone has no words, so their language is used.
    expect((await post({ text: "Zeig mir meine gespeicherten Jobs" })).text).toMatch(/gespeichert/);
    const file = await post({
      subtype: "file_share",
      files: [{ id: "F04", name: "cv.pdf", mode: "file_access" }],
    });
    expect(file.text).toMatch(/^Ich kann „cv\.pdf“ nicht öffnen: .*Slack Connect.*Direktnachricht/);
    expect(file.text).not.toMatch(/another organisation|Upload/);
  });
});
