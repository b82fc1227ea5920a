// Alerts when things overlap: a saved search edited, or deleted, while its digest is fetching; and
// Slack delivering the "save alert" message twice (a retry arriving while the first is handled).
import { PassThrough } from "node:stream";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startSlackSurface } from "../../src/bot/slack/slack.surface.js";
import type { App } from "../../src/compose/app.js";
import type { AlertActor } from "../../src/jobs/alerts/alerts.service.js";
import { digestProcessor, saveAlert } from "../support/digests.js";
import { eventually, startTestApp } from "../support/harness.js";
import { ARBEITNOW_PATH, startReplayServer, type ReplayServer } from "../support/replay-server.js";
import {
  eventEnvelope,
  mentionEvent,
  SlackSender,
  slackTs,
  startSlackServer,
  type SlackServer,
} from "../support/slack-server.js";

const SECRET = "test-signing-secret";
const cleanups: Array<() => Promise<void> | void> = [];
let app: App;
let replay: ReplayServer;
let slack: SlackServer;
const local: AlertActor = { workspaceId: "local", userId: "local-user", platform: "cli", isAdmin: false };

beforeAll(async () => {
  replay = await startReplayServer();
  slack = await startSlackServer({ users: [{ id: "U1", name: "ana", tz: "Europe/Berlin" }] });
  cleanups.push(
    () => replay.close(),
    () => slack.close(),
  );
  app = await startTestApp(
    replay.url,
    {
      SLACK_BOT_TOKEN: slack.botToken,
      SLACK_API_URL: slack.apiUrl,
      SLACK_SIGNING_SECRET: SECRET,
      SLACK_PORT: "0",
    },
    cleanups,
  );
});
afterAll(async () => {
  for (const c of cleanups.splice(0).reverse()) await c();
});

function printed(out: PassThrough): () => string {
  let text = "";
  out.on("data", (c: Buffer) => (text += c.toString()));
  return () => text;
}

/** Start a digest whose fresh run is held up at the job board until the returned promise settles. */
async function digestHeldAtFetch(searchId: string, dueAt: string, out: PassThrough) {
  const run = await digestProcessor(app, { out, fresh: true });
  const before = replay.requests.length;
  replay.fail(ARBEITNOW_PATH, { delayMs: 2000, times: 1 });
  const digest = run({ searchId, dueAt });
  await eventually(() => replay.requests.slice(before).some((r) => r.path === ARBEITNOW_PATH), 30_000, 20);
  // Wrapped: an async function returning the promise itself would wait for it.
  return { digest };
}

describe("alerts while their digest runs", () => {
  it("a saved search edited while its digest fetches: the digest follows the edit, and the edit is kept", async () => {
    const s = await saveAlert(app, local, {
      name: "moving",
      query: { keywords: "", place: "Berlin", remote: "any" },
      schedule: { kind: "every", everyMs: 1000 },
      place: "dm",
    });
    const out = new PassThrough();
    const text = printed(out);
    const { digest } = await digestHeldAtFetch(s.id, "2026-12-07T08:00:00.000Z", out);
    // While the run waits for the board, the owner moves the alert to Hamburg on a daily schedule.
    await saveAlert(app, local, {
      name: "moving",
      query: { keywords: "", place: "Hamburg", remote: "any" },
      schedule: { kind: "cron", pattern: "0 7 * * *" },
      place: "dm",
    });
    expect(await digest).toBe("posted");
    const places = [...text().matchAll(/^ {3}(.+?) · /gm)].map((m) => m[1]);
    expect(places.length).toBeGreaterThan(0);
    for (const p of places) expect(p).toMatch(/Hamburg/);

    const [after] = (await app.alerts.list(local)).filter((a) => a.search.id === s.id);
    expect(after?.search).toMatchObject({
      query: { place: "Hamburg" },
      schedule: { kind: "cron", pattern: "0 7 * * *" },
      status: "active",
    });
    expect(after?.search.boundarySeq).toBeGreaterThan(s.boundarySeq);
    // The scheduler holds the edited schedule: the next digest is at 07:00 in the terminal's zone.
    expect(after?.next).toBeTruthy();
    expect((await app.deliveries.history(s.id)).map((h) => h.status)).toEqual(["posted"]);
    await app.alerts.change(local, "delete", "moving");
  }, 90_000);

  it("a saved search deleted or paused while its digest fetches posts nothing", async () => {
    for (const action of ["pause", "delete"] as const) {
      const s = await saveAlert(app, local, {
        name: `stopping ${action}`,
        query: { keywords: "", place: "Berlin", remote: "any" },
        schedule: { kind: "every", everyMs: 1000 },
        place: "dm",
        whenEmpty: "notice",
      });
      await new Promise((r) => setTimeout(r, 1100)); // older than its interval: the digest fetches
      const out = new PassThrough();
      const text = printed(out);
      const { digest } = await digestHeldAtFetch(s.id, "2026-12-07T09:00:00.000Z", out);
      await app.alerts.change(local, action, `stopping ${action}`);
      expect(await digest).toBe("skipped");
      expect(text()).toBe("");
    }
  }, 90_000);
});

describe("Slack delivering the save message twice", () => {
  it("saves one alert and answers once when a retry arrives while the first delivery is handled", async () => {
    const surface = await startSlackSurface(app);
    cleanups.push(() => surface.stop());
    const send = new SlackSender(`http://127.0.0.1:${surface.port}/slack/events`, SECRET);
    const mention = (text: string, ts = slackTs()) =>
      eventEnvelope({
        teamId: slack.teamId,
        botUserId: slack.botUserId,
        event: mentionEvent({ user: "U1", channel: "C0JOBS", text, botUserId: slack.botUserId, ts }),
      });
    const saving = mention("alert me daily at 8 about rust jobs in Berlin");
    const [first, retry] = await Promise.all([send.event(saving), send.event(saving, { retryNum: 1 })]);
    expect([first.status, retry.status]).toEqual([200, 200]);
    const again = await send.event(saving, { retryNum: 2 });
    expect(again.status).toBe(200);

    const answers = (re: RegExp) =>
      slack.callsTo("chat.postMessage").filter((c) => re.test(String(c.args.text)));
    await eventually(() => answers(/Saved your alert “rust in Berlin”/).length > 0, 60_000);
    // A later message in another thread is answered after the retries were dropped.
    await send.event(mention("list my alerts"));
    const [list] = await eventually(() => {
      const l = answers(/^Your alerts:/);
      return l.length > 0 ? l : undefined;
    }, 60_000);
    expect(
      String(list?.args.text)
        .split("\n")
        .filter((l) => /^\d+\. /.test(l)),
    ).toEqual(["1. rust in Berlin: daily at 8:00 (Europe/Berlin), to you as a DM"]);
    expect(answers(/alert “rust in Berlin”/)).toHaveLength(1);
  }, 90_000);
});
