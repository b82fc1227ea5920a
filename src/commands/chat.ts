import { runTerminalChat } from "../bot/cli/terminal-chat.js";
import { describeDbUrl } from "../store/db.js";
import { withTerminalApp, type Companion } from "./shared.js";

/** `jobscout chat` (and the terminal part of `jobscout start`): interactive chat in this terminal. */
export function chatCommand(opts: { workers: boolean; companion?: Companion | undefined }): Promise<number> {
  return withTerminalApp({ ...opts, digestsTo: process.stdout }, async (app, config) => {
    const jobs = await app.jobs.count();
    const where = config.postgresUrl
      ? `${jobs} jobs in PostgreSQL at ${describeDbUrl(config.postgresUrl)}, index in ${config.dataDir}`
      : `${jobs} jobs indexed in ${config.dataDir}`;
    const workers = opts.workers ? "" : " (no workers in this process)";
    await runTerminalChat({
      chat: app.chat,
      workspaceId: config.JOBSCOUT_WORKSPACE,
      userId: config.JOBSCOUT_USER,
      input: process.stdin,
      output: process.stdout,
      progressStream: process.stderr,
      showProgress: config.JOBSCOUT_PROGRESS,
      banner: `jobscout — ${where}; model: ${app.modelDescription}; queue: ${app.redis.origin} Redis${workers}`,
    });
    return 0;
  });
}
