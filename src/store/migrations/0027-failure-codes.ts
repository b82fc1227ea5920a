import type { Kysely } from "kysely";

/**
 * Why a source's fetch or a run failed, as a code and its parameters (`{"status":503}`), beside the
 * English `error` text that stays for logs and operators: people read the reason in their language,
 * rendered from the code. Rows written before have no code and show their stored text.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  for (const table of ["run_sources", "runs"]) {
    await db.schema.alterTable(table).addColumn("error_code", "text").execute();
    await db.schema.alterTable(table).addColumn("error_params", "text").execute();
  }
}

export async function down(db: Kysely<unknown>): Promise<void> {
  for (const table of ["run_sources", "runs"]) {
    await db.schema.alterTable(table).dropColumn("error_params").execute();
    await db.schema.alterTable(table).dropColumn("error_code").execute();
  }
}
