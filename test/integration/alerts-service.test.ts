// Saved searches through the alerts service, on both stores with the real BullMQ schedulers: the
// time zone a digest follows (stated, remembered, the platform's, the terminal's), where a digest
// goes and who may point one at a channel, and pausing, resuming, deleting and finding alerts by
// number or name — each refusal saying what to do, each change in the workspace's audit trail.
import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { AlertsService, type AlertActor, type AlertInput } from "../../src/jobs/alerts/alerts.service.js";
import { BullDigestSchedules } from "../../src/jobs/alerts/digest-schedules.js";
import type { SavedSearch } from "../../src/jobs/alerts/saved-search.js";
import { TeamService } from "../../src/jobs/teams/team-service.js";
import { AuditRepo } from "../../src/store/audit.repo.js";
import { DeliveriesRepo } from "../../src/store/deliveries.repo.js";
import { MemberSettingsRepo } from "../../src/store/member-settings.repo.js";
import { RolesRepo } from "../../src/store/roles.repo.js";
import { SavedSearchesRepo } from "../../src/store/saved-searches.repo.js";
import { TeamsRepo } from "../../src/store/teams.repo.js";
import { redisForFile, refusal } from "../support/harness.js";
import { openTestStore, STORES, type TestStore } from "../support/stores.js";

const { prefix, redis } = redisForFile();

const DAILY = { kind: "cron", pattern: "0 9 * * *" } as const;
const input = (name: string, o: Partial<AlertInput> = {}): AlertInput => ({
  name,
  query: { keywords: "python", place: "Berlin", remote: "any" },
  schedule: DAILY,
  place: "dm",
  ...o,
});

describe.each(STORES)("AlertsService on %s", (kind) => {
  let store: TestStore;
  let searches: SavedSearchesRepo;
  let members: MemberSettingsRepo;
  let teams: TeamsRepo;
  let roles: RolesRepo;
  let audit: AuditRepo;
  let schedules: BullDigestSchedules;
  let team: TeamService;
  let alerts: AlertsService;

  beforeAll(async () => {
    store = await openTestStore(kind);
    searches = new SavedSearchesRepo(store.db);
    members = new MemberSettingsRepo(store.db);
    teams = new TeamsRepo(store.db);
    roles = new RolesRepo(store.db);
    audit = new AuditRepo(store.db);
    schedules = new BullDigestSchedules({ connection: redis(), prefix });
    team = new TeamService({ teams, roles, audit });
    alerts = service(team);
  });
  afterAll(async () => {
    await schedules.close();
    await store.close();
  });

  const service = (t: TeamService | undefined) =>
    new AlertsService({
      team: t,
      searches,
      deliveries: new DeliveriesRepo(store.db),
      members,
      schedules,
      embedderKey: "hash-256",
      localTimeZone: "Europe/Lisbon",
    });

  /** A member of a fresh Slack workspace, writing in channel C1 (not a DM) unless told otherwise. */
  const slackMember = (o: Partial<AlertActor> = {}): AlertActor => ({
    workspaceId: `slack:T-${randomUUID().slice(0, 8)}`,
    userId: "UM",
    platform: "slack",
    channel: "C1",
    direct: false,
    isAdmin: false,
    platformTimeZone: "Europe/Berlin",
    ...o,
  });

  async function saved(a: AlertActor, i: AlertInput): Promise<SavedSearch> {
    const r = await alerts.save(a, i);
    if (r.status !== "saved") throw new Error("not saved");
    return r.alert.search;
  }

  const scheduled = async (s: SavedSearch) => (await schedules.next(s)) !== undefined;

  describe("time zones", () => {
    it("uses the platform's time zone and remembers it; one the platform does not know means asking", async () => {
      const a = slackMember();
      const s = await saved(a, input("python in Berlin"));
      expect(s.tz).toBe("Europe/Berlin");
      expect(await members.timeZone(a.workspaceId, a.userId)).toBe("Europe/Berlin");

      const lost = slackMember({ platformTimeZone: "Mars/Olympus_Mons" });
      expect(await alerts.save(lost, input("rust"))).toEqual({ status: "need_time_zone" });
      expect(await searches.listOwned(lost.workspaceId, lost.userId)).toEqual([]);
      const none = slackMember({ platformTimeZone: undefined });
      expect(await alerts.timeZoneOf(none)).toBeUndefined();
    });

    it("prefers a time zone the member states, then the one remembered, over the platform's", async () => {
      const a = slackMember({ platformTimeZone: undefined });
      const s = await saved(a, input("python in Berlin", { timeZone: "America/New_York" }));
      expect(s.tz).toBe("America/New_York");
      // Stated once, used for the next alert even though the platform now says Berlin.
      const later = await saved({ ...a, platformTimeZone: "Europe/Berlin" }, input("go in Hamburg"));
      expect(later.tz).toBe("America/New_York");
      // A stated name that is no time zone falls back to the remembered one.
      expect(await alerts.timeZoneOf(a, "Atlantis")).toBe("America/New_York");
    });

    it("gives terminal alerts the machine's time zone", async () => {
      const me: AlertActor = {
        workspaceId: `local-${randomUUID().slice(0, 8)}`,
        userId: "me",
        platform: "cli",
        isAdmin: false,
      };
      expect(await alerts.timeZoneOf(me)).toBe("Europe/Lisbon");
      const s = await saved(
        me,
        input("python in Berlin", { place: "channel", channel: "C9", timeZone: "Asia/Tokyo" }),
      );
      expect(s).toMatchObject({ tz: "Europe/Lisbon", target: { kind: "terminal" } });
      // Moving the member's time zone leaves terminal alerts on the machine's.
      expect(await alerts.setTimeZone(me, "Asia/Tokyo")).toEqual({ timeZone: "Asia/Tokyo", updated: 0 });
      expect((await searches.get(s.id))?.tz).toBe("Europe/Lisbon");
    });

    it("moves the member's alerts to a new time zone, keeping a paused one paused", async () => {
      const a = slackMember();
      const active = await saved(a, input("a python in Berlin"));
      const paused = await saved(a, input("b go in Hamburg"));
      await alerts.change(a, "pause", "2");
      const already = await saved(a, input("c rust in Köln", { timeZone: "America/New_York" }));
      expect(already.tz).toBe("America/New_York");

      expect(await alerts.setTimeZone(a, "America/New_York")).toEqual({
        timeZone: "America/New_York",
        updated: 2,
      });
      expect(await searches.get(active.id)).toMatchObject({ tz: "America/New_York", status: "active" });
      expect(await scheduled(active)).toBe(true);
      expect(await searches.get(paused.id)).toMatchObject({
        tz: "America/New_York",
        status: "paused",
        pausedReason: "paused by its owner",
      });
      expect(await scheduled(paused)).toBe(false);
      expect((await searches.get(already.id))?.updatedAt).toBe(already.updatedAt);
    });

    it("refuses a time zone it does not know, saying what a name looks like", async () => {
      const err = await refusal(alerts.setTimeZone(slackMember(), "Berlin Time"));
      expect(err.code).toBe("bad_time_zone");
      expect(err.userMessageIn("en")).toBe(
        "I don't know the time zone “Berlin Time”. Use a name like Europe/Berlin or America/New_York.",
      );
    });
  });

  describe("where a digest goes", () => {
    it("posts 'here' into the channel for an admin, and updates an alert saved again under its name", async () => {
      const admin = slackMember({ userId: "UA", isAdmin: true });
      const first = await alerts.save(admin, input("team python", { place: "here", whenEmpty: "notice" }));
      expect(first).toMatchObject({
        status: "saved",
        created: true,
        alert: { n: 1, search: { target: { kind: "channel", channel: "C1" }, whenEmpty: "notice" } },
      });
      const again = await alerts.save(admin, input("team python", { place: "here" }));
      expect(again).toMatchObject({
        status: "saved",
        created: false,
        alert: { n: 1, search: { whenEmpty: "skip" } },
      });
      const trail = await audit.list(admin.workspaceId);
      expect(trail.map((e) => [e.action, e.subject, e.channelId, e.actorId])).toEqual([
        ["alert.update", "alert “team python” in <#C1>", "C1", "UA"],
        ["alert.create", "alert “team python” in <#C1>", "C1", "UA"],
      ]);
    });

    it("sends 'here' in a direct message to the member, and names an unnamed alert after what it looks for", async () => {
      const a = slackMember({ direct: true, channel: "D1" });
      const s = await saved(a, {
        name: "  ",
        query: { keywords: " ", place: "Berlin", remote: "remote_only" },
        schedule: DAILY,
        place: "here",
      });
      expect(s).toMatchObject({ name: "remote jobs in Berlin", target: { kind: "dm" } });
      const plain = await saved(a, {
        query: { keywords: "pflege", remote: "any" },
        schedule: DAILY,
        place: "dm",
      });
      expect(plain.name).toBe("pflege");
    });

    it("lets only admins point a digest at a channel, naming the admins granted in chat, unless the channel lets members", async () => {
      const member = slackMember();
      const asked = input("python", { place: "channel", channel: "C2" });
      const err = await refusal(alerts.save(member, asked));
      expect(err.code).toBe("not_admin");
      expect(err.userMessageIn("en")).toMatch(/ask one of your workspace admins, or ask them to let members/);
      await roles.grant(member.workspaceId, "UA", "admin", "UO");
      expect((await refusal(alerts.save(member, asked))).userMessageIn("en")).toMatch(
        /ask workspace admins \(<@UA>\), or ask them/,
      );
      expect(await searches.listOwned(member.workspaceId, member.userId)).toEqual([]);

      await teams.setChannel(member.workspaceId, "C2", { alertsBy: "members" }, "UA");
      expect(await saved(member, asked)).toMatchObject({ target: { kind: "channel", channel: "C2" } });
    });

    it("without team settings, takes the platform's admin flag and records nothing", async () => {
      const plain = service(undefined);
      const member = slackMember();
      const err = await refusal(plain.save(member, input("python", { place: "here" })));
      expect(err.userMessageIn("en")).toMatch(/ask one of your workspace admins/);
      const admin = { ...member, userId: "UA", isAdmin: true };
      expect(await plain.save(admin, input("python", { place: "here" }))).toMatchObject({ status: "saved" });
      await plain.change(admin, "pause", "python");
      expect(await audit.list(member.workspaceId)).toEqual([]);
    });
  });

  describe("changing alerts", () => {
    it("pauses, resumes and deletes the member's own alerts by number, several numbers, or all", async () => {
      const a = slackMember();
      const [one, two, three] = [
        await saved(a, input("a python in Berlin")),
        await saved(a, input("b go in Hamburg")),
        await saved(a, input("c rust in Köln")),
      ];
      const paused = await alerts.change(a, "pause", "1 and 3");
      expect(paused.changed.map((v) => [v.n, v.search.status, v.search.pausedReason])).toEqual([
        [1, "paused", "paused by its owner"],
        [3, "paused", "paused by its owner"],
      ]);
      expect([await scheduled(one), await scheduled(two), await scheduled(three)]).toEqual([
        false,
        true,
        false,
      ]);
      const listed = await alerts.list(a);
      expect(listed.map((v) => [v.n, v.search.status, v.next === null])).toEqual([
        [1, "paused", true],
        [2, "active", false],
        [3, "paused", true],
      ]);

      const resumed = await alerts.change(a, "resume", "1,3");
      expect(resumed.changed.map((v) => v.search.status)).toEqual(["active", "active"]);
      expect(await scheduled(three)).toBe(true);

      const deleted = await alerts.change(a, "delete", "all");
      expect(deleted.changed.map((v) => v.search.name)).toEqual([
        "a python in Berlin",
        "b go in Hamburg",
        "c rust in Köln",
      ]);
      expect(await alerts.list(a)).toEqual([]);
      expect([await scheduled(one), await scheduled(two), await scheduled(three)]).toEqual([
        false,
        false,
        false,
      ]);
      expect((await audit.list(a.workspaceId)).map((e) => e.action)).toEqual([
        ...Array<string>(3).fill("alert.delete"),
        ...Array<string>(2).fill("alert.resume"),
        ...Array<string>(2).fill("alert.pause"),
        ...Array<string>(3).fill("alert.create"),
      ]);
    });

    it("picks an alert by its exact name before the names that contain it, ignoring case and accents", async () => {
      const a = slackMember();
      await saved(a, input("python"));
      await saved(a, input("python in Köln"));
      const exact = await alerts.change(a, "pause", "PYTHON");
      expect(exact.changed.map((v) => v.search.name)).toEqual(["python"]);
      const part = await alerts.change(a, "pause", "koln");
      expect(part.changed.map((v) => v.search.name)).toEqual(["python in Köln"]);
    });

    it("says there is no such alert, or that there are none yet", async () => {
      const a = slackMember({ direct: true });
      const none = await refusal(alerts.change(a, "pause", "python"));
      expect(none).toMatchObject({ code: "alert_not_found" });
      expect(none.userMessageIn("en")).toBe(
        "You have no alerts yet. Say e.g. “alert me every Monday at 9 about python jobs in Frankfurt”.",
      );
      await saved(a, input("python in Berlin"));
      expect((await refusal(alerts.change(a, "delete", "rust"))).userMessageIn("en")).toBe(
        "I can't find the alert “rust”. Say “list my alerts” to see their numbers.",
      );
    });

    it("in a channel, lets a member change the channel's digest only where the channel lets members", async () => {
      const admin = slackMember({ userId: "UA", isAdmin: true });
      const digest = await saved(admin, input("python in Berlin", { place: "here" }));
      const member = { ...admin, userId: "UM", isAdmin: false };
      await roles.grant(admin.workspaceId, "UA", "admin", "UO");
      const err = await refusal(alerts.change(member, "pause", "python"));
      expect(err.code).toBe("not_admin");
      expect(err.userMessageIn("en")).toBe(
        "Only workspace admins (<@UA>) or its owner can pause the alert “python in Berlin” of this channel.",
      );
      // Numbers and "all" are the member's own list, never the channel's digests.
      expect((await refusal(alerts.change(member, "pause", "1"))).code).toBe("alert_not_found");
      expect((await refusal(alerts.change(member, "pause", "all"))).code).toBe("alert_not_found");
      // Nor from a DM.
      expect((await refusal(alerts.change({ ...member, direct: true }, "pause", "python"))).code).toBe(
        "alert_not_found",
      );
      expect((await searches.get(digest.id))?.status).toBe("active");

      await teams.setChannel(admin.workspaceId, "C1", { alertsBy: "members" }, "UA");
      const r = await alerts.change(member, "pause", "python");
      expect(r.changed.map((v) => [v.search.name, v.search.pausedReason])).toEqual([
        ["python in Berlin", "paused by <@UM>"],
      ]);
      expect(await scheduled(digest)).toBe(false);
      const [last] = await audit.list(admin.workspaceId);
      expect(last).toMatchObject({ action: "alert.pause", actorId: "UM", channelId: "C1" });
    });

    it("pauses an alert whose channel is gone, saying why, in the audit trail as jobscout", async () => {
      const admin = slackMember({ userId: "UA", isAdmin: true });
      const s = await saved(admin, input("python in Berlin", { place: "here" }));
      await alerts.pauseGone(s, "the bot was removed from the channel");
      expect(await searches.get(s.id)).toMatchObject({
        status: "paused",
        pausedReason: "the bot was removed from the channel",
      });
      expect(await scheduled(s)).toBe(false);
      const [last] = await audit.list(admin.workspaceId);
      expect(last).toMatchObject({
        action: "alert.pause",
        actorId: "jobscout",
        subject: "alert “python in Berlin” in <#C1>: the bot was removed from the channel",
      });
    });
  });

  describe("finding one alert", () => {
    it("finds one alert by number or name, and otherwise lists what there is", async () => {
      const a = slackMember();
      const none = await refusal(alerts.find(a, "python"));
      expect(none.userMessageIn("en")).toBe(
        "You have no alerts yet. Save one first, e.g. “alert me every Monday at 9 about python jobs in Frankfurt”.",
      );
      await saved(a, input("a python in Berlin"));
      const hamburg = await saved(a, input("b python in Hamburg"));
      expect((await alerts.find(a, "2")).id).toBe(hamburg.id);
      expect((await alerts.find(a, "hamburg")).id).toBe(hamburg.id);
      expect((await refusal(alerts.find(a, "python"))).userMessageIn("en")).toBe(
        "“python” fits 2 alerts (a python in Berlin, b python in Hamburg): name one of them.",
      );
      expect((await refusal(alerts.find(a, "rust"))).userMessageIn("en")).toBe(
        "There is no alert “rust”. Your alerts: 1. a python in Berlin, 2. b python in Hamburg.",
      );
      expect((await refusal(alerts.find(a, " "))).userMessageIn("en")).toBe(
        "There is no alert “ ”. Your alerts: 1. a python in Berlin, 2. b python in Hamburg.",
      );
    });
  });
});
