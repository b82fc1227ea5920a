// better-sqlite3 runs every statement synchronously, and awaiting one only lets promise callbacks
// run: a stage writing thousands of rows would hold the event loop until it is done. Meanwhile
// BullMQ cannot renew the job's lock (a timer), so a busy worker's job is taken as stalled and run
// again elsewhere — seen with two workers on one SQLite file, where most runs failed. The store
// lets timers and I/O run while it works.
import { sql } from "kysely";
import { afterEach, describe, expect, it } from "vitest";
import { openDb, type Db } from "../../src/store/db.js";
import { tempDir } from "../support/harness.js";

const cleanups: Array<() => unknown> = [];
afterEach(async () => {
  for (const c of cleanups.splice(0).reverse()) await c();
});

async function sqliteStore(): Promise<Db> {
  const tmp = tempDir();
  const db = await openDb({ file: `${tmp.dir}/jobs.sqlite` });
  cleanups.push(tmp.remove, () => db.close());
  return db;
}

describe("the SQLite store and the event loop", () => {
  it("lets a timer (a job lock's renewal) run while a long series of statements is under way", async () => {
    const db = await sqliteStore();
    let fired = 0;
    const timer = setInterval(() => fired++, 1);
    cleanups.push(() => clearInterval(timer));
    // 20,000 statements take far longer than a timer's millisecond on any machine; without turns
    // of the event loop between them the timer could not fire once.
    let statements = 0;
    while (fired === 0 && statements < 20_000) {
      await sql`select 1`.execute(db.kysely);
      statements++;
    }
    expect(fired).toBeGreaterThan(0);
    expect(statements).toBeLessThan(20_000);
  });

  it("lets it run inside a transaction too, and the transaction still commits as one", async () => {
    const db = await sqliteStore();
    await sql`create table t (n integer)`.execute(db.kysely);
    let fired = 0;
    const timer = setInterval(() => fired++, 1);
    cleanups.push(() => clearInterval(timer));
    const firedInside = await db.kysely.transaction().execute(async (tx) => {
      for (let i = 0; i < 20_000 && fired === 0; i++) await sql`insert into t (n) values (${i})`.execute(tx);
      return fired;
    });
    expect(firedInside).toBeGreaterThan(0);
    const [row] = (await sql<{ c: number }>`select count(*) as c from t`.execute(db.kysely)).rows;
    expect(row?.c).toBeGreaterThan(0);
  });
});
