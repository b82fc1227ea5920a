// Two writers deduping the same posting at the same moment (two workers on one store) must make
// one job of it, on both stores. PostgreSQL: two connection pools in this process. SQLite: its
// driver blocks the thread while it waits for a lock, so the second writer is another process.
import { spawn } from "node:child_process";
import path from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { openDb } from "../../src/store/db.js";
import { JobsRepo } from "../../src/store/jobs.repo.js";
import { childEnv, ROOT, tracked, TSX } from "../support/cli.js";
import { writeCopies } from "../support/write-copies.js";
import { countRows, openTestStore, type TestStore } from "../support/stores.js";

const COUNT = 40;
let store: TestStore | undefined;
afterEach(async () => {
  await store?.close();
  store = undefined;
});

describe("two writers on one store", () => {
  it("PostgreSQL: the same postings deduped by two writers at once become one job each", async () => {
    store = await openTestStore("postgres");
    const second = await openDb({ file: "", url: store.url });
    try {
      await Promise.all([
        writeCopies(new JobsRepo(store.db), "arbeitnow", COUNT),
        writeCopies(new JobsRepo(second), "ba-jobsuche", COUNT),
      ]);
    } finally {
      await second.close();
    }
    expect(await countRows(store.db, "jobs")).toBe(COUNT);
    expect(await countRows(store.db, "job_sources")).toBe(2 * COUNT);
  });

  it("SQLite: the same postings deduped by two processes at once become one job each", async () => {
    store = await openTestStore("sqlite");
    const child = tracked(
      spawn(
        process.execPath,
        [
          "--import",
          TSX,
          path.join(ROOT, "test/support/write-copies.ts"),
          store.url,
          "ba-jobsuche",
          String(COUNT),
        ],
        { cwd: ROOT, env: childEnv({}), stdio: ["ignore", "ignore", "pipe"] },
      ),
    );
    let stderr = "";
    child.stderr.on("data", (d: Buffer) => (stderr += d.toString()));
    const exited = new Promise<number | null>((resolve) => child.on("exit", resolve));
    try {
      await writeCopies(new JobsRepo(store.db), "arbeitnow", COUNT);
      expect(await exited, stderr).toBe(0);
    } finally {
      if (child.exitCode === null) child.kill("SIGKILL");
    }
    expect(await countRows(store.db, "jobs")).toBe(COUNT);
    expect(await countRows(store.db, "job_sources")).toBe(2 * COUNT);
  });
});
