// Digests on BullMQ's job schedulers with the real Redis: several workers and copies of a due job
// post once; workers down across due times catch up with one digest, not a backlog; a schedule at
// 02:30 Europe/Berlin fires once on both clock-change days.
import { PassThrough } from "node:stream";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { App } from "../../src/compose/app.js";
import type { AlertActor } from "../../src/jobs/alerts/alerts.service.js";
import { digestWorker, saveAlert, type DigestDone } from "../support/digests.js";
import { eventually, startTestApp } from "../support/harness.js";

const cleanups: Array<() => Promise<void> | void> = [];
let app: App;
const actor: AlertActor = { workspaceId: "local", userId: "local-user", platform: "cli", isAdmin: false };

beforeAll(async () => {
  app = await startTestApp("http://127.0.0.1:9", {}, cleanups, { workers: false });
});
afterAll(async () => {
  for (const c of cleanups.splice(0).reverse()) await c();
});

function output(out: PassThrough): () => string {
  let text = "";
  out.on("data", (c: Buffer) => (text += c.toString()));
  return () => text;
}

const dueOf = (id: string | undefined) => Number(/:(\d+)$/.exec(id ?? "")?.[1]);

describe("digest schedules", () => {
  it("posts a due digest once although three workers and two extra copies of the job see it", async () => {
    const saved = await saveAlert(app, actor, {
      name: "three workers",
      query: { keywords: "python", remote: "any" },
      schedule: { kind: "cron", pattern: "0 9 * * *" },
      place: "dm",
      whenEmpty: "notice",
    });
    const id = saved.id;
    const queue = app.schedules.queue("cli");
    const [due] = (await queue.getDelayed()).filter((j) => (j.data as { searchId: string }).searchId === id);
    expect(due).toBeDefined();
    const dueMs = dueOf(due!.id);

    const out = new PassThrough();
    const printed = output(out);
    const done: DigestDone = [];
    const workers = await Promise.all([0, 1, 2].map(() => digestWorker(app, done, { out })));
    cleanups.push(async () => {
      for (const w of workers) await w.stop();
    });
    // A retried or stalled job is the same (search, due time) run again.
    await queue.add("digest", { searchId: id }, { jobId: `${id}-copy1-${dueMs}` });
    await queue.add("digest", { searchId: id }, { jobId: `${id}-copy2-${dueMs}` });
    await due!.promote();

    await eventually(() => done.filter((d) => d.id === id).length >= 3, 30_000);
    expect(printed().match(/Nothing new for your alert “three workers”/g)).toHaveLength(1);
    expect(
      done
        .filter((d) => d.id === id)
        .map((d) => d.outcome)
        .sort(),
    ).toEqual(["already", "already", "posted"]);
    expect((await app.deliveries.history(id)).map((h) => [h.dueAt, h.status])).toEqual([
      [new Date(dueMs).toISOString(), "posted"],
    ]);
    // The scheduler holds the next due time only, a day later.
    const [next] = (await queue.getDelayed()).filter((j) => (j.data as { searchId: string }).searchId === id);
    expect(dueOf(next?.id) - dueMs).toBe(86_400_000);
    for (const w of workers) await w.stop();
    await app.alerts.change(actor, "delete", "three workers");
  }, 60_000);

  it("catches up with one digest, not a backlog, after workers were down across due times", async () => {
    const saved = await saveAlert(app, actor, {
      name: "catch up",
      query: { keywords: "", remote: "any" },
      schedule: { kind: "every", everyMs: 1000 },
      place: "dm",
      whenEmpty: "notice",
    });
    const id = saved.id;
    // No worker runs while five due times pass.
    await new Promise((r) => setTimeout(r, 5000));
    const restarted = Date.now();
    const out = new PassThrough();
    const done: DigestDone = [];
    const worker = await digestWorker(app, done, { out });
    cleanups.push(() => worker.stop());
    await eventually(() => done.some((d) => d.id === id), 30_000);
    await app.alerts.change(actor, "pause", "catch up");
    await worker.stop();
    const missed = (await app.deliveries.history(id, 100)).filter((h) => Date.parse(h.dueAt) < restarted);
    expect(missed).toHaveLength(1);
  }, 60_000);

  it("fires a 02:30 Europe/Berlin schedule once on both clock-change days", async () => {
    const saved = await saveAlert(app, actor, {
      name: "night owl",
      query: { keywords: "", remote: "any" },
      schedule: { kind: "cron", pattern: "30 2 * * *" },
      place: "dm",
      whenEmpty: "notice",
    });
    const search = { ...saved, tz: "Europe/Berlin" };
    const queue = app.schedules.queue("cli");
    const dueFor = async () =>
      (await queue.getDelayed())
        .filter((j) => (j.data as { searchId: string }).searchId === search.id)
        .map((j) => j.id);

    // 28 March 2027: 02:30 does not exist (02:00 → 03:00); the digest comes at 03:30 CEST, once.
    await app.schedules.upsert(search, { startDate: new Date("2027-03-27T12:00:00Z") });
    const spring = await dueFor();
    expect(spring.map((j) => new Date(dueOf(j)).toISOString())).toEqual(["2027-03-28T01:30:00.000Z"]);

    // 31 October 2027: 02:30 happens twice (CEST, then CET); the digest comes at the first only.
    await app.schedules.remove(search);
    await app.schedules.upsert(search, { startDate: new Date("2027-10-30T12:00:00Z") });
    const [autumn] = (await queue.getDelayed()).filter(
      (j) => (j.data as { searchId: string }).searchId === search.id,
    );
    expect(new Date(dueOf(autumn?.id)).toISOString()).toBe("2027-10-31T00:30:00.000Z");
    const out = new PassThrough();
    const done: DigestDone = [];
    const worker = await digestWorker(app, done, { out });
    cleanups.push(() => worker.stop());
    await autumn!.promote();
    await eventually(() => done.some((d) => d.id === search.id), 30_000);
    await eventually(async () => (await dueFor()).length === 1, 10_000);
    expect((await dueFor()).map((j) => new Date(dueOf(j)).toISOString())).toEqual([
      "2027-11-01T01:30:00.000Z",
    ]);
    await worker.stop();
    await app.alerts.change(actor, "delete", "night owl");
  }, 60_000);
});
