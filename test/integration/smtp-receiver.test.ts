// The SMTP receiver of `jobscout mock smtp`, in this process: a mail's subject as people read it
// (RFC 2047 encoded words, quoted-printable and base64, a charset it does not know), any login
// taken, a mail over the size limit refused with 552 and neither kept nor told, a large mail told
// with its full size.
import { readFileSync } from "node:fs";
import { afterEach, describe, expect, it } from "vitest";
import { startSmtpReceiver, type ReceivedMail, type SmtpReceiver } from "../../src/mock/smtp/receiver.js";
import { eventually, tempDir } from "../support/harness.js";
import { sendMail, smtpSession } from "../support/smtp-client.js";

const open: Array<{ close(): Promise<void> | void }> = [];
afterEach(async () => {
  for (const o of open.splice(0).reverse()) await o.close();
});

async function receiver(maxBytes?: number): Promise<{ smtp: SmtpReceiver; mails: ReceivedMail[] }> {
  const dir = tempDir("jobscout-smtp-");
  open.push({ close: dir.remove });
  const mails: ReceivedMail[] = [];
  const smtp = await startSmtpReceiver({
    dir: dir.dir,
    port: 0,
    ...(maxBytes ? { maxBytes } : {}),
    onMail: (m) => mails.push(m),
  });
  open.push(smtp);
  return { smtp, mails };
}

describe("the SMTP receiver", () => {
  it("tells a mail's subject as people read it, whatever its encoding", async () => {
    const { smtp, mails } = await receiver();
    const subjects = [
      "=?UTF-8?Q?Bewerbung_als_K=C3=B6chin?=",
      "=?UTF-8?B?QmV3ZXJidW5nIGluIFfDvHJ6YnVyZw==?=",
      // Two encoded words in a row are one text; a folded header is one line.
      "=?UTF-8?Q?Bewerbung_?=\r\n =?UTF-8?Q?f=C3=BCr_Stelle_2?=",
      "=?x-unknown?Q?Caf=E9?=",
    ];
    for (const subject of subjects)
      await sendMail(smtp.url, "jane@example.org", "hr@example.com", `Subject: ${subject}\r\n\r\nHallo`);
    await eventually(() => mails.length === 4);
    expect(mails.map((m) => m.subject)).toEqual([
      "Bewerbung als Köchin",
      "Bewerbung in Würzburg",
      "Bewerbung für Stelle 2",
      "Café",
    ]);
    expect(mails.map((m) => m.messageId)).toEqual(["", "", "", ""]);
  });

  it("takes any login, and keeps the mail's Message-ID", async () => {
    const { smtp, mails } = await receiver();
    const s = await smtpSession(smtp.url);
    await s.send("EHLO test.invalid", "250");
    await s.send(`AUTH PLAIN ${Buffer.from("\0jane\0any-password").toString("base64")}`, "235");
    await s.send("MAIL FROM:<jane@example.org>", "250");
    await s.send("RCPT TO:<hr@example.com>", "250");
    await s.send("DATA", "354");
    await s.send("Subject: Hallo\r\nMessage-ID: <m1@example.org>\r\n\r\nHallo\r\n.", "250");
    await s.quit();
    await eventually(() => mails.length === 1);
    expect(mails[0]).toMatchObject({
      from: "jane@example.org",
      to: ["hr@example.com"],
      messageId: "<m1@example.org>",
    });
  });

  it("refuses a mail over its size limit with 552, keeping and telling nothing", async () => {
    const { smtp, mails } = await receiver(1000);
    const s = await smtpSession(smtp.url);
    await s.send("EHLO test.invalid", "250");
    await s.send("MAIL FROM:<jane@example.org>", "250");
    await s.send("RCPT TO:<hr@example.com>", "250");
    await s.send("DATA", "354");
    const refused = await s.send(`Subject: big\r\n\r\n${"x".repeat(5000)}\r\n.`, "552");
    expect(refused).toBe("552 5.3.4 Message too big\r\n");
    await s.quit();
    expect(mails).toEqual([]);
  });

  it("tells a large mail with its full size and keeps all of it", async () => {
    const { smtp, mails } = await receiver();
    const body = "y".repeat(100_000);
    await sendMail(smtp.url, "jane@example.org", "hr@example.com", `Subject: large\r\n\r\n${body}`);
    await eventually(() => mails.length === 1);
    const kept = readFileSync(mails[0]!.file, "utf8");
    expect(kept).toContain(body);
    expect(mails[0]!.bytes).toBe(Buffer.byteLength(kept));
    expect(mails[0]!.subject).toBe("large");
  });
});
