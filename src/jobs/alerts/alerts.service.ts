import { IANAZone } from "../../core/luxon.js";
import { phrasesFor } from "../../answers/phrases/phrases.js";
import { AppError } from "../../core/errors.js";
import { foldText } from "../../core/text.js";
import type { DeliveriesRepo } from "../../store/deliveries.repo.js";
import type { MemberSettingsRepo } from "../../store/member-settings.repo.js";
import type { SavedSearchesRepo } from "../../store/saved-searches.repo.js";
import type { TeamService } from "../teams/team-service.js";
import type { DigestSchedules } from "./digest-schedules.js";
import {
  inputOf,
  type AlertQuery,
  type AlertTarget,
  type SavedSearch,
  type Schedule,
} from "./saved-search.js";

/** Who acts, as the platform says: the workspace, the member, where they wrote, and whether they administer it. */
export interface AlertActor {
  workspaceId: string;
  userId: string;
  platform: string;
  /** The channel the message came from ("here"). */
  channel?: string | undefined;
  direct?: boolean | undefined;
  isAdmin: boolean;
  /** The member's time zone as their platform profile says (Slack `users.info` tz), when it says. */
  platformTimeZone?: string | undefined;
}

/** What a person asks to save. */
export interface AlertInput {
  name?: string | undefined;
  query: AlertQuery;
  schedule: Schedule;
  place: "dm" | "here" | "channel";
  channel?: string | undefined;
  whenEmpty?: "skip" | "notice" | undefined;
  timeZone?: string | undefined;
}

/** A saved search as listed to its owner. */
export interface AlertView {
  n: number;
  search: SavedSearch;
  /** The next due time (ISO), while active. */
  next: string | null;
}

export type SaveAlertResult =
  { status: "saved"; created: boolean; alert: AlertView } | { status: "need_time_zone" };

/** Options for {@link AlertsService}. */
export interface AlertsServiceOptions {
  searches: SavedSearchesRepo;
  deliveries: DeliveriesRepo;
  members: MemberSettingsRepo;
  schedules: DigestSchedules;
  /** The embedder key whose vector feed marks jobs new (the search index's). */
  embedderKey: string;
  /** Time zone of the terminal (the machine's), used for terminal alerts. */
  localTimeZone: string;
  /**
   * Roles and channel settings (who may point alerts at a channel) and the audit trail. Without it
   * only the platform's admins set up channel digests and nothing is recorded.
   */
  team?: TeamService | undefined;
}

const describeAlert = (s: SavedSearch) =>
  `alert “${s.name}”${s.target.kind === "channel" ? ` in <#${s.target.channel}>` : ""}`;

/** A default name people recognise: "python in Frankfurt", "remote rust", "all jobs in Berlin". */
export function alertName(q: AlertQuery): string {
  const what = q.keywords.trim() || "jobs";
  const remote = q.remote === "remote_only" ? "remote " : "";
  return `${remote}${what}${q.place ? ` in ${q.place}` : ""}`.slice(0, 60);
}

export function validTimeZone(tz: string | undefined): string | undefined {
  return tz && IANAZone.isValidZone(tz) ? tz : undefined;
}

/** Saved searches from chat: create, list, pause, resume, delete — each member their own; channel digests by admins. */
export class AlertsService {
  constructor(private readonly o: AlertsServiceOptions) {}

  /** The member's time zone: stated now (remembered), remembered, their platform's, the terminal's. */
  async timeZoneOf(actor: AlertActor, stated?: string): Promise<string | undefined> {
    const given = validTimeZone(stated);
    if (given) {
      await this.o.members.setTimeZone(actor.workspaceId, actor.userId, given);
      return given;
    }
    const known = await this.o.members.timeZone(actor.workspaceId, actor.userId);
    if (known) return known;
    if (actor.platform === "cli") return this.o.localTimeZone;
    const fromPlatform = validTimeZone(actor.platformTimeZone);
    if (fromPlatform) await this.o.members.setTimeZone(actor.workspaceId, actor.userId, fromPlatform);
    return fromPlatform;
  }

  async setTimeZone(actor: AlertActor, tz: string): Promise<{ timeZone: string; updated: number }> {
    const valid = validTimeZone(tz);
    if (!valid)
      throw new AppError("bad_time_zone", `unknown time zone ${tz}`, {
        userMessage: (lang) => phrasesFor(lang).alerts.unknownTimeZone(tz),
      });
    await this.o.members.setTimeZone(actor.workspaceId, actor.userId, valid);
    // The member's alerts follow their time zone.
    let updated = 0;
    for (const s of await this.o.searches.listOwned(actor.workspaceId, actor.userId)) {
      if (s.tz === valid || s.target.kind === "terminal") continue;
      const { search } = await this.o.searches.upsert({ ...inputOf(s), tz: valid });
      if (s.status === "active") await this.o.schedules.upsert(search);
      else await this.o.searches.setStatus(s.workspaceId, s.id, "paused", s.pausedReason);
      updated++;
    }
    return { timeZone: valid, updated };
  }

  async save(actor: AlertActor, input: AlertInput): Promise<SaveAlertResult> {
    const target = this.targetOf(actor, input);
    if (target.kind === "channel" && !(await this.mayManage(actor, target.channel))) {
      const who = await this.o.team?.namedAdmins(actor.workspaceId);
      throw new AppError("not_admin", "channel digest by a member", {
        userMessage: (lang) => phrasesFor(lang).alerts.channelAdminsOnly(who),
      });
    }
    const tz =
      target.kind === "terminal" ? this.o.localTimeZone : await this.timeZoneOf(actor, input.timeZone);
    if (!tz) return { status: "need_time_zone" };
    const { search, created } = await this.o.searches.upsert({
      workspaceId: actor.workspaceId,
      ownerId: actor.userId,
      platform: actor.platform,
      name: (input.name?.trim() || alertName(input.query)).slice(0, 60),
      query: input.query,
      schedule: input.schedule,
      tz,
      target,
      whenEmpty: input.whenEmpty ?? "skip",
      boundarySeq: await this.o.deliveries.latestSeq(this.o.embedderKey),
    });
    await this.o.schedules.upsert(search);
    await this.record(actor, created ? "alert.create" : "alert.update", search);
    const all = await this.o.searches.listOwned(actor.workspaceId, actor.userId);
    const n = all.findIndex((s) => s.id === search.id) + 1;
    return { status: "saved", created, alert: await this.view(search, n) };
  }

  async list(actor: AlertActor): Promise<AlertView[]> {
    const own = await this.o.searches.listOwned(actor.workspaceId, actor.userId);
    return Promise.all(own.map((s, i) => this.view(s, i + 1)));
  }

  /**
   * Pause, resume or delete the member's own alerts named by number, name or "all" — or, in a
   * channel, one of its digests by name when the member may manage that channel's alerts.
   */
  async change(
    actor: AlertActor,
    action: "pause" | "resume" | "delete",
    ref: string,
  ): Promise<{ action: typeof action; changed: AlertView[] }> {
    const own = await this.list(actor);
    let picked = pick(own, ref);
    // In a channel, the channel's digests set up by others, by name (numbers and "all" are the
    // member's own list), for those the channel lets manage them.
    const here = actor.channel && !actor.direct ? actor.channel : undefined;
    if (picked.length === 0 && here && !/\d/.test(ref) && !/^\W*(all|alle)?\W*$/i.test(ref)) {
      const channelAlerts = await this.o.searches.listForChannel(actor.workspaceId, here);
      picked = pick(await Promise.all(channelAlerts.map((s, i) => this.view(s, i + 1))), ref);
      if (picked.length > 0 && !(await this.mayManage(actor, here))) {
        const who = await this.o.team?.namedAdmins(actor.workspaceId);
        const name = picked[0]?.search.name ?? ref;
        throw new AppError("not_admin", "channel alert change by a member", {
          userMessage: (lang) => phrasesFor(lang).alerts.changeAdminsOnly(who, action, name),
        });
      }
    }
    if (picked.length === 0)
      throw new AppError("alert_not_found", `no alert ${ref}`, {
        userMessage: (lang) => phrasesFor(lang).alerts.notFound(ref, own.length > 0),
      });
    for (const { search } of picked) {
      if (action === "delete") {
        await this.o.schedules.remove(search);
        await this.o.searches.delete(actor.workspaceId, search.ownerId, search.id);
      } else if (action === "pause") {
        await this.o.schedules.remove(search);
        const by = search.ownerId === actor.userId ? "its owner" : `<@${actor.userId}>`;
        await this.o.searches.setStatus(actor.workspaceId, search.id, "paused", `paused by ${by}`);
      } else {
        await this.o.searches.setStatus(actor.workspaceId, search.id, "active");
        await this.o.schedules.upsert({ ...search, status: "active" });
      }
      await this.record(actor, `alert.${action}`, search);
    }
    const fresh = await Promise.all(
      picked.map(async (p) => ({ ...p, search: (await this.o.searches.get(p.search.id)) ?? p.search })),
    );
    const after = action === "delete" ? picked : fresh;
    return { action, changed: after };
  }

  /**
   * The member's one alert named by `ref` (number or name). None, or several that the name fits,
   * is an error saying which alerts there are.
   */
  async find(actor: AlertActor, ref: string): Promise<SavedSearch> {
    const own = await this.list(actor);
    const picked = ref.trim() === "" ? [] : pick(own, ref);
    const names = own.map((a) => `${a.n}. ${a.search.name}`).join(", ");
    if (picked.length === 1 && picked[0]) return picked[0].search;
    throw new AppError("alert_not_found", `no single alert ${ref}`, {
      userMessage: (lang) =>
        phrasesFor(lang).alerts.noSingle(
          ref,
          names,
          picked.map((a) => a.search.name),
        ),
    });
  }

  /** Pause an alert whose target is gone (bot removed from the channel, user deleted). */
  async pauseGone(search: SavedSearch, reason: string): Promise<void> {
    await this.o.schedules.remove(search);
    await this.o.searches.setStatus(search.workspaceId, search.id, "paused", reason);
    await this.record({ workspaceId: search.workspaceId, userId: "jobscout" }, "alert.pause", search, reason);
  }

  private async mayManage(actor: AlertActor, channel: string): Promise<boolean> {
    return this.o.team ? this.o.team.mayManageChannelAlerts(actor, channel) : actor.isAdmin;
  }

  private async record(
    actor: Pick<AlertActor, "workspaceId" | "userId">,
    action: string,
    s: SavedSearch,
    why?: string,
  ): Promise<void> {
    await this.o.team?.record(
      actor,
      action,
      `${describeAlert(s)}${why ? `: ${why}` : ""}`,
      s.target.kind === "channel" ? s.target.channel : null,
    );
  }

  private targetOf(actor: AlertActor, input: AlertInput): AlertTarget {
    if (actor.platform === "cli") return { kind: "terminal" };
    if (input.place === "channel" && input.channel) return { kind: "channel", channel: input.channel };
    if (input.place === "here" && actor.channel && !actor.direct)
      return { kind: "channel", channel: actor.channel };
    return { kind: "dm" };
  }

  private async view(search: SavedSearch, n: number): Promise<AlertView> {
    const next = search.status === "active" ? await this.o.schedules.next(search) : undefined;
    return { n, search, next: next ? new Date(next).toISOString() : null };
  }
}

/** Alerts by "2", "1,3", "all"/"alle", or a (folded) part of the name. */
function pick(list: AlertView[], ref: string): AlertView[] {
  const r = foldText(ref).trim();
  if (r === "" || r === "all" || r === "alle") return list;
  const numbers = r.split(/[\s,]+|\band\b|\bund\b/).filter((x) => /^\d+$/.test(x));
  if (numbers.length > 0) return list.filter((a) => numbers.includes(String(a.n)));
  const exact = list.filter((a) => foldText(a.search.name) === r);
  return exact.length > 0 ? exact : list.filter((a) => foldText(a.search.name).includes(r));
}
