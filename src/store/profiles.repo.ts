import type { Selectable } from "kysely";
import type {
  Preferences,
  Profile,
  ProfileFact,
  ProfileLine,
  ProfileOwner,
} from "../jobs/profiles/profile.js";
import type { Db } from "./db.js";
import type { CvUploadsTable, ProfilesTable } from "./schema.js";

/** A CV file as stored for the parse stage. */
export interface CvUpload {
  id: string;
  workspaceId: string;
  userId: string;
  fileName: string;
  mimeType: string | null;
  size: number;
  status: "queued" | "parsing" | "done" | "failed";
  error: string | null;
}

const toUpload = (r: Selectable<CvUploadsTable>): CvUpload => ({
  id: r.id,
  workspaceId: r.workspace_id,
  userId: r.user_id,
  fileName: r.file_name,
  mimeType: r.mime_type,
  size: r.size,
  status: r.status as CvUpload["status"],
  error: r.error,
});

const toProfile = (r: Selectable<ProfilesTable>): Profile => ({
  workspaceId: r.workspace_id,
  userId: r.user_id,
  version: r.version,
  sourceName: r.source_name,
  lines: JSON.parse(r.lines_json) as ProfileLine[],
  facts: JSON.parse(r.facts_json) as ProfileFact[],
  preferences: JSON.parse(r.preferences_json) as Preferences,
  updatedAt: r.updated_at,
});

/**
 * Profiles and the CV files waiting to become one. Every read and write names the workspace and the
 * user, except the parse stage's read of an upload by its id (the id came from that user's turn).
 */
export class ProfilesRepo {
  constructor(private readonly db: Db) {}

  async createUpload(u: Omit<CvUpload, "status" | "error">, content: Uint8Array): Promise<void> {
    await this.db.kysely
      .insertInto("cv_uploads")
      .values({
        id: u.id,
        workspace_id: u.workspaceId,
        user_id: u.userId,
        file_name: u.fileName,
        mime_type: u.mimeType,
        size: u.size,
        content_b64: Buffer.from(content).toString("base64"),
        status: "queued",
        error: null,
        created_at: new Date().toISOString(),
        finished_at: null,
      })
      .execute();
  }

  /** The upload and its bytes (null once parsed), for the parse stage. */
  async uploadForParsing(id: string): Promise<{ upload: CvUpload; content: Buffer | null } | undefined> {
    const r = await this.db.kysely
      .selectFrom("cv_uploads")
      .selectAll()
      .where("id", "=", id)
      .executeTakeFirst();
    if (!r) return undefined;
    return {
      upload: toUpload(r),
      content: r.content_b64 === null ? null : Buffer.from(r.content_b64, "base64"),
    };
  }

  async upload(owner: ProfileOwner, id: string): Promise<CvUpload | undefined> {
    const r = await this.db.kysely
      .selectFrom("cv_uploads")
      .selectAll()
      .where("id", "=", id)
      .where("workspace_id", "=", owner.workspaceId)
      .where("user_id", "=", owner.userId)
      .executeTakeFirst();
    return r ? toUpload(r) : undefined;
  }

  async setUploadStatus(id: string, status: CvUpload["status"], error: string | null = null): Promise<void> {
    const finished = status === "done" || status === "failed";
    await this.db.kysely
      .updateTable("cv_uploads")
      .set({
        status,
        error,
        ...(finished ? { finished_at: new Date().toISOString(), content_b64: null } : {}),
      })
      .where("id", "=", id)
      .execute();
  }

  async get(owner: ProfileOwner): Promise<Profile | undefined> {
    const r = await this.db.kysely
      .selectFrom("profiles")
      .selectAll()
      .where("workspace_id", "=", owner.workspaceId)
      .where("user_id", "=", owner.userId)
      .executeTakeFirst();
    return r ? toProfile(r) : undefined;
  }

  /** Write the profile as the next version (1 for a new one); returns the stored profile. */
  async put(
    owner: ProfileOwner,
    p: Pick<Profile, "sourceName" | "lines" | "facts" | "preferences">,
  ): Promise<Profile> {
    return this.db.kysely.transaction().execute(async (tx) => {
      const prev = await tx
        .selectFrom("profiles")
        .select("version")
        .where("workspace_id", "=", owner.workspaceId)
        .where("user_id", "=", owner.userId)
        .executeTakeFirst();
      const row = {
        workspace_id: owner.workspaceId,
        user_id: owner.userId,
        version: (prev?.version ?? 0) + 1,
        source_name: p.sourceName,
        lines_json: JSON.stringify(p.lines),
        facts_json: JSON.stringify(p.facts),
        preferences_json: JSON.stringify(p.preferences),
        updated_at: new Date().toISOString(),
      };
      if (prev) {
        await tx
          .updateTable("profiles")
          .set(row)
          .where("workspace_id", "=", owner.workspaceId)
          .where("user_id", "=", owner.userId)
          .execute();
      } else {
        await tx.insertInto("profiles").values(row).execute();
      }
      return toProfile(row);
    });
  }

  /** Delete the profile, its uploads and its scores; true when there was a profile. */
  async forget(owner: ProfileOwner): Promise<boolean> {
    return this.db.kysely.transaction().execute(async (tx) => {
      for (const table of ["fit_scores", "cv_uploads"] as const) {
        await tx
          .deleteFrom(table)
          .where("workspace_id", "=", owner.workspaceId)
          .where("user_id", "=", owner.userId)
          .execute();
      }
      const r = await tx
        .deleteFrom("profiles")
        .where("workspace_id", "=", owner.workspaceId)
        .where("user_id", "=", owner.userId)
        .executeTakeFirst();
      return Number(r.numDeletedRows) > 0;
    });
  }

  /** Every profile of a workspace (the evaluate stage scores a run's jobs for each). */
  async inWorkspace(workspaceId: string): Promise<Profile[]> {
    const rows = await this.db.kysely
      .selectFrom("profiles")
      .selectAll()
      .where("workspace_id", "=", workspaceId)
      .orderBy("user_id")
      .execute();
    return rows.map(toProfile);
  }
}
