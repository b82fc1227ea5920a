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

  get(workspaceId: string, key: string): TrackedSource | undefined {
    const row = this.db.sqlite
      .prepare<[string, string], Row>("SELECT * FROM workspace_sources WHERE workspace_id = ? AND key = ?")
      .get(workspaceId, key);
    return row ? toTracked(row) : undefined;
  }

  list(workspaceId: string): TrackedSource[] {
    return this.db.sqlite
      .prepare<[string], Row>(
        "SELECT * FROM workspace_sources WHERE workspace_id = ? ORDER BY created_at, key",
      )
      .all(workspaceId)
      .map(toTracked);
  }

  /** Track (again): a source tracked before is re-enabled with the new parameters. */
  upsert(s: Omit<TrackedSource, "enabled" | "createdAt">): TrackedSource {
    this.db.sqlite
      .prepare(
        `INSERT INTO workspace_sources (workspace_id, key, kind, params_json, label, added_by, origin, enabled, created_at)
         VALUES (?, ?, ?, ?, ?, ?, ?, 1, ?)
         ON CONFLICT(workspace_id, key) DO UPDATE SET enabled = 1, params_json = excluded.params_json, label = excluded.label`,
      )
      .run(
        s.workspaceId,
        s.key,
        s.kind,
        JSON.stringify(s.params),
        s.label,
        s.addedBy,
        s.origin,
        new Date().toISOString(),
      );
    const stored = this.get(s.workspaceId, s.key);
    if (!stored) throw new Error(`tracked source ${s.key} vanished`);
    return stored;
  }

  /** Whether the workspace tracked it. */
  remove(workspaceId: string, key: string): boolean {
    return (
      this.db.sqlite
        .prepare("DELETE FROM workspace_sources WHERE workspace_id = ? AND key = ?")
        .run(workspaceId, key).changes > 0
    );
  }

  countInWorkspace(workspaceId: string): number {
    return (
      this.db.sqlite
        .prepare<[string], { n: number }>(
          "SELECT COUNT(*) AS n FROM workspace_sources WHERE workspace_id = ?",
        )
        .get(workspaceId)?.n ?? 0
    );
  }

  /** Sources this person added from chat, in every workspace (the cap that bounds DMs). */
  countAddedInChatBy(userId: string): number {
    return (
      this.db.sqlite
        .prepare<[string], { n: number }>(
          "SELECT COUNT(*) AS n FROM workspace_sources WHERE added_by = ? AND origin = 'chat'",
        )
        .get(userId)?.n ?? 0
    );
  }
}
