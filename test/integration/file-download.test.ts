// A file a person sends (Slack url_private, Discord attachment) is downloaded from the platform's
// file host. A keep-alive connection that host closes just as it is reused must not cost the person
// their upload, and a failure says what happened (no answer vs. no connection).
import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { tmpdir } from "node:os";
import path from "node:path";
import { pathToFileURL } from "node:url";
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

/** Code and message, in English and German, of a download jobscout refuses or fails. */
async function refusal(p: Promise<unknown>): Promise<[string, string, string]> {
  const err = await p.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(err).toBeInstanceOf(AppError);
  const e = err as AppError;
  return [e.code, e.userMessageIn("en") ?? "", e.userMessageIn("de") ?? ""];
}

const download = createFileDownload({ slackHosts: [], timeoutMs: 2_000 });
const MB = 1_048_576;

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
    expect(
      (await refusal(download("discord", { name: "cv.pdf", url: `${base}/cv.pdf` }, 1_000_000))).slice(1),
    ).toEqual([
      "I couldn't download “cv.pdf” (the file host could not be reached). Upload it again in a direct message to me, or paste the text.",
      "„cv.pdf“ konnte ich nicht herunterladen (der Dateiserver war nicht erreichbar). Lade es noch einmal in einer Direktnachricht an mich hoch oder füge den Text ein.",
    ]);
  });

  it("refuses a file over the cap by its stated size, its Content-Length, or as it streams in", async () => {
    let requests = 0;
    const big = Buffer.alloc(MB + 200_000, 0x41);
    const base = await serve((req, res) => {
      requests++;
      if (req.url === "/declared") {
        res.setHeader("content-length", String(big.length));
        res.end(big);
        return;
      }
      // No length up front: chunked, the cap is met while reading.
      res.write(big.subarray(0, 700_000));
      setImmediate(() => res.end(big.subarray(700_000)));
    });
    const tooLarge = [
      "cv_too_large",
      "“scan.pdf” is larger than 1 MB, more than a CV needs. Send a smaller PDF (without scanned images), a DOCX or plain text.",
      "„scan.pdf“ ist größer als 1 MB, mehr als ein Lebenslauf braucht. Schick ein kleineres PDF (ohne eingescannte Bilder), ein DOCX oder einfachen Text.",
    ];
    expect(
      await refusal(download("discord", { name: "scan.pdf", url: `${base}/stated`, size: big.length }, MB)),
    ).toEqual(tooLarge);
    expect(requests).toBe(0); // the platform said how big it is: nothing downloaded
    expect(await refusal(download("discord", { name: "scan.pdf", url: `${base}/declared` }, MB))).toEqual(
      tooLarge,
    );
    expect(await refusal(download("discord", { name: "scan.pdf", url: `${base}/chunked` }, MB))).toEqual(
      tooLarge,
    );
    expect(requests).toBe(2);
  });

  it("sends the Slack token only with a Slack file from Slack's hosts", async () => {
    const seen: (string | undefined)[] = [];
    const base = await serve((req, res) => {
      seen.push(req.headers.authorization);
      res.end("cv");
    });
    const host = new URL(base).host;
    const slack = createFileDownload({ slackToken: "xoxb-test-token", slackHosts: [host] });
    const elsewhere = createFileDownload({ slackToken: "xoxb-test-token", slackHosts: ["files.slack.com"] });
    await slack("slack", { name: "cv.txt", url: `${base}/cv.txt` }, MB);
    await slack("discord", { name: "cv.txt", url: `${base}/cv.txt` }, MB);
    await elsewhere("slack", { name: "cv.txt", url: `${base}/cv.txt` }, MB);
    expect(seen).toEqual(["Bearer xoxb-test-token", undefined, undefined]);
  });

  it("says the bot may lack access when the file host refuses, and names other HTTP failures", async () => {
    const base = await serve((req, res) => {
      res.statusCode = req.url === "/private" ? 403 : 404;
      res.end("no");
    });
    expect(await refusal(download("slack", { name: "cv.pdf", url: `${base}/private` }, MB))).toEqual([
      "file_download_failed",
      "I couldn't download “cv.pdf” (HTTP 403, the bot may lack access). Upload it again in a direct message to me, or paste the text.",
      "„cv.pdf“ konnte ich nicht herunterladen (HTTP 403, dem Bot fehlt vielleicht der Zugriff). Lade es noch einmal in einer Direktnachricht an mich hoch oder füge den Text ein.",
    ]);
    expect((await refusal(download("slack", { name: "cv.pdf", url: `${base}/gone` }, MB)))[1]).toBe(
      "I couldn't download “cv.pdf” (HTTP 404). Upload it again in a direct message to me, or paste the text.",
    );
  });

  it("says what to do when a file has no link, or a link that is not on the web", async () => {
    const hidden = {
      name: "old-cv.pdf",
      unavailable: (lang: string) => (lang === "de" ? "zu alt" : "hidden by Slack"),
    };
    expect((await refusal(download("slack", hidden, MB)))[1]).toBe(
      "I couldn't download “old-cv.pdf” (hidden by Slack). Upload it again in a direct message to me, or paste the text.",
    );
    expect((await refusal(download("discord", { name: "cv.pdf" }, MB))).slice(1)).toEqual([
      "I couldn't download “cv.pdf” (no download link). Upload it again in a direct message to me, or paste the text.",
      "„cv.pdf“ konnte ich nicht herunterladen (kein Download-Link). Lade es noch einmal in einer Direktnachricht an mich hoch oder füge den Text ein.",
    ]);
    // The platform's own reason, in the person's language.
    expect((await refusal(download("slack", hidden, MB)))[2]).toBe(
      "„old-cv.pdf“ konnte ich nicht herunterladen (zu alt). Lade es noch einmal in einer Direktnachricht an mich hoch oder füge den Text ein.",
    );
    expect(
      (await refusal(download("discord", { name: "cv.pdf", url: "ftp://example.org/cv.pdf" }, MB)))[1],
    ).toBe(
      "I couldn't download “cv.pdf” (not a web link). Upload it again in a direct message to me, or paste the text.",
    );
    // A file: link from a chat platform would read the bot's own disk.
    expect(
      (await refusal(download("slack", { name: "passwd", url: "file:///etc/passwd" }, MB))).slice(1),
    ).toEqual([
      "I couldn't download “passwd” (not a web link). Upload it again in a direct message to me, or paste the text.",
      "„passwd“ konnte ich nicht herunterladen (kein Weblink). Lade es noch einmal in einer Direktnachricht an mich hoch oder füge den Text ein.",
    ]);
  });

  it("reads a terminal file from disk, and names a missing path, a directory and a file over the cap", async () => {
    const dir = await mkdtemp(path.join(tmpdir(), "jobscout-download-"));
    try {
      const cv = path.join(dir, "cv.txt");
      await writeFile(cv, "Jane Doe\nPython developer");
      const url = (p: string) => pathToFileURL(p).href;
      expect(Buffer.from(await download("cli", { name: "cv.txt", url: url(cv) }, MB)).toString()).toBe(
        "Jane Doe\nPython developer",
      );
      const missing = path.join(dir, "nope.pdf");
      expect(await refusal(download("cli", { name: "nope.pdf", url: url(missing) }, MB))).toEqual([
        "file_not_found",
        `I can't read “${missing}” (no such file). Check the path and try again, e.g. profile set ~/cv.pdf`,
        `„${missing}“ kann ich nicht lesen (diese Datei gibt es nicht). Prüf den Pfad und versuch es noch einmal, z. B. profile set ~/cv.pdf`,
      ]);
      expect((await refusal(download("cli", { name: "cvs", url: url(dir) }, MB))).slice(1)).toEqual([
        `I can't read “${dir}” (a directory, not a file). Check the path and try again, e.g. profile set ~/cv.pdf`,
        `„${dir}“ kann ich nicht lesen (ein Ordner, keine Datei). Prüf den Pfad und versuch es noch einmal, z. B. profile set ~/cv.pdf`,
      ]);
      expect((await refusal(download("cli", { name: "cv.txt", url: url(cv) }, 10)))[0]).toBe("cv_too_large");
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});
