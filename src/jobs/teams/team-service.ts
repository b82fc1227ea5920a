import { AppError } from "../../core/errors.js";
import { phrasesFor, type TeamWords } from "../../answers/phrases/phrases.js";
import type { Lang } from "../../core/lang.js";
import type { AuditEntry, AuditRepo } from "../../store/audit.repo.js";
import type { Role, RolesRepo } from "../../store/roles.repo.js";
import type { ChannelPatch, TeamChannel, TeamMark, TeamMarkRow, TeamsRepo } from "../../store/teams.repo.js";

/** Who acts, as the platform says: workspace, member, the channel they wrote in, the platform's admin flag. */
export interface TeamActor {
  workspaceId: string;
  userId: string;
  channel?: string | undefined;
  direct?: boolean | undefined;
  /** Slack workspace admin/owner, Discord Manage Server. */
  isAdmin: boolean;
}

const RANK: Record<Role, number> = { member: 0, admin: 1, owner: 2 };

/** Options for {@link TeamService}. */
export interface TeamServiceOptions {
  teams: TeamsRepo;
  roles: RolesRepo;
  audit: AuditRepo;
}

/**
 * Teams sharing a channel: roles (the platform's admins, plus roles granted in chat), channel
 * settings set by admins, marks the channel's members share, and the audit trail admins read.
 * Every refusal says who may do it.
 */
export class TeamService {
  constructor(private readonly o: TeamServiceOptions) {}

  /** The member's role: what was granted in chat, but never less than the platform says. */
  async roleOf(actor: TeamActor): Promise<Role> {
    const granted = (await this.o.roles.role(actor.workspaceId, actor.userId)) ?? "member";
    const platform: Role = actor.isAdmin ? "admin" : "member";
    return RANK[granted] >= RANK[platform] ? granted : platform;
  }

  async isAdmin(actor: TeamActor): Promise<boolean> {
    return RANK[await this.roleOf(actor)] >= RANK.admin;
  }

  /** Throws, naming who may, unless the member administers the workspace. */
  async requireAdmin(
    actor: TeamActor,
    what: (words: TeamWords) => string,
    atLeast: Role = "admin",
  ): Promise<void> {
    if (RANK[await this.roleOf(actor)] >= RANK[atLeast]) return;
    const who = await this.namedAdmins(actor.workspaceId, atLeast);
    const team = (lang: Lang) => phrasesFor(lang).team;
    throw new AppError("not_admin", `${what(team("en"))} needs ${atLeast}`, {
      userMessage: (lang) => team(lang).onlyWho(atLeast === "owner", who, what(team(lang))),
    });
  }

  /** The members granted admin (or owner) in chat, as mentions ("<@U1>, <@U2>"); undefined when none. */
  async namedAdmins(workspaceId: string, atLeast: Role = "admin"): Promise<string | undefined> {
    const roles: Role[] = atLeast === "owner" ? ["owner"] : ["owner", "admin"];
    const named = await this.o.roles.holders(workspaceId, roles);
    return named.length > 0 ? named.map((u) => `<@${u}>`).join(", ") : undefined;
  }

  /** An admin grants a role; making or unmaking an owner takes an owner. */
  async grant(actor: TeamActor, userId: string, role: Role): Promise<Role> {
    const current = (await this.o.roles.role(actor.workspaceId, userId)) ?? "member";
    const needs: Role = role === "owner" || current === "owner" ? "owner" : "admin";
    await this.requireAdmin(actor, (t) => t.deeds.role(role), needs);
    await this.o.roles.grant(actor.workspaceId, userId, role, actor.userId);
    await this.record(actor, "role.grant", `<@${userId}> → ${role}`, null);
    return role;
  }

  async channelOf(actor: TeamActor): Promise<TeamChannel> {
    return this.o.teams.channel(actor.workspaceId, this.channelIn(actor));
  }

  /** An admin changes the settings of the channel they write in. */
  async setChannel(actor: TeamActor, patch: ChannelPatch): Promise<TeamChannel> {
    const channel = this.channelIn(actor);
    await this.requireAdmin(actor, (t) => t.deeds.settings);
    const after = await this.o.teams.setChannel(actor.workspaceId, channel, patch, actor.userId);
    const set = (what: string, v: string | number | null | undefined) =>
      v === undefined ? "" : v === null ? `no default ${what}` : `default ${what} ${v}`;
    const said = [
      patch.team === undefined ? "" : patch.team ? "team channel on" : "team channel off",
      patch.alertsBy === undefined ? "" : `alerts by ${patch.alertsBy}`,
      set("place", patch.place),
      set("keywords", patch.keywords),
      set(
        "radius",
        patch.radiusKm === undefined || patch.radiusKm === null ? patch.radiusKm : `${patch.radiusKm} km`,
      ),
      set("language", patch.lang),
      patch.mentionOnly === undefined
        ? ""
        : patch.mentionOnly
          ? "answers only when mentioned"
          : "answers every message",
    ].filter(Boolean);
    await this.record(actor, "channel.settings", `<#${channel}>: ${said.join(", ")}`, channel);
    return after;
  }

  /**
   * The settings of a channel as every member's turn there reads them (search defaults, language,
   * mention-only); a DM has none.
   */
  async settingsIn(workspaceId: string, channel: string | undefined, direct: boolean | undefined) {
    return !channel || direct ? undefined : this.o.teams.channel(workspaceId, channel);
  }

  /** May this member point alerts at (or change alerts of) `channel`? Admins always; members when the channel says so. */
  async mayManageChannelAlerts(actor: TeamActor, channel: string): Promise<boolean> {
    if (await this.isAdmin(actor)) return true;
    return (await this.o.teams.channel(actor.workspaceId, channel)).alertsBy === "members";
  }

  /**
   * Note who is active in a channel (not a DM), with the workspace their profile lives in: a team
   * channel's ranking counts their profiles.
   */
  async noteMember(actor: TeamActor, personalWorkspaceId: string): Promise<void> {
    if (!actor.channel || actor.direct) return;
    await this.o.teams.noteMember(actor.workspaceId, actor.channel, actor.userId, personalWorkspaceId);
  }

  /** A member's shared mark on a job, in a team channel only. `null` takes it back. */
  async mark(actor: TeamActor, jobId: number, mark: TeamMark | null): Promise<void> {
    const channel = await this.teamChannel(actor);
    if (mark === null) await this.o.teams.clearMark(actor.workspaceId, channel, actor.userId, jobId);
    else await this.o.teams.setMark(actor.workspaceId, channel, actor.userId, jobId, mark);
  }

  /** The channel's shared marks on these jobs (for cards), when it is a team channel; else none. */
  async marksOn(actor: TeamActor, jobIds: readonly number[]): Promise<TeamMarkRow[]> {
    if (!actor.channel || actor.direct) return [];
    const ch = await this.o.teams.channel(actor.workspaceId, actor.channel);
    return ch.team ? this.o.teams.marks(actor.workspaceId, actor.channel, { jobIds }) : [];
  }

  /** "What did the team apply to this week": the channel's marks of one kind since `days` ago. */
  async activity(actor: TeamActor, mark: TeamMark, days = 7): Promise<TeamMarkRow[]> {
    const channel = await this.teamChannel(actor);
    const since = new Date(Date.now() - days * 86_400_000).toISOString();
    return this.o.teams.marks(actor.workspaceId, channel, { since, mark });
  }

  /** The audit trail, for admins: the whole workspace's, or one channel's. */
  async auditTrail(
    actor: TeamActor,
    o: { channelId?: string | undefined; actionPrefix?: string | undefined } = {},
  ): Promise<AuditEntry[]> {
    await this.requireAdmin(actor, (t) => t.deeds.audit);
    return this.o.audit.list(actor.workspaceId, { ...o, limit: 20 });
  }

  /** Note a change in the audit trail. */
  async record(
    actor: Pick<TeamActor, "workspaceId" | "userId">,
    action: string,
    subject: string,
    channel: string | null,
  ) {
    await this.o.audit.add({
      workspaceId: actor.workspaceId,
      channelId: channel,
      actorId: actor.userId,
      action,
      subject,
    });
  }

  private channelIn(actor: TeamActor): string {
    if (!actor.channel || actor.direct)
      throw new AppError("not_in_channel", "channel setting from a DM", {
        userMessage: (lang) => phrasesFor(lang).team.sayInChannel,
      });
    return actor.channel;
  }

  private async teamChannel(actor: TeamActor): Promise<string> {
    const channel = this.channelIn(actor);
    if ((await this.o.teams.channel(actor.workspaceId, channel)).team) return channel;
    const who = await this.namedAdmins(actor.workspaceId);
    throw new AppError("not_team_channel", `${channel} is not a team channel`, {
      userMessage: (lang) => phrasesFor(lang).team.notTeamChannel(who),
    });
  }
}
