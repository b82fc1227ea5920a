import { isLang, type Lang } from "../core/lang.js";
import type { Db } from "./db.js";

/** The language a member is answered in, and whether they chose it or only wrote in it. */
export interface MemberLanguage {
  lang: Lang;
  chosen: boolean;
}

/** Per-member settings; only the member's own (workspace, user) is read or written. */
export class MemberSettingsRepo {
  constructor(private readonly db: Db) {}

  async timeZone(workspaceId: string, userId: string): Promise<string | undefined> {
    const row = await this.db.kysely
      .selectFrom("member_settings")
      .select("tz")
      .where("workspace_id", "=", workspaceId)
      .where("user_id", "=", userId)
      .executeTakeFirst();
    return row?.tz ?? undefined;
  }

  async setTimeZone(workspaceId: string, userId: string, tz: string): Promise<void> {
    const now = new Date().toISOString();
    await this.db.kysely
      .insertInto("member_settings")
      .values({ workspace_id: workspaceId, user_id: userId, tz, updated_at: now })
      .onConflict((oc) => oc.columns(["workspace_id", "user_id"]).doUpdateSet({ tz, updated_at: now }))
      .execute();
  }

  async language(workspaceId: string, userId: string): Promise<MemberLanguage | undefined> {
    const row = await this.db.kysely
      .selectFrom("member_settings")
      .select(["lang", "lang_chosen"])
      .where("workspace_id", "=", workspaceId)
      .where("user_id", "=", userId)
      .executeTakeFirst();
    return row && isLang(row.lang) ? { lang: row.lang, chosen: row.lang_chosen === 1 } : undefined;
  }

  /** Remember the member's language; `chosen` when they asked for it, not merely wrote in it. */
  async setLanguage(workspaceId: string, userId: string, lang: Lang, chosen: boolean): Promise<void> {
    const now = new Date().toISOString();
    const values = { lang, lang_chosen: chosen ? 1 : 0, updated_at: now };
    await this.db.kysely
      .insertInto("member_settings")
      .values({ workspace_id: workspaceId, user_id: userId, tz: null, ...values })
      .onConflict((oc) => oc.columns(["workspace_id", "user_id"]).doUpdateSet(values))
      .execute();
  }
}
