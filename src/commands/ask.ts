import { createApp } from "../app.js";
import { askOnce } from "../bot/cli/ask.js";
import { bootstrap } from "./shared.js";

/** `jobscout ask "…"`: one turn, answer on stdout, exit code says whether it worked. */
export async function askCommand(question: string, opts: { workers: boolean }): Promise<number> {
  const { config, logger } = bootstrap("error");
  const app = await createApp({ config, logger, workers: opts.workers });
  try {
    await app.workspaces.ensure({
      workspaceId: config.JOBSCOUT_WORKSPACE,
      platform: "cli",
      userId: config.JOBSCOUT_USER,
    });
    return await askOnce({
      chat: app.chat,
      workspaceId: config.JOBSCOUT_WORKSPACE,
      userId: config.JOBSCOUT_USER,
      text: question,
      output: process.stdout,
      progressStream: process.stderr,
      showProgress: config.JOBSCOUT_PROGRESS,
    });
  } finally {
    await app.close();
  }
}
