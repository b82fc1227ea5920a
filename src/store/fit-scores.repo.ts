import type { ProfileOwner } from "../jobs/profiles/profile.js";
import type { Db } from "./db.js";

/** A stored fit score: the total, its breakdown and what it was computed from. */
export interface StoredFit<B = unknown> {
  jobId: number;
  total: number;
  breakdown: B;
  profileVersion: number;
  modelId: string;
  promptVersion: string;
  contentHash: string;
}

const CHUNK = 500;

/** Fit scores per person and job. Every read and write names the workspace and the user. */
export class FitScoresRepo {
  constructor(private readonly db: Db) {}

  async putMany(owner: ProfileOwner, scores: readonly StoredFit[]): Promise<void> {
    if (scores.length === 0) return;
    const now = new Date().toISOString();
    for (let i = 0; i < scores.length; i += CHUNK) {
      await this.db.kysely
        .insertInto("fit_scores")
        .values(
          scores.slice(i, i + CHUNK).map((s) => ({
            workspace_id: owner.workspaceId,
            user_id: owner.userId,
            job_id: s.jobId,
            total: s.total,
            breakdown_json: JSON.stringify(s.breakdown),
            profile_version: s.profileVersion,
            model_id: s.modelId,
            prompt_version: s.promptVersion,
            content_hash: s.contentHash,
            created_at: now,
          })),
        )
        .onConflict((oc) =>
          oc.columns(["workspace_id", "user_id", "job_id"]).doUpdateSet((eb) => ({
            total: eb.ref("excluded.total"),
            breakdown_json: eb.ref("excluded.breakdown_json"),
            profile_version: eb.ref("excluded.profile_version"),
            model_id: eb.ref("excluded.model_id"),
            prompt_version: eb.ref("excluded.prompt_version"),
            content_hash: eb.ref("excluded.content_hash"),
            created_at: eb.ref("excluded.created_at"),
          })),
        )
        .execute();
    }
  }

  async getMany<B>(owner: ProfileOwner, jobIds: readonly number[]): Promise<Map<number, StoredFit<B>>> {
    const out = new Map<number, StoredFit<B>>();
    for (let i = 0; i < jobIds.length; i += CHUNK) {
      const slice = jobIds.slice(i, i + CHUNK);
      if (slice.length === 0) continue;
      const rows = await this.db.kysely
        .selectFrom("fit_scores")
        .selectAll()
        .where("workspace_id", "=", owner.workspaceId)
        .where("user_id", "=", owner.userId)
        .where("job_id", "in", slice)
        .execute();
      for (const r of rows)
        out.set(r.job_id, {
          jobId: r.job_id,
          total: r.total,
          breakdown: JSON.parse(r.breakdown_json) as B,
          profileVersion: r.profile_version,
          modelId: r.model_id,
          promptVersion: r.prompt_version,
          contentHash: r.content_hash,
        });
    }
    return out;
  }

  async count(owner: ProfileOwner): Promise<number> {
    const r = await this.db.kysely
      .selectFrom("fit_scores")
      .select((eb) => eb.fn.countAll<number>().as("n"))
      .where("workspace_id", "=", owner.workspaceId)
      .where("user_id", "=", owner.userId)
      .executeTakeFirst();
    return Number(r?.n ?? 0);
  }
}
