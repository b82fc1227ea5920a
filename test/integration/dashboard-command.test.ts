// `jobscout dashboard` and `jobscout start` with JOBSCOUT_DASHBOARD_PORT, run as a user runs them.
import { spawn, type ChildProcessWithoutNullStreams } from "node:child_process";
import { afterEach, describe, expect, it } from "vitest";
import { childEnv, CLI, emptyCwd, tracked } from "../support/cli.js";
import { dropPrefix, eventually, tempDir, testEnv } from "../support/harness.js";
import { startSlackServer } from "../support/slack-server.js";

const cleanups: Array<() => Promise<void> | void> = [];
afterEach(async () => {
  for (const c of cleanups.splice(0).reverse()) await c();
});

/** Start `jobscout <args>` and resolve with the URL it prints on stderr (the dashboard's by default). */
async function launch(
  args: string[],
  banner = /jobscout dashboard: (http:\/\/\S+)/,
  extra: Record<string, string> = {},
): Promise<{
  child: ChildProcessWithoutNullStreams;
  url: string;
  /** The exit code, or the signal that ended the process. */
  exited: Promise<number | NodeJS.Signals | null>;
  stderr: () => string;
}> {
  const tmp = tempDir("jobscout-dash-cmd-");
  // No job site is contacted: nothing starts a run.
  const env = testEnv(tmp.dir, "http://127.0.0.1:9", {
    JOBSCOUT_DASHBOARD_PORT: "0",
    JOBSCOUT_WORKER_HEALTH_PORT: "0",
    JOBSCOUT_LOG_LEVEL: "error",
    ...extra,
  });
  const cwd = emptyCwd();
  const child = tracked(spawn(process.execPath, [CLI, ...args], { cwd: cwd.dir, env: childEnv(env) }));
  const exited = new Promise<number | NodeJS.Signals | null>((resolve) =>
    child.on("exit", (code, signal) => resolve(code ?? signal)),
  );
  cleanups.push(
    tmp.remove,
    cwd.remove,
    () => dropPrefix(env.JOBSCOUT_QUEUE_PREFIX),
    async () => {
      if (child.exitCode === null) {
        child.kill("SIGKILL");
        await exited;
      }
    },
  );
  let stderr = "";
  const url = await new Promise<string>((resolve, reject) => {
    child.stderr.on("data", (d: Buffer) => {
      stderr += d.toString();
      const m = banner.exec(stderr);
      if (m?.[1]) resolve(m[1]);
    });
    void exited.then((code) => reject(new Error(`exited ${code} before serving: ${stderr}`)));
  });
  return { child, url, exited, stderr: () => stderr };
}

describe("dashboard as a process role", () => {
  it("jobscout dashboard serves the login page and readiness, and stops on SIGTERM", async () => {
    const { child, url, exited } = await launch(["dashboard"]);
    expect((await fetch(`${url}/login`)).status).toBe(200);
    const ready = await fetch(`${url}/readyz`);
    expect(ready.status).toBe(200);
    expect(await ready.json()).toMatchObject({ status: "ready" });
    child.kill("SIGTERM");
    expect(await exited).toBe(0);
  });

  it("jobscout start serves the dashboard beside the terminal chat, which keeps stdout clean", async () => {
    const { child, url, exited } = await launch(["start"]);
    let stdout = "";
    child.stdout.on("data", (d: Buffer) => (stdout += d.toString()));
    expect((await fetch(`${url}/healthz`)).status).toBe(200);
    expect((await fetch(`${url}/`, { redirect: "manual" })).headers.get("location")).toBe("/login");
    child.stdin.end();
    expect(await exited).toBe(0);
    expect(stdout).not.toContain("dashboard");
  });

  it("jobscout worker answers /healthz and /readyz on JOBSCOUT_WORKER_HEALTH_PORT", async () => {
    const { child, url, exited } = await launch(["worker"], /jobscout worker health: (http:\/\/\S+)/);
    expect((await fetch(`${url}/healthz`)).status).toBe(200);
    const ready = await fetch(`${url}/readyz`);
    expect(await ready.json()).toMatchObject({
      status: "ready",
      checks: [
        { name: "redis", ok: true },
        { name: "store", ok: true },
        { name: "index", ok: true },
      ],
    });
    child.kill("SIGTERM");
    expect(await exited).toBe(0);
  });

  it("jobscout slack answers /healthz, /readyz and its own /metrics on JOBSCOUT_HEALTH_PORT", async () => {
    const slack = await startSlackServer({ users: [{ id: "UALICE", name: "alice" }] });
    cleanups.push(() => slack.close());
    const { child, url, exited, stderr } = await launch(["slack"], /jobscout slack health: (http:\/\/\S+)/, {
      SLACK_BOT_TOKEN: slack.botToken,
      SLACK_SIGNING_SECRET: "test-signing-secret",
      SLACK_API_URL: slack.apiUrl,
      SLACK_PORT: "0",
      JOBSCOUT_HEALTH_PORT: "0",
      JOBSCOUT_LOG_LEVEL: "info",
    });
    expect((await fetch(`${url}/healthz`)).status).toBe(200);
    expect(await (await fetch(`${url}/readyz`)).json()).toMatchObject({
      status: "ready",
      checks: [
        { name: "redis", ok: true },
        { name: "store", ok: true },
        { name: "index", ok: true },
      ],
    });
    expect(await (await fetch(`${url}/metrics`)).text()).toContain("jobscout_chat_turn_duration_seconds");
    // Health answers while the surface still starts; stop it once it is up.
    await eventually(() => stderr().includes("jobscout ready"), 60_000);
    child.kill("SIGTERM");
    // Ended by a signal once in a whole-suite run: what it wrote says why.
    expect(await exited, stderr()).toBe(0);
  });

  it("with JOBSCOUT_METRICS=off a worker's /metrics answers 404 and says why; health answers as before", async () => {
    const on = await launch(["worker"], /jobscout worker health: (http:\/\/\S+)/);
    expect((await fetch(`${on.url}/metrics`)).status).toBe(200);
    on.child.kill("SIGTERM");
    expect(await on.exited).toBe(0);

    const { child, url, exited } = await launch(["worker"], /jobscout worker health: (http:\/\/\S+)/, {
      JOBSCOUT_METRICS: "off",
    });
    const metrics = await fetch(`${url}/metrics`);
    expect(metrics.status).toBe(404);
    expect(await metrics.text()).toBe("metrics are off in this process (JOBSCOUT_METRICS=off)\n");
    expect((await fetch(`${url}/healthz`)).status).toBe(200);
    expect((await fetch(`${url}/readyz`)).status).toBe(200);
    child.kill("SIGTERM");
    expect(await exited).toBe(0);
  });
});
