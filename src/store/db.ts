import { mkdirSync } from "node:fs";
import { userInfo } from "node:os";
import path from "node:path";
import Sqlite from "better-sqlite3";
import {
  CompiledQuery,
  Kysely,
  Migrator,
  PostgresDialect,
  SqliteAdapter,
  SqliteDialect,
  SqliteDriver,
  sql,
  type DatabaseConnection,
  type DialectAdapter,
  type Driver,
  type Migration,
  type MigrationLockOptions,
  type SqliteDatabase,
} from "kysely";
import { isPostgresUrl } from "../core/database-url.js";
import { AppError } from "../core/errors.js";
import { EventLoopTurns } from "./event-loop-turns.js";
import type { Database } from "./schema.js";
import * as m0001 from "./migrations/0001-initial.js";
import * as m0002 from "./migrations/0002-marks.js";
import * as m0003 from "./migrations/0003-sources.js";
import * as m0004 from "./migrations/0004-identity.js";
import * as m0005 from "./migrations/0005-job-changes.js";
import * as m0006 from "./migrations/0006-retry-at.js";
import * as m0007 from "./migrations/0007-title-trigrams.js";
import * as m0008 from "./migrations/0008-profiles.js";
import * as m0009 from "./migrations/0009-alerts.js";
import * as m0010 from "./migrations/0010-installation.js";
import * as m0012 from "./migrations/0012-teams.js";
import * as m0014 from "./migrations/0014-member-language.js";
import * as m0017 from "./migrations/0017-channel-settings.js";
import * as m0011 from "./migrations/0011-letters.js";
import * as m0019 from "./migrations/0019-commit-order.js";
import * as m0020 from "./migrations/0020-requester-workspace.js";
import * as m0021 from "./migrations/0021-mail-claims.js";
import * as m0025 from "./migrations/0025-more-places.js";
import * as m0026 from "./migrations/0026-fetch-resume.js";
import * as m0027 from "./migrations/0027-failure-codes.js";

/** Migrations in order; the key is the name recorded in the database. */
const MIGRATIONS: Record<string, Migration> = {
  "0001-initial": m0001,
  "0002-marks": m0002,
  "0003-sources": m0003,
  "0004-identity": m0004,
  "0005-job-changes": m0005,
  "0006-retry-at": m0006,
  "0007-title-trigrams": m0007,
  "0008-profiles": m0008,
  "0009-alerts": m0009,
  "0010-installation": m0010,
  "0012-teams": m0012,
  "0014-member-language": m0014,
  "0011-letters": m0011,
  "0017-channel-settings": m0017,
  "0019-commit-order": m0019,
  "0020-requester-workspace": m0020,
  "0021-mail-claims": m0021,
  "0025-more-places": m0025,
  "0026-fetch-resume": m0026,
  "0027-failure-codes": m0027,
};

/** Which database engine a store runs on (a few queries and migrations differ). */
export type DbDialect = "sqlite" | "postgres";

/**
 * An open store: the typed query builder (every repository query goes through it) and the engine.
 * Inside {@link inTransaction} `kysely` is the transaction.
 */
export interface Db {
  kysely: Kysely<Database>;
  dialect: DbDialect;
  close(): Promise<void>;
}

/** Options for {@link openDb}. */
export interface OpenDbOptions {
  /** SQLite file path, or `:memory:`; ignored when {@link url} is given. */
  file: string;
  /** A `postgres://` or `postgresql://` URL: PostgreSQL instead of the SQLite file. */
  url?: string | undefined;
  /** Apply pending migrations. @defaultValue `true` */
  migrate?: boolean;
  /** SQLite: how long a write waits for another connection's lock (`JOBSCOUT_DB_BUSY_MS`). @defaultValue `10000` */
  busyTimeoutMs?: number | undefined;
}

export { isPostgresUrl };

// Every write transaction takes SQLite's write lock up front (BEGIN IMMEDIATE), so two processes
// deduping at once queue on busy_timeout instead of failing on a lock upgrade.
class ImmediateSqliteDriver extends SqliteDriver {
  override async beginTransaction(connection: DatabaseConnection): Promise<void> {
    await connection.executeQuery(CompiledQuery.raw("begin immediate"));
  }
}

// Statements kept prepared per SQL text; preparing costs more than running most of our queries.
const STATEMENT_CACHE = 500;

/**
 * The better-sqlite3 handle as Kysely sees it, with prepared statements reused per SQL text (Kysely
 * prepares every query anew). Safe: Kysely runs one query at a time on SQLite's single connection,
 * and each statement runs to completion (`all`/`run`) before the next.
 */
function cachingDatabase(sqlite: Sqlite.Database): SqliteDatabase {
  const cache = new Map<string, Sqlite.Statement>();
  return {
    close: () => sqlite.close(),
    prepare: (text: string) => {
      let stmt = cache.get(text);
      if (!stmt) {
        stmt = sqlite.prepare(text);
        if (cache.size >= STATEMENT_CACHE) cache.clear();
        cache.set(text, stmt);
      }
      return stmt;
    },
  };
}

class ImmediateSqliteDialect extends SqliteDialect {
  private readonly database: SqliteDatabase;

  constructor(sqlite: Sqlite.Database) {
    const database = cachingDatabase(sqlite);
    super({ database });
    this.database = database;
  }

  override createDriver(): Driver {
    return new ImmediateSqliteDriver({ database: this.database });
  }

  readonly adapter = new MigrationLockingSqliteAdapter();

  override createAdapter(): DialectAdapter {
    return this.adapter;
  }
}

function openSqlite(
  file: string,
  busyTimeoutMs: number,
): {
  kysely: Kysely<Database>;
  migrationLock: MigrationLockingSqliteAdapter;
} {
  if (file !== ":memory:") mkdirSync(path.dirname(file), { recursive: true });
  let sqlite: Sqlite.Database;
  try {
    sqlite = new Sqlite(file);
  } catch (err) {
    throw new AppError("db_open_failed", `Cannot open the database at ${file}: ${String(err)}`, {
      cause: err,
    });
  }
  // WAL lets the chat read while workers in other processes write; busy_timeout rides out their locks.
  sqlite.pragma("journal_mode = WAL");
  sqlite.pragma("synchronous = NORMAL");
  sqlite.pragma(`busy_timeout = ${Math.floor(busyTimeoutMs)}`);
  sqlite.pragma("foreign_keys = ON");
  const dialect = new ImmediateSqliteDialect(sqlite);
  return {
    kysely: new Kysely<Database>({ dialect, plugins: [new EventLoopTurns()] }),
    migrationLock: dialect.adapter,
  };
}

/** A URL without a user means the operating-system user, as psql does (also where USER is unset). */
export function withUser(url: string): string {
  const u = new URL(url);
  if (!u.username) u.username = userInfo().username;
  return u.toString();
}

async function openPostgres(url: string): Promise<{ kysely: Kysely<Database> }> {
  const { default: pg } = await import("./pg.js");
  const pool = new pg.Pool({ connectionString: withUser(url), max: 10 });
  // An idle connection the server closed (a restart, a dropped database) must not end the process:
  // the pool discards it, and the next query opens a new one and reports its own error.
  pool.on("error", () => undefined);
  // PostgreSQL's own adapter takes an advisory lock around migrations.
  return { kysely: new Kysely<Database>({ dialect: new PostgresDialect({ pool }) }) };
}

/** Where a store URL points, without its password (for messages and logs). */
export function describeDbUrl(url: string): string {
  try {
    const u = new URL(url);
    u.password = "";
    return u.toString();
  } catch {
    return "the configured DATABASE_URL";
  }
}

export async function openDb(options: OpenDbOptions): Promise<Db> {
  const url = isPostgresUrl(options.url) ? options.url : undefined;
  const dialect: DbDialect = url ? "postgres" : "sqlite";
  const { kysely, migrationLock } = url
    ? { ...(await openPostgres(url)), migrationLock: undefined }
    : openSqlite(options.file, options.busyTimeoutMs ?? 10_000);
  if (url) {
    try {
      await sql`select 1`.execute(kysely);
    } catch (err) {
      await kysely.destroy();
      const where = describeDbUrl(url);
      throw new AppError("db_open_failed", `Cannot reach PostgreSQL at ${where}: ${String(err)}`, {
        cause: err,
        userMessage: `Cannot reach PostgreSQL at ${where}. Start it or fix DATABASE_URL.`,
      });
    }
  }
  if (options.migrate ?? true) await migrate(kysely, migrationLock);
  return {
    kysely,
    dialect,
    close: async () => {
      await kysely.destroy();
    },
  };
}

/**
 * Whether `err` (or an error it wraps) is SQLite saying another connection held the lock a write
 * needed for longer than busy_timeout: nothing is wrong with the write, it can simply run later.
 */
export function isStoreBusy(err: unknown): boolean {
  let e: unknown = err;
  for (let depth = 0; e instanceof Error && depth < 5; depth++, e = e.cause) {
    const code = (e as { code?: unknown }).code;
    if (typeof code === "string" && /^SQLITE_(BUSY|LOCKED)/.test(code)) return true;
  }
  return false;
}

/**
 * Run `fn` in one write transaction with a {@link Db} bound to it. Repositories built from that
 * Db take part in it (with SQLite the connection is exclusive: never use the outer Db inside).
 */
export function inTransaction<T>(db: Db, fn: (tx: Db) => Promise<T>): Promise<T> {
  return db.kysely.transaction().execute((trx) => fn({ ...db, kysely: trx }));
}

/**
 * Kysely's SQLite adapter takes no migration lock (it assumes one process). Two jobscout processes
 * starting on a new file at once (`jobscout slack` twice, a worker beside the bot) would both create
 * the tables and one would fail. Here the migrations run in one `BEGIN IMMEDIATE` transaction: the
 * second process waits (busy_timeout) for the first to commit, then finds nothing left to do; a
 * migration that fails is rolled back with the others of its run, leaving the file as it was.
 */
class MigrationLockingSqliteAdapter extends SqliteAdapter {
  private open = false;
  /** Set by {@link migrate} when a migration of the current run threw. */
  failed = false;

  override async acquireMigrationLock(db: Kysely<unknown>, _opt: MigrationLockOptions): Promise<void> {
    await sql`BEGIN IMMEDIATE`.execute(db);
    this.open = true;
    this.failed = false;
  }

  override async releaseMigrationLock(db: Kysely<unknown>, _opt: MigrationLockOptions): Promise<void> {
    if (!this.open) return;
    this.open = false;
    await (this.failed ? sql`ROLLBACK` : sql`COMMIT`).execute(db);
  }
}

export async function migrate(
  kysely: Kysely<Database>,
  adapter?: MigrationLockingSqliteAdapter,
): Promise<void> {
  // Each migration notes its failure, so the run's SQLite transaction is rolled back rather than committed.
  const noting = !adapter
    ? MIGRATIONS
    : Object.fromEntries(
        Object.entries(MIGRATIONS).map(([name, m]): [string, Migration] => [
          name,
          {
            up: async (db) => {
              try {
                await m.up(db);
              } catch (err) {
                adapter.failed = true;
                throw err;
              }
            },
          },
        ]),
      );
  const migrator = new Migrator({
    db: kysely,
    provider: { getMigrations: () => Promise.resolve(noting) },
  });
  const { error, results } = await migrator.migrateToLatest();
  if (error) {
    const failed = results?.find((r) => r.status === "Error")?.migrationName ?? "unknown";
    throw new AppError(
      "db_migration_failed",
      `Database migration ${failed} failed: ${error instanceof Error ? error.message : JSON.stringify(error)}`,
      {
        cause: error,
      },
    );
  }
}
