// Opening the store, in this process: a SQLite path that is no file and a PostgreSQL server that does
// not answer are refused naming where (never the password); a SQLite file whose tables are not ours
// fails naming the migration, with what it began rolled back; a store opened without migrating is empty; the
// "database busy" check finds SQLite's lock errors however deeply they are wrapped.
import { mkdirSync } from "node:fs";
import { userInfo } from "node:os";
import path from "node:path";
import Sqlite from "better-sqlite3";
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { describeDbUrl, isStoreBusy, openDb, withUser } from "../../src/store/db.js";
import { deadPort, type DeadPort } from "../support/dead-port.js";
import { refusal, tempDir } from "../support/harness.js";

let dead: DeadPort;
beforeAll(async () => {
  dead = await deadPort();
});
afterAll(async () => {
  await dead.close();
});

let tmp: { dir: string; remove(): void };
beforeEach(() => {
  tmp = tempDir("jobscout-open-");
});
afterEach(() => tmp.remove());

const tables = (file: string): string[] => {
  const db = new Sqlite(file, { readonly: true });
  try {
    return (
      db
        .prepare("SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name")
        .pluck()
        .all() as string[]
    ).filter((n) => !n.startsWith("sqlite_"));
  } finally {
    db.close();
  }
};

describe("opening the store", () => {
  it("refuses a SQLite path that is a directory, naming it", async () => {
    const where = path.join(tmp.dir, "jobscout.sqlite");
    mkdirSync(where);
    const err = await refusal(openDb({ file: where }));
    expect(err.code).toBe("db_open_failed");
    expect(err.message).toMatch(new RegExp(`^Cannot open the database at ${where}: `));
  });

  it("refuses a PostgreSQL server that does not answer, naming where without the password", async () => {
    const url = `postgres://jobs:s3cret@127.0.0.1:${dead.port}/jobscout`;
    const err = await refusal(openDb({ file: "", url }));
    expect(err.code).toBe("db_open_failed");
    expect(err.userMessageIn("en")).toBe(
      `Cannot reach PostgreSQL at postgres://jobs@127.0.0.1:${dead.port}/jobscout. Start it or fix DATABASE_URL.`,
    );
    expect(err.message).not.toContain("s3cret");
  });

  it("fails on a SQLite file whose tables are not ours, naming the migration, and leaves the file as it was", async () => {
    const file = path.join(tmp.dir, "other.sqlite");
    const other = new Sqlite(file);
    other.exec("CREATE TABLE jobs (name TEXT)");
    other.close();
    const err = await refusal(openDb({ file }));
    expect(err.code).toBe("db_migration_failed");
    expect(err.message).toMatch(/^Database migration 0001-initial failed: .*jobs/);
    // The tables the migration made before it failed (workspaces, users) were rolled back with it;
    // only Kysely's own bookkeeping is new, and it records no migration as applied.
    expect(tables(file)).toEqual(["jobs", "kysely_migration", "kysely_migration_lock"]);
    const after = new Sqlite(file, { readonly: true });
    try {
      expect(after.prepare("SELECT count(*) FROM kysely_migration").pluck().get()).toBe(0);
    } finally {
      after.close();
    }
  });

  it("creates nothing when asked not to migrate, and the schema when asked to", async () => {
    const file = path.join(tmp.dir, "new", "jobscout.sqlite");
    const bare = await openDb({ file, migrate: false });
    await bare.close();
    expect(tables(file)).toEqual([]);
    const db = await openDb({ file, busyTimeoutMs: 500 });
    await db.close();
    expect(tables(file)).toEqual(expect.arrayContaining(["jobs", "kysely_migration", "profiles", "runs"]));
  });
});

describe("store URLs and errors", () => {
  it("names a URL without its password, and one it cannot read without echoing it", () => {
    expect(describeDbUrl("postgres://jobs:s3cret@db.example:5432/jobscout")).toBe(
      "postgres://jobs@db.example:5432/jobscout",
    );
    expect(describeDbUrl("postgres://jobs:s3cret@[db/jobscout")).toBe("the configured DATABASE_URL");
  });

  it("connects as the operating-system user when the URL names none, as psql does", () => {
    expect(withUser("postgres://127.0.0.1:5432/jobscout")).toBe(
      `postgres://${userInfo().username}@127.0.0.1:5432/jobscout`,
    );
    expect(withUser("postgres://app@127.0.0.1:5432/jobscout")).toBe("postgres://app@127.0.0.1:5432/jobscout");
  });

  it("tells SQLite's lock errors, however wrapped, from other failures", () => {
    const busy = Object.assign(new Error("database is locked"), { code: "SQLITE_BUSY" });
    expect(isStoreBusy(busy)).toBe(true);
    expect(isStoreBusy(new Error("run failed", { cause: new Error("write failed", { cause: busy }) }))).toBe(
      true,
    );
    expect(isStoreBusy(Object.assign(new Error("locked table"), { code: "SQLITE_LOCKED_SHAREDCACHE" }))).toBe(
      true,
    );
    expect(isStoreBusy(Object.assign(new Error("constraint"), { code: "SQLITE_CONSTRAINT" }))).toBe(false);
    expect(isStoreBusy("SQLITE_BUSY")).toBe(false);
    // Past five wrappings it stops looking.
    let deep: Error = busy;
    for (let i = 0; i < 5; i++) deep = new Error(`wrapped ${i}`, { cause: deep });
    expect(isStoreBusy(deep)).toBe(false);
  });
});
