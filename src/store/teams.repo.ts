import type { Db } from "./db.js";

/** Who may point alerts at a channel: its admins only, or any member. */
export type AlertsBy = "admins" | "members";

/** What a channel admin sets for searches and answers in the channel; unset fields are absent. */
export interface ChannelDefaults {
  /** The place a search without one takes. */
  place?: string | undefined;
  /** The keywords a search without any takes. */
  keywords?: string | undefined;
  /** The radius a search without one takes (around its place). */
  radiusKm?: number | undefined;
  /** Answers in the channel are in this language, unless a member chose their own. */
  lang?: "en" | "de" | undefined;
}

/** The settings an admin may change: any subset; `null` unsets a default. */
export interface ChannelPatch {
  team?: boolean | undefined;
  alertsBy?: AlertsBy | undefined;
  place?: string | null | undefined;
  keywords?: string | null | undefined;
  radiusKm?: number | null | undefined;
  lang?: "en" | "de" | null | undefined;
  mentionOnly?: boolean | undefined;
}

/**
 * A channel's team settings; a channel never set is not a team channel, takes admins' alerts only,
 * has no defaults and is answered only when the bot is mentioned.
 */
export interface TeamChannel {
  workspaceId: string;
  channelId: string;
  team: boolean;
  alertsBy: AlertsBy;
  defaults: ChannelDefaults;
  mentionOnly: boolean;
  updatedBy: string | null;
  updatedAt: string | null;
}

/** Marks a member shares with the channel's team ("seen": looked at it, no decision yet). */
export const TEAM_MARKS = ["claimed", "applied", "not_relevant", "seen"] as const;
export type TeamMark = (typeof TEAM_MARKS)[number];

/** One member's shared mark on a job. */
export interface TeamMarkRow {
  jobId: number;
  userId: string;
  mark: TeamMark;
  createdAt: string;
}

/** Team channels and their shared marks. Every query names the workspace and the channel. */
export class TeamsRepo {
  constructor(private readonly db: Db) {}

  async channel(workspaceId: string, channelId: string): Promise<TeamChannel> {
    const row = await this.db.kysely
      .selectFrom("team_channels")
      .selectAll()
      .where("workspace_id", "=", workspaceId)
      .where("channel_id", "=", channelId)
      .executeTakeFirst();
    return {
      workspaceId,
      channelId,
      team: Number(row?.team ?? 0) === 1,
      alertsBy: row?.alerts_by === "members" ? "members" : "admins",
      defaults: {
        ...(row?.default_place ? { place: row.default_place } : {}),
        ...(row?.default_keywords ? { keywords: row.default_keywords } : {}),
        ...(row?.default_radius_km != null ? { radiusKm: Number(row.default_radius_km) } : {}),
        ...(row?.lang === "en" || row?.lang === "de" ? { lang: row.lang } : {}),
      },
      mentionOnly: Number(row?.mention_only ?? 1) === 1,
      updatedBy: row?.updated_by ?? null,
      updatedAt: row?.updated_at ?? null,
    };
  }

  async setChannel(
    workspaceId: string,
    channelId: string,
    patch: ChannelPatch,
    by: string,
  ): Promise<TeamChannel> {
    const now = new Date().toISOString();
    const current = await this.channel(workspaceId, channelId);
    const d = current.defaults;
    const values = {
      team: (patch.team ?? current.team) ? 1 : 0,
      alerts_by: patch.alertsBy ?? current.alertsBy,
      default_place: patch.place === undefined ? (d.place ?? null) : patch.place,
      default_keywords: patch.keywords === undefined ? (d.keywords ?? null) : patch.keywords,
      default_radius_km: patch.radiusKm === undefined ? (d.radiusKm ?? null) : patch.radiusKm,
      lang: patch.lang === undefined ? (d.lang ?? null) : patch.lang,
      mention_only: (patch.mentionOnly ?? current.mentionOnly) ? 1 : 0,
      updated_by: by,
      updated_at: now,
    };
    await this.db.kysely
      .insertInto("team_channels")
      .values({ workspace_id: workspaceId, channel_id: channelId, ...values })
      .onConflict((oc) => oc.columns(["workspace_id", "channel_id"]).doUpdateSet(values))
      .execute();
    return this.channel(workspaceId, channelId);
  }

  /** Set the member's shared mark on a job in the channel (one mark per member and job: the latest). */
  async setMark(workspaceId: string, channelId: string, userId: string, jobId: number, mark: TeamMark) {
    const now = new Date().toISOString();
    await this.db.kysely
      .insertInto("team_marks")
      .values({
        workspace_id: workspaceId,
        channel_id: channelId,
        job_id: jobId,
        user_id: userId,
        mark,
        created_at: now,
      })
      .onConflict((oc) =>
        oc
          .columns(["workspace_id", "channel_id", "job_id", "user_id"])
          .doUpdateSet({ mark, created_at: now }),
      )
      .execute();
  }

  async clearMark(workspaceId: string, channelId: string, userId: string, jobId: number): Promise<void> {
    await this.db.kysely
      .deleteFrom("team_marks")
      .where("workspace_id", "=", workspaceId)
      .where("channel_id", "=", channelId)
      .where("user_id", "=", userId)
      .where("job_id", "=", jobId)
      .execute();
  }

  /** The channel's marks on these jobs, or its marks since `since` (newest first). */
  async marks(
    workspaceId: string,
    channelId: string,
    o: { jobIds?: readonly number[]; since?: string; mark?: TeamMark; limit?: number },
  ): Promise<TeamMarkRow[]> {
    let q = this.db.kysely
      .selectFrom("team_marks")
      .select(["job_id", "user_id", "mark", "created_at"])
      .where("workspace_id", "=", workspaceId)
      .where("channel_id", "=", channelId);
    if (o.jobIds) q = q.where("job_id", "in", o.jobIds.length > 0 ? [...o.jobIds] : [-1]);
    if (o.since) q = q.where("created_at", ">=", o.since);
    if (o.mark) q = q.where("mark", "=", o.mark);
    const rows = await q
      .orderBy("created_at", "desc")
      .limit(o.limit ?? 500)
      .execute();
    return rows.map((r) => ({
      jobId: Number(r.job_id),
      userId: r.user_id,
      mark: r.mark as TeamMark,
      createdAt: r.created_at,
    }));
  }
  /** Note that a member was active in the channel, and the workspace their profile lives in. */
  async noteMember(
    workspaceId: string,
    channelId: string,
    userId: string,
    personalWorkspaceId: string,
  ): Promise<void> {
    const now = new Date().toISOString();
    await this.db.kysely
      .insertInto("channel_members")
      .values({
        workspace_id: workspaceId,
        channel_id: channelId,
        user_id: userId,
        personal_workspace_id: personalWorkspaceId,
        last_seen_at: now,
      })
      .onConflict((oc) =>
        oc
          .columns(["workspace_id", "channel_id", "user_id"])
          .doUpdateSet({ personal_workspace_id: personalWorkspaceId, last_seen_at: now }),
      )
      .execute();
  }

  /** The channel's members as the owners of their profiles. */
  async members(
    workspaceId: string,
    channelId: string,
  ): Promise<Array<{ workspaceId: string; userId: string }>> {
    const rows = await this.db.kysely
      .selectFrom("channel_members")
      .select(["user_id", "personal_workspace_id"])
      .where("workspace_id", "=", workspaceId)
      .where("channel_id", "=", channelId)
      .orderBy("user_id")
      .execute();
    return rows.map((r) => ({ workspaceId: r.personal_workspace_id, userId: r.user_id }));
  }
}
