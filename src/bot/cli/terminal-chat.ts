import { randomUUID } from "node:crypto";
import readline from "node:readline";
import type { ChatService } from "../../chat/chat-service.js";
import type { ChatFile, ChatTurn } from "../../chat/chat-turn.js";
import { conversationOf } from "../../chat/conversation.js";
import { terminalCvFile } from "./cv-command.js";
import { terminalProgress } from "./progress.js";
import { replyAsText } from "../shared/reply-text.js";
import { phrasesFor } from "../../answers/phrases/phrases.js";

/** Options for {@link runTerminalChat}. */
export interface TerminalChatOptions {
  chat: ChatService;
  workspaceId: string;
  userId: string;
  input: NodeJS.ReadableStream;
  output: NodeJS.WriteStream | NodeJS.WritableStream;
  /** Where progress lines go (stderr keeps stdout clean for answers). */
  progressStream: NodeJS.WriteStream | NodeJS.WritableStream;
  showProgress: boolean;
  /** Printed once at the start. */
  banner?: string;
}

/**
 * The terminal as a chat surface: one user, one channel, one thread per session. "profile set
 * ~/cv.pdf" sends that file, as a file shared in Slack or Discord would be.
 */
export function terminalTurn(
  o: { workspaceId: string; userId: string; thread: string },
  text: string,
  file?: ChatFile,
): ChatTurn {
  const cv = file ?? terminalCvFile(text);
  return {
    ...conversationOf({ platform: "cli", workspaceId: o.workspaceId, session: o.thread }),
    // Whoever runs the terminal owns the local workspace.
    user: { id: o.userId, isAdmin: true },
    text: cv ? "" : text,
    files: cv ? [cv] : [],
  };
}

/** Interactive chat: one thread for the whole session, so follow-ups refine earlier answers. */
export async function runTerminalChat(o: TerminalChatOptions): Promise<void> {
  const thread = `session-${randomUUID()}`;
  const interactive = "isTTY" in o.output && o.output.isTTY === true;
  if (o.banner) o.output.write(`${o.banner}\n`);
  // Said before they write: in the language they last wrote or chose.
  o.output.write(`${phrasesFor(await o.chat.memberLanguage(o.workspaceId, o.userId)).terminalHello}\n`);
  // Made after that await: lines read before the loop below starts would be lost.
  const rl = readline.createInterface({ input: o.input, output: o.output, terminal: interactive });
  const prompt = () => {
    if (interactive) rl.prompt();
  };
  rl.setPrompt("you> ");
  prompt();
  for await (const line of rl) {
    const text = line.trim();
    if (!text) {
      prompt();
      continue;
    }
    if (/^(exit|quit|bye|:q)$/i.test(text)) break;
    const progress = terminalProgress(o.progressStream, o.showProgress);
    const reply = await o.chat.handleTurn(terminalTurn({ ...o, thread }, text), {
      onProgress: progress.onProgress,
    });
    progress.done();
    o.output.write(`\n${replyAsText(reply)}\n\n`);
    prompt();
  }
  rl.close();
}
