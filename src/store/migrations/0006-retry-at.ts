import type { Kysely } from "kysely";

/** When a source's fetch that failed will be tried again, so chat can say "retrying at 10:42 UTC". */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema.alterTable("run_sources").addColumn("retry_at", "text").execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.alterTable("run_sources").dropColumn("retry_at").execute();
}
