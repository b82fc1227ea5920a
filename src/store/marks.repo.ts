import type { Db } from "./db.js";

export type JobMark = "saved" | "hidden";

/** A user's saved and hidden jobs. Every query takes the workspace and the user. */
export class MarksRepo {
  constructor(private readonly db: Db) {}

  /** Set a mark; saving un-hides and hiding un-saves, as a user expects. */
  async set(workspaceId: string, userId: string, jobId: number, mark: JobMark): Promise<void> {
    const other: JobMark = mark === "saved" ? "hidden" : "saved";
    await this.db.kysely.transaction().execute(async (trx) => {
      await new MarksRepo({ ...this.db, kysely: trx }).unset(workspaceId, userId, jobId, other);
      await trx
        .insertInto("job_marks")
        .values({
          workspace_id: workspaceId,
          user_id: userId,
          job_id: jobId,
          mark,
          created_at: new Date().toISOString(),
        })
        .onConflict((oc) => oc.doNothing())
        .execute();
    });
  }

  async unset(workspaceId: string, userId: string, jobId: number, mark: JobMark): Promise<void> {
    await this.db.kysely
      .deleteFrom("job_marks")
      .where("workspace_id", "=", workspaceId)
      .where("user_id", "=", userId)
      .where("job_id", "=", jobId)
      .where("mark", "=", mark)
      .execute();
  }

  /** Job ids with this mark, newest first. */
  async list(workspaceId: string, userId: string, mark: JobMark, limit = 1000): Promise<number[]> {
    const rows = await this.db.kysely
      .selectFrom("job_marks")
      .select("job_id")
      .where("workspace_id", "=", workspaceId)
      .where("user_id", "=", userId)
      .where("mark", "=", mark)
      .orderBy("created_at", "desc")
      .orderBy("job_id", "desc")
      .limit(limit)
      .execute();
    return rows.map((r) => r.job_id);
  }

  async has(workspaceId: string, userId: string, jobId: number, mark: JobMark): Promise<boolean> {
    const row = await this.db.kysely
      .selectFrom("job_marks")
      .select("job_id")
      .where("workspace_id", "=", workspaceId)
      .where("user_id", "=", userId)
      .where("job_id", "=", jobId)
      .where("mark", "=", mark)
      .executeTakeFirst();
    return row !== undefined;
  }
}
