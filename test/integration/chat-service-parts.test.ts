// The chat service as a surface meets it when a part is missing (a composition without CVs, fit
// scores, teams or letters): files are acknowledged with what to do instead, and the buttons of the
// missing parts are answered with what cannot be done here — never an error. And what a press on a
// card whose job has left the index, or More with a reference that names no conversation, is answered;
// a language chosen in the same message as a request; two messages of one conversation sent at once;
// a store that is gone; a chat model that refuses the configured key.
// The agent, store and job actions are a real app's (offline model, real Redis and SQLite).
import { describe, expect, it } from "vitest";
import { ChatService } from "../../src/chat/chat-service.js";
import type { ChatAction, ChatTurn } from "../../src/chat/chat-turn.js";
import type { App } from "../../src/compose/app.js";
import { createLogger } from "../../src/core/logger.js";
import { startRuleOpenAiMock } from "../../src/mock/standins.js";
import { startTestApp } from "../support/harness.js";
import { replayPerFile } from "../support/replay-per-file.js";
import { terminalTurn } from "../support/turns.js";

const { server: replay, cleanups } = replayPerFile();

/** The chat service with only what it cannot do without: the agent, workspaces and job actions. */
async function bareChat(): Promise<{ app: App; chat: ChatService }> {
  // No workers here: a run a search starts is only queued, and not waited for.
  const env = { JOBSCOUT_FIT_VERDICT: "off", JOBSCOUT_RUN_WAIT_MS: "1" };
  const app = await startTestApp(replay().url, env, cleanups, { workers: false });
  const chat = new ChatService({
    agent: app.agent,
    workspaces: app.workspaces,
    jobActions: app.jobActions,
    logger: createLogger("silent"),
  });
  return { app, chat };
}

const press = (kind: ChatAction["kind"], value: string, text?: string): ChatAction => ({
  ...terminalTurn("t-parts", ""),
  kind,
  value,
  ...(text === undefined ? {} : { text }),
});

describe("a chat service without CVs, scores, teams or letters", () => {
  it("acknowledges files by name, type and size and says it cannot read them, and why one cannot be opened", async () => {
    const { chat } = await bareChat();
    const files: ChatTurn["files"] = [
      { name: "cv.pdf", url: "https://files.example/cv.pdf", mimeType: "application/pdf", size: 2_621_440 },
      { name: "notes.txt", url: "https://files.example/notes.txt", mimeType: "text/plain", size: 100 },
      { name: "photo", url: "https://files.example/photo" },
      {
        name: "old.docx",
        unavailable: (lang) => (lang === "de" ? "nicht mehr verfügbar" : "it is no longer shared"),
      },
    ];
    const reply = await chat.handleTurn(terminalTurn("t-files", "", files));
    expect(reply.text).toBe(
      [
        "I received “cv.pdf” (application/pdf, 2.5 MB).",
        "I received “notes.txt” (text/plain, 1 KB).",
        "I received “photo” (file).",
        "I can't open “old.docx”: it is no longer shared",
        "I can't read files yet. Tell me what you are looking for, e.g. “python jobs in Berlin, remote ok”.",
      ].join("\n"),
    );
    // Only files it cannot open: no promise about reading.
    const only = await chat.handleTurn(terminalTurn("t-files", "", files.slice(3)));
    expect(only.text).toBe("I can't open “old.docx”: it is no longer shared");
  });

  it("answers the buttons of the missing parts with what cannot be done here", async () => {
    const { chat } = await bareChat();
    expect((await chat.handleAction(press("why", "job-1"))).text).toBe("I can't score jobs here.");
    expect((await chat.handleAction(press("claim", "job-1"))).text).toBe(
      "I can't do that here (the team tool is not available).",
    );
    const letter = await chat.handleAction(press("letter_approve", "en:let-1"));
    expect(letter).toMatchObject({ text: "I can't write letters here.", ephemeral: true });
    expect(letter.failed).toBeUndefined();
    expect(await chat.letterText({ workspaceId: "local", userId: "me" }, "en:let-1")).toBeUndefined();
    // No channel settings: channels answer mentions only; no member settings: English.
    expect(await chat.answersEveryMessage("local", "C1")).toBe(false);
    expect(await chat.memberLanguage("local", "me")).toBe("en");
  });

  it("says a job has left the index when its card is pressed, for every job button", async () => {
    const { chat } = await bareChat();
    for (const kind of ["details", "save", "hide", "unsave"] as const) {
      const reply = await chat.handleAction(press(kind, "no-such-job"));
      expect(reply, kind).toMatchObject({ text: "I can't find that job any more.", ephemeral: true });
    }
  });
});

describe("a More press", () => {
  it("with a reference that names no conversation continues the one it was pressed in", async () => {
    const { app } = await bareChat();
    const more = await app.chat.handleAction(press("more", "not-a-reference"));
    expect(more.text).toBe("Ask me for some jobs first, e.g. “find me jobs in Berlin”.");
  });
});

describe("turns in a conversation", () => {
  it("remembers “antworte auf Deutsch” and answers the rest of the message in German", async () => {
    const { app } = await bareChat();
    const reply = await app.chat.handleTurn(
      terminalTurn("t-lang", "antworte auf Deutsch, zeig meine gespeicherten Jobs"),
    );
    expect(reply.text).toBe(
      "Du hast noch keine Stellen gespeichert. Sag nach einer Suche „merk dir Nummer 2“, um eine zu behalten.",
    );
    expect(reply.lang).toBe("de");
    expect(await app.chat.memberLanguage("local", "me")).toBe("de");
  });

  it("answers two messages of one conversation sent at once in order: the second answers the first's question", async () => {
    const { app } = await bareChat();
    const [asked, answered] = await Promise.all([
      app.chat.handleTurn(terminalTurn("t-order", "python jobs in Frankfurt")),
      app.chat.handleTurn(terminalTurn("t-order", "2")),
    ]);
    expect(asked.text).toBe(
      "Which Frankfurt do you mean?\n1. Frankfurt am Main\n2. Frankfurt (Oder)\nAnswer with the number or the name.",
    );
    // The index is empty: the search for Frankfurt (Oder) starts a run for it.
    expect(answered.run?.query).toMatchObject({ keywords: "python", place: "Frankfurt (Oder)" });
  });

  it("says something went wrong, without internals, when the store is gone mid-conversation", async () => {
    const { app, chat } = await bareChat();
    await app.close();
    const turn = await chat.handleTurn(terminalTurn("t-gone", "saved jobs"));
    const sorry =
      "Sorry, something went wrong on my side. Try again in a moment; if it keeps happening, the operator can find the details in jobscout's log.";
    expect(turn).toMatchObject({ text: sorry, failed: true });
    const pressed = await chat.handleAction(press("details", "job-1"));
    expect(pressed).toMatchObject({ text: sorry, ephemeral: true });
  });

  it("tells a member who is no admin, in a channel, that changing it is for admins", async () => {
    const { chat } = await bareChat();
    const reply = await chat.handleTurn({
      ...terminalTurn("t-channel", "make this a team channel"),
      platform: "slack",
      workspace: { id: "T-PARTS" },
      channel: "C-PARTS",
      direct: false,
      user: { id: "U-MEMBER", isAdmin: false },
    });
    expect(reply.text).toBe("Only workspace admins can change a channel's settings.");
  });

  it("says which chat model refused and what to check when the configured key is wrong", async () => {
    const openai = await startRuleOpenAiMock({ apiKeys: ["sk-right"] });
    cleanups.push(() => openai.close());
    const app = await startTestApp(
      replay().url,
      {
        OPENAI_API_KEY: "sk-wrong",
        OPENAI_BASE_URL: openai.url,
        OPENAI_MODEL: "gpt-4o-mini",
        JOBSCOUT_FIT_VERDICT: "off",
      },
      cleanups,
      { workers: false },
    );
    const reply = await app.chat.handleTurn(terminalTurn("t-model", "python jobs in Berlin"));
    expect(reply).toMatchObject({
      failed: true,
      text: `The chat model (gpt-4o-mini at ${new URL(openai.url).host}) did not answer: 401 Incorrect API key provided. Check OPENAI_BASE_URL, OPENAI_MODEL and OPENAI_API_KEY, or unset OPENAI_API_KEY to use the built-in offline model.`,
    });
    expect(reply.text).not.toContain("sk-wrong");
  });
});
