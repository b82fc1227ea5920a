import type { Db } from "./db.js";

/** A workspace as the dashboard lists it. */
export interface WorkspaceSummary {
  id: string;
  name: string;
  platform: string;
  createdAt: string;
}

/** Size of the store and of each embedder's vectors. */
export interface StoreSizes {
  openJobs: number;
  closedJobs: number;
  /** Stored vectors by embedder key (the hnswlib index of each is caught up from these). */
  vectors: Array<{ embedder: string; count: number }>;
}

/** The few reads and writes only the dashboard needs; everything else comes from the other repositories. */
export class DashboardRepo {
  constructor(private readonly db: Db) {}

  /** The workspaces with these ids, or every workspace when `ids` is `all`. */
  async workspaces(ids: readonly string[] | "all"): Promise<WorkspaceSummary[]> {
    if (ids !== "all" && ids.length === 0) return [];
    let q = this.db.kysely.selectFrom("workspaces").selectAll().orderBy("id");
    if (ids !== "all") q = q.where("id", "in", ids);
    const rows = await q.execute();
    return rows.map((r) => ({ id: r.id, name: r.name, platform: r.platform, createdAt: r.created_at }));
  }

  /**
   * Pause (`enabled` false) or resume a source the workspace tracks: a paused source stays listed
   * but runs that name no sources leave it out. Returns whether the workspace tracks it.
   */
  async setSourceEnabled(workspaceId: string, key: string, enabled: boolean): Promise<boolean> {
    const res = await this.db.kysely
      .updateTable("workspace_sources")
      .set({ enabled: enabled ? 1 : 0 })
      .where("workspace_id", "=", workspaceId)
      .where("key", "=", key)
      .executeTakeFirst();
    return Number(res.numUpdatedRows) > 0;
  }

  /** Throws when the store does not answer (readiness). */
  async ping(): Promise<void> {
    await this.db.kysely.selectFrom("workspaces").select("id").limit(1).execute();
  }

  async sizes(): Promise<StoreSizes> {
    const jobs = await this.db.kysely
      .selectFrom("jobs")
      .select((eb) => ["status", eb.fn.countAll<number>().as("n")])
      .groupBy("status")
      .execute();
    const vectors = await this.db.kysely
      .selectFrom("job_vectors")
      .select((eb) => ["embedder", eb.fn.countAll<number>().as("n")])
      .groupBy("embedder")
      .orderBy("embedder")
      .execute();
    const count = (status: string) => Number(jobs.find((j) => j.status === status)?.n ?? 0);
    return {
      openJobs: count("open"),
      closedJobs: count("closed"),
      vectors: vectors.map((v) => ({ embedder: v.embedder, count: Number(v.n) })),
    };
  }
}
