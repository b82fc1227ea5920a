import { PostgresAdapter, type ColumnDataType, type Expression, type Kysely } from "kysely";

/** Whether a migration runs on PostgreSQL (else SQLite): the few places where their DDL differs. */
export function isPostgres(db: Kysely<unknown>): boolean {
  return db.getExecutor().adapter instanceof PostgresAdapter;
}

/**
 * Column types that differ between the engines: SQLite's `real` is 8 bytes, PostgreSQL's only 4;
 * SQLite integers are 8 bytes, PostgreSQL's `integer` 4; blobs are `bytea`; an auto-numbered key is
 * `INTEGER PRIMARY KEY AUTOINCREMENT` on SQLite and a serial on PostgreSQL.
 */
export function types(db: Kysely<unknown>): {
  double: ColumnDataType;
  bigint: ColumnDataType;
  blob: ColumnDataType;
  serial: ColumnDataType | Expression<unknown>;
  bigserial: ColumnDataType | Expression<unknown>;
  autoIncrement: boolean;
} {
  const pg = isPostgres(db);
  return {
    double: pg ? "double precision" : "real",
    bigint: pg ? "bigint" : "integer",
    blob: pg ? "bytea" : "blob",
    serial: pg ? "serial" : "integer",
    bigserial: pg ? "bigserial" : "integer",
    autoIncrement: !pg,
  };
}
