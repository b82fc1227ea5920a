import { randomUUID } from "node:crypto";
import type { Kysely } from "kysely";

/**
 * The store's identity: one row, written once when the store is created. Everything an
 * installation keeps in a shared Redis lives under a prefix derived from it, so two installations
 * on one Redis never take each other's jobs, while every process on this store shares its queues.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable("installation")
    .addColumn("id", "varchar(64)", (c) => c.primaryKey())
    .addColumn("created_at", "text", (c) => c.notNull())
    .execute();
  await (db as Kysely<{ installation: { id: string; created_at: string } }>)
    .insertInto("installation")
    .values({ id: randomUUID(), created_at: new Date().toISOString() })
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable("installation").execute();
}
