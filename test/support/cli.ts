// `jobscout …` as a user runs it: the real entry point in a child process, output collected.
import { spawn } from "node:child_process";
import path from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";

export const ROOT = fileURLToPath(new URL("../..", import.meta.url));
// Named by path, so it also loads when the command runs from a temp dir.
const TSX = pathToFileURL(path.join(ROOT, "node_modules/tsx/dist/loader.mjs")).href;

export interface CliResult {
  code: number | null;
  stdout: string;
  stderr: string;
}

/** Options for {@link runJobscout}. */
export interface RunJobscoutOptions {
  /** Added to the environment. */
  env: Record<string, string>;
  /** Working directory. @defaultValue the repository root */
  cwd?: string;
  /** Start from an empty environment (PATH only) instead of this process's. @defaultValue `false` */
  clean?: boolean;
  /** Written to the command's standard input, which is then closed. @defaultValue nothing */
  input?: string;
}

export function runJobscout(args: readonly string[], o: RunJobscoutOptions): Promise<CliResult> {
  return new Promise((resolve) => {
    const base = o.clean ? { PATH: process.env.PATH ?? "" } : process.env;
    const child = spawn(process.execPath, ["--import", TSX, path.join(ROOT, "src/main.ts"), ...args], {
      cwd: o.cwd ?? ROOT,
      env: { ...base, ...o.env },
    });
    child.stdin.end(o.input ?? "");
    let stdout = "";
    let stderr = "";
    child.stdout.on("data", (d: Buffer) => (stdout += d.toString()));
    child.stderr.on("data", (d: Buffer) => (stderr += d.toString()));
    child.on("exit", (code) => resolve({ code, stdout, stderr }));
  });
}
