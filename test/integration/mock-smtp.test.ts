// `jobscout mock smtp`, the SMTP receiver of the offline walkthrough, as a user runs it: an approved
// letter sent by jobscout's own send path (nodemailer over SMTP_URL) arrives, is kept as an .eml file
// in the folder given, and is told in one line (sender, recipient, subject, size, file).
import { mkdtempSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { pathToFileURL } from "node:url";
import { simpleParser } from "mailparser";
import { describe, expect, it } from "vitest";
import type { ChatTurn } from "../../src/chat/chat-turn.js";
import { runJobscout, startJobscout } from "../support/cli.js";
import { CV_EN } from "../support/documents.js";
import { eventually, startTestApp, tempDir } from "../support/harness.js";
import { replayPerFile } from "../support/replay-per-file.js";
import { terminalTurn } from "../support/turns.js";

const { server: replay, cleanups } = replayPerFile();

const turn = (text: string, files: ChatTurn["files"] = []) => terminalTurn("t-mock-smtp", text, files);

describe("jobscout mock smtp", () => {
  it("keeps a letter jobscout sends as an .eml file and prints one line for it", async () => {
    const mails = tempDir("jobscout-mails-");
    cleanups.push(mails.remove);
    const receiver = startJobscout(["mock", "smtp", "--smtp-port", "0", "--mail-dir", mails.dir], {
      env: {},
    });
    cleanups.push(async () => void (await receiver.stop()));
    const url = await eventually(() => /SMTP_URL='([^']+)'/.exec(receiver.stdout())?.[1], 60_000);
    expect(url).toMatch(/^smtp:\/\/127\.0\.0\.1:\d+\?tls=off$/);

    const app = await startTestApp(
      replay().url,
      { SMTP_URL: url, SMTP_FROM: "Jane Doe <jane@example.org>", JOBSCOUT_FIT_VERDICT: "off" },
      cleanups,
    );
    const say = (text: string) => app.chat.handleTurn(turn(text));
    const dir = mkdtempSync(path.join(os.tmpdir(), "cv-"));
    writeFileSync(path.join(dir, "cv.txt"), `${CV_EN.join("\n")}\n`);
    await app.chat.handleTurn(
      turn("", [{ name: "cv.txt", url: pathToFileURL(path.join(dir, "cv.txt")).href }]),
    );
    await say("refresh jobs in Berlin");
    const draft = await say("draft a letter for job 1");
    await say("approve");
    await say("send the letter to hr@example.com");
    expect((await say("yes, send it")).text).toMatch(/^Sent to hr@example\.com\./);

    const line = await eventually(() => /^mail from .*$/m.exec(receiver.stdout())?.[0], 30_000);
    const files = readdirSync(mails.dir);
    expect(files).toHaveLength(1);
    expect(files[0]).toMatch(/\.eml$/);
    const file = path.join(mails.dir, files[0]!);
    const mail = await simpleParser(readFileSync(file));
    expect(mail.text?.trim()).toBe(draft.letter!.text);
    expect(mail.messageId).toMatch(/^<mail_[0-9a-f]{24}@jobscout\.invalid>$/);
    expect(mail.attachments.map((a) => a.filename)).toEqual([
      /^Bewerbung/.test(mail.subject ?? "") ? "Anschreiben.txt" : "Cover-letter.txt",
      "cv.txt",
    ]);
    expect(line).toBe(
      `mail from jane@example.org to hr@example.com: “${mail.subject}” (${(readFileSync(file).length / 1024).toFixed(1)} KB) → ${file}`,
    );
  });

  it("names each bad number option and starts nothing (exit 2, no stack)", async () => {
    const r = await runJobscout(
      ["mock", "all", "--smtp-port", "abc", "--openai-port", "70000", "--fail-rate", "2", "--rpm", "-1"],
      { env: {} },
    );
    expect(r.code).toBe(2);
    expect(r.stderr).toBe(
      'jobscout mock: --openai-port must be a port number (0–65535), got "70000"\n' +
        'jobscout mock: --smtp-port must be a port number (0–65535), got "abc"\n' +
        'jobscout mock: --rpm must be a number ≥ 0, got "-1"\n' +
        'jobscout mock: --fail-rate must be a share from 0 to 1, got "2"\n',
    );
    expect(r.stdout).toBe("");
  });
});
