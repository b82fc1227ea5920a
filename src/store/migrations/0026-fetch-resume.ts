import type { Kysely } from "kysely";

/**
 * Where a source's listing was when its fetch last stored a page: `{"cursor":…,"incremental":…}`.
 * A retry, or another worker taking over from one that died, goes on from there instead of asking
 * the site for every page again. Null until a page is stored.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema.alterTable("run_sources").addColumn("resume_json", "text").execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.alterTable("run_sources").dropColumn("resume_json").execute();
}
