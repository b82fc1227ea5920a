import type { Kysely } from "kysely";

/**
 * The language a member is answered in: `lang` is the latest one they wrote in (or chose), and
 * `lang_chosen` says they asked for it ("antworte auf Deutsch"), so their messages no longer decide.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema.alterTable("member_settings").addColumn("lang", "text").execute();
  await db.schema
    .alterTable("member_settings")
    .addColumn("lang_chosen", "integer", (c) => c.notNull().defaultTo(0))
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.alterTable("member_settings").dropColumn("lang_chosen").execute();
  await db.schema.alterTable("member_settings").dropColumn("lang").execute();
}
