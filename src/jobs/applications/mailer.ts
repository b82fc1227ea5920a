import nodemailer from "nodemailer";
import { AppError } from "../../core/errors.js";

/** One mail as the application sender builds it. */
export interface OutgoingMail {
  to: string;
  subject: string;
  text: string;
  /** `<id@host>`, the same on every attempt of one send. @defaultValue one made by nodemailer */
  messageId?: string | undefined;
  attachments: Array<{ filename: string; content: string | Buffer; contentType?: string }>;
}

/** Sends one mail; resolves with the server's message id, or throws an AppError saying what to do. */
export interface Mailer {
  send(mail: OutgoingMail): Promise<{ messageId: string }>;
  close(): void;
}

/** Options for {@link createSmtpMailer}. */
export interface SmtpMailerOptions {
  /** `smtp://user:pass@host:587` or `smtps://…` (SMTP_URL). */
  url: string;
  from: string;
  /** @defaultValue the sender */
  replyTo?: string | undefined;
  /** Each step's limit: connecting, the greeting, an idle socket. */
  timeoutMs: number;
}

/** A mail server's refusal in words that say what to do (never the password of SMTP_URL). */
export function smtpFailure(err: unknown, host: string, to: string): AppError {
  const e = err as { code?: string; responseCode?: number; response?: string; message?: string };
  const said = (e.response ?? e.message ?? "").split("\n")[0]!.slice(0, 200);
  const user =
    e.code === "EAUTH"
      ? `The mail server ${host} refused the login: check the user and password in SMTP_URL.`
      : e.code === "EENVELOPE" || (e.responseCode !== undefined && e.responseCode >= 500)
        ? `The mail server ${host} refused to deliver to ${to} (${said}): check the address and try again.`
        : e.code === "ETIMEDOUT" || e.code === "ESOCKET" || e.code === "ECONNECTION" || e.code === "EDNS"
          ? `The mail server ${host} did not answer (${e.code}): nothing was sent. Try again later, or check SMTP_URL.`
          : `The mail server ${host} did not accept the mail (${said || e.code || "unknown error"}): nothing was sent.`;
  const retryable =
    e.code !== "EAUTH" && e.code !== "EENVELOPE" && !(e.responseCode && e.responseCode >= 500);
  return new AppError("smtp_failed", `smtp ${host}: ${e.code ?? ""} ${said}`, {
    userMessage: user,
    retryable,
    cause: err,
  });
}

/** Mail over SMTP with nodemailer, from and reply-to as configured, with timeouts at every step. */
export function createSmtpMailer(o: SmtpMailerOptions): Mailer {
  const url = new URL(o.url);
  const host = url.host;
  const transport = nodemailer.createTransport({
    host: url.hostname,
    port: url.port ? Number(url.port) : url.protocol === "smtps:" ? 465 : 587,
    secure: url.protocol === "smtps:",
    ...(url.username
      ? { auth: { user: decodeURIComponent(url.username), pass: decodeURIComponent(url.password) } }
      : {}),
    // A local or test server without TLS: only when the URL says so (`?tls=off`).
    ...(url.searchParams.get("tls") === "off" ? { ignoreTLS: true } : {}),
    connectionTimeout: o.timeoutMs,
    greetingTimeout: o.timeoutMs,
    socketTimeout: o.timeoutMs,
  });
  return {
    async send(mail) {
      try {
        const info = await transport.sendMail({
          from: o.from,
          replyTo: o.replyTo ?? o.from,
          to: mail.to,
          subject: mail.subject,
          text: mail.text,
          ...(mail.messageId ? { messageId: mail.messageId } : {}),
          attachments: mail.attachments,
        });
        return { messageId: info.messageId };
      } catch (err) {
        throw smtpFailure(err, host, mail.to);
      }
    },
    close: () => transport.close(),
  };
}
