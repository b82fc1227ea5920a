import { createApp } from "../app.js";
import { runTerminalChat } from "../bot/cli/terminal-chat.js";
import { bootstrap } from "./shared.js";

/** `jobscout chat` (and the terminal part of `jobscout start`): interactive chat in this terminal. */
export async function chatCommand(opts: { workers: boolean }): Promise<number> {
  const { config, logger } = bootstrap("error");
  const app = await createApp({ config, logger, workers: opts.workers });
  try {
    await app.workspaces.ensure({
      workspaceId: config.JOBSCOUT_WORKSPACE,
      platform: "cli",
      userId: config.JOBSCOUT_USER,
    });
    const jobs = app.jobs.count();
    await runTerminalChat({
      chat: app.chat,
      workspaceId: config.JOBSCOUT_WORKSPACE,
      userId: config.JOBSCOUT_USER,
      input: process.stdin,
      output: process.stdout,
      progressStream: process.stderr,
      showProgress: config.JOBSCOUT_PROGRESS,
      banner: `jobscout — ${jobs} jobs indexed in ${config.dataDir}; model: ${app.modelDescription}; queue: ${app.redis.origin} Redis${opts.workers ? "" : " (no workers in this process)"}`,
    });
  } finally {
    await app.close();
  }
  return 0;
}
