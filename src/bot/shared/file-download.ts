import { readFile, stat } from "node:fs/promises";
import { fileURLToPath } from "node:url";
import type { ChatFile } from "../../chat/chat-turn.js";
import { AppError, textIn } from "../../core/errors.js";
import { phrasesFor } from "../../answers/phrases/phrases.js";

/** Downloads a file a person sent, on the platform it came from; capped, with what to do on failure. */
export type FileDownload = (platform: string, file: ChatFile, maxBytes: number) => Promise<Uint8Array>;

/** Options for {@link createFileDownload}. */
export interface FileDownloadOptions {
  /** Slack bot token, sent only to Slack's file hosts (`url_private` needs it, scope `files:read`). */
  slackToken?: string | undefined;
  /** Hosts the Slack token may be sent to. @defaultValue `["files.slack.com"]` plus the Slack API host */
  slackHosts: readonly string[];
  /** Give up on a download after this long. @defaultValue `30000` */
  timeoutMs?: number;
}

const failed = (name: string, why: string) =>
  new AppError("file_download_failed", `download of ${name} failed: ${why}`, {
    userMessage: (lang) => phrasesFor(lang).cv.downloadFailed(name, why),
  });

const notOnDisk = (path: string, why: string) =>
  new AppError("file_not_found", `cannot read ${path}: ${why}`, {
    userMessage: (lang) => phrasesFor(lang).cv.notOnDisk(path, why),
  });

const tooLarge = (name: string, max: number) =>
  new AppError("cv_too_large", `${name} is larger than ${max} bytes`, {
    userMessage: (lang) => phrasesFor(lang).cv.downloadTooLarge(name, Math.round(max / 1_048_576)),
  });

/**
 * Slack files with the bot token (only to Slack's own hosts), Discord attachments at once (their
 * signed URLs expire), terminal files from disk (only the terminal surface makes `file:` URLs).
 */
export function createFileDownload(o: FileDownloadOptions): FileDownload {
  return async (platform, file, maxBytes) => {
    if (!file.url)
      throw failed(file.name, file.unavailable ? textIn(file.unavailable, "en") : "no download link");
    if (file.size !== undefined && file.size > maxBytes) throw tooLarge(file.name, maxBytes);
    const url = new URL(file.url);
    if (url.protocol === "file:") {
      if (platform !== "cli") throw failed(file.name, "not a web link");
      const path = fileURLToPath(url);
      const info = await stat(path).catch(() => undefined);
      if (!info) throw notOnDisk(path, "no such file");
      if (!info.isFile()) throw notOnDisk(path, "a directory, not a file");
      if (info.size > maxBytes) throw tooLarge(file.name, maxBytes);
      return readFile(path).catch(() => {
        throw notOnDisk(path, "not readable by jobscout");
      });
    }
    if (url.protocol !== "https:" && url.protocol !== "http:") throw failed(file.name, "not a web link");
    const headers: Record<string, string> = {};
    if (platform === "slack" && o.slackToken && o.slackHosts.includes(url.host))
      headers.authorization = `Bearer ${o.slackToken}`;
    const res = await fetchOnceMore(url, headers, o.timeoutMs ?? 30_000, file.name);
    if (!res.ok || !res.body) {
      await res.body?.cancel();
      const hint = res.status === 403 || res.status === 401 ? ", the bot may lack access" : "";
      throw failed(file.name, `HTTP ${res.status}${hint}`);
    }
    const declared = Number(res.headers.get("content-length") ?? "0");
    if (declared > maxBytes) {
      await res.body.cancel();
      throw tooLarge(file.name, maxBytes);
    }
    const chunks: Uint8Array[] = [];
    let total = 0;
    for await (const chunk of res.body as AsyncIterable<Uint8Array>) {
      total += chunk.length;
      if (total > maxBytes) throw tooLarge(file.name, maxBytes);
      chunks.push(chunk);
    }
    return Buffer.concat(chunks);
  };
}

/**
 * GET the file; a connection dropped before any answer (a keep-alive socket the host closed just as
 * it was reused) is tried once more — a download is safe to repeat. A timeout is not retried: the
 * person would wait twice as long for the same silence.
 */
async function fetchOnceMore(
  url: URL,
  headers: Record<string, string>,
  timeoutMs: number,
  name: string,
): Promise<Response> {
  const signal = AbortSignal.timeout(timeoutMs);
  for (let attempt = 1; ; attempt++) {
    try {
      return await fetch(url, { headers, signal });
    } catch (err) {
      if (signal.aborted) throw failed(name, "the download did not answer");
      if (networkCode(err) === "ECONNREFUSED" || networkCode(err) === "ENOTFOUND")
        throw failed(name, "the file host could not be reached");
      if (attempt >= 2) throw failed(name, "the connection to the file host broke off");
    }
  }
}

/** The system error code under undici's `fetch failed` (its `cause`), if any. */
function networkCode(err: unknown): string | undefined {
  const cause = (err as { cause?: { code?: unknown } } | undefined)?.cause;
  return typeof cause?.code === "string" ? cause.code : undefined;
}
