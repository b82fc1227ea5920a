import type { Db } from "./db.js";

/** What a claim found: ours to post, already done, or held by another worker right now. */
export type ClaimResult = "claimed" | "done" | "held";

/** How a claimed delivery ended. */
export type DeliveryOutcome = "posted" | "empty" | "failed" | "paused" | "skipped";

/**
 * Digest deliveries: one row per (saved search, due time), claimed before anything is posted, so a
 * scheduler job run twice (a retry, a stalled worker, a second process) never posts twice.
 */
export class DeliveriesRepo {
  constructor(private readonly db: Db) {}

  /**
   * Claim the delivery of `searchId` due at `dueAt`. A delivery that failed before posting may be
   * claimed again; one posted (or in hand) is not.
   */
  async claim(searchId: string, dueAt: string, by: string): Promise<ClaimResult> {
    const now = new Date().toISOString();
    const inserted = await this.db.kysely
      .insertInto("digest_deliveries")
      .values({ search_id: searchId, due_at: dueAt, status: "claimed", claimed_by: by, claimed_at: now })
      .onConflict((oc) => oc.columns(["search_id", "due_at"]).doNothing())
      .executeTakeFirst();
    if (Number(inserted.numInsertedOrUpdatedRows ?? 0n) === 1) return "claimed";
    const retaken = await this.db.kysely
      .updateTable("digest_deliveries")
      .set({ status: "claimed", claimed_by: by, claimed_at: now, error: null })
      .where("search_id", "=", searchId)
      .where("due_at", "=", dueAt)
      .where("status", "=", "failed")
      .executeTakeFirst();
    if (Number(retaken.numUpdatedRows) === 1) return "claimed";
    const row = await this.db.kysely
      .selectFrom("digest_deliveries")
      .select("status")
      .where("search_id", "=", searchId)
      .where("due_at", "=", dueAt)
      .executeTakeFirst();
    return row?.status === "claimed" ? "held" : "done";
  }

  async finish(
    searchId: string,
    dueAt: string,
    outcome: DeliveryOutcome,
    o: { jobs?: number; error?: string } = {},
  ): Promise<void> {
    await this.db.kysely
      .updateTable("digest_deliveries")
      .set({
        status: outcome,
        finished_at: new Date().toISOString(),
        jobs: o.jobs ?? 0,
        error: o.error?.slice(0, 500) ?? null,
      })
      .where("search_id", "=", searchId)
      .where("due_at", "=", dueAt)
      .execute();
  }

  /** Deliveries of a saved search, newest due time first. */
  async history(
    searchId: string,
    limit = 20,
  ): Promise<Array<{ dueAt: string; status: string; jobs: number }>> {
    const rows = await this.db.kysely
      .selectFrom("digest_deliveries")
      .select(["due_at", "status", "jobs"])
      .where("search_id", "=", searchId)
      .orderBy("due_at", "desc")
      .limit(limit)
      .execute();
    return rows.map((r) => ({ dueAt: r.due_at, status: r.status, jobs: Number(r.jobs) }));
  }

  /**
   * The digest's view of the vector feed: jobs embedded (new, or their content changed) after
   * `afterSeq` for `embedder`, and the highest seq seen — the next boundary.
   */
  async changedSince(
    embedder: string,
    afterSeq: number,
    limit = 20_000,
  ): Promise<{ jobIds: number[]; lastSeq: number }> {
    const rows = await this.db.kysely
      .selectFrom("job_vectors")
      .select(["seq", "job_id"])
      .where("embedder", "=", embedder)
      .where("seq", ">", afterSeq)
      .orderBy("seq")
      .limit(limit)
      .execute();
    const last = rows.at(-1);
    return {
      jobIds: [...new Set(rows.map((r) => Number(r.job_id)))],
      lastSeq: last ? Number(last.seq) : afterSeq,
    };
  }

  /** The newest vector seq for `embedder` (a new saved search starts from here: only later jobs are new). */
  async latestSeq(embedder: string): Promise<number> {
    const row = await this.db.kysely
      .selectFrom("job_vectors")
      .select((eb) => eb.fn.max("seq").as("m"))
      .where("embedder", "=", embedder)
      .executeTakeFirst();
    return row?.m == null ? 0 : Number(row.m);
  }
}
