import { randomUUID } from "node:crypto";
import readline from "node:readline";
import type { JobAgent } from "../../agents/agent.js";
import { describeError } from "../../core/errors.js";
import { terminalProgress } from "./progress.js";

/** Options for {@link runTerminalChat}. */
export interface TerminalChatOptions {
  agent: JobAgent;
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

/** Interactive chat: one thread for the whole session, so follow-ups refine earlier answers. */
export async function runTerminalChat(o: TerminalChatOptions): Promise<void> {
  const threadId = `cli-${randomUUID()}`;
  const interactive = "isTTY" in o.output && o.output.isTTY === true;
  const rl = readline.createInterface({ input: o.input, output: o.output, terminal: interactive });
  if (o.banner) o.output.write(`${o.banner}\n`);
  o.output.write('Ask for jobs, e.g. "find me jobs in Berlin". Type "help" for more, "exit" to quit.\n');
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
    try {
      const answer = await o.agent.ask(text, {
        workspaceId: o.workspaceId,
        userId: o.userId,
        threadId,
        platform: "cli",
        onProgress: progress.onProgress,
      });
      progress.done();
      o.output.write(`\n${answer.text}\n\n`);
    } catch (err) {
      progress.done();
      o.output.write(`\nSorry, that failed: ${describeError(err)}\n\n`);
    }
    prompt();
  }
  rl.close();
}
