import type { Selectable } from "kysely";
import type { Db } from "./db.js";
import type { WorkspaceSourcesTable } from "./schema.js";

/** A source a workspace tracks (an ATS board, a feed, a career page). */
export interface TrackedSource {
  workspaceId: string;
  key: string;
  kind: string;
  params: Record<string, unknown>;
  label: string;
  addedBy: string;
  origin: "chat" | "yaml" | "config";
  enabled: boolean;
  createdAt: string;
}

type Row = Selectable<WorkspaceSourcesTable>;

const toTracked = (r: Row): TrackedSource => ({
  workspaceId: r.workspace_id,
  key: r.key,
  kind: r.kind,
  params: JSON.parse(r.params_json) as Record<string, unknown>,
  label: r.label,
  addedBy: r.added_by,
  origin: r.origin as TrackedSource["origin"],
  enabled: r.enabled === 1,
  createdAt: r.created_at,
});

/** The boards and feeds workspaces track. Every read and write names the workspace (counts aside). */
export class TrackedSourcesRepo {
  constructor(private readonly db: Db) {}

  async get(workspaceId: string, key: string): Promise<TrackedSource | undefined> {
    const row = await this.db.kysely
      .selectFrom("workspace_sources")
      .selectAll()
      .where("workspace_id", "=", workspaceId)
      .where("key", "=", key)
      .executeTakeFirst();
    return row ? toTracked(row) : undefined;
  }

  async list(workspaceId: string): Promise<TrackedSource[]> {
    const rows = await this.db.kysely
      .selectFrom("workspace_sources")
      .selectAll()
      .where("workspace_id", "=", workspaceId)
      .orderBy("created_at")
      .orderBy("key")
      .execute();
    return rows.map(toTracked);
  }

  /** Track (again): a source tracked before is re-enabled with the new parameters. */
  async upsert(s: Omit<TrackedSource, "enabled" | "createdAt">): Promise<TrackedSource> {
    await this.db.kysely
      .insertInto("workspace_sources")
      .values({
        workspace_id: s.workspaceId,
        key: s.key,
        kind: s.kind,
        params_json: JSON.stringify(s.params),
        label: s.label,
        added_by: s.addedBy,
        origin: s.origin,
        enabled: 1,
        created_at: new Date().toISOString(),
      })
      .onConflict((oc) =>
        oc.columns(["workspace_id", "key"]).doUpdateSet((eb) => ({
          enabled: 1,
          params_json: eb.ref("excluded.params_json"),
          label: eb.ref("excluded.label"),
        })),
      )
      .execute();
    const stored = await this.get(s.workspaceId, s.key);
    if (!stored) throw new Error(`tracked source ${s.key} vanished`);
    return stored;
  }

  /** Whether the workspace tracked it. */
  async remove(workspaceId: string, key: string): Promise<boolean> {
    const r = await this.db.kysely
      .deleteFrom("workspace_sources")
      .where("workspace_id", "=", workspaceId)
      .where("key", "=", key)
      .executeTakeFirst();
    return Number(r.numDeletedRows) > 0;
  }

  async countInWorkspace(workspaceId: string): Promise<number> {
    const row = await this.db.kysely
      .selectFrom("workspace_sources")
      .select((eb) => eb.fn.countAll<number>().as("n"))
      .where("workspace_id", "=", workspaceId)
      .executeTakeFirst();
    return Number(row?.n ?? 0);
  }

  /** Sources this person added from chat, in every workspace (the cap that bounds DMs). */
  async countAddedInChatBy(userId: string): Promise<number> {
    const row = await this.db.kysely
      .selectFrom("workspace_sources")
      .select((eb) => eb.fn.countAll<number>().as("n"))
      .where("added_by", "=", userId)
      .where("origin", "=", "chat")
      .executeTakeFirst();
    return Number(row?.n ?? 0);
  }
}
