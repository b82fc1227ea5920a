// Everything a person sees follows their language: the job cards, buttons and progress lines of
// Slack (Block Kit), Discord (embeds and components) and the terminal, tool errors and the answers
// to button presses. A member can choose the language ("answer in English", "antworte auf
// Deutsch"); it is remembered for them. Real chat service, store, queue and search; the replay job
// sites; each surface's own renderer.
import { randomUUID } from "node:crypto";
import os from "node:os";
import path from "node:path";
import { PassThrough } from "node:stream";
import { runTerminalChat } from "../../src/bot/cli/terminal-chat.js";
import { describe, expect, it } from "vitest";
import type { App } from "../../src/compose/app.js";
import type { ChatReply, ChatTurn } from "../../src/chat/chat-turn.js";
import { slackDirectTurn } from "../support/turns.js";
import type { RunSummary } from "../../src/answers/run-summary.js";
import type { Lang } from "../../src/core/lang.js";
import { renderReply, renderProgress } from "../../src/bot/slack/render.js";
import { renderDiscordReply, renderProgressText } from "../../src/bot/discord/render.js";
import { replyAsText } from "../../src/bot/shared/reply-text.js";
import { replayPerFile } from "../support/replay-per-file.js";
import { dropPrefix, startTestApp, tempDir, testApp, testConfig, testEnv } from "../support/harness.js";
import { startOpenAiServer } from "../support/openai-server.js";
import { contentText } from "../../src/mock/openai/protocol.js";
import { createChatModel } from "../../src/agents/model.js";
import { TOOL_LANGUAGE_NOTE } from "../../src/agents/agent.js";

const files = replayPerFile();
const freshApp = (): Promise<App> => startTestApp(files.server().url, {}, files.cleanups);

const turn = (user: string, text: string, thread?: string): ChatTurn =>
  slackDirectTurn("ws-lang", user, text, thread);

interface SlackBlock {
  type: string;
  text?: { text: string };
  elements?: Array<{ text: string | { text: string } }>;
}
const slackTexts = (reply: ChatReply) =>
  renderReply(reply)
    .flatMap((m) => m.blocks as SlackBlock[])
    .flatMap((b) => [
      b.text?.text ?? "",
      ...(b.elements ?? []).map((e) => (typeof e.text === "string" ? e.text : e.text.text)),
    ]);

describe("answers, cards and buttons in the person's language", () => {
  it("a German request gets German cards on Slack, Discord and the terminal; an English one English", async () => {
    const app = await freshApp();
    const progress: Array<{ run: RunSummary; lang: Lang | undefined }> = [];
    const de = await app.chat.handleTurn(turn("U-de", "Suche Stellen in der Nähe von Berlin"), {
      onProgress: (run, lang) => progress.push({ run, lang }),
    });
    expect(de.lang).toBe("de");
    expect(de.jobs.length).toBeGreaterThan(0);
    // The run this turn started reported its progress in the turn's language.
    expect(progress.length).toBeGreaterThan(0);
    expect(progress.every((p) => p.lang === "de")).toBe(true);
    const working = { ...progress[0]!.run, status: "running" as const, activity: undefined };
    expect(renderProgress(working, "de").text).toMatch(/^Rufe neue Stellen ab — /);
    // The stage by its German name, never its id.
    expect(renderProgressText({ ...working, stage: "normalize" }, "de")).toMatch(
      /^⏳ Rufe neue Stellen ab — aufbereiten \(\d+%\)/,
    );

    const slack = slackTexts(de);
    expect(slack).toEqual(expect.arrayContaining(["Details", "Merken", "Nicht für mich", "Mehr"]));
    expect(slack.join("\n")).toMatch(/Warum: .* · Relevanz \d,\d\d · über Arbeitnow/);
    // The reasons themselves are German too: distance and age.
    expect(slack.join("\n")).toMatch(/Warum: [^\n]*(km|weniger als 1 km) von Berlin[^\n]*veröffentlicht/);
    expect(slack.join("\n")).not.toMatch(/\b(Save|Not for me|Why:|via)\b/);

    const discord = renderDiscordReply(de);
    const embed = discord.flatMap((m) => m.embeds)[0]!;
    expect(embed.fields?.map((f) => f.name)).toEqual(expect.arrayContaining(["Firma", "Ort", "Remote"]));
    const labels = discord.flatMap((m) => m.components.flatMap((r) => r.components.map((c) => c.label)));
    expect(labels).toEqual(expect.arrayContaining(["Details #1", "Merken #1", "Nicht für mich #1", "Mehr"]));

    const terminal = replyAsText(de);
    expect(terminal).toMatch(/^Neue Stellen abgerufen — /);
    expect(terminal).toMatch(/\n {3}Warum: /);
    expect(terminal).toMatch(/Sag „mehr“ für die nächsten/);

    const en = await app.chat.handleTurn(turn("U-en", "find me jobs near Berlin"));
    expect(en.lang).toBe("en");
    const slackEn = slackTexts(en);
    expect(slackEn).toEqual(expect.arrayContaining(["Details", "Save", "Not for me", "More"]));
    expect(slackEn.join("\n")).toMatch(/Why: .* · score \d\.\d\d · via Arbeitnow/);
    expect(slackEn.join("\n")).toMatch(/Why: [^\n]*km from Berlin[^\n]*posted/);
    const embedEn = renderDiscordReply(en).flatMap((m) => m.embeds)[0]!;
    expect(embedEn.fields?.map((f) => f.name)).toEqual(expect.arrayContaining(["Company", "Place"]));
    expect(replyAsText(en)).toMatch(/Say “more” for the next ones/);
  });

  it("tool errors come back in the person's language", async () => {
    const app = await freshApp();
    const de = await app.chat.handleTurn(turn("U-de", "Wie ist der Status vom letzten Abruf?"));
    expect(de.text).toBe("In diesem Workspace gab es noch keinen Abruf.");
    const en = await app.chat.handleTurn(turn("U-en", "what is the status of the last run?"));
    expect(en.text).toBe("No runs yet in this workspace.");
    // A correction to what was asked, too.
    const wide = await app.chat.handleTurn(turn("U-de", "Suche Stellen im Umkreis von 500 km um Berlin"));
    expect(wide.text).toMatch(
      /^Ich kann bis zu 300 km um einen Ort suchen — ich suche im Umkreis von 300 km\./,
    );
  });

  it("requests in words no rule lists (read by the intent classifier) are answered in the person's language", async () => {
    const app = await freshApp();
    const de = await app.chat.handleTurn(turn("U-de", "Läuft der Abruf noch?"));
    expect(de.text).toBe("In diesem Workspace gab es noch keinen Abruf.");
    const en = await app.chat.handleTurn(turn("U-en", "are you done fetching yet?"));
    expect(en.text).toBe("No runs yet in this workspace.");
    const sources = await app.chat.handleTurn(turn("U-en", "where do your listings come from?"));
    expect(sources.text).toMatch(/^Job sources of this workspace:/);
    const thread = `t-${randomUUID()}`;
    const search = await app.chat.handleTurn(turn("U-de", "Suche Stellen in der Nähe von Berlin", thread));
    expect(search.jobs.length).toBeGreaterThanOrEqual(3);
    const third = await app.chat.handleTurn(turn("U-de", "erzähl mir was über die dritte", thread));
    expect(third.text).toMatch(/\nQuellen: /);
    expect(third.text).toContain(search.jobs[2]!.title);
  });

  it("a member's chosen language holds for their messages, buttons and new conversations", async () => {
    const app = await freshApp();
    const chosen = await app.chat.handleTurn(turn("U-pick", "answer in English"));
    expect(chosen.text).toMatch(/^From now on I answer you in English\./);
    // Their German message is still understood, and answered in English.
    const search = await app.chat.handleTurn(turn("U-pick", "Suche Stellen in der Nähe von Berlin"));
    expect(search.lang).toBe("en");
    expect(search.text).toMatch(/matches for jobs in or near Berlin/);
    const press = await app.chat.handleAction({
      ...turn("U-pick", ""),
      kind: "save",
      value: search.jobs[0]!.jobId,
    });
    expect(press.text).toMatch(/^Saved “/);

    const back = await app.chat.handleTurn(turn("U-pick", "Antworte mir ab jetzt auf Deutsch"));
    expect(back.text).toMatch(/^Ab jetzt antworte ich dir auf Deutsch\./);
    const english = await app.chat.handleTurn(turn("U-pick", "find me jobs near Berlin"));
    expect(english.lang).toBe("de");
    expect(english.text).toMatch(/Treffer\w* für Stellen in oder bei Berlin/);
    const details = await app.chat.handleAction({
      ...turn("U-pick", ""),
      kind: "details",
      value: english.jobs[0]!.jobId,
    });
    expect(details.text).toMatch(/\nQuellen: /);
    // Another member is not affected.
    expect((await app.chat.handleTurn(turn("U-other", "find me jobs near Berlin"))).lang).toBe("en");
  });

  it("without a choice, the language a member last wrote in answers their button presses and undecided messages", async () => {
    const app = await freshApp();
    const de = await app.chat.handleTurn(turn("U-writes", "Suche Stellen in der Nähe von Berlin"));
    const press = await app.chat.handleAction({
      ...turn("U-writes", ""),
      kind: "save",
      value: de.jobs[0]!.jobId,
    });
    expect(press.text).toMatch(/^Gespeichert: „/);
    // A new conversation whose first words do not tell: the member's German.
    const neutral = await app.chat.handleTurn(turn("U-writes", "status"));
    expect(neutral.lang).toBe("de");
    // Writing English switches it.
    await app.chat.handleTurn(turn("U-writes", "find me jobs near Berlin"));
    const pressEn = await app.chat.handleAction({
      ...turn("U-writes", ""),
      kind: "unsave",
      value: de.jobs[0]!.jobId,
    });
    expect(pressEn.text).toMatch(/^Removed “/);
    // Back to German: a press on a job that left the index says so in German.
    await app.chat.handleTurn(turn("U-writes", "Suche Stellen in Berlin"));
    const gone = await app.chat.handleAction({ ...turn("U-writes", ""), kind: "details", value: "j_gone" });
    expect(gone.text).toBe("Diese Stelle finde ich nicht mehr.");
    // In a channel, a member who is no admin may not change the workspace's sources — told in German.
    const track = await app.chat.handleTurn({
      ...turn("U-writes", "beobachte https://jobs.lever.co/acme"),
      direct: false,
    });
    expect(track.text).toBe("Nur Admins des Workspaces können seine Stellenquellen ändern.");
  });

  it("the terminal greets a member in the language they last wrote in, and tells a CV it cannot read in it", async () => {
    const app = await freshApp();
    const session = async (...lines: string[]) => {
      const input = new PassThrough();
      const output = new PassThrough();
      let said = "";
      output.on("data", (c: Buffer) => (said += c.toString("utf8")));
      const done = runTerminalChat({
        chat: app.chat,
        workspaceId: "cli:lang",
        userId: "local-de",
        input,
        output,
        progressStream: new PassThrough(),
        showProgress: false,
      });
      input.end(lines.map((l) => `${l}\n`).join(""));
      await done;
      return said;
    };
    const first = await session("Zeig mir meine gespeicherten Jobs");
    // A new member has not written yet: English.
    expect(first).toMatch(/^Ask for jobs, e\.g\. "find me jobs in Berlin"/);
    expect(first).toMatch(/Du hast noch keine Stellen gespeichert/);
    const missing = path.join(os.tmpdir(), `jobscout-missing-${randomUUID()}`, "lebenslauf.pdf");
    const second = await session(`profile set ${missing}`);
    expect(second).toMatch(/^Frag nach Stellen, z\. B\. „Suche Jobs in Berlin“/);
    // A file has no words of its own: the member's German.
    expect(second).toContain(`„${missing}“ kann ich nicht lesen`);
    expect(second).toMatch(/Prüf den Pfad/);
  });

  it("an OpenAI-compatible model is told the turn's language, and its tools answer errors in it", async () => {
    const server = await startOpenAiServer([
      { toolCalls: [{ name: "search_jobs", args: { keywords: "Elektriker", place: "Xqzvbrg" } }] },
      { text: "Diesen Ort kenne ich nicht." },
    ]);
    files.cleanups.push(() => server.close());
    const tmp = tempDir();
    const env = testEnv(tmp.dir, files.server().url, {
      OPENAI_API_KEY: "sk-test-key-not-real",
      OPENAI_BASE_URL: server.url,
      OPENAI_MODEL: "local-model",
    });
    const config = testConfig(env);
    const app = await testApp(config, { model: (await createChatModel(config, () => undefined)).model });
    files.cleanups.push(
      tmp.remove,
      () => dropPrefix(env.JOBSCOUT_QUEUE_PREFIX),
      () => app.close(),
    );

    const reply = await app.chat.handleTurn(turn("U-ai", "Suche Elektriker in Xqzvbrg"));
    expect(reply.lang).toBe("de");
    const system = server.requests[0]!.body.messages.find((m) => m.role === "system");
    expect(contentText(system?.content)).toMatch(/answer this turn in German/);
    // Every tool's description says so too.
    const tools = server.requests[0]!.body.tools ?? [];
    expect(tools.map((t) => t.function.name)).toContain("search_jobs");
    for (const t of tools) expect(t.function.description).toContain(TOOL_LANGUAGE_NOTE);
    const tool = server.requests[1]!.body.messages.find((m) => m.role === "tool");
    expect(contentText(tool?.content)).toContain("Einen Ort namens „Xqzvbrg“ kenne ich nicht.");
  });
});
