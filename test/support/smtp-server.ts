// A local mail server speaking real SMTP (smtp-server), for the application mails: every accepted
// mail parsed with mailparser; logins checked; recipients refused with 550; or a server that takes
// the connection and never answers, as one that hangs.
import type { AddressInfo } from "node:net";
import { simpleParser, type ParsedMail } from "mailparser";
import { SMTPServer } from "smtp-server";

export interface LocalSmtp {
  /** Use as SMTP_URL (`smtp://user:pass@127.0.0.1:port?tls=off`). */
  url: string;
  mails: ParsedMail[];
  /** Envelope recipients of every accepted mail. */
  envelopes: string[][];
  close(): Promise<void>;
}

export interface LocalSmtpOptions {
  user?: string;
  pass?: string;
  /** Recipients answered with 550. */
  refuse?: string[];
  /** Accept the connection, never greet. */
  hang?: boolean;
}

export async function startLocalSmtp(o: LocalSmtpOptions = {}): Promise<LocalSmtp> {
  const user = o.user ?? "jane";
  const pass = o.pass ?? "secret-pass";
  const mails: ParsedMail[] = [];
  const envelopes: string[][] = [];
  const server = new SMTPServer({
    disabledCommands: ["STARTTLS"],
    authOptional: false,
    logger: false,
    onAuth(auth, _session, cb) {
      if (auth.username === user && auth.password === pass) cb(null, { user });
      else cb(new Error("535 5.7.8 Authentication credentials invalid"));
    },
    onConnect(_session, cb) {
      if (o.hang) return; // never answers
      cb();
    },
    onRcptTo(address, _session, cb) {
      if (o.refuse?.includes(address.address)) {
        const err = new Error("550 5.1.1 No such user here") as Error & { responseCode: number };
        err.responseCode = 550;
        cb(err);
        return;
      }
      cb();
    },
    onData(stream, session, cb) {
      simpleParser(stream)
        .then((mail) => {
          mails.push(mail);
          envelopes.push(session.envelope.rcptTo.map((r) => r.address));
          cb();
        })
        .catch((err: Error) => cb(err));
    },
  });
  await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
  const port = (server.server.address() as AddressInfo).port;
  return {
    url: `smtp://${user}:${pass}@127.0.0.1:${port}?tls=off`,
    mails,
    envelopes,
    close: () =>
      new Promise<void>((r) => {
        server.close(() => r());
        // A hanging connection would keep close() waiting: end them.
        for (const c of (server as unknown as { connections: Set<{ close(): void }> }).connections ?? [])
          c.close();
      }),
  };
}
