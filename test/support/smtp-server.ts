// A local mail server speaking real SMTP (smtp-server), for the application mails: every accepted
// mail parsed with mailparser; logins checked; recipients refused with 550; or a server that takes
// the connection and never answers, as one that hangs; or (`dropDuringData`) a connection cut while
// the client is sending the message, before the server accepted it; or (`stallData`) a server that
// reads a whole message and never answers it, as one whose sender died waiting.
import net, { type AddressInfo } from "node:net";
import { simpleParser, type ParsedMail } from "mailparser";
import { SMTPServer } from "smtp-server";

export interface LocalSmtp {
  /** Use as SMTP_URL (`smtp://user:pass@127.0.0.1:port?tls=off`). */
  url: string;
  mails: ParsedMail[];
  /** Messages read in full and never answered (`stallData`). */
  stalled: ParsedMail[];
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
  /** The first this many connections are cut once the client has started sending the message (DATA). */
  dropDuringData?: number;
  /** The first this many messages are read in full and never answered (the sender waits on). */
  stallData?: number;
}

/**
 * A TCP relay in front of the server that cuts the first `drops` connections part-way through the
 * message, as a network or a server restart does: the server never answers the message with 250.
 */
async function droppingRelay(port: number, drops: number): Promise<{ port: number; close(): Promise<void> }> {
  let left = drops;
  const sockets = new Set<net.Socket>();
  const relay = net.createServer((client) => {
    const upstream = net.connect(port, "127.0.0.1");
    sockets.add(client).add(upstream);
    const cut = left-- > 0;
    let inData = false;
    client.on("data", (chunk) => {
      if (cut && inData) {
        // Part of the message reached the server; then the line goes dead.
        upstream.write(chunk.subarray(0, Math.ceil(chunk.length / 2)));
        client.destroy();
        upstream.destroy();
        return;
      }
      if (/^DATA\r\n/m.test(chunk.toString("latin1"))) inData = true;
      upstream.write(chunk);
    });
    upstream.on("data", (chunk) => client.write(chunk));
    for (const [a, b] of [
      [client, upstream],
      [upstream, client],
    ] as const) {
      a.on("close", () => b.destroy());
      a.on("error", () => b.destroy());
    }
  });
  await new Promise<void>((r) => relay.listen(0, "127.0.0.1", r));
  return {
    port: (relay.address() as AddressInfo).port,
    close: () =>
      new Promise<void>((r) => {
        for (const s of sockets) s.destroy();
        relay.close(() => r());
      }),
  };
}

export async function startLocalSmtp(o: LocalSmtpOptions = {}): Promise<LocalSmtp> {
  const user = o.user ?? "jane";
  const pass = o.pass ?? "secret-pass";
  const mails: ParsedMail[] = [];
  const stalled: ParsedMail[] = [];
  let stalls = o.stallData ?? 0;
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
          if (stalls-- > 0) return void stalled.push(mail);
          mails.push(mail);
          envelopes.push(session.envelope.rcptTo.map((r) => r.address));
          cb();
        })
        .catch((err: Error) => cb(err));
    },
  });
  await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
  const port = (server.server.address() as AddressInfo).port;
  const relay = o.dropDuringData ? await droppingRelay(port, o.dropDuringData) : undefined;
  return {
    url: `smtp://${user}:${pass}@127.0.0.1:${relay?.port ?? port}?tls=off`,
    mails,
    stalled,
    envelopes,
    close: async () => {
      await relay?.close();
      await new Promise<void>((r) => {
        server.close(() => r());
        // A hanging connection would keep close() waiting: end them.
        for (const c of (server as unknown as { connections: Set<{ close(): void }> }).connections ?? [])
          c.close();
      });
    },
  };
}
