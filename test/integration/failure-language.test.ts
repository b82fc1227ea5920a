// Why a source failed reaches the person in their language, said once: the run's outcome (the line
// above the answer, or the progress message that ends on it), "Status" and the sources listing.
// Real chat service, store, queue and search; the replay job sites answer 503 or time out; each
// surface's own renderer.
import { randomUUID } from "node:crypto";
import { describe, expect, it } from "vitest";
import type { ChatReply, ChatTurn } from "../../src/chat/chat-turn.js";
import { slackDirectTurn } from "../support/turns.js";
import { replyAsText } from "../../src/bot/shared/reply-text.js";
import { renderProgress, renderReply } from "../../src/bot/slack/render.js";
import { renderDiscordReply, renderProgressText } from "../../src/bot/discord/render.js";
import { ARBEITNOW_PATH, BA_PATH } from "../support/replay-server.js";
import { replayPerFile } from "../support/replay-per-file.js";
import { startTestApp } from "../support/harness.js";

const files = replayPerFile();

const turn = (user: string, text: string, thread?: string): ChatTurn =>
  slackDirectTurn(`ws-fail-${randomUUID().slice(0, 8)}`, user, text, thread);

interface SlackBlock {
  text?: { text: string };
}
const slackWords = (reply: ChatReply) =>
  renderReply(reply)
    .flatMap((m) => m.blocks as SlackBlock[])
    .map((b) => b.text?.text ?? "")
    .join("\n");
const discordWords = (reply: ChatReply) =>
  renderDiscordReply(reply)
    .map((m) => m.content ?? "")
    .join("\n");
const times = (text: string, word: string) => text.split(word).length - 1;

// English words a German reader must not meet in these answers (the stored operator texts and the
// old renderer's own words).
const ENGLISH =
  /did not answer|answered HTTP|Service Unavailable|could not|unknown error|\bfailed\b|retr(y|ies)|\bnever\b|just now|\bjobs\b|\bnew\b/;

describe("source failures in the reader's language, said once", () => {
  it("a German request whose sources answer 503 or time out gets the reasons in German, once each, on every surface", async () => {
    const app = await startTestApp(files.server().url, { JOBSCOUT_FETCH_TIMEOUT_MS: "1000" }, files.cleanups);
    files.server().fail(BA_PATH, { status: 503 });
    files.server().fail(ARBEITNOW_PATH, { delayMs: 4000 });
    files.cleanups.push(() => files.server().clearFaults());
    const first = turn("U-de", "Suche Elektriker in Würzburg");
    const reply = await app.chat.handleTurn(first);
    expect(reply.lang).toBe("de");
    expect(reply.outcome?.status).toBe("failed");

    const ba = "Bundesagentur für Arbeit: fehlgeschlagen — Störung bei der Quelle (HTTP 503)";
    const an = "Arbeitnow: fehlgeschlagen — keine Antwort innerhalb von 1 s";
    // The terminal: the outcome line, then the words; each source's reason once.
    const terminal = replyAsText(reply);
    expect(terminal).toContain(ba);
    expect(terminal).toContain(an);
    expect(times(terminal, "Bundesagentur für Arbeit")).toBe(1);
    expect(times(terminal, "Arbeitnow")).toBe(1);
    expect(terminal).toMatch(/^Der Abruf ist fehlgeschlagen — /);
    expect(terminal).not.toMatch(ENGLISH);

    // Slack and Discord without a progress message: the same words.
    for (const words of [slackWords(reply), discordWords(reply)]) {
      expect(words).toContain("fehlgeschlagen — Störung bei der Quelle (HTTP 503)");
      expect(words).toContain("keine Antwort innerhalb von 1 s");
      expect(times(words, "Bundesagentur für Arbeit")).toBe(1);
      expect(times(words, "Arbeitnow")).toBe(1);
      expect(words).not.toMatch(ENGLISH);
    }
    // With the progress message above (it ends on the outcome), the answer does not say it again.
    const below = { ...reply, outcome: undefined };
    const slackProgress = renderProgress(reply.outcome!, "de").text;
    const discordProgress = renderProgressText(reply.outcome!, "de");
    for (const [progress, words] of [
      [slackProgress, slackWords(below)],
      [discordProgress, discordWords(below)],
    ] as const) {
      expect(progress).toContain("Störung bei der Quelle (HTTP 503)");
      expect(progress).toContain("keine Antwort innerhalb von 1 s");
      expect(progress).not.toMatch(ENGLISH);
      expect(times(`${progress}\n${words}`, "Bundesagentur für Arbeit")).toBe(1);
      expect(words).not.toMatch(ENGLISH);
    }

    // "Status" in the same workspace: the latest run, its reasons in German.
    const status = await app.chat.handleTurn({ ...first, thread: `t-${randomUUID()}`, text: "Status" });
    expect(status.lang).toBe("de");
    expect(status.text).toContain(`- ${ba}`);
    expect(status.text).toContain(`- ${an}`);
    expect(status.text).not.toMatch(ENGLISH);

    // The sources listing: how each did, when, and why in German.
    const sources = await app.chat.handleTurn({
      ...first,
      thread: `t-${randomUUID()}`,
      text: "welche Quellen gibt es",
    });
    expect(sources.text).toMatch(/^Stellenquellen dieses Workspaces:/);
    expect(sources.text).toMatch(
      /- Bundesagentur für Arbeit \(Standard\): gerade eben fehlgeschlagen — Störung bei der Quelle \(HTTP 503\) \(HTTP 503×2, 1 Wiederholung, [\d,]+ s\); zuletzt erfolgreich nie/,
    );
    expect(sources.text).toMatch(
      /- Arbeitnow \(Standard\): gerade eben fehlgeschlagen — keine Antwort innerhalb von 1 s \(Zeitüberschreitung×2, 1 Wiederholung, [\d,]+ s\); zuletzt erfolgreich nie/,
    );
    expect(sources.text).not.toMatch(ENGLISH);
  });

  it("an English request gets the same reasons in English, once each", async () => {
    const app = await startTestApp(files.server().url, {}, files.cleanups);
    files.server().fail(BA_PATH, { status: 500 });
    files.server().fail(ARBEITNOW_PATH, { body: "malformed" });
    files.cleanups.push(() => files.server().clearFaults());
    const reply = await app.chat.handleTurn(turn("U-en", "find electrician jobs in Würzburg"));
    expect(reply.lang).toBe("en");
    const terminal = replyAsText(reply);
    expect(terminal).toMatch(/^The run failed — /);
    expect(terminal).toContain("Bundesagentur für Arbeit: failed — a fault at the source (HTTP 500)");
    expect(terminal).toContain("Arbeitnow: failed — the source sent data I cannot read");
    expect(times(terminal, "Bundesagentur für Arbeit")).toBe(1);
    expect(times(terminal, "Arbeitnow")).toBe(1);
    // Hosts and ports are for the logs, not the reader.
    expect(terminal).not.toMatch(/127\.0\.0\.1/);
  });
});
