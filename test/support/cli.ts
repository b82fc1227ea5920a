// `jobscout …` as a user runs it: the built CLI (bin/jobscout.js → dist/, as `npm start` and an
// installed package run it; global-setup builds it when src/ is newer) in a child process, output
// collected. Not tsx: compiling src/ on the fly took each child about twice the CPU time to start.
// Every child gets an explicit environment (childEnv) and, unless told otherwise, an empty temp dir
// as its working directory: nothing of the developer's shell or ./.env (API keys, JOBSCOUT_*,
// REDIS_URL, SLACK_*, DISCORD_*) can change what a test sees or send a request off this machine.
import { execFileSync, spawn, type ChildProcess } from "node:child_process";
import { existsSync, mkdtempSync, readdirSync, rmSync, statSync, utimesSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";

export const ROOT = fileURLToPath(new URL("../..", import.meta.url));
/** The launcher users run (`npm start`, `npx jobscout`): node loads dist/src/main.js through it. */
export const CLI = path.join(ROOT, "bin/jobscout.js");
// For test helper scripts that run from their TypeScript source; named by path, so it also loads
// when the command runs from a temp dir.
export const TSX = pathToFileURL(path.join(ROOT, "node_modules/tsx/dist/loader.mjs")).href;

// What a child may inherit: where programs are, where temp files go, and V8 coverage collection
// (so `npm run coverage` sees child processes). Nothing here changes jobscout's behaviour.
const INHERITED = ["PATH", "TMPDIR", "NODE_V8_COVERAGE"] as const;

// Every child started through this module (or handed to tracked()) until it exits. A test that times out or fails before its
// own cleanup would leave them running (and holding ports, Redis keys, temp dirs): the setup file
// test/support/end-children.ts kills what is left after each test.
const live = new Set<ChildProcess>();

export function tracked<C extends ChildProcess>(child: C): C {
  live.add(child);
  child.once("exit", () => live.delete(child));
  return child;
}

/** SIGKILL every child this module started that is still running; resolves once they have exited. */
export async function killLiveChildren(): Promise<void> {
  await Promise.all(
    [...live].map(
      (child) =>
        new Promise<void>((resolve) => {
          child.once("exit", () => resolve());
          if (child.exitCode !== null || child.signalCode !== null || !child.kill("SIGKILL")) resolve();
        }),
    ),
  );
  live.clear();
}

/** The environment of a child process: the few inherited variables above plus exactly `vars`. */
export function childEnv(vars: Record<string, string>): Record<string, string> {
  const env: Record<string, string> = {};
  for (const k of INHERITED) {
    const v = process.env[k];
    if (v !== undefined) env[k] = v;
  }
  return { ...env, ...vars };
}

/** A fresh empty working directory (no `.env`), removed by `remove()`. */
export function emptyCwd(): { dir: string; remove(): void } {
  const dir = mkdtempSync(path.join(os.tmpdir(), "jobscout-cwd-"));
  return { dir, remove: () => rmSync(dir, { recursive: true, force: true }) };
}

export interface CliResult {
  code: number | null;
  stdout: string;
  stderr: string;
}

/** Options for {@link runJobscout}. */
export interface RunJobscoutOptions {
  /** The child's whole environment besides PATH/TMPDIR/NODE_V8_COVERAGE (see {@link childEnv}). */
  env: Record<string, string>;
  /** Working directory. @defaultValue a fresh empty temp dir */
  cwd?: string;
  /** Written to the command's standard input, which is then closed. @defaultValue nothing */
  input?: string;
}

export function runJobscout(args: readonly string[], o: RunJobscoutOptions): Promise<CliResult> {
  return runNode([CLI, ...args], o);
}

/** Run `node <args>` (a script and its arguments) to its end, with the same environment rules. */
export async function runNode(args: readonly string[], o: RunJobscoutOptions): Promise<CliResult> {
  const tmp = o.cwd === undefined ? emptyCwd() : undefined;
  try {
    return await new Promise<CliResult>((resolve, reject) => {
      const child = tracked(
        spawn(process.execPath, args, {
          cwd: o.cwd ?? tmp!.dir,
          env: childEnv(o.env),
        }),
      );
      let stdout = "";
      let stderr = "";
      child.stdout.on("data", (d: Buffer) => (stdout += d.toString()));
      child.stderr.on("data", (d: Buffer) => (stderr += d.toString()));
      child.on("error", reject);
      child.on("exit", (code) => resolve({ code, stdout, stderr }));
      child.stdin.end(o.input ?? "");
    });
  } finally {
    tmp?.remove();
  }
}

function newestMtime(dir: string): number {
  let newest = 0;
  for (const e of readdirSync(dir, { withFileTypes: true })) {
    const p = path.join(dir, e.name);
    newest = Math.max(newest, e.isDirectory() ? newestMtime(p) : statSync(p).mtimeMs);
  }
  return newest;
}

/**
 * Make sure dist/ holds the current source, as `npm ci` (prepare) and `npm start` (build) leave it:
 * builds (tsc, then the artifacts of src/build-artifacts.ts) only when a source file is newer than
 * the compiled entry point.
 */
export function ensureBuilt(): void {
  const entry = path.join(ROOT, "dist/src/main.js");
  const built = existsSync(entry) ? statSync(entry).mtimeMs : 0;
  if (built >= newestMtime(path.join(ROOT, "src"))) return;
  execFileSync(
    process.execPath,
    [path.join(ROOT, "node_modules/typescript/bin/tsc"), "-p", "tsconfig.build.json"],
    {
      cwd: ROOT,
      env: childEnv({}),
      stdio: "inherit",
    },
  );
  // As `npm run build`: the prebuilt index and model that spare each process their computation.
  execFileSync(process.execPath, [path.join(ROOT, "dist/src/build-artifacts.js")], {
    cwd: ROOT,
    env: childEnv({}),
    stdio: "inherit",
  });
  // tsc leaves an unchanged output file alone: mark the entry point as built now.
  const now = new Date();
  utimesSync(entry, now, now);
}

/** A long-running `node bin/jobscout.js …` (the built CLI, as `npm start` runs it), output collected. */
export interface RunningJobscout {
  child: ChildProcess;
  stdout(): string;
  stderr(): string;
  /** Type a line into its terminal. */
  type(line: string): void;
  /** Resolves with the exit code once it has exited. */
  exited: Promise<number | null>;
  /** Kill it if still running and remove its working directory. */
  stop(): Promise<void>;
}

export function startBuiltJobscout(args: readonly string[], env: Record<string, string>): RunningJobscout {
  const cwd = emptyCwd();
  const child = tracked(
    spawn(process.execPath, [CLI, ...args], {
      cwd: cwd.dir,
      env: childEnv(env),
      stdio: ["pipe", "pipe", "pipe"],
    }),
  );
  let out = "";
  let err = "";
  child.stdout.on("data", (d: Buffer) => (out += d.toString()));
  child.stderr.on("data", (d: Buffer) => (err += d.toString()));
  const exited = new Promise<number | null>((resolve) => child.once("exit", (code) => resolve(code)));
  return {
    child,
    stdout: () => out,
    stderr: () => err,
    type: (line) => child.stdin.write(`${line}\n`),
    exited,
    async stop() {
      if (child.exitCode === null && child.signalCode === null) {
        child.kill("SIGKILL");
        await exited;
      }
      cwd.remove();
    },
  };
}

/** A long-running `jobscout …` (a worker, a bot) in a child process; `stop()` ends it with SIGTERM. */
export interface JobscoutProcess {
  /** Everything it wrote to stdout and stderr so far. */
  output(): string;
  /** What it wrote to stdout only. */
  stdout(): string;
  /** Type a line into its standard input. */
  type(line: string): void;
  /** Close its standard input, as Ctrl-D does. */
  endInput(): void;
  /** Resolves with the exit code once it has exited by itself or was stopped. */
  exited: Promise<number | null>;
  /** SIGTERM, then the exit code once it has stopped (SIGKILL after `graceMs`). */
  stop(graceMs?: number): Promise<number | null>;
}

export function startJobscout(args: readonly string[], o: RunJobscoutOptions): JobscoutProcess {
  const cwd = o.cwd === undefined ? emptyCwd() : undefined;
  const child = tracked(
    spawn(process.execPath, [CLI, ...args], {
      cwd: o.cwd ?? cwd!.dir,
      env: childEnv(o.env),
      stdio: ["pipe", "pipe", "pipe"],
    }),
  );
  let out = "";
  let stdout = "";
  child.stdout.on("data", (d: Buffer) => {
    out += d.toString();
    stdout += d.toString();
  });
  child.stderr.on("data", (d: Buffer) => (out += d.toString()));
  child.stdin.on("error", () => undefined);
  const exited = new Promise<number | null>((resolve) => child.once("exit", (code) => resolve(code)));
  return {
    output: () => out,
    stdout: () => stdout,
    type: (line) => child.stdin.write(`${line}\n`),
    endInput: () => child.stdin.end(),
    exited,
    async stop(graceMs = 15_000) {
      try {
        if (child.exitCode !== null || child.signalCode !== null) return child.exitCode;
        child.kill("SIGTERM");
        const timer = setTimeout(() => child.kill("SIGKILL"), graceMs);
        try {
          return await exited;
        } finally {
          clearTimeout(timer);
        }
      } finally {
        cwd?.remove();
      }
    },
  };
}

/** The numbered job cards of a terminal answer: title — company, place line, link. */
export function jobCardsIn(stdout: string) {
  const re = /^(\d+)\. (.+) — (.+)\n {3}(.+)\n(?: {3}Why: (.+)\n)? {3}(https?:\/\/\S+)$/gm;
  return [...stdout.matchAll(re)].map((m) => ({
    n: Number(m[1]),
    title: m[2],
    company: m[3],
    meta: m[4]!,
    why: m[5] ?? "",
    url: m[6],
  }));
}
