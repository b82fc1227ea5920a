import { mkdirSync } from "node:fs";
import path from "node:path";
import Sqlite from "better-sqlite3";
import {
  Kysely,
  Migrator,
  sql,
  SqliteAdapter,
  SqliteDialect,
  type DialectAdapter,
  type Migration,
  type MigrationLockOptions,
} from "kysely";
import { AppError } from "../core/errors.js";
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
import * as m0011 from "./migrations/0011-letters.js";

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
};

/** An open store: the typed query builder and the raw handle for hot paths (prepared statements). */
export interface Db {
  kysely: Kysely<Database>;
  sqlite: Sqlite.Database;
  close(): Promise<void>;
}

/** Options for {@link openDb}. */
export interface OpenDbOptions {
  /** SQLite file path, or `:memory:`. */
  file: string;
  /** Apply pending migrations. @defaultValue `true` */
  migrate?: boolean;
}

export async function openDb(options: OpenDbOptions): Promise<Db> {
  if (options.file !== ":memory:") mkdirSync(path.dirname(options.file), { recursive: true });
  let sqlite: Sqlite.Database;
  try {
    sqlite = new Sqlite(options.file);
  } catch (err) {
    throw new AppError("db_open_failed", `Cannot open the database at ${options.file}: ${String(err)}`, {
      cause: err,
    });
  }
  // WAL lets the chat read while workers in other processes write; busy_timeout rides out their locks.
  sqlite.pragma("journal_mode = WAL");
  sqlite.pragma("synchronous = NORMAL");
  sqlite.pragma("busy_timeout = 10000");
  sqlite.pragma("foreign_keys = ON");
  const dialect = new MigrationLockingSqliteDialect({ database: sqlite });
  const kysely = new Kysely<Database>({ dialect });
  if (options.migrate ?? true) await migrate(kysely, dialect.adapter);
  return {
    kysely,
    sqlite,
    close: async () => {
      await kysely.destroy();
    },
  };
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

class MigrationLockingSqliteDialect extends SqliteDialect {
  readonly adapter = new MigrationLockingSqliteAdapter();

  override createAdapter(): DialectAdapter {
    return this.adapter;
  }
}

async function migrate(kysely: Kysely<Database>, adapter: MigrationLockingSqliteAdapter): Promise<void> {
  // Each migration notes its failure, so the run's transaction is rolled back rather than committed.
  const noting = Object.fromEntries(
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
