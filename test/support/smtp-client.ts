// A plain SMTP client for tests of jobscout's SMTP receiver (`jobscout mock smtp`): the commands a
// mail client sends, one at a time, each waiting for the server's reply code — so a test can send
// what nodemailer never would (the null sender, a header block of its own, a login it does not need).
import { once } from "node:events";
import net from "node:net";
import { eventually } from "./harness.js";

export interface SmtpSession {
  /** Send one command (or a whole DATA block) and wait for a reply with `code`; the reply's text. */
  send(line: string, code: string): Promise<string>;
  /** QUIT and wait until the server closed the connection. */
  quit(): Promise<void>;
}

/** Connect to an `smtp://host:port` URL and wait for the greeting. */
export async function smtpSession(url: string): Promise<SmtpSession> {
  const { hostname, port } = new URL(url);
  const socket = net.connect(Number(port), hostname);
  const closed = once(socket, "close");
  socket.setEncoding("utf8");
  let got = "";
  socket.on("data", (d: string) => (got += d));
  const reply = async (code: string) => {
    const text = await eventually(
      () => (new RegExp(`^${code} `, "m").test(got) ? got : undefined),
      10_000,
      10,
    ).catch(() => {
      throw new Error(`no ${code} reply from the SMTP server; it said: ${JSON.stringify(got)}`);
    });
    got = "";
    return text;
  };
  await reply("220");
  return {
    send: (line, code) => {
      socket.write(`${line}\r\n`);
      return reply(code);
    },
    quit: async () => {
      socket.write("QUIT\r\n");
      await reply("221");
      socket.end();
      await closed;
    },
  };
}

/** One mail: envelope sender ("" is the null sender of a bounce) and recipient, then the raw message. */
export async function sendMail(url: string, from: string, to: string, message: string): Promise<void> {
  const s = await smtpSession(url);
  await s.send("EHLO test.invalid", "250");
  await s.send(`MAIL FROM:<${from}>`, "250");
  await s.send(`RCPT TO:<${to}>`, "250");
  await s.send("DATA", "354");
  await s.send(`${message}\r\n.`, "250");
  await s.quit();
}
