// `npm start`'s command line as a user runs it: `node bin/jobscout.js start` on the built dist/, a
// clean data dir, no tokens (so the terminal chat opens), the job sites replayed locally.
import { existsSync } from "node:fs";
import path from "node:path";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { openDb } from "../../src/store/db.js";
import { countRows, createPgDatabase } from "../support/stores.js";
import { startBuiltJobscout, type RunningJobscout } from "../support/cli.js";
import { dropPrefix, eventually, tempDir, testEnv } from "../support/harness.js";
import { startReplayServer, type ReplayServer } from "../support/replay-server.js";

let replay: ReplayServer;
beforeAll(async () => {
  replay = await startReplayServer();
});
afterAll(() => replay.close());
const cleanups: Array<() => Promise<void> | void> = [];
afterEach(async () => {
  for (const c of cleanups.splice(0).reverse()) await c();
});

describe("jobscout start", () => {
  it("opens the terminal chat on a clean data dir, fetches on the first request and answers with ranked jobs", async () => {
    const tmp = tempDir();
    const dataDir = path.join(tmp.dir, "data"); // not there yet: start makes it
    const env = testEnv(dataDir, replay.url);
    cleanups.push(tmp.remove, () => dropPrefix(env.JOBSCOUT_QUEUE_PREFIX));
    const cli: RunningJobscout = startBuiltJobscout(["start"], env);
    cleanups.push(() => cli.stop());

    await eventually(() => cli.stdout().includes('Type "help" for more'), 60_000);
    expect(cli.stdout()).toContain(
      `jobscout — 0 jobs indexed in ${dataDir}; model: built-in offline model (no API key set); queue: configured Redis\n`,
    );
    cli.type("find me jobs in Berlin");
    await eventually(() => /Here are \d+ of \d+ matches/.test(cli.stdout()), 60_000);
    const out = cli.stdout();
    expect(out).toMatch(/Fetched fresh postings — Arbeitnow: 105 jobs, 105 new/);
    const ranked = [...out.matchAll(/^(\d+)\. (.+) — (.+)\n {3}(.+)$/gm)];
    expect(ranked.map((m) => Number(m[1]))).toEqual([1, 2, 3, 4, 5]);
    for (const m of ranked) expect(m[4]).toMatch(/Berlin/);

    cli.type("exit");
    expect(await cli.exited).toBe(0);
    expect(cli.stderr()).not.toMatch(/error|at .*\.js:\d+/i);
    expect(existsSync(path.join(dataDir, "jobscout.sqlite"))).toBe(true);
  });

  it("with DATABASE_URL=postgres://… keeps the jobs in PostgreSQL and answers the same", async () => {
    const tmp = tempDir();
    const dataDir = path.join(tmp.dir, "data");
    const pg = await createPgDatabase();
    const env = { ...testEnv(dataDir, replay.url), DATABASE_URL: pg.url };
    cleanups.push(
      tmp.remove,
      () => dropPrefix(env.JOBSCOUT_QUEUE_PREFIX),
      () => pg.drop(),
    );
    const cli: RunningJobscout = startBuiltJobscout(["start"], env);
    cleanups.push(() => cli.stop());

    await eventually(() => cli.stdout().includes('Type "help" for more'), 60_000);
    expect(cli.stdout()).toContain(
      `jobscout — 0 jobs in PostgreSQL at ${pg.url}, index in ${dataDir}; model:`,
    );
    cli.type("find me jobs in Berlin");
    await eventually(() => /Here are \d+ of \d+ matches/.test(cli.stdout()), 60_000);
    expect(cli.stdout()).toMatch(/Fetched fresh postings — Arbeitnow: 105 jobs, 105 new/);
    cli.type("exit");
    expect(await cli.exited).toBe(0);
    expect(cli.stderr()).not.toMatch(/error|at .*\.js:\d+/i);
    expect(existsSync(path.join(dataDir, "jobscout.sqlite"))).toBe(false);
    const store = await openDb({ file: "", url: pg.url, migrate: false });
    try {
      expect(await countRows(store, "jobs")).toBe(105);
    } finally {
      await store.close();
    }
  });
});
