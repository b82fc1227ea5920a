// The save_alert tool as any chat model calls it (an OpenAI-compatible model picks its own
// arguments): it saves only what the person asked for in their own message, turns the schedule it
// is given into one it can keep (at least every 15 minutes, daily at 9 when none is named) or says
// which it can, names a place it does not know, and keeps the search's filters within bounds.
// Also the whole way from chat: "at least 60k" once reached the tool as {min, period}, which its
// schema refused. Real store (SQLite) and Redis (the digest schedules) of a test app.
import { describe, expect, it } from "vitest";
import type { App } from "../../src/compose/app.js";
import { resolvePlace } from "../../src/core/geo/gazetteer.js";
import { readRequest } from "../../src/tools/request.js";
import { createSaveAlertTool } from "../../src/tools/save-alert.tool.js";
import { startTestApp } from "../support/harness.js";
import { replayPerFile } from "../support/replay-per-file.js";
import { invokeTool, terminalTurn } from "../support/turns.js";

const { server: replay, cleanups } = replayPerFile();

async function saveAlert(app: App, said: string, args: Record<string, unknown>) {
  const t = createSaveAlertTool({ alerts: app.alerts, resolvePlace: (n) => resolvePlace(n) });
  const context = {
    workspaceId: "local",
    userId: "me",
    threadId: "t-alerts",
    platform: "cli",
    direct: true,
    isAdmin: true,
    request: readRequest(said),
    used: { marks: 0 },
  };
  return invokeTool(t, { name: "save_alert", args }, context);
}

describe("the save_alert tool", () => {
  it("saves nothing the person did not ask for", async () => {
    const app = await startTestApp(replay().url, { JOBSCOUT_FIT_VERDICT: "off" }, cleanups, {
      workers: false,
    });
    const r = await saveAlert(app, "python jobs in Berlin", {
      keywords: "python",
      deliverTo: "dm",
      everyMinutes: 60,
    });
    expect(r.artifact).toBeNull();
    expect(typeof r.content.error).toBe("string");
    expect(
      await app.alerts.list({
        workspaceId: "local",
        userId: "me",
        platform: "cli",
        direct: true,
        isAdmin: true,
      }),
    ).toEqual([]);
  });

  it("keeps a schedule it can: at least every 15 minutes, daily at 9 when none is named; says which it can", async () => {
    const app = await startTestApp(replay().url, { JOBSCOUT_FIT_VERDICT: "off" }, cleanups, {
      workers: false,
    });
    const said = "alert me about python jobs";
    const often = await saveAlert(app, said, {
      keywords: "python",
      deliverTo: "dm",
      everyMinutes: 5,
      name: "often",
    });
    expect(often.artifact).toMatchObject({
      kind: "saved",
      created: true,
      alert: { name: "often", schedule: { kind: "every", everyMs: 900_000 } },
    });
    const daily = await saveAlert(app, said, { keywords: "python", deliverTo: "dm", name: "daily" });
    expect(daily.artifact).toMatchObject({ alert: { schedule: { kind: "cron", pattern: "0 9 * * *" } } });
    const bad = await saveAlert(app, said, { keywords: "python", deliverTo: "dm", cron: "at nine" });
    expect(bad).toEqual({
      content: {
        error:
          "I can send digests on a weekly or daily time (e.g. “every Monday at 9”, “daily at 8”) or every 15 minutes or more.",
      },
      artifact: null,
    });
  });

  it("names a place it does not know, and keeps the filters within bounds", async () => {
    const app = await startTestApp(replay().url, { JOBSCOUT_FIT_VERDICT: "off" }, cleanups, {
      workers: false,
    });
    const said = "alert me daily about python jobs in Berlin";
    const unknown = await saveAlert(app, said, {
      keywords: "python",
      place: "Atlantisstadt Xyz",
      deliverTo: "dm",
    });
    expect(unknown.content).toEqual({
      error: 'I don\'t know a place called "Atlantisstadt Xyz". Try a city name, e.g. "Frankfurt".',
    });
    const wide = await saveAlert(app, said, {
      keywords: "python",
      place: "berlin",
      radiusKm: 1000,
      remote: "remote_ok",
      employmentType: "part_time",
      seniority: "senior",
      salaryMin: 60000,
      deliverTo: "dm",
    });
    expect(wide.artifact).toMatchObject({
      kind: "saved",
      alert: {
        query: {
          keywords: "python",
          place: "Berlin",
          radiusKm: 300,
          remote: "remote_ok",
          employmentType: "part_time",
          seniority: "senior",
          salaryMin: 60000,
        },
      },
    });
  });

  it("saves an alert with a salary floor asked for in chat (the offline model's call fits the tool)", async () => {
    const app = await startTestApp(replay().url, { JOBSCOUT_FIT_VERDICT: "off" }, cleanups, {
      workers: false,
    });
    const reply = await app.chat.handleTurn(
      terminalTurn("t-floor", "alert me daily at 8 about python jobs in Berlin, at least 60k"),
    );
    expect(reply.text.split("\n")[0]).toBe(
      "Saved your alert “python in Berlin”: daily at 8:00 (UTC), in this terminal.",
    );
  });
});
