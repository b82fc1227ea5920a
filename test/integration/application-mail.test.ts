// Application mails through the service on both stores, to a local SMTP server (smtp-server +
// mailparser): refused with what to do when mail is not set up, the letter is not approved (or not
// the person's), or the confirmation is for another text; a German letter goes out under a German
// subject and attachment name; without a profile only the letter is attached; the CV goes as text
// named after the file that was sent; a server that cannot be reached is told apart from a refusal.
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { AppError } from "../../src/core/errors.js";
import { ApplicationMail, cvAttachment } from "../../src/jobs/applications/application-mail.js";
import { createSmtpMailer, smtpFailure, type Mailer } from "../../src/jobs/applications/mailer.js";
import type { Profile } from "../../src/jobs/profiles/profile.js";
import { JobsRepo } from "../../src/store/jobs.repo.js";
import { LettersRepo, type LetterOwner } from "../../src/store/letters.repo.js";
import { ProfilesRepo } from "../../src/store/profiles.repo.js";
import { posting } from "../contract/search-fixtures.js";
import { deadPort, type DeadPort } from "../support/dead-port.js";
import { startLocalSmtp, type LocalSmtp } from "../support/smtp-server.js";
import { openTestStore, STORES, type TestStore } from "../support/stores.js";
import { refusal } from "../support/harness.js";

const ME: LetterOwner = { workspaceId: "slack:T1", userId: "U1" };
let smtp: LocalSmtp;
let dead: DeadPort;
beforeAll(async () => {
  smtp = await startLocalSmtp();
  dead = await deadPort();
});
afterAll(async () => {
  await smtp.close();
  await dead.close();
});

const profile = (sourceName: string | null): Profile => ({
  workspaceId: ME.workspaceId,
  userId: ME.userId,
  version: 1,
  sourceName,
  lines: [
    { n: 1, text: "Jane Doe" },
    { n: 2, text: "Data Engineer" },
  ],
  facts: [],
  preferences: {},
  updatedAt: "2026-12-01T00:00:00.000Z",
});

describe("the CV attached to an application", () => {
  it.each([
    ["Jane Doe – CV (final).pdf", "Jane Doe _ CV _final_.txt"],
    ["lebenslauf.docx", "lebenslauf.txt"],
    [".pdf", "CV.txt"],
    [null, "CV.txt"],
  ])("goes as text named after %j", (sourceName, filename) => {
    expect(cvAttachment(profile(sourceName))).toEqual({
      filename,
      content: "Jane Doe\nData Engineer\n",
      contentType: "text/plain; charset=utf-8",
    });
  });
});

describe.each(STORES)("application mails on %s", (kind) => {
  let store: TestStore;
  let letters: LettersRepo;
  let profiles: ProfilesRepo;
  let jobs: JobsRepo;
  let mailer: Mailer;
  let job: { en: number; de: number; draft: number };

  beforeEach(async () => {
    store = await openTestStore(kind);
    letters = new LettersRepo(store.db);
    profiles = new ProfilesRepo(store.db);
    jobs = new JobsRepo(store.db);
    mailer = createSmtpMailer({ url: smtp.url, from: "jobscout@example.org", timeoutMs: 5000 });
    const now = new Date().toISOString();
    job = {
      en: await jobs.insert(posting("en", { title: "Data Engineer", company: "Example Bank" }), null, now),
      de: await jobs.insert(posting("de", { title: "Pflegefachkraft", company: "Klinikum Süd" }), null, now),
      draft: await jobs.insert(posting("draft", { title: "Analyst", company: "Example AG" }), null, now),
    };
    const letter = async (jobId: number, lang: "en" | "de", text: string, approve: boolean) => {
      await letters.insert(ME, {
        id: `letter-${jobId}`,
        jobId,
        lang,
        text,
        cited: [],
        report: { supported: true, unsupported: [], claims: 0 },
        model: "offline",
        promptVersion: "offline-1",
        edited: false,
        hash: `h-${jobId}`,
      });
      if (approve) await letters.approve(ME, `letter-${jobId}`, `h-${jobId}`, false);
    };
    await letter(job.en, "en", "Dear Example Bank team,\nJane Doe", true);
    await letter(job.de, "de", "Sehr geehrte Damen und Herren,\nJane Doe", true);
    await letter(job.draft, "en", "Draft", false);
  });
  afterEach(async () => {
    mailer.close();
    await store.close();
  });

  const service = (o: { mailer?: Mailer | undefined } = { mailer: undefined }) =>
    new ApplicationMail({
      letters,
      findJob: async (id) => {
        const [found] = await jobs.getMany([Number(id)]);
        if (!found) throw new AppError("job_not_found", `no job ${String(id)}`);
        return found;
      },
      mailer: "mailer" in o ? o.mailer : mailer,
      profiles,
    });

  it("says mail is not set up, in the person's language, before anything else", async () => {
    const off = service();
    const preview = await refusal(off.preview(ME, {}, "hr@example.com", "de"));
    expect(preview).toMatchObject({ code: "smtp_not_configured" });
    expect(preview.userMessageIn("de")).toBe(
      "Der Mailversand ist hier nicht eingerichtet: Der Betreiber setzt SMTP_URL und SMTP_FROM.",
    );
    const send = await refusal(off.send(ME, `letter-${job.en}`, "hr@example.com", "0000"));
    expect(send.userMessageIn("en")).toBe(
      "Sending mail is not set up here: the operator sets SMTP_URL and SMTP_FROM.",
    );
  });

  it("refuses an address it cannot send to, a letter not approved, and a confirmation for another text", async () => {
    const mail = service({ mailer });
    const before = smtp.mails.length;
    const bad = await refusal(mail.preview(ME, {}, "hr@example", "de"));
    expect(bad.userMessageIn("de")).toBe(
      "„hr@example“ ist keine E-Mail-Adresse, an die ich senden kann: Schreib sie wie jobs@example.de.",
    );
    const draft = await refusal(mail.preview(ME, { jobId: String(job.draft) }, "hr@example.com"));
    expect(draft.code).toBe("letter_not_approved");
    // Sending a draft by its id, or someone else's letter, is refused the same way.
    expect((await refusal(mail.send(ME, `letter-${job.draft}`, "hr@example.com", "x"))).code).toBe(
      "letter_not_approved",
    );
    const other = { ...ME, userId: "U2" };
    expect((await refusal(mail.send(other, `letter-${job.en}`, "hr@example.com", "x"))).code).toBe(
      "letter_not_approved",
    );
    const ok = await mail.preview(ME, { jobId: String(job.en) }, "hr@example.com");
    const elsewhere = await refusal(mail.send(ME, ok.letterId, "boss@example.com", ok.confirmation, "de"));
    expect(elsewhere.userMessageIn("de")).toMatch(
      /^Das Anschreiben hat sich seit deiner Bestätigung geändert/,
    );
    // Nothing went out.
    expect(smtp.mails.length).toBe(before);
  });

  it("sends the newest approved letter when no job is named: a German one under a German subject, only the letter without a profile", async () => {
    // The English letter was approved a day earlier.
    await store.db.kysely
      .updateTable("letters")
      .set({ approved_at: "2026-11-30T08:00:00.000Z" })
      .where("id", "=", `letter-${job.en}`)
      .execute();
    const mail = service({ mailer });
    const to = `de-${kind}@example.com`;
    const p = await mail.preview(ME, {}, ` ${to} `);
    expect(p).toMatchObject({
      to,
      subject: "Bewerbung als Pflegefachkraft",
      job: { title: "Pflegefachkraft" },
    });
    expect(await mail.send(ME, p.letterId, to, p.confirmation)).toMatchObject({ status: "sent", to });
    const got = smtp.mails.find(
      (m) => m.subject === "Bewerbung als Pflegefachkraft" && m.text?.includes("Sehr geehrte"),
    );
    expect(got?.attachments.map((a) => a.filename)).toEqual(["Anschreiben.txt"]);
    expect((await letters.statuses(ME)).get(job.de)).toBe("applied");
  });

  it("attaches the CV as text named after the file sent", async () => {
    await profiles.put(ME, {
      sourceName: "jane.pdf",
      lines: profile(null).lines,
      facts: [],
      preferences: {},
    });
    const mail = service({ mailer });
    const to = `cv-${kind}@example.com`;
    const p = await mail.preview(ME, { jobId: String(job.en) }, to);
    expect(p.subject).toBe("Application: Data Engineer");
    expect(await mail.send(ME, p.letterId, to, p.confirmation)).toMatchObject({ status: "sent" });
    const got = smtp.mails.find((m) => m.to && JSON.stringify(m.to).includes(to));
    expect(got?.attachments.map((a) => [a.filename, a.content.toString("utf8")])).toEqual([
      ["Cover-letter.txt", "Dear Example Bank team,\nJane Doe"],
      ["jane.txt", "Jane Doe\nData Engineer\n"],
    ]);
  });
});

describe("a mail server that cannot be reached", () => {
  it("is told as 'did not answer', to try again, without the password", async () => {
    const mailer = createSmtpMailer({
      url: `smtp://jane:secret-pass@127.0.0.1:${dead.port}?tls=off`,
      from: "jobscout@example.org",
      timeoutMs: 5000,
    });
    try {
      const err = await refusal(
        mailer.send({ to: "hr@example.com", subject: "x", text: "x", attachments: [] }),
      );
      expect(err).toMatchObject({ code: "smtp_failed", retryable: true });
      expect(err.userMessageIn("en")).toMatch(
        new RegExp(
          `^The mail server 127\\.0\\.0\\.1:${dead.port} did not answer \\((ESOCKET|ECONNECTION)\\): nothing was sent\\.`,
        ),
      );
      expect(err.message).not.toContain("secret-pass");
    } finally {
      mailer.close();
    }
  });

  it("says what the server said when it turned the mail away for another reason", () => {
    const err = smtpFailure(
      { code: "EMESSAGE", responseCode: 452, response: "452 4.3.1 Insufficient system storage" },
      "mail.example.org:587",
      "hr@example.com",
    );
    expect(err.retryable).toBe(true);
    expect(err.userMessageIn("en")).toBe(
      "The mail server mail.example.org:587 did not accept the mail (452 4.3.1 Insufficient system storage): nothing was sent.",
    );
    expect(smtpFailure({}, "mail.example.org:587", "hr@example.com").userMessageIn("en")).toBe(
      "The mail server mail.example.org:587 did not accept the mail (unknown error): nothing was sent.",
    );
  });
});
