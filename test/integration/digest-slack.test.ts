// Digests delivered through the Slack stand-in with the real Web API client: to the owner's DM
// (opened with conversations.open), and a channel the bot was removed from pauses the alert and
// tells its owner once.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { App } from "../../src/compose/app.js";
import type { AlertActor } from "../../src/jobs/alerts/alerts.service.js";
import { startSlackServer, type SlackServer } from "../support/slack-server.js";
import { digestProcessor, saveAlert } from "../support/digests.js";
import { startTestApp } from "../support/harness.js";

const cleanups: Array<() => Promise<void> | void> = [];
let app: App;
let slack: SlackServer;
const owner: AlertActor = {
  workspaceId: "slack:T1",
  userId: "U1",
  platform: "slack",
  channel: "C1",
  isAdmin: true,
  platformTimeZone: "Europe/Berlin",
};

beforeAll(async () => {
  slack = await startSlackServer({ users: [{ id: "U1", name: "ana", is_admin: true, tz: "Europe/Berlin" }] });
  cleanups.push(() => slack.close());
  app = await startTestApp(
    "http://127.0.0.1:9",
    { SLACK_BOT_TOKEN: slack.botToken, SLACK_API_URL: slack.apiUrl },
    cleanups,
    { workers: false },
  );
});
afterAll(async () => {
  for (const c of cleanups.splice(0).reverse()) await c();
});

const postsTo = (channel: string) =>
  slack.callsTo("chat.postMessage").filter((c) => c.args.channel === channel && c.response.ok === true);

describe("digests in Slack", () => {
  it("opens the owner's DM and posts the digest there", async () => {
    const saved = await saveAlert(app, owner, {
      query: { keywords: "python", place: "Berlin", remote: "any" },
      schedule: { kind: "cron", pattern: "0 9 * * 1" },
      place: "dm",
      whenEmpty: "notice",
    });
    const run = await digestProcessor(app);
    expect(await run({ searchId: saved.id, dueAt: "2026-12-07T08:00:00.000Z" })).toBe("posted");
    expect(slack.callsTo("conversations.open").map((c) => c.args.users)).toContain("U1");
    const [dm] = postsTo("DU1");
    expect(dm?.args.text).toMatch(/Nothing new for your alert “python in Berlin” since the last digest/);
    // The same due time again (a retried job) posts nothing more.
    expect(await run({ searchId: saved.id, dueAt: "2026-12-07T08:00:00.000Z" })).toBe("already");
    expect(postsTo("DU1")).toHaveLength(1);
  });

  it("pauses an alert whose channel the bot was removed from and tells its owner once", async () => {
    const saved = await saveAlert(app, owner, {
      name: "team channel",
      query: { keywords: "rust", remote: "any" },
      schedule: { kind: "cron", pattern: "0 8 * * *" },
      place: "channel",
      channel: "C0GONE",
      whenEmpty: "notice",
    });
    const id = saved.id;
    const before = postsTo("DU1").length;
    slack.fail("chat.postMessage", "not_in_channel", 1);
    const run = await digestProcessor(app);
    expect(await run({ searchId: id, dueAt: "2026-12-08T07:00:00.000Z" })).toBe("paused");
    const told = postsTo("DU1").slice(before);
    expect(told.map((c) => c.args.text)).toEqual([
      expect.stringMatching(/I paused your alert “team channel”: the bot was removed from the channel\./),
    ]);
    const list = await app.alerts.list(owner);
    expect(list.find((a) => a.search.id === id)?.search).toMatchObject({
      status: "paused",
      pausedReason: "bot_removed",
    });
    // Paused: the next due time posts nothing and tells nobody again.
    expect(await run({ searchId: id, dueAt: "2026-12-09T07:00:00.000Z" })).toBe("skipped");
    expect(postsTo("DU1").slice(before)).toHaveLength(1);
    expect(postsTo("C0GONE")).toHaveLength(0);
  });
});
