import { readFile, stat } from "node:fs/promises";
import { fileURLToPath } from "node:url";
import type { ChatFile } from "../../chat/chat-turn.js";
import { AppError, textIn } from "../../core/errors.js";
import { phrasesFor, type DiskReason, type DownloadReason } from "../../answers/phrases/phrases.js";

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

const reasonIn = (why: DownloadReason, lang: "en" | "de") =>
  why.kind === "unavailable" ? textIn(why.text, lang) : phrasesFor(lang).cv.downloadReason(why);

const failed = (name: string, why: DownloadReason) =>
  new AppError("file_download_failed", `download of ${name} failed: ${reasonIn(why, "en")}`, {
    userMessage: (lang) => phrasesFor(lang).cv.downloadFailed(name, reasonIn(why, lang)),
  });

const notOnDisk = (path: string, why: DiskReason) =>
  new AppError("file_not_found", `cannot read ${path}: ${phrasesFor("en").cv.diskReason(why)}`, {
    userMessage: (lang) => phrasesFor(lang).cv.notOnDisk(path, phrasesFor(lang).cv.diskReason(why)),
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
      throw failed(
        file.name,
        file.unavailable ? { kind: "unavailable", text: file.unavailable } : { kind: "noLink" },
      );
    if (file.size !== undefined && file.size > maxBytes) throw tooLarge(file.name, maxBytes);
    const url = new URL(file.url);
    if (url.protocol === "file:") {
      if (platform !== "cli") throw failed(file.name, { kind: "notWebLink" });
      const path = fileURLToPath(url);
      const info = await stat(path).catch(() => undefined);
      if (!info) throw notOnDisk(path, "missing");
      if (!info.isFile()) throw notOnDisk(path, "directory");
      if (info.size > maxBytes) throw tooLarge(file.name, maxBytes);
      return readFile(path).catch(() => {
        throw notOnDisk(path, "unreadable");
      });
    }
    if (url.protocol !== "https:" && url.protocol !== "http:")
      throw failed(file.name, { kind: "notWebLink" });
    const headers: Record<string, string> = {};
    if (platform === "slack" && o.slackToken && o.slackHosts.includes(url.host))
      headers.authorization = `Bearer ${o.slackToken}`;
    const res = await fetchOnceMore(url, headers, o.timeoutMs ?? 30_000, file.name);
    if (!res.ok || !res.body) {
      await res.body?.cancel();
      throw failed(file.name, { kind: "http", status: res.status });
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
      if (signal.aborted) throw failed(name, { kind: "timeout" });
      if (networkCode(err) === "ECONNREFUSED" || networkCode(err) === "ENOTFOUND")
        throw failed(name, { kind: "unreachable" });
      if (attempt >= 2) throw failed(name, { kind: "brokeOff" });
    }
  }
}

/** The system error code under undici's `fetch failed` (its `cause`), if any. */
function networkCode(err: unknown): string | undefined {
  const cause = (err as { cause?: { code?: unknown } } | undefined)?.cause;
  return typeof cause?.code === "string" ? cause.code : undefined;
}
