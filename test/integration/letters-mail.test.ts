// Approved letters by email against a local SMTP server (smtp-server + mailparser): only approved
// letters, only after the person confirms the preview, once per letter and address however often
// it is confirmed; a bad address, a refused recipient, a wrong login and a hanging server are each
// answered with what to do, and nothing is half-sent.
import { mkdtempSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { pathToFileURL } from "node:url";
import { afterAll, describe, expect, it } from "vitest";
import type { ChatTurn } from "../../src/chat/chat-turn.js";
import { createSmtpMailer } from "../../src/jobs/applications/mailer.js";
import { CV_EN } from "../support/documents.js";
import {
  dropPrefix,
  eventually,
  startTestApp,
  tempDir,
  testApp,
  testConfig,
  testEnv,
} from "../support/harness.js";
import { replayPerFile } from "../support/replay-per-file.js";
import { startLocalSmtp } from "../support/smtp-server.js";
import { terminalTurn } from "../support/turns.js";

const { server: replay, cleanups } = replayPerFile();
const servers: Array<() => Promise<void>> = [];
afterAll(async () => {
  for (const c of servers) await c();
});

const turn = (text: string, files: ChatTurn["files"] = []) => terminalTurn("t-mail", text, files);

describe("sending an approved application", () => {
  it("sends only an approved letter, only after confirmation, once", async () => {
    const smtp = await startLocalSmtp({ refuse: ["nobody@example.com"] });
    servers.push(() => smtp.close());
    const app = await startTestApp(
      replay().url,
      { SMTP_URL: smtp.url, SMTP_FROM: "Jane Doe <jane@example.org>", SMTP_REPLY_TO: "jane.doe@example.org" },
      cleanups,
    );
    const say = (text: string) => app.chat.handleTurn(turn(text));
    const dir = mkdtempSync(path.join(os.tmpdir(), "cv-"));
    writeFileSync(path.join(dir, "cv.txt"), `${CV_EN.join("\n")}\n`);
    await app.chat.handleTurn(
      turn("", [{ name: "cv.txt", url: pathToFileURL(path.join(dir, "cv.txt")).href }]),
    );
    const found = await say("refresh jobs in Berlin");
    const job = found.jobs[1]!;
    const draft = await say("draft a letter for job 2");

    expect((await say("send the letter to hr@example.com")).text).toMatch(
      /Only an approved letter can be sent/,
    );
    await say("approve");
    expect((await say("send the letter to hr@@example")).text).toMatch(
      /“hr@@example” is not an email address I can send to/,
    );

    const preview = await say("send the letter for job 2 to hr@example.com");
    expect(preview.text).toMatch(
      /I will send your approved letter for .* to hr@example\.com .*Say “yes, send it”/,
    );
    expect(smtp.mails).toHaveLength(0);

    const sent = await say("yes, send it");
    expect(sent.text).toMatch(/^Sent to hr@example\.com\. .* is now marked “applied”/);
    expect(smtp.mails).toHaveLength(1);
    const mail = smtp.mails[0]!;
    expect(mail.from?.value).toEqual([{ name: "Jane Doe", address: "jane@example.org" }]);
    expect(mail.replyTo?.text).toBe("jane.doe@example.org");
    expect(smtp.envelopes[0]).toEqual(["hr@example.com"]);
    expect(mail.subject).toMatch(
      new RegExp(`^(Application: |Bewerbung als )${job.title.replace(/[()]/g, "\\$&")}$`),
    );
    expect(mail.text?.trim()).toBe(draft.letter!.text);
    // The letter's file is named in the letter's language (the posting's).
    expect(mail.attachments.map((a) => a.filename)).toEqual([
      /^Bewerbung/.test(mail.subject ?? "") ? "Anschreiben.txt" : "Cover-letter.txt",
      "cv.txt",
    ]);
    expect(mail.attachments[0]!.content.toString("utf8")).toBe(draft.letter!.text);
    // The CV as the profile keeps it (its text: the uploaded file is not kept once read).
    expect(mail.attachments[1]!.content.toString("utf8")).toBe(`${CV_EN.join("\n")}\n`);
    expect(mail.attachments[1]!.contentType).toBe("text/plain");
    // The SMTP password never reaches what the person sees.
    expect(sent.text).not.toContain("secret-pass");

    // Confirming the same letter to the same address again sends nothing more.
    await say("send the letter to hr@example.com");
    expect((await say("yes")).text).toMatch(/already went to hr@example\.com; I did not send it again/);
    expect(smtp.mails).toHaveLength(1);

    // A recipient the server refuses: said with what to do; nothing sent.
    await say("send the letter to nobody@example.com");
    const refused = await say("yes, send it");
    expect(refused.text).toMatch(/refused to deliver to nobody@example\.com \(.*550.*\): check the address/);
    expect(smtp.mails).toHaveLength(1);

    const csv = await say("export my applications as csv");
    expect(csv.text).toMatch(/Exported 1 jobs to /);
  });

  it("retries a send cut off mid-message once and records it once; a second cut is said, nothing half-sent", async () => {
    const smtp = await startLocalSmtp({ dropDuringData: 1 });
    const twice = await startLocalSmtp({ dropDuringData: 2 });
    servers.push(
      () => smtp.close(),
      () => twice.close(),
    );
    const owner = { workspaceId: "local", userId: "me" };
    for (const [server, expectSent] of [
      [smtp, true],
      [twice, false],
    ] as const) {
      const app = await startTestApp(
        replay().url,
        { SMTP_URL: server.url, SMTP_FROM: "jane@example.org", SMTP_TIMEOUT_MS: "5000" },
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
      const sent = await say("yes, send it");
      if (expectSent) {
        expect(sent.text).toMatch(/^Sent to hr@example\.com\./);
        expect(server.mails).toHaveLength(1);
        expect(server.mails[0]!.messageId).toMatch(/^<mail_[0-9a-f]{24}@jobscout\.invalid>$/);
        expect(await app.letters.mails(owner, draft.letter!.id)).toEqual([
          { to: "hr@example.com", status: "sent" },
        ]);
      } else {
        expect(sent.text).toMatch(/The mail server 127\.0\.0\.1:\d+ did not (answer|accept the mail)/);
        expect(server.mails).toHaveLength(0);
        expect(await app.letters.mails(owner, draft.letter!.id)).toEqual([
          { to: "hr@example.com", status: "failed" },
        ]);
      }
    }
  });

  it("names a wrong login and a server that hangs, without the password", async () => {
    const smtp = await startLocalSmtp();
    const hang = await startLocalSmtp({ hang: true });
    servers.push(
      () => smtp.close(),
      () => hang.close(),
    );
    const mail = { to: "hr@example.com", subject: "s", text: "t", attachments: [] };
    const wrong = createSmtpMailer({
      url: smtp.url.replace("secret-pass", "wrong-pass"),
      from: "jane@example.org",
      timeoutMs: 5000,
    });
    const denied = (await wrong.send(mail).catch((e: unknown) => e)) as { code: string; userMessage: string };
    expect(denied.code).toBe("smtp_failed");
    expect(denied.userMessage).toMatch(/refused the login: check the user and password in SMTP_URL/);
    wrong.close();
    const slow = createSmtpMailer({ url: hang.url, from: "jane@example.org", timeoutMs: 600 });
    const err = (await slow.send(mail).catch((e: unknown) => e)) as { userMessage: string };
    expect(err.userMessage).toMatch(/did not answer \(ETIMEDOUT\): nothing was sent/);
    expect(err.userMessage).not.toContain("secret-pass");
    slow.close();
    expect(smtp.mails).toHaveLength(0);
  });
  it("sends a mail whose sender died mid-send anew after the lease, under the same Message-ID, recorded once", async () => {
    // The server reads the first message in full and never answers it: the sender waits on, as one
    // that died mid-send leaves its claim at "sending".
    const smtp = await startLocalSmtp({ stallData: 1 });
    servers.push(() => smtp.close());
    const data = tempDir();
    const env = testEnv(data.dir, replay().url, {
      SMTP_URL: smtp.url,
      SMTP_FROM: "jane@example.org",
      SMTP_TIMEOUT_MS: "300000",
    });
    // Three processes on one data dir: the one stuck mid-send, one within the lease, one after it.
    const stuck = await testApp(testConfig(env));
    const within = await testApp(testConfig(env), { workers: false });
    const after = await testApp(testConfig({ ...env, SMTP_SEND_LEASE_MS: "0" }), { workers: false });
    cleanups.push(data.remove, () => dropPrefix(env.JOBSCOUT_QUEUE_PREFIX));
    for (const app of [stuck, within, after]) cleanups.push(() => app.close());
    const owner = { workspaceId: "local", userId: "me" };
    const say = (app: typeof stuck, text: string, thread: string) =>
      app.chat.handleTurn({ ...turn(text), thread });

    const dir = mkdtempSync(path.join(os.tmpdir(), "cv-"));
    writeFileSync(path.join(dir, "cv.txt"), `${CV_EN.join("\n")}\n`);
    await stuck.chat.handleTurn(
      turn("", [{ name: "cv.txt", url: pathToFileURL(path.join(dir, "cv.txt")).href }]),
    );
    await say(stuck, "refresh jobs in Berlin", "t-stuck");
    const draft = await say(stuck, "draft a letter for job 1", "t-stuck");
    await say(stuck, "approve", "t-stuck");
    await say(stuck, "send the letter to hr@example.com", "t-stuck");
    const stuckSend = say(stuck, "yes, send it", "t-stuck");
    const first = await eventually(() => smtp.stalled[0]);
    expect(await stuck.letters.mails(owner, draft.letter!.id)).toEqual([
      { to: "hr@example.com", status: "sending" },
    ]);

    // Within the lease another process does not send it a second time, and says so.
    await say(within, "send the letter to hr@example.com", "t-within");
    expect((await say(within, "yes, send it", "t-within")).text).toMatch(
      /^That letter is being sent to hr@example\.com right now; I did not send it a second time\./,
    );
    expect(smtp.mails).toHaveLength(0);

    // After the lease it is sent anew, under the Message-ID of the first attempt.
    await say(after, "send the letter to hr@example.com", "t-after");
    expect((await say(after, "yes, send it", "t-after")).text).toMatch(/^Sent to hr@example\.com\./);
    expect(smtp.mails).toHaveLength(1);
    expect(first.messageId).toMatch(/^<mail_[0-9a-f]{24}@jobscout\.invalid>$/);
    expect(smtp.mails[0]!.messageId).toBe(first.messageId);
    expect(smtp.mails[0]!.text?.trim()).toBe(draft.letter!.text);

    // The stuck attempt ends late (its connection closes): it changes nothing recorded.
    await smtp.close();
    expect((await stuckSend).text).toMatch(
      /The mail server 127\.0\.0\.1:\d+ did not (answer|accept the mail)/,
    );
    expect(await after.letters.mails(owner, draft.letter!.id)).toEqual([
      { to: "hr@example.com", status: "sent" },
    ]);
  });
});
