// A file a person sends (Slack url_private, Discord attachment) is downloaded from the platform's
// file host. A keep-alive connection that host closes just as it is reused must not cost the person
// their upload, and a failure says what happened (no answer vs. no connection).
import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { afterEach, describe, expect, it } from "vitest";
import { createFileDownload } from "../../src/bot/shared/file-download.js";
import { AppError } from "../../src/core/errors.js";
import { deadPort } from "../support/dead-port.js";

let server: Server | undefined;
afterEach(async () => {
  server?.closeAllConnections();
  await new Promise((r) => server?.close(r) ?? r(undefined));
  server = undefined;
});

async function serve(handler: (req: IncomingMessage, res: ServerResponse) => void): Promise<string> {
  server = createServer(handler);
  await new Promise<void>((r) => server!.listen(0, "127.0.0.1", r));
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
}

/** The message a person gets for a download that fails (and that it does fail). */
async function failure(p: Promise<unknown>): Promise<string> {
  const err = await p.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(err).toBeInstanceOf(AppError);
  expect((err as AppError).code).toBe("file_download_failed");
  return (err as AppError).userMessage ?? "";
}

const download = createFileDownload({ slackHosts: [], timeoutMs: 2_000 });

describe("downloading a file a person sent", () => {
  it("tries once more when the file host drops the connection, and gets the file", async () => {
    let requests = 0;
    const base = await serve((req, res) => {
      requests++;
      if (requests === 1) {
        req.socket.destroy(); // the reset a reused keep-alive socket meets
        return;
      }
      res.end("Jane Doe\nPython developer");
    });
    const bytes = await download("discord", { name: "cv.txt", url: `${base}/cv.txt` }, 1_000_000);
    expect(Buffer.from(bytes).toString()).toBe("Jane Doe\nPython developer");
    expect(requests).toBe(2);
  });

  it("says the download did not answer when the host stays silent, without a second try", async () => {
    let requests = 0;
    const base = await serve(() => {
      requests++; // never answers
    });
    const quick = createFileDownload({ slackHosts: [], timeoutMs: 300 });
    expect(await failure(quick("discord", { name: "cv.pdf", url: `${base}/cv.pdf` }, 1_000_000))).toMatch(
      /“cv\.pdf” \(the download did not answer\)/,
    );
    expect(requests).toBe(1);
  });

  it("says the connection broke off when every try is dropped", async () => {
    const dead = await deadPort();
    try {
      expect(
        await failure(
          download("discord", { name: "cv.pdf", url: `http://127.0.0.1:${dead.port}/cv.pdf` }, 1_000_000),
        ),
      ).toMatch(/“cv\.pdf” \(the connection to the file host broke off\)/);
    } finally {
      await dead.close();
    }
  });

  it("says the file host could not be reached when nothing listens there", async () => {
    const base = await serve(() => undefined);
    await new Promise((r) => server!.close(r)); // the port is free again: connections are refused
    server = undefined;
    expect(await failure(download("discord", { name: "cv.pdf", url: `${base}/cv.pdf` }, 1_000_000))).toMatch(
      /“cv\.pdf” \(the file host could not be reached\)/,
    );
  });
});
