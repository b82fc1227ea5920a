import { answerOnce, type AskOptions } from "./ask.js";
import { localCvFile } from "./cv-command.js";

/**
 * `jobscout profile import FILE`: the CV read through the same queued parse stage as a file sent in
 * chat, with its progress; prints the profile read or what to do. Exit code 0 when a profile was
 * made, 1 when the file could not be read.
 */
export async function importProfile(
  o: Omit<AskOptions, "text" | "file"> & { file: string },
): Promise<number> {
  const reply = await answerOnce({ ...o, text: "", file: localCvFile(o.file) });
  return reply.failed || reply.run?.status !== "completed" ? 1 : 0;
}
