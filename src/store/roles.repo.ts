import type { Db } from "./db.js";

export type Role = "owner" | "admin" | "member";

/** Roles granted in chat, per workspace. */
export class RolesRepo {
  constructor(private readonly db: Db) {}

  async role(workspaceId: string, userId: string): Promise<Role | undefined> {
    const row = await this.db.kysely
      .selectFrom("member_roles")
      .select("role")
      .where("workspace_id", "=", workspaceId)
      .where("user_id", "=", userId)
      .executeTakeFirst();
    return row?.role === "owner" || row?.role === "admin" || row?.role === "member" ? row.role : undefined;
  }

  async grant(workspaceId: string, userId: string, role: Role, by: string): Promise<void> {
    const now = new Date().toISOString();
    await this.db.kysely
      .insertInto("member_roles")
      .values({ workspace_id: workspaceId, user_id: userId, role, granted_by: by, granted_at: now })
      .onConflict((oc) =>
        oc.columns(["workspace_id", "user_id"]).doUpdateSet({ role, granted_by: by, granted_at: now }),
      )
      .execute();
  }

  /** Members holding a role in the workspace (for "ask … who may"). */
  async holders(workspaceId: string, roles: readonly Role[]): Promise<string[]> {
    const rows = await this.db.kysely
      .selectFrom("member_roles")
      .select("user_id")
      .where("workspace_id", "=", workspaceId)
      .where("role", "in", [...roles])
      .orderBy("granted_at")
      .execute();
    return rows.map((r) => r.user_id);
  }
}
