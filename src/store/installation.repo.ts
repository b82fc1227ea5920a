import { AppError } from "../core/errors.js";
import type { Db } from "./db.js";

/** The store's identity, written once by its migration. */
export class InstallationRepo {
  constructor(private readonly db: Db) {}

  /** The installation id every process on this store shares. */
  async id(): Promise<string> {
    const row = await this.db.kysely
      .selectFrom("installation")
      .select("id")
      .orderBy("created_at")
      .executeTakeFirst();
    if (!row)
      throw new AppError(
        "store_identity_missing",
        "The store has no installation id (migration 0008 missing).",
      );
    return row.id;
  }
}
