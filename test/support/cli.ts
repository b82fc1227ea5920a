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

/** A long-running `jobscout …` (a worker, a bot) in a child process; `stop()` ends it with SIGTERM. */
export interface RunningJobscout {
  /** Everything it wrote to stdout and stderr so far. */
  output(): string;
  /** SIGTERM, then the exit code once it has stopped (SIGKILL after `graceMs`). */
  stop(graceMs?: number): Promise<number | null>;
}

export function startJobscout(args: readonly string[], o: RunJobscoutOptions): RunningJobscout {
  const base = o.clean ? { PATH: process.env.PATH ?? "" } : process.env;
  const child = spawn(process.execPath, ["--import", TSX, path.join(ROOT, "src/main.ts"), ...args], {
    cwd: o.cwd ?? ROOT,
    env: { ...base, ...o.env },
    stdio: ["ignore", "pipe", "pipe"],
  });
  let out = "";
  child.stdout.on("data", (d: Buffer) => (out += d.toString()));
  child.stderr.on("data", (d: Buffer) => (out += d.toString()));
  const exited = new Promise<number | null>((resolve) => child.once("exit", (code) => resolve(code)));
  return {
    output: () => out,
    async stop(graceMs = 15_000) {
      if (child.exitCode !== null || child.signalCode !== null) return child.exitCode;
      child.kill("SIGTERM");
      const timer = setTimeout(() => child.kill("SIGKILL"), graceMs);
      try {
        return await exited;
      } finally {
        clearTimeout(timer);
      }
    },
  };
}
