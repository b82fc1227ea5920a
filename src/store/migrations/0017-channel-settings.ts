import type { Kysely } from "kysely";

/**
 * Per-channel settings a channel admin sets in chat: the search defaults a request without them takes
 * (place, keywords, radius), the language answers there are given in, and whether the bot answers
 * only when mentioned. Each is null (or 1 for mention-only) until set.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  const columns: Array<[string, "text" | "integer"]> = [
    ["default_place", "text"],
    ["default_keywords", "text"],
    ["default_radius_km", "integer"],
    ["lang", "text"],
  ];
  for (const [name, type] of columns)
    await db.schema.alterTable("team_channels").addColumn(name, type).execute();
  await db.schema
    .alterTable("team_channels")
    .addColumn("mention_only", "integer", (c) => c.notNull().defaultTo(1))
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  for (const name of ["mention_only", "lang", "default_radius_km", "default_keywords", "default_place"])
    await db.schema.alterTable("team_channels").dropColumn(name).execute();
}
