import { randomUUID } from "node:crypto";
import type { Selectable } from "kysely";
import {
  alertQuerySchema,
  scheduleSchema,
  type AlertStatus,
  type AlertTarget,
  type SavedSearch,
  type SavedSearchInput,
} from "../jobs/alerts/saved-search.js";
import type { Db } from "./db.js";
import type { SavedSearchesTable } from "./schema.js";

function toSavedSearch(r: Selectable<SavedSearchesTable>): SavedSearch {
  const target: AlertTarget =
    r.target_kind === "channel"
      ? { kind: "channel", channel: r.target_channel ?? "" }
      : r.target_kind === "terminal"
        ? { kind: "terminal" }
        : { kind: "dm" };
  return {
    id: r.id,
    workspaceId: r.workspace_id,
    ownerId: r.owner_id,
    platform: r.platform,
    name: r.name,
    query: alertQuerySchema.parse(JSON.parse(r.query_json)),
    schedule: scheduleSchema.parse(JSON.parse(r.schedule_json)),
    tz: r.tz,
    target,
    whenEmpty: r.when_empty === "notice" ? "notice" : "skip",
    status: r.status === "paused" ? "paused" : "active",
    pausedReason: r.paused_reason,
    ownerTold: Number(r.owner_told) === 1,
    boundarySeq: Number(r.boundary_seq),
    lastDeliveredAt: r.last_delivered_at,
    createdAt: r.created_at,
    updatedAt: r.updated_at,
  };
}

/** Saved searches. Every read and write names the workspace (and the owner where it is private). */
export class SavedSearchesRepo {
  constructor(private readonly db: Db) {}

  /**
   * Create the saved search, or replace the query, schedule and target of the owner's one with the
   * same name (saying it twice — or Slack delivering the message twice — leaves one alert).
   */
  async upsert(input: SavedSearchInput): Promise<{ search: SavedSearch; created: boolean }> {
    const now = new Date().toISOString();
    const values = {
      query_json: JSON.stringify(input.query),
      schedule_json: JSON.stringify(input.schedule),
      tz: input.tz,
      target_kind: input.target.kind,
      target_channel: input.target.kind === "channel" ? input.target.channel : null,
      when_empty: input.whenEmpty,
      status: "active",
      paused_reason: null,
      owner_told: 0,
      updated_at: now,
    };
    const id = randomUUID();
    const inserted = await this.db.kysely
      .insertInto("saved_searches")
      .values({
        id,
        workspace_id: input.workspaceId,
        owner_id: input.ownerId,
        platform: input.platform,
        name: input.name,
        boundary_seq: input.boundarySeq,
        created_at: now,
        ...values,
      })
      .onConflict((oc) => oc.columns(["workspace_id", "owner_id", "name"]).doUpdateSet(values))
      .returning(["id", "created_at"])
      .executeTakeFirstOrThrow();
    const search = await this.byName(input.workspaceId, input.ownerId, input.name);
    if (!search) throw new Error(`saved search ${input.name} vanished`);
    return { search, created: inserted.id === id };
  }

  /** The owner's saved searches, oldest first (the numbers people say are positions in this list). */
  async listOwned(workspaceId: string, ownerId: string): Promise<SavedSearch[]> {
    const rows = await this.db.kysely
      .selectFrom("saved_searches")
      .selectAll()
      .where("workspace_id", "=", workspaceId)
      .where("owner_id", "=", ownerId)
      .orderBy("created_at")
      .orderBy("name")
      .execute();
    return rows.map(toSavedSearch);
  }

  /** Saved searches posting into a channel of the workspace (a team's channel digests), oldest first. */
  async listForChannel(workspaceId: string, channel: string): Promise<SavedSearch[]> {
    const rows = await this.db.kysely
      .selectFrom("saved_searches")
      .selectAll()
      .where("workspace_id", "=", workspaceId)
      .where("target_kind", "=", "channel")
      .where("target_channel", "=", channel)
      .orderBy("created_at")
      .orderBy("name")
      .execute();
    return rows.map(toSavedSearch);
  }

  async byName(workspaceId: string, ownerId: string, name: string): Promise<SavedSearch | undefined> {
    const row = await this.db.kysely
      .selectFrom("saved_searches")
      .selectAll()
      .where("workspace_id", "=", workspaceId)
      .where("owner_id", "=", ownerId)
      .where("name", "=", name)
      .executeTakeFirst();
    return row ? toSavedSearch(row) : undefined;
  }

  /** By id for the digest worker (the id comes from our own scheduler, never from a person). */
  async get(id: string): Promise<SavedSearch | undefined> {
    const row = await this.db.kysely
      .selectFrom("saved_searches")
      .selectAll()
      .where("id", "=", id)
      .executeTakeFirst();
    return row ? toSavedSearch(row) : undefined;
  }

  /** Every active saved search (to re-register schedulers at start-up). */
  async listActive(): Promise<SavedSearch[]> {
    const rows = await this.db.kysely
      .selectFrom("saved_searches")
      .selectAll()
      .where("status", "=", "active")
      .execute();
    return rows.map(toSavedSearch);
  }

  async setStatus(
    workspaceId: string,
    id: string,
    status: AlertStatus,
    reason: string | null = null,
  ): Promise<void> {
    await this.db.kysely
      .updateTable("saved_searches")
      .set({
        status,
        paused_reason: status === "paused" ? reason : null,
        owner_told: 0,
        updated_at: new Date().toISOString(),
      })
      .where("workspace_id", "=", workspaceId)
      .where("id", "=", id)
      .execute();
  }

  /** Mark that the owner was told why the alert paused; true only for the first caller. */
  async markOwnerTold(id: string): Promise<boolean> {
    const r = await this.db.kysely
      .updateTable("saved_searches")
      .set({ owner_told: 1 })
      .where("id", "=", id)
      .where("owner_told", "=", 0)
      .executeTakeFirst();
    return Number(r.numUpdatedRows) === 1;
  }

  async delete(workspaceId: string, ownerId: string, id: string): Promise<boolean> {
    const r = await this.db.kysely
      .deleteFrom("saved_searches")
      .where("workspace_id", "=", workspaceId)
      .where("owner_id", "=", ownerId)
      .where("id", "=", id)
      .executeTakeFirst();
    return Number(r.numDeletedRows) === 1;
  }

  /**
   * After a digest: move the boundary forward (never back) and note the delivery. Touches only
   * these columns, so an edit made while the digest ran is kept.
   */
  async advance(id: string, boundarySeq: number, deliveredAt: string): Promise<void> {
    await this.db.kysely
      .updateTable("saved_searches")
      .set({ boundary_seq: boundarySeq, last_delivered_at: deliveredAt })
      .where("id", "=", id)
      .where("boundary_seq", "<", boundarySeq)
      .execute();
  }
}
