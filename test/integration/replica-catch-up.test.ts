// A replica catches up from the store by sequence number. A writer that took a number first but
// commits last must still reach every replica (issue #14): on PostgreSQL numbers come from a
// sequence when the row is written, so without commit ordering a reader could move past a number
// that is committed later and skip that job for good. Same scenario on both stores: writer A takes
// a number and holds its transaction open, writer B writes next, a replica catches up, A commits.
import { spawn } from "node:child_process";
import path from "node:path";
import { sql } from "kysely";
import { afterEach, describe, expect, it } from "vitest";
import { IndexSync } from "../../src/search/index-sync.js";
import { inTransaction, openDb, type Db } from "../../src/store/db.js";
import { JobsRepo } from "../../src/store/jobs.repo.js";
import { VectorsRepo } from "../../src/store/vectors.repo.js";
import { childEnv, ROOT, tracked, TSX } from "../support/cli.js";
import { eventually } from "../support/harness.js";
import { putVector, vectorOf } from "../support/put-vector.js";
import { posting, tempDir } from "../contract/search-fixtures.js";
import { openTestStore, STORES, type TestStore } from "../support/stores.js";

const KEY = "test-embedder";
const DIM = 8;
const cleanups: Array<() => unknown> = [];
afterEach(async () => {
  for (const c of cleanups.splice(0).reverse()) await c();
});

/** A transaction held open until `commit()`: `fn` runs in it first. */
async function heldTransaction(db: Db, fn: (tx: Db) => Promise<void>) {
  let commit!: () => void;
  const released = new Promise<void>((r) => (commit = r));
  let held!: () => void;
  const holding = new Promise<void>((r) => (held = r));
  const done = inTransaction(db, async (tx) => {
    await fn(tx);
    held();
    await released;
  });
  await Promise.race([holding, done]);
  return { commit: () => (commit(), done) };
}

/** Writer B: on PostgreSQL a second pool in this process, on SQLite another process. */
async function secondWriter(store: TestStore, kind: string, jobId: number): Promise<{ done: Promise<void> }> {
  if (kind === "postgres") {
    const b = await openDb({ file: "", url: store.url, migrate: false });
    cleanups.push(() => b.close());
    let settled = false;
    const write = putVector(new VectorsRepo(b), KEY, jobId, DIM).finally(() => (settled = true));
    // Until B has either committed or is queued behind A, the scenario has not happened yet.
    await eventually(async () => settled || (await waitingOnLock(store.db)));
    return { done: write };
  }
  const child = tracked(
    spawn(
      process.execPath,
      [
        "--import",
        TSX,
        path.join(ROOT, "test/support/put-vector.ts"),
        store.url,
        KEY,
        String(jobId),
        String(DIM),
      ],
      { cwd: ROOT, env: childEnv({}), stdio: ["ignore", "pipe", "pipe"] },
    ),
  );
  cleanups.push(() => child.exitCode === null && child.kill("SIGKILL"));
  let out = "";
  child.stdout.on("data", (d: Buffer) => (out += d.toString()));
  child.stderr.on("data", (d: Buffer) => (out += d.toString()));
  const exited = new Promise<void>((resolve, reject) =>
    child.on("exit", (code) => (code === 0 ? resolve() : reject(new Error(`writer B failed: ${out}`)))),
  );
  await eventually(() => out.includes("writing"), 30_000);
  return { done: exited };
}

async function waitingOnLock(db: Db): Promise<boolean> {
  const r = await sql<{ n: string | number }>`SELECT count(*) AS n FROM pg_stat_activity
    WHERE datname = current_database() AND wait_event_type = 'Lock'`.execute(db.kysely);
  return Number(r.rows[0]?.n ?? 0) > 0;
}

describe.each(STORES)("replica catch-up on %s", (kind) => {
  it("a vector whose writer took its number first but committed last still reaches the replica", async () => {
    const { dir, cleanup } = await tempDir();
    cleanups.push(cleanup);
    const store = await openTestStore(kind);
    cleanups.push(() => store.close());
    const [first, second] = await new JobsRepo(store.db).transaction(async (jobs) => [
      await jobs.insert(posting("first"), null, new Date().toISOString()),
      await jobs.insert(posting("second"), null, new Date().toISOString()),
    ]);
    const replica = new IndexSync({
      vectors: new VectorsRepo(store.db),
      embedderKey: KEY,
      dim: DIM,
      dir: path.join(dir, "index"),
    });
    await replica.open();

    // A's own connection (on SQLite the replica's would otherwise wait for A's transaction).
    const a = await openDb({ file: store.url, url: store.url, migrate: false });
    cleanups.push(() => a.close());
    const writerA = await heldTransaction(a, (tx) => putVector(new VectorsRepo(tx), KEY, first, DIM));
    const writerB = await secondWriter(store, kind, second);

    await replica.catchUp(); // while A is still open
    await writerA.commit();
    await writerB.done;
    await replica.catchUp();

    const found = replica.index.search(vectorOf(first, DIM), 2).map((h) => h.label);
    expect(found).toContain(first);
    expect(replica.index.search(vectorOf(second, DIM), 2).map((h) => h.label)).toContain(second);
    expect(replica.index.size()).toBe(2);
  }, 60_000);
});
