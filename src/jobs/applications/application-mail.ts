import { AppError } from "../../core/errors.js";
import type { StoredJob } from "../../store/jobs.repo.js";
import type { LetterOwner, LettersRepo, StoredLetter } from "../../store/letters.repo.js";
import { sha256 } from "./letter-service.js";
import type { Mailer, OutgoingMail } from "./mailer.js";
import type { Profile } from "../profiles/profile.js";

/** What the person is asked to confirm, and the token that confirms exactly this. */
export interface MailPreview {
  letterId: string;
  to: string;
  job: { title: string; company: string };
  subject: string;
  confirmation: string;
}

export type MailOutcome = {
  /** `sending`: another attempt holds the send (within its lease); nothing was sent now. */
  status: "sent" | "already_sent" | "sending";
  to: string;
  job: { title: string; company: string };
};

/** What sending needs. */
export interface ApplicationMailOptions {
  letters: LettersRepo;
  findJob(jobId: string | number): Promise<StoredJob>;
  /** Undefined when SMTP_URL is not set. */
  mailer: Mailer | undefined;
  /** The person's profile: its CV goes with the letter. */
  profiles: { get(owner: LetterOwner): Promise<Profile | undefined> };
  /**
   * How long a send may stay at `sending` before another attempt takes it over (its process died
   * mid-send): longer than a send can take (`SMTP_SEND_LEASE_MS`). @defaultValue `600000`
   */
  leaseMs?: number | undefined;
}

/**
 * The CV as attached: the profile keeps the CV's text, not the uploaded file (its bytes are dropped
 * once parsed), so the text goes as a .txt named after the file that was sent.
 */
export function cvAttachment(profile: Profile): OutgoingMail["attachments"][number] {
  const base = (profile.sourceName ?? "CV")
    .replace(/\.[A-Za-z0-9]{1,5}$/, "")
    .replace(/[^\p{L}\p{N}._ -]+/gu, "_");
  return {
    filename: `${base || "CV"}.txt`,
    content: `${profile.lines.map((l) => l.text).join("\n")}\n`,
    contentType: "text/plain; charset=utf-8",
  };
}

// One address, no display name, no line breaks (a header injection), a dot in the domain.
const ADDRESS =
  /^[A-Za-z0-9.!#$%&'*+/=?^_`{|}~-]{1,64}@[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?(?:\.[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?)+$/;

const T = {
  en: {
    notSetUp: "Sending mail is not set up here: the operator sets SMTP_URL and SMTP_FROM.",
    badAddress: (a: string) =>
      `“${a}” is not an email address I can send to: write it like jobs@example.com.`,
    notApproved: "Only an approved letter can be sent: approve it first (“approve”), then ask again.",
    changed: "The letter changed since you confirmed: ask me to send it again to see what goes out.",
    subject: (title: string) => `Application: ${title}`,
  },
  de: {
    notSetUp: "Der Mailversand ist hier nicht eingerichtet: Der Betreiber setzt SMTP_URL und SMTP_FROM.",
    badAddress: (a: string) =>
      `„${a}“ ist keine E-Mail-Adresse, an die ich senden kann: Schreib sie wie jobs@example.de.`,
    notApproved:
      "Nur ein freigegebenes Anschreiben kann versendet werden: Gib es zuerst frei („freigeben“), dann frag erneut.",
    changed:
      "Das Anschreiben hat sich seit deiner Bestätigung geändert: Bitte mich erneut ums Senden, um zu sehen, was verschickt wird.",
    subject: (title: string) => `Bewerbung als ${title}`,
  },
} as const;

/**
 * An approved letter by mail, never without the person's confirmation: `preview` says what would
 * go where and returns a token for exactly that letter text and address; `send` takes the token,
 * claims (letter, address, text) in the store so a retry sends once, and records the outcome.
 */
export class ApplicationMail {
  constructor(private readonly o: ApplicationMailOptions) {}

  async preview(
    owner: LetterOwner,
    ref: { jobId?: string | undefined },
    to: string,
    says: "de" | "en" = "en",
  ): Promise<MailPreview> {
    const t = T[says];
    if (!this.o.mailer) throw new AppError("smtp_not_configured", "no SMTP_URL", { userMessage: t.notSetUp });
    const address = to.trim();
    if (!ADDRESS.test(address))
      throw new AppError("bad_address", "bad address", { userMessage: t.badAddress(to) });
    const letter = await this.approvedLetter(owner, ref, says);
    const job = (await this.o.findJob(letter.jobId)).posting;
    return {
      letterId: letter.id,
      to: address,
      job: { title: job.title, company: job.company },
      subject: T[letter.lang].subject(job.title),
      confirmation: sha256(`${letter.id}\u0000${address}\u0000${letter.hash}`).slice(0, 16),
    };
  }

  async send(
    owner: LetterOwner,
    letterId: string,
    to: string,
    confirmation: string,
    says: "de" | "en" = "en",
  ): Promise<MailOutcome> {
    const t = T[says];
    const mailer = this.o.mailer;
    if (!mailer) throw new AppError("smtp_not_configured", "no SMTP_URL", { userMessage: t.notSetUp });
    const letter = await this.o.letters.get(owner, letterId);
    if (!letter || letter.status !== "approved")
      throw new AppError("letter_not_approved", "not approved", { userMessage: t.notApproved });
    const expected = sha256(`${letter.id}\u0000${to}\u0000${letter.hash}`).slice(0, 16);
    if (confirmation !== expected)
      throw new AppError("mail_unconfirmed", "confirmation mismatch", { userMessage: t.changed });
    const posting = (await this.o.findJob(letter.jobId)).posting;
    const job = { title: posting.title, company: posting.company };
    const id = `mail_${sha256(`${owner.workspaceId}\u0000${owner.userId}\u0000${expected}`).slice(0, 24)}`;
    const claimed = await this.o.letters.claimMail(
      owner,
      { id, letterId, to },
      { leaseMs: this.o.leaseMs ?? 600_000 },
    );
    if ("held" in claimed) return { status: claimed.held === "sent" ? "already_sent" : "sending", to, job };
    const profile = await this.o.profiles.get(owner);
    const mail: OutgoingMail = {
      to,
      subject: T[letter.lang].subject(posting.title),
      text: letter.text,
      // One id for every attempt (also one taking over from a process that died mid-send): a
      // server that did take a mail whose answer was lost sees the retry as the same message.
      messageId: `<${id}@jobscout.invalid>`,
      attachments: [
        {
          filename: letter.lang === "de" ? "Anschreiben.txt" : "Cover-letter.txt",
          content: letter.text,
          contentType: "text/plain; charset=utf-8",
        },
        ...(profile ? [cvAttachment(profile)] : []),
      ],
    };
    try {
      const sent = await sendRetryingOnce(mailer, mail);
      await this.o.letters.finishMail(owner, id, claimed.claim, { messageId: sent.messageId });
    } catch (err) {
      await this.o.letters.finishMail(owner, id, claimed.claim, {
        error: err instanceof Error ? err.message : String(err),
      });
      throw err;
    }
    await this.o.letters.setStatus(owner, letter.jobId, "applied", letter.id);
    return { status: "sent", to, job };
  }

  private async approvedLetter(
    owner: LetterOwner,
    ref: { jobId?: string | undefined },
    says: "de" | "en",
  ): Promise<StoredLetter> {
    const jobId = ref.jobId ? (await this.o.findJob(ref.jobId)).id : undefined;
    const approved = await this.o.letters.approvedByJob(owner);
    const letter = jobId !== undefined ? approved.get(jobId) : [...approved.values()].at(-1);
    if (!letter)
      throw new AppError("letter_not_approved", "no approved letter", { userMessage: T[says].notApproved });
    return letter;
  }
}

/**
 * A connection lost mid-way (dropped during DATA, reset, timed out) is tried once more; a refusal
 * (login, recipient, 5xx) is not. The claim in the store already keeps other tries of this send out.
 */
async function sendRetryingOnce(mailer: Mailer, mail: OutgoingMail): Promise<{ messageId: string }> {
  try {
    return await mailer.send(mail);
  } catch (err) {
    if (!(err instanceof AppError) || !err.retryable) throw err;
    return mailer.send(mail);
  }
}
