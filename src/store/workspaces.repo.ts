import type { Db } from "./db.js";

/** Workspaces (a Slack team, a Discord guild, the local terminal) and their users. */
export class WorkspacesRepo {
  constructor(private readonly db: Db) {}

  /** Create the workspace and user on first sight; later calls are no-ops. */
  async ensure(input: {
    workspaceId: string;
    platform: string;
    workspaceName?: string;
    userId: string;
    userName?: string;
  }): Promise<void> {
    const now = new Date().toISOString();
    await this.db.kysely
      .insertInto("workspaces")
      .values({
        id: input.workspaceId,
        name: input.workspaceName ?? input.workspaceId,
        platform: input.platform,
        created_at: now,
      })
      .onConflict((oc) => oc.column("id").doNothing())
      .execute();
    await this.db.kysely
      .insertInto("users")
      .values({
        workspace_id: input.workspaceId,
        id: input.userId,
        display_name: input.userName ?? null,
        created_at: now,
      })
      .onConflict((oc) => oc.columns(["workspace_id", "id"]).doNothing())
      .execute();
  }
}
