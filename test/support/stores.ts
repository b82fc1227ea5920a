// The two stores every repository and search test runs against: the SQLite file (the embedded
// default) and PostgreSQL. Each opened PostgreSQL store is a database of its own, created for the
// test and dropped when it closes, so parallel test files and sessions never see each other's rows.
import { randomBytes } from "node:crypto";
import path from "node:path";
import { sql } from "kysely";
import pg from "pg";
import { openDb, withUser, type Db, type DbDialect } from "../../src/store/db.js";
import { tempDir } from "./harness.js";

/**
 * The server the PostgreSQL stores are created on (a database the tests may connect to, by a role
 * that may create databases). `.ci/run` starts one when none answers on 127.0.0.1:5432.
 */
export const TEST_PG_URL = process.env.TEST_PG_URL ?? "postgres://127.0.0.1:5432/test";

/** Both engines; `TEST_STORES=sqlite` narrows a local run (CI runs both). */
export const STORES: readonly DbDialect[] = (process.env.TEST_STORES ?? "sqlite,postgres")
  .split(",")
  .map((s) => s.trim())
  .filter((s): s is DbDialect => s === "sqlite" || s === "postgres");

/** An open test store; `close` also deletes it (file or database). */
export interface TestStore {
  db: Db;
  /** What to put into `DATABASE_URL` (PostgreSQL) or the SQLite file path, for child processes. */
  url: string;
  close(): Promise<void>;
}

async function admin<T>(fn: (c: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: withUser(TEST_PG_URL) });
  await client.connect();
  try {
    return await fn(client);
  } finally {
    await client.end();
  }
}

/** A fresh, empty PostgreSQL database on the test server; returns its URL and how to drop it. */
export async function createPgDatabase(): Promise<{ url: string; drop(): Promise<void> }> {
  const name = `jobscout_t_${randomBytes(6).toString("hex")}`;
  await admin((c) => c.query(`CREATE DATABASE ${name}`));
  const url = new URL(TEST_PG_URL);
  url.pathname = `/${name}`;
  return {
    url: url.toString(),
    drop: () => admin((c) => c.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`)).then(() => undefined),
  };
}

/** Open a migrated, empty store of this kind. */
export async function openTestStore(kind: DbDialect): Promise<TestStore> {
  if (kind === "postgres") {
    const database = await createPgDatabase();
    const db = await openDb({ file: "", url: database.url });
    return {
      db,
      url: database.url,
      close: async () => {
        await db.close();
        await database.drop();
      },
    };
  }
  const tmp = tempDir("jobscout-store-");
  const file = path.join(tmp.dir, "jobscout.sqlite");
  const db = await openDb({ file });
  return {
    db,
    url: file,
    close: async () => {
      await db.close();
      tmp.remove();
    },
  };
}

/** `SELECT count(*)` of a query's rows (`from` is the SQL after FROM), as a number on both engines. */
export async function countRows(db: Db, from: string): Promise<number> {
  const r = await sql<{ n: number | string }>`SELECT count(*) AS n FROM ${sql.raw(from)}`.execute(db.kysely);
  return Number(r.rows[0]?.n ?? 0);
}
