// Bodies too large to hold, generated as streams so the test process never holds them either: a
// valid JSON page of 50 MB, 50 MB of junk, and a gzip bomb (about 1 MB on the wire, 1 GB unpacked).
import { randomBytes } from "node:crypto";
import type { ServerResponse } from "node:http";
import { Readable } from "node:stream";
import { gzipSync } from "node:zlib";

export type BigBody = "huge-json" | "junk" | "gzip-bomb" | "long-posting";

const MB = 1024 * 1024;

function* hugeJson(bytes: number): Generator<string> {
  // Greenhouse's shape, so a parser reading it all would accept it: one job after another.
  yield '{"jobs":[';
  let sent = 9;
  for (let i = 0; sent < bytes; i++) {
    const job = `${i ? "," : ""}{"id":${i},"title":"Engineer ${i}","absolute_url":"https://example.com/${i}","location":{"name":"Berlin"},"updated_at":"2026-01-01T00:00:00Z","content":"${"x".repeat(4000)}"}`;
    sent += job.length;
    yield job;
  }
  yield '],"meta":{"total":1}}';
}

/** One valid job whose description alone is `bytes` long (under the body cap, over the field limit). */
function* longPosting(bytes: number): Generator<string> {
  yield '{"jobs":[{"id":1,"title":"Engineer with an endless ad","absolute_url":"https://example.com/1","location":{"name":"Berlin"},"updated_at":"2026-01-01T00:00:00Z","content":"';
  const words = "Wir suchen dich. ".repeat(4096);
  for (let sent = 0; sent < bytes; sent += words.length) yield words;
  yield '"}],"meta":{"total":1}}';
}

function* junk(bytes: number): Generator<Buffer> {
  const block = randomBytes(64 * 1024);
  for (let sent = 0; sent < bytes; sent += block.length) yield block;
}

let bombMember: Buffer | undefined;
/** gzip members concatenate: one member of 1 MiB of zeros (~1 KB) repeated 1024 times unpacks to 1 GiB. */
function* gzipBomb(): Generator<Buffer> {
  bombMember ??= gzipSync(Buffer.alloc(MB), { level: 9 });
  for (let i = 0; i < 1024; i++) yield bombMember;
}

/** Send one of the big bodies; junk declares its length up front, the others stream without one. */
export function sendBigBody(
  res: ServerResponse,
  kind: BigBody,
  bytes = kind === "long-posting" ? 2 * MB : 50 * MB,
): void {
  const headers: Record<string, string | number> = { "content-type": "application/json" };
  if (kind === "junk") headers["content-length"] = bytes;
  if (kind === "gzip-bomb") headers["content-encoding"] = "gzip";
  res.writeHead(200, headers);
  const source =
    kind === "huge-json"
      ? hugeJson(bytes)
      : kind === "long-posting"
        ? longPosting(bytes)
        : kind === "junk"
          ? junk(bytes)
          : gzipBomb();
  const stream = Readable.from(source);
  // A client that stops reading closes the connection: stop generating.
  res.on("close", () => stream.destroy());
  stream.pipe(res);
}
