import type { Db } from "./db.js";

export type JobMark = "saved" | "hidden";

/** A user's saved and hidden jobs. Every query takes the workspace and the user. */
export class MarksRepo {
  constructor(private readonly db: Db) {}

  /** Set a mark; saving un-hides and hiding un-saves, as a user expects. */
  set(workspaceId: string, userId: string, jobId: number, mark: JobMark): void {
    const other: JobMark = mark === "saved" ? "hidden" : "saved";
    this.db.sqlite.transaction(() => {
      this.db.sqlite
        .prepare("DELETE FROM job_marks WHERE workspace_id = ? AND user_id = ? AND job_id = ? AND mark = ?")
        .run(workspaceId, userId, jobId, other);
      this.db.sqlite
        .prepare(
          `INSERT INTO job_marks (workspace_id, user_id, job_id, mark, created_at) VALUES (?, ?, ?, ?, ?)
           ON CONFLICT DO NOTHING`,
        )
        .run(workspaceId, userId, jobId, mark, new Date().toISOString());
    })();
  }

  unset(workspaceId: string, userId: string, jobId: number, mark: JobMark): void {
    this.db.sqlite
      .prepare("DELETE FROM job_marks WHERE workspace_id = ? AND user_id = ? AND job_id = ? AND mark = ?")
      .run(workspaceId, userId, jobId, mark);
  }

  /** Job ids with this mark, newest first. */
  list(workspaceId: string, userId: string, mark: JobMark, limit = 1000): number[] {
    return this.db.sqlite
      .prepare<[string, string, string, number], { job_id: number }>(
        `SELECT job_id FROM job_marks WHERE workspace_id = ? AND user_id = ? AND mark = ?
         ORDER BY created_at DESC, job_id DESC LIMIT ?`,
      )
      .all(workspaceId, userId, mark, limit)
      .map((r) => r.job_id);
  }

  has(workspaceId: string, userId: string, jobId: number, mark: JobMark): boolean {
    return (
      this.db.sqlite
        .prepare("SELECT 1 FROM job_marks WHERE workspace_id = ? AND user_id = ? AND job_id = ? AND mark = ?")
        .get(workspaceId, userId, jobId, mark) !== undefined
    );
  }
}
