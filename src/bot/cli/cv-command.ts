import os from "node:os";
import path from "node:path";
import { pathToFileURL } from "node:url";
import type { ChatFile } from "../../chat/chat-turn.js";

// "profile set ~/cv.pdf" (German: "profil setzen ~/lebenslauf.pdf"); the path may be quoted.
const PROFILE_SET = /^\s*(?:profile set|set profile|profil setzen|profil set)\s+(.+?)\s*$/i;

/** Where relative paths and `~` point. @defaultValue the process's working and home directories */
export interface CvPathBase {
  cwd: string;
  home: string;
}

/** A terminal path as the shell would read it: quotes dropped, `~` expanded, relative to `cwd`. */
export function terminalPath(written: string, base: CvPathBase): string {
  const unquoted = written.replace(/^(["'])(.*)\1$/, "$2");
  const expanded =
    unquoted === "~" || unquoted.startsWith("~/") ? path.join(base.home, unquoted.slice(1)) : unquoted;
  return path.resolve(base.cwd, expanded);
}

/** A CV file on this machine as the chat reads files: a `file:` URL (only the terminal surface makes these). */
export function localCvFile(
  file: string,
  base: CvPathBase = { cwd: process.cwd(), home: os.homedir() },
): ChatFile {
  const abs = terminalPath(file, base);
  return { name: path.basename(abs), url: pathToFileURL(abs).href };
}

/**
 * The CV file a terminal message names with `profile set FILE`, or undefined for any other message.
 * Only the terminal reads this: Slack and Discord send files as files.
 */
export function terminalCvFile(text: string, base?: CvPathBase): ChatFile | undefined {
  const m = PROFILE_SET.exec(text);
  return m ? localCvFile(m[1]!, base) : undefined;
}
