import { createWriteStream, mkdirSync } from "node:fs";
import type { AddressInfo } from "node:net";
import path from "node:path";
import { Transform } from "node:stream";
import { pipeline } from "node:stream/promises";
import { SMTPServer } from "smtp-server";
import type { MockServer } from "../http.js";

/** One mail the receiver kept. */
export interface ReceivedMail {
  /** The `.eml` file it was written to, as it arrived. */
  file: string;
  from: string;
  to: string[];
  subject: string;
  messageId: string;
  bytes: number;
}

/** Options for {@link startSmtpReceiver}. */
export interface SmtpReceiverOptions {
  /** Folder the `.eml` files go to (made when missing). */
  dir: string;
  /** @defaultValue `1025` */
  port?: number;
  /** @defaultValue `"127.0.0.1"` */
  host?: string;
  /** Largest message taken, in bytes. @defaultValue 25 MiB */
  maxBytes?: number;
  /** Hears each mail once its file is written. */
  onMail?: (mail: ReceivedMail) => void;
}

/** A local SMTP receiver: its `SMTP_URL` and how to stop it. */
export interface SmtpReceiver extends MockServer {
  /** `smtp://127.0.0.1:<port>?tls=off` */
  url: string;
}

// "=?UTF-8?Q?Bewerbung_als_K=C3=B6chin?=" → "Bewerbung als Köchin" (RFC 2047 encoded words).
const ENCODED_WORD = /=\?([^?]+)\?([BbQq])\?([^?]*)\?=(?:\s+(?==\?))?/g;

function decodeWords(value: string): string {
  return value.replace(ENCODED_WORD, (_, charset: string, enc: string, text: string) => {
    const bytes =
      enc.toUpperCase() === "B"
        ? Buffer.from(text, "base64")
        : Buffer.from(
            text
              .replace(/_/g, " ")
              .replace(/=([0-9A-Fa-f]{2})/g, (_m, h: string) => String.fromCharCode(parseInt(h, 16))),
            "latin1",
          );
    try {
      return new TextDecoder(charset).decode(bytes);
    } catch {
      return bytes.toString("latin1");
    }
  });
}

/** A header of a message's header block (folded lines joined), decoded; "" when absent. */
export function headerOf(head: string, name: string): string {
  const unfolded = head.split(/\r?\n\r?\n/)[0]!.replace(/\r?\n[ \t]+/g, " ");
  const line = unfolded.split(/\r?\n/).find((l) => l.toLowerCase().startsWith(`${name.toLowerCase()}:`));
  return line ? decodeWords(line.slice(name.length + 1).trim()) : "";
}

const HEAD_BYTES = 64 * 1024;

/**
 * A small SMTP receiver for the offline walkthrough (`jobscout mock smtp`): takes every mail (any
 * login or none, no TLS), writes each as it arrived to `<dir>/<time>-<n>.eml` and tells `onMail`.
 */
export async function startSmtpReceiver(o: SmtpReceiverOptions): Promise<SmtpReceiver> {
  mkdirSync(o.dir, { recursive: true });
  let count = 0;
  const server = new SMTPServer({
    disabledCommands: ["STARTTLS"],
    authOptional: true,
    size: o.maxBytes ?? 25 * 1024 * 1024,
    logger: false,
    onAuth(auth, _session, cb) {
      cb(null, { user: auth.username ?? "local" });
    },
    onData(stream, session, cb) {
      count += 1;
      const stamp = new Date().toISOString().replace(/[:.]/g, "-");
      const file = path.join(o.dir, `${stamp}-${String(count).padStart(4, "0")}.eml`);
      let head = "";
      let bytes = 0;
      const watch = new Transform({
        transform(chunk: Buffer, _enc, done) {
          bytes += chunk.length;
          if (head.length < HEAD_BYTES) head += chunk.toString("utf8", 0, HEAD_BYTES - head.length);
          done(null, chunk);
        },
      });
      pipeline(stream, watch, createWriteStream(file))
        .then(() => {
          // The reply code travels as `responseCode`: without it smtp-server answers 450 (try again
          // later), and a client would retry a mail that can never fit.
          if (stream.sizeExceeded)
            return cb(Object.assign(new Error("5.3.4 Message too big"), { responseCode: 552 }));
          const from = session.envelope.mailFrom;
          o.onMail?.({
            file,
            from: from ? from.address : "",
            to: session.envelope.rcptTo.map((r) => r.address),
            subject: headerOf(head, "Subject"),
            messageId: headerOf(head, "Message-ID"),
            bytes,
          });
          cb();
        })
        .catch((err: Error) => cb(err));
    },
  });
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(o.port ?? 1025, o.host ?? "127.0.0.1", () => resolve());
  });
  const address = server.server.address() as AddressInfo;
  const url = `smtp://${o.host ?? "127.0.0.1"}:${address.port}?tls=off`;
  return {
    url,
    origin: url,
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
      }),
  };
}
