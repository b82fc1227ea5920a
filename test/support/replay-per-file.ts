// The usual frame of an integration test file: one replay server for the file (job sites), and the
// cleanups a test registers (apps, data dirs, Redis prefixes) run in reverse after each test.
import { afterAll, afterEach, beforeAll } from "vitest";
import { startReplayServer, type ReplayServer } from "./replay-server.js";

export interface ReplayPerFile {
  /** The file's replay server (started before the first test). */
  server(): ReplayServer;
  /** Pushed to by tests; emptied after each. */
  cleanups: Array<() => Promise<void> | void>;
}

export function replayPerFile(): ReplayPerFile {
  let replay: ReplayServer | undefined;
  const cleanups: Array<() => Promise<void> | void> = [];
  beforeAll(async () => {
    replay = await startReplayServer();
  });
  afterAll(() => replay?.close());
  afterEach(async () => {
    for (const c of cleanups.splice(0).reverse()) await c();
  });
  return {
    server() {
      if (!replay) throw new Error("the replay server starts in beforeAll");
      return replay;
    },
    cleanups,
  };
}
