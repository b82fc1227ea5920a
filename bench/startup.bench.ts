// Start-up cost of the CLI's roles (issue #16): each role is spawned N times as a user (and the CLI
// tests) start it — `node bin/jobscout.js …` on the built dist/, a fresh data dir, the offline
// defaults (no API keys or tokens), the shared Redis under a unique queue prefix (dropped after) —
// and measured until it exits (ask, import, profile import) or is ready (chat and start: the hello
// line; worker: "worker ready"). Reports the child's CPU (user+sys), wall time (p50 and max) and peak
// RSS. The child's own figures come from a tiny preload (written to the temp dir) that records
// process.cpuUsage() and resourceUsage().maxRSS on exit or when the bench sends SIGUSR2 at ready.
// With --cli A,B (launchers of other checkouts, e.g. a build of the commit before a change) the
// samples of each role alternate between them, so both see the same minute of a shared machine.
//   npm run build && nice -n 5 npx tsx bench/startup.bench.ts [--n 5] [--roles ask,chat,…] [--cli a,b]
import { spawn } from "node:child_process";
import { randomUUID } from "node:crypto";
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { CLI } from "../test/support/cli.js";
import { deadPort } from "../test/support/dead-port.js";
import { CV_EN, pdfWithText, UNIFIED_POSTING } from "../test/support/documents.js";
import { dropPrefix, REDIS_URL } from "../test/support/harness.js";

const argOf = (name: string): string | undefined => {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 ? process.argv[i + 1] : undefined;
};
const N = Number(argOf("n") ?? 5);
const CLIS = argOf("cli")?.split(",") ?? [CLI];
// No job site is asked: a port that closes every connection stands in for them.
const dead = await deadPort();
const NO_SOURCES = `http://127.0.0.1:${dead.port}`;

interface Role {
  name: string;
  args: (dir: string) => string[];
  /** Ready before exit: the output that says so (the bench then takes the figures and stops it). */
  ready?: RegExp;
  env?: Record<string, string>;
}

const ROLES: Role[] = [
  { name: "ask --no-workers", args: () => ["ask", "hilfe", "--no-workers"] },
  // Non-TTY: the banner line, then the hello line; then it waits for input.
  { name: "chat", args: () => ["chat"], ready: /^jobscout — .*\n.+\n/ },
  { name: "chat --no-workers", args: () => ["chat", "--no-workers"], ready: /^jobscout — .*\n.+\n/ },
  { name: "start", args: () => ["start"], ready: /^jobscout — .*\n.+\n/ },
  { name: "worker", args: () => ["worker"], ready: /worker ready/ },
  { name: "import (1 posting)", args: (dir) => ["import", path.join(dir, "postings.jsonl")] },
  { name: "profile import (PDF)", args: (dir) => ["profile", "import", path.join(dir, "cv.pdf")] },
];
const only = argOf("roles")?.split(",");
const roles = only ? ROLES.filter((r) => only.some((o) => r.name.startsWith(o))) : ROLES;

const PRELOAD = `import { writeFileSync } from "node:fs";
let done = false;
const dump = () => {
  if (done) return;
  done = true;
  const c = process.cpuUsage();
  writeFileSync(process.env.BENCH_USAGE_FILE, JSON.stringify({ cpuMs: (c.user + c.system) / 1000, rssKb: process.resourceUsage().maxRSS }));
};
process.on("exit", dump);
process.on("SIGUSR2", dump);
`;

interface Sample {
  cpuMs: number;
  wallMs: number;
  rssKb: number;
}

const work = mkdtempSync(path.join(os.tmpdir(), "jobscout-startup-bench-"));
const preload = path.join(work, "usage.mjs");
writeFileSync(preload, PRELOAD);
writeFileSync(path.join(work, "postings.jsonl"), `${JSON.stringify(UNIFIED_POSTING)}\n`);
writeFileSync(path.join(work, "cv.pdf"), pdfWithText(CV_EN));
const prefixes: string[] = [];

async function once(role: Role, cli: string): Promise<Sample> {
  const dataDir = mkdtempSync(path.join(work, "data-"));
  const usageFile = path.join(dataDir, "usage.json");
  const prefix = `bench-startup-${randomUUID().slice(0, 8)}`;
  prefixes.push(prefix);
  const env: Record<string, string> = {
    PATH: process.env.PATH ?? "",
    HOME: dataDir,
    JOBSCOUT_DATA_DIR: dataDir,
    REDIS_URL,
    JOBSCOUT_QUEUE_PREFIX: prefix,
    ARBEITNOW_BASE_URL: NO_SOURCES,
    BA_JOBSUCHE_BASE_URL: NO_SOURCES,
    BENCH_USAGE_FILE: usageFile,
    ...role.env,
  };
  const t0 = performance.now();
  const child = spawn(process.execPath, ["--import", preload, cli, ...role.args(work)], {
    cwd: dataDir,
    env,
    stdio: ["pipe", "pipe", "pipe"],
  });
  let stdout = "";
  let all = "";
  let wallMs = 0;
  const exited = new Promise<number | null>((resolve) => child.once("exit", (code) => resolve(code)));
  await new Promise<void>((resolve, reject) => {
    const check = () => {
      if (wallMs === 0 && role.ready && (role.ready.test(stdout) || role.ready.test(all))) {
        wallMs = performance.now() - t0;
        child.kill("SIGUSR2");
        resolve();
      }
    };
    child.stdout.on("data", (d: Buffer) => {
      stdout += d.toString();
      all += d.toString();
      check();
    });
    child.stderr.on("data", (d: Buffer) => {
      all += d.toString();
      check();
    });
    void exited.then((code) => {
      if (wallMs === 0) wallMs = performance.now() - t0;
      if (role.ready && !existsSync(usageFile))
        reject(new Error(`${role.name} exited (${code}) before ready:\n${all}`));
      else if (!role.ready && code !== 0) reject(new Error(`${role.name} exited with ${code}:\n${all}`));
      else resolve();
    });
  });
  if (!role.ready) child.stdin.end();
  // The figures at ready: wait for the preload to write them, then stop the role.
  for (let i = 0; i < 200 && !existsSync(usageFile); i++) await new Promise((r) => setTimeout(r, 10));
  if (role.ready) {
    child.kill("SIGTERM");
    child.stdin.end();
    const killer = setTimeout(() => child.kill("SIGKILL"), 15_000);
    await exited;
    clearTimeout(killer);
  }
  const usage = JSON.parse(readFileSync(usageFile, "utf8")) as { cpuMs: number; rssKb: number };
  rmSync(dataDir, { recursive: true, force: true });
  return { cpuMs: usage.cpuMs, wallMs, rssKb: usage.rssKb };
}

const median = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  const m = Math.floor(s.length / 2);
  return s.length % 2 ? s[m]! : (s[m - 1]! + s[m]!) / 2;
};

try {
  console.log(`start-up of ${N} runs per role (node ${process.version}, ${os.cpus().length} cores):`);
  console.log(
    `| role${CLIS.length > 1 ? " | launcher" : ""} | CPU p50 (ms) | CPU max | wall p50 (ms) | wall max | RSS p50 (MB) |`,
  );
  console.log(`|---${CLIS.length > 1 ? "|---" : ""}|---:|---:|---:|---:|---:|`);
  for (const role of roles) {
    for (const cli of CLIS) await once(role, cli); // warm the file cache; not counted
    const samples = new Map<string, Sample[]>(CLIS.map((c) => [c, []]));
    for (let i = 0; i < N; i++) for (const cli of CLIS) samples.get(cli)!.push(await once(role, cli));
    for (const [cli, got] of samples) {
      const cpu = got.map((s) => s.cpuMs);
      const wall = got.map((s) => s.wallMs);
      console.log(
        `| ${role.name}${CLIS.length > 1 ? ` | ${cli}` : ""} | ${median(cpu).toFixed(0)} | ${Math.max(...cpu).toFixed(0)} | ${median(wall).toFixed(0)} | ${Math.max(...wall).toFixed(0)} | ${(median(got.map((s) => s.rssKb)) / 1024).toFixed(0)} |`,
      );
    }
  }
} finally {
  for (const prefix of prefixes) await dropPrefix(prefix);
  await dead.close();
  rmSync(work, { recursive: true, force: true });
}
