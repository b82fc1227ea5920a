import { randomUUID } from "node:crypto";
import type { JobAgent } from "../../agents/agent.js";
import { terminalProgress } from "./progress.js";

/** Options for {@link askOnce}. */
export interface AskOptions {
  agent: JobAgent;
  workspaceId: string;
  userId: string;
  text: string;
  output: NodeJS.WritableStream;
  progressStream: NodeJS.WriteStream | NodeJS.WritableStream;
  showProgress: boolean;
}

/**
 * One turn: print the answer. Returns the process exit code — 0 when the question was answered,
 * 2 when a run was needed and every source failed (the answer says which and why).
 */
export async function askOnce(o: AskOptions): Promise<number> {
  const progress = terminalProgress(o.progressStream, o.showProgress);
  try {
    const answer = await o.agent.ask(o.text, {
      workspaceId: o.workspaceId,
      userId: o.userId,
      threadId: `ask-${randomUUID()}`,
      platform: "cli",
      onProgress: progress.onProgress,
    });
    progress.done();
    o.output.write(`${answer.text}\n`);
    return answer.run?.status === "failed" && answer.jobs.length === 0 ? 2 : 0;
  } finally {
    progress.done();
  }
}
