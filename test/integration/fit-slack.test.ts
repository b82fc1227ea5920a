// A person's profile in Slack follows them between their DM and the team's channels, through the
// Slack surface against the local Slack stand-in: a CV shared in a DM scores the jobs a mention in a
// team channel finds, with the German fit label and "Why this score?" button for a German-speaking
// member; a stated skill added in the channel is in the profile the DM shows. Nobody else in the
// channel, and the same person in another Slack team, gets that profile.
import { describe, expect, it } from "vitest";
import { eventually } from "../support/harness.js";
import { CV_WEB_DE } from "../support/profiles.js";
import { replayPerFile } from "../support/replay-per-file.js";
import { startSlackApp } from "../support/slack-app.js";
import {
  buttonPress,
  dmEvent,
  eventEnvelope,
  mentionEvent,
  slackTs,
  type FakeMessage,
} from "../support/slack-server.js";

const SECRET = "fit-slack-secret";
const { server: replay, cleanups } = replayPerFile();
const isProgress = (m: FakeMessage) => m.blocks[0]?.block_id === "run-progress";
const buttonsOf = (m: FakeMessage) =>
  m.blocks
    .filter((b) => b.type === "actions")
    .flatMap((b) => b.elements as Array<{ action_id: string; value: string; text: { text: string } }>);
const hasCards = (m: FakeMessage) => buttonsOf(m).some((b) => b.action_id === "job_save");
const cardText = (m: FakeMessage) => JSON.stringify(m.blocks);

describe("a Slack member's profile in DM and channels", () => {
  it("follows the member from the DM into the team's channels (German labels and Why button), and back; not to others or another team", async () => {
    const { slack, send } = await startSlackApp({
      sourcesUrl: replay().url,
      secret: SECRET,
      users: [
        { id: "UKIM", name: "kim" },
        { id: "UBOB", name: "bob" },
      ],
      cleanups,
    });
    const dm = async (text: string, extra: Record<string, unknown> = {}) => {
      const ts = slackTs();
      const event = { ...dmEvent({ user: "UKIM", channel: "D0KIM", text, ts }), ...extra };
      const r = await send.event(eventEnvelope({ teamId: slack.teamId, botUserId: slack.botUserId, event }));
      expect(r.status).toBe(200);
      return eventually(
        () => slack.thread("D0KIM", ts).find((m) => m.ts !== ts && !isProgress(m) && m.text.length > 0),
        60_000,
      );
    };
    const mention = async (
      user: string,
      text: string,
      o: { teamId?: string; answered?: (m: FakeMessage) => boolean } = {},
    ) => {
      const ts = slackTs();
      const teamId = o.teamId ?? slack.teamId;
      const event = mentionEvent({ user, channel: "C0JOBS", text, botUserId: slack.botUserId, ts });
      const r = await send.event(eventEnvelope({ teamId, botUserId: slack.botUserId, event }));
      expect(r.status).toBe(200);
      const answered = o.answered ?? hasCards;
      return eventually(
        () => slack.thread("C0JOBS", ts).find((m) => m.ts !== ts && !isProgress(m) && answered(m)),
        60_000,
      );
    };

    // The CV, shared in Kim's DM with the bot.
    const cv = slack.hostFile("lebenslauf.txt", Buffer.from(`${CV_WEB_DE.join("\n")}\n`));
    const read = await dm("", {
      subtype: "file_share",
      files: [{ id: "F1", name: "lebenslauf.txt", mimetype: "text/plain", url_private: cv, size: 600 }],
    });
    expect(read.text).toMatch(/Lebenslauf „lebenslauf.txt“/);

    // In the team's channel, Kim's search is scored with that profile, in German.
    const found = await mention("UKIM", "Suche Jobs in Berlin");
    expect(cardText(found)).toMatch(/Passung \d+\/100/);
    expect(cardText(found)).not.toMatch(/Passt \d+|Fit \d+\/100/);
    const why = buttonsOf(found).filter((b) => b.action_id === "job_why");
    expect(why.length).toBeGreaterThan(0);
    expect(why[0]!.text.text).toBe("Warum diese Bewertung?");

    // "Warum diese Bewertung?" pressed in the channel: the breakdown, for Kim only, in German.
    const before = slack.callsTo("chat.postEphemeral").length;
    const pressed = await send.interaction(
      buttonPress({
        message: found,
        actionId: "job_why",
        value: why[0]!.value,
        user: "UKIM",
        teamId: slack.teamId,
        responseUrl: slack.responseUrl(),
      }),
    );
    expect(pressed.status).toBe(200);
    const answer = (await eventually(() => slack.callsTo("chat.postEphemeral")[before], 60_000)).args;
    expect(answer.user).toBe("UKIM");
    expect(String(answer.text)).toMatch(/Passung \d+\/100 für „/);
    expect(String(answer.text)).toMatch(/— L\d+: „/);

    // Bob, in the same channel, has no profile: no scores, no Why button.
    const bob = await mention("UBOB", "Suche Jobs in Berlin");
    expect(cardText(bob)).not.toMatch(/Passung \d+\/100/);
    expect(buttonsOf(bob).some((b) => b.action_id === "job_why")).toBe(false);

    // Kim in another Slack team is someone else there: no profile.
    const elsewhere = await mention("UKIM", "Suche Jobs in Berlin", { teamId: "T0OTHER" });
    expect(cardText(elsewhere)).not.toMatch(/Passung \d+\/100/);

    // And back: a skill stated in the channel is in the profile Kim's DM shows.
    const added = await mention("UKIM", "I also know Kubernetes", { answered: (m) => m.text.length > 0 });
    expect(added.text).toMatch(/Kubernetes/);
    const shown = await dm("show my profile");
    expect(shown.text).toMatch(/Kubernetes/);
    expect(shown.text).toMatch(/lebenslauf\.txt/);
  });
});
