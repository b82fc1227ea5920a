// Drill: another program holds the SQLite store's write lock for longer than busy_timeout while a
// run fetches. The run waits for the store and completes with every posting; the log says once
// that the store is locked and once that it is writable again.
import { spawn, type ChildProcess } from "node:child_process";
import { once } from "node:events";
import { afterEach, describe, expect, it } from "vitest";
import { createLogger } from "../../src/core/logger.js";
import { ROOT } from "../support/cli.js";
import { eventually, startTestApp, TEST_WORKSPACE } from "../support/harness.js";
import { ARBEITNOW_PATH, startReplayServer } from "../support/replay-server.js";
import { countRows } from "../support/stores.js";

const cleanups: Array<() => Promise<void> | void> = [];
afterEach(async () => {
  for (const c of cleanups.splice(0).reverse()) await c();
});

const BUSY_MS = 300;

/** Another process that takes the store's write lock and keeps it until its stdin closes. */
async function holdWriteLock(file: string): Promise<ChildProcess> {
  const code = `
    const db = new (require("better-sqlite3"))(${JSON.stringify(file)});
    db.exec("BEGIN IMMEDIATE");
    process.stdout.write("locked\\n");
    process.stdin.resume();
    process.stdin.on("end", () => { db.exec("ROLLBACK"); db.close(); process.exit(0); });`;
  const child = spawn(process.execPath, ["-e", code], { cwd: ROOT, stdio: ["pipe", "pipe", "inherit"] });
  cleanups.push(() => {
    if (child.exitCode === null) child.kill("SIGKILL");
  });
  const [first] = (await once(child.stdout, "data")) as [Buffer];
  expect(first.toString()).toContain("locked");
  return child;
}

describe("drill: store locked by another process", () => {
  it("a run waits for the lock and completes with every posting", async () => {
    // Ten postings per slow page, so the lock lands while the source is still being fetched.
    const replay = await startReplayServer({ arbeitnowPages: { perPage: 10 } });
    cleanups.push(() => replay.close());
    replay.fail(ARBEITNOW_PATH, { delayMs: 150 });
    const lines: string[] = [];
    const app = await startTestApp(
      replay.url,
      { JOBSCOUT_DB_BUSY_MS: String(BUSY_MS), JOBSCOUT_FETCH_MAX_PAGES: "50" },
      cleanups,
      { logger: createLogger("info", {}, (l) => lines.push(l)) },
    );
    const run = await app.runService.start({ ...TEST_WORKSPACE, query: {}, sources: ["arbeitnow"] });
    await eventually(() => replay.requests.filter((r) => r.path.startsWith(ARBEITNOW_PATH)).length >= 2);

    const locker = await holdWriteLock(app.config.sqlitePath);
    // Every stage attempt meets the lock (each waits BUSY_MS); with the old handling the attempts
    // (2 here) ran out within about a second and the source failed.
    await eventually(() => lines.some((l) => l.includes("store is locked")));
    await new Promise((r) => setTimeout(r, 10 * BUSY_MS));
    locker.stdin!.end();
    await once(locker, "exit");

    const done = await app.runService.wait(TEST_WORKSPACE.workspaceId, run.id, { timeoutMs: 60_000 });
    expect(done.status).toBe("completed");
    const outcome = done.outcomes.find((o) => o.source === "arbeitnow");
    expect(outcome?.status).toBe("ok");
    expect(outcome?.fetched).toBe(105);
    expect(await countRows(app.db, "jobs")).toBe(105);
    const said = lines.map((l) => JSON.parse(l) as { msg: string; level: string });
    expect(said.filter((l) => l.msg.includes("store is locked"))).toHaveLength(1);
    expect(said.filter((l) => l.msg.includes("store is writable again"))).toHaveLength(1);
  });
});
