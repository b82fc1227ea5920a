import { importProfile } from "../bot/cli/profile-import.js";
import { withTerminalApp } from "./shared.js";

/** `jobscout profile import FILE`: read a CV into the local user's profile. */
export function profileImportCommand(file: string, opts: { workers: boolean }): Promise<number> {
  return withTerminalApp(opts, (app, config) =>
    importProfile({
      chat: app.chat,
      workspaceId: config.JOBSCOUT_WORKSPACE,
      userId: config.JOBSCOUT_USER,
      file,
      output: process.stdout,
      progressStream: process.stderr,
      showProgress: config.JOBSCOUT_PROGRESS,
    }),
  );
}
