import { randomUUID } from "node:crypto";
import type { ChatService } from "../../chat/chat-service.js";
import { replyAsText } from "../shared/reply-text.js";
import { localCvFile } from "./cv-command.js";
import { terminalProgress } from "./progress.js";
import { terminalTurn } from "./terminal-chat.js";

/** Options for {@link importProfile}. */
export interface ProfileImportOptions {
  chat: ChatService;
  workspaceId: string;
  userId: string;
  /** The CV's path as typed (relative to the working directory, `~` allowed). */
  file: string;
  output: NodeJS.WritableStream;
  progressStream: NodeJS.WriteStream | NodeJS.WritableStream;
  showProgress: boolean;
}

/**
 * `jobscout profile import FILE`: the CV read through the same queued parse stage as a file sent in
 * chat, with its progress; prints the profile read or what to do. Exit code 0 when a profile was
 * made, 1 when the file could not be read.
 */
export async function importProfile(o: ProfileImportOptions): Promise<number> {
  const progress = terminalProgress(o.progressStream, o.showProgress);
  const turn = terminalTurn({ ...o, thread: `profile-${randomUUID()}` }, "", localCvFile(o.file));
  const reply = await o.chat.handleTurn(turn, { onProgress: progress.onProgress });
  progress.done();
  o.output.write(`${replyAsText(reply)}\n`);
  return reply.failed || reply.run?.status !== "completed" ? 1 : 0;
}
