import { askOnce } from "../bot/cli/ask.js";
import { withTerminalApp } from "./shared.js";

/** `jobscout ask "…"`: one turn, answer on stdout, exit code says whether it worked. */
export function askCommand(question: string, opts: { workers: boolean }): Promise<number> {
  return withTerminalApp(opts, (app, config) =>
    askOnce({
      chat: app.chat,
      workspaceId: config.JOBSCOUT_WORKSPACE,
      userId: config.JOBSCOUT_USER,
      text: question,
      output: process.stdout,
      progressStream: process.stderr,
      showProgress: config.JOBSCOUT_PROGRESS,
    }),
  );
}
