// A CV sent in chat becomes a private profile through the queued parse stage; Slack files come
// from url_private with the bot token (a login page is answered with what to do), Discord
// attachments from their signed URL. Nobody else — another user, another workspace — sees it.
import { mkdtempSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { pathToFileURL } from "node:url";
import { afterAll, describe, expect, it } from "vitest";
import type { ChatTurn } from "../../src/chat/chat-turn.js";
import type { App } from "../../src/compose/app.js";
import { CV_DE, CV_EN, docxWithText, pdfImageOnly, pdfWithText } from "../support/documents.js";
import { startDiscordServer } from "../support/discord-server.js";
import { startTestApp } from "../support/harness.js";
import { startSlackServer } from "../support/slack-server.js";

const cleanups: Array<() => Promise<void> | void> = [];
afterAll(async () => {
  for (const c of cleanups.reverse()) await c();
});

function turn(
  platform: "slack" | "discord" | "cli",
  workspace: string,
  user: string,
  text: string,
  files: ChatTurn["files"] = [],
): ChatTurn {
  return {
    platform,
    workspace: { id: workspace },
    channel: "C1",
    thread: `t-${user}`,
    direct: true,
    user: { id: user, isAdmin: false },
    text,
    files,
  };
}

describe("profiles in chat", () => {
  let app: App;
  let slackFile: (name: string, content: Buffer, loginPage?: boolean) => string;

  it("reads a Slack file shared with the bot into the sender's profile", async () => {
    const slack = await startSlackServer();
    cleanups.push(() => slack.close());
    app = await startTestApp(
      "http://127.0.0.1:9",
      { SLACK_BOT_TOKEN: slack.botToken, SLACK_API_URL: slack.apiUrl },
      cleanups,
    );
    slackFile = (name, content, loginPage) =>
      slack.hostFile(name, content, { loginPage: loginPage === true });
    const url = slackFile("jane.pdf", pdfWithText(CV_EN));
    const progress: string[] = [];
    const reply = await app.chat.handleTurn(
      turn("slack", "slack:T1", "U1", "", [{ name: "jane.pdf", url, mimeType: "application/pdf" }]),
      {
        onProgress: (r) => progress.push(`${r.status}:${r.progress}`),
      },
    );
    expect(reply.text).toMatch(/I read your CV “jane.pdf” \(11 lines\)/);
    expect(reply.text).toMatch(/Skills: Python \(L4, L9\)/);
    expect(progress[0]).toBe("running:5");
    expect(reply.run?.status).toBe("completed");
  });

  it("answers a Slack login page (missing files:read) with what to do, and keeps no profile", async () => {
    const url = slackFile("cv.pdf", pdfWithText(CV_EN), true);
    const reply = await app.chat.handleTurn(turn("slack", "slack:T1", "U2", "", [{ name: "cv.pdf", url }]));
    expect(reply.text).toMatch(/web page instead of “cv.pdf”.*files:read/);
    const shown = await app.chat.handleTurn(turn("slack", "slack:T1", "U2", "show my profile"));
    expect(shown.text).toMatch(/You have no profile yet/);
  });

  it("reads a Discord attachment (German DOCX) and answers in German", async () => {
    const discord = await startDiscordServer();
    cleanups.push(() => discord.close());
    const m = discord.postMessage({
      channelId: "c1",
      author: { id: "D1", username: "max" },
      content: "",
      attachments: [{ filename: "lebenslauf.docx", size: 2000, content: docxWithText(CV_DE) }],
    });
    const a = (m.attachments as Array<{ url: string; filename: string }>)[0]!;
    const reply = await app.chat.handleTurn(
      turn("discord", "discord:G1", "D1", "", [{ name: a.filename, url: a.url }]),
    );
    expect(reply.text).toMatch(/Ich habe deinen Lebenslauf „lebenslauf.docx“ \(8 Zeilen\)/);
    expect(reply.text).toMatch(/Intensivpflege/);
  });

  it("reads a terminal file and answers a scanned PDF with what to send instead", async () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), "cv-"));
    const file = path.join(dir, "scan.pdf");
    writeFileSync(file, pdfImageOnly());
    const reply = await app.chat.handleTurn(
      turn("cli", "local", "me", "", [{ name: "scan.pdf", url: pathToFileURL(file).href }]),
    );
    expect(reply.text).toMatch(/no text layer: send a DOCX or text/);
    // A chat surface cannot make the bot read local files.
    const sneaky = await app.chat.handleTurn(
      turn("slack", "slack:T1", "U3", "", [{ name: "x.pdf", url: pathToFileURL(file).href }]),
    );
    expect(sneaky.text).toMatch(/couldn't download “x.pdf”/);
  });

  it("keeps a profile private to its user and workspace; stated facts and forgetting work", async () => {
    const mine = await app.chat.handleTurn(turn("slack", "slack:T1", "U1", "show my profile"));
    expect(mine.text).toMatch(/Your profile \(version 1, from “jane.pdf”\)/);
    const other = await app.chat.handleTurn(turn("slack", "slack:T1", "U9", "show my profile"));
    expect(other.text).toMatch(/You have no profile yet/);
    const otherWorkspace = await app.chat.handleTurn(turn("slack", "slack:T2", "U1", "show my profile"));
    expect(otherWorkspace.text).toMatch(/You have no profile yet/);

    const added = await app.chat.handleTurn(turn("slack", "slack:T1", "U1", "I also know Kubernetes"));
    expect(added.text).toMatch(/Added to your profile \(stated by you\): Kubernetes/);
    const prefs = await app.chat.handleTurn(
      turn(
        "slack",
        "slack:T1",
        "U1",
        "I want remote or Frankfurt within 30 km, German or English, at least 60k, senior",
      ),
    );
    expect(prefs.text).toMatch(
      /remote ok; Frankfurt am Main within 30 km; languages de, en; at least 60k a year; senior/,
    );
    const again = await app.chat.handleTurn(turn("slack", "slack:T1", "U1", "show my profile"));
    expect(again.text).toMatch(/Kubernetes \(stated\)/);

    const forgot = await app.chat.handleTurn(turn("slack", "slack:T1", "U1", "forget my profile"));
    expect(forgot.text).toMatch(/I deleted your profile/);
    expect((await app.chat.handleTurn(turn("slack", "slack:T1", "U1", "show my profile"))).text).toMatch(
      /no profile yet/,
    );
    expect(await app.profiles.get({ workspaceId: "slack:T1", userId: "U1" })).toBeUndefined();
  });
});
