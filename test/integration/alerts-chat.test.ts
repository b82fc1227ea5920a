// Saved searches from chat, in English and German, through the chat service and the offline model:
// what a person sees when they set up, list, pause, resume and delete alerts, and who may do what.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { App } from "../../src/compose/app.js";
import type { ChatTurn } from "../../src/chat/chat-turn.js";
import { startTestApp } from "../support/harness.js";

const cleanups: Array<() => Promise<void> | void> = [];
let app: App;

beforeAll(async () => {
  // A search on the empty index starts a run no worker takes: wait for it briefly.
  app = await startTestApp("http://127.0.0.1:9", { JOBSCOUT_RUN_WAIT_MS: "1000" }, cleanups, {
    workers: false,
  });
});
afterAll(async () => {
  for (const c of cleanups.splice(0).reverse()) await c();
});

function slackTurn(
  text: string,
  o: { user?: string; tz?: string; admin?: boolean; team?: string } = {},
): ChatTurn {
  return {
    platform: "slack",
    workspace: { id: `slack:${o.team ?? "T1"}` },
    channel: "C1",
    thread: `${o.user ?? "U1"}-thread`,
    direct: false,
    user: { id: o.user ?? "U1", isAdmin: o.admin ?? false, ...(o.tz ? { timeZone: o.tz } : {}) },
    text,
    files: [],
  };
}

const say = async (text: string, o: Parameters<typeof slackTurn>[1] = {}) =>
  (await app.chat.handleTurn(slackTurn(text, o))).text;

describe("alerts from chat", () => {
  it("saves an alert with the time zone from the Slack profile, lists it, and saving it again keeps one", async () => {
    const saved = await say("alert me every Monday at 9 about new python jobs in Frankfurt", {
      tz: "Europe/Berlin",
    });
    expect(saved).toMatch(
      /Saved your alert “python in Frankfurt am Main”: every Monday at 9:00 \(Europe\/Berlin\), to you as a DM\./,
    );
    // The next digest is a Monday at 09:00 in Berlin, as BullMQ's scheduler holds it.
    expect(saved).toMatch(/Next digest: Mon \d+ \w+, 09:00 (CET|CEST|GMT\+1|GMT\+2)/);

    const again = await say("alert me every Monday at 9 about new python jobs in Frankfurt", {
      tz: "Europe/Berlin",
    });
    expect(again).toMatch(/Updated your alert “python in Frankfurt am Main”/);
    const list = await say("list my alerts", { tz: "Europe/Berlin" });
    expect(list.split("\n").filter((l) => /^\d+\. /.test(l))).toEqual([
      "1. python in Frankfurt am Main: every Monday at 9:00 (Europe/Berlin), to you as a DM",
    ]);
  });

  it("asks once for the time zone when the platform has none, then saves the alert that waited for it", async () => {
    const asked = await say("alert me daily at 8 about rust jobs", { user: "U2" });
    expect(asked).toMatch(/Which time zone should your alerts use\?/);
    const saved = await say("America/New_York", { user: "U2" });
    expect(saved).toMatch(/Saved your alert “rust”: daily at 8:00 \(America\/New_York\)/);
    // Remembered: the next alert does not ask again.
    const second = await say("alert me weekdays at 5pm about java jobs in Munich called java muc", {
      user: "U2",
    });
    expect(second).toMatch(/Saved your alert “java muc”: on weekdays at 17:00 \(America\/New_York\)/);
  });

  it("answers in German", async () => {
    const saved = await say("jeden Montag um 9 Uhr neue Pflege Jobs in Bamberg", {
      user: "U3",
      tz: "Europe/Berlin",
    });
    expect(saved).toMatch(
      /Dein Alert „Pflege in Bamberg“ ist gespeichert: jeden Montag um 9:00 \(Europe\/Berlin\), dir als Direktnachricht\./,
    );
    const list = await say("zeig meine Alerts", { user: "U3" });
    expect(list).toMatch(/^Deine Alerts:\n1\. Pflege in Bamberg: jeden Montag um 9:00/);
    expect(await say("pausiere Alert 1", { user: "U3" })).toBe("Pausiert: “Pflege in Bamberg”.");
    expect(await say("zeig meine Alerts", { user: "U3" })).toMatch(
      /1\. Pflege in Bamberg: .* — pausiert \(paused by its owner\)/,
    );
  });

  it("pauses, resumes and deletes only the member's own alerts", async () => {
    await say("alert me daily at 7 about golang jobs in Berlin", { user: "U4", tz: "Europe/Berlin" });
    expect(await say("list my alerts", { user: "U5", tz: "Europe/Berlin" })).toMatch(
      /You have no alerts yet/,
    );
    expect(await say("delete alert golang", { user: "U5", tz: "Europe/Berlin" })).toMatch(
      /You have no alerts yet/,
    );

    expect(await say("pause alert 1", { user: "U4" })).toBe("Paused: “golang in Berlin”.");
    const paused = await say("list my alerts", { user: "U4" });
    expect(paused).toMatch(/paused \(paused by its owner\)/);
    expect(await say("resume alert golang", { user: "U4" })).toBe("Resumed: “golang in Berlin”.");
    expect(await say("delete alert 1", { user: "U4" })).toBe("Deleted: “golang in Berlin”.");
    expect(await say("list my alerts", { user: "U4" })).toMatch(/You have no alerts yet/);
  });

  it("lets only a workspace admin send a digest to a channel, and says who may", async () => {
    await say("python jobs in Berlin", { user: "U6", tz: "Europe/Berlin" });
    const refused = await say("daily at 8 in <#C0JOBS|jobs>", { user: "U6", tz: "Europe/Berlin" });
    expect(refused).toMatch(/Only a workspace admin can set up a digest for a channel/);
    expect(await say("list my alerts", { user: "U6" })).toMatch(/You have no alerts yet/);

    await say("python jobs in Berlin", { user: "U7", tz: "Europe/Berlin", admin: true });
    const saved = await say("daily at 8 in <#C0JOBS|jobs>", { user: "U7", tz: "Europe/Berlin", admin: true });
    expect(saved).toMatch(
      /Saved your alert “python in Berlin”: daily at 8:00 \(Europe\/Berlin\), in <#C0JOBS>\./,
    );
  });

  it("keeps one workspace's alerts out of another's", async () => {
    await say("alert me daily at 9 about kotlin jobs", { user: "U8", tz: "Europe/Berlin", team: "TA" });
    expect(await say("list my alerts", { user: "U8", tz: "Europe/Berlin", team: "TB" })).toMatch(
      /You have no alerts yet/,
    );
  });
});
