import { replyAsText } from "../shared/reply-text.js";
import { randomUUID } from "node:crypto";
import type { ChatService } from "../../chat/chat-service.js";
import type { ChatFile, ChatReply } from "../../chat/chat-turn.js";
import { terminalProgress } from "./progress.js";
import { terminalTurn } from "./terminal-chat.js";

/** Options for {@link askOnce}. */
export interface AskOptions {
  chat: ChatService;
  workspaceId: string;
  userId: string;
  text: string;
  /** A file sent with the message (`jobscout profile import FILE`). */
  file?: ChatFile | undefined;
  output: NodeJS.WritableStream;
  progressStream: NodeJS.WriteStream | NodeJS.WritableStream;
  showProgress: boolean;
}

/** One turn in a thread of its own, its progress shown while it works; prints the answer and returns it. */
export async function answerOnce(o: AskOptions, thread = `ask-${randomUUID()}`): Promise<ChatReply> {
  const progress = terminalProgress(o.progressStream, o.showProgress);
  const reply = await o.chat.handleTurn(terminalTurn({ ...o, thread }, o.text, o.file), {
    onProgress: progress.onProgress,
  });
  progress.done();
  o.output.write(`${replyAsText(reply)}\n`);
  return reply;
}

/**
 * One turn: print the answer. Returns the process exit code — 0 when the question was answered,
 * 2 when a run was needed and every source failed (the answer says which and why), 1 when the
 * turn itself failed.
 */
export async function askOnce(o: AskOptions): Promise<number> {
  const reply = await answerOnce(o);
  if (reply.failed) return 1;
  return reply.run?.status === "failed" && reply.jobs.length === 0 ? 2 : 0;
}
