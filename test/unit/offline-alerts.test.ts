// Alerts with the built-in offline model, turn by turn: which alert tool a request becomes and with
// which search, schedule and target (the filters it names, every few hours, a channel, a name,
// "even when there is nothing new", a time zone), a time zone given after the model asked for one,
// and how the alert tools' answers read (saved, listed with paused ones, changed, time zone set).
import { AIMessage, HumanMessage, ToolMessage, type BaseMessage } from "@langchain/core/messages";
import { describe, expect, it } from "vitest";
import { OfflineChatModel } from "../../src/agents/offline-model.js";
import { createPlaceLookup } from "../../src/agents/place-lookup.js";

const PLACES: Record<string, { name: string; country: string; population: number }> = {
  berlin: { name: "Berlin", country: "DE", population: 3_600_000 },
};
const model = new OfflineChatModel({ lookupPlace: createPlaceLookup((n) => PLACES[n.toLowerCase()]) });

async function reply(messages: BaseMessage[]) {
  const out = await model.invoke(messages);
  return {
    text: out.content as string,
    calls: (out.tool_calls ?? []).map((c) => ({ name: c.name, args: c.args })),
  };
}
const say = (text: string, before: BaseMessage[] = []) => reply([...before, new HumanMessage(text)]);

function exchange(
  name: string,
  args: Record<string, unknown>,
  result: unknown,
  id = `c-${name}`,
): BaseMessage[] {
  return [
    new AIMessage({ content: "", tool_calls: [{ name, args, id, type: "tool_call" }] }),
    new ToolMessage({ content: JSON.stringify(result), name, tool_call_id: id }),
  ];
}

const alert = (extra: Record<string, unknown> = {}) => ({
  n: 1,
  name: "python in Berlin",
  query: { keywords: "python" },
  schedule: { kind: "cron", pattern: "0 9 * * 1" },
  tz: "Europe/Berlin",
  target: { kind: "dm" },
  status: "active",
  pausedReason: null,
  next: null,
  ...extra,
});

describe("alert requests to the offline model", () => {
  it("saves an alert with every filter the request names", async () => {
    const r = await say(
      "alert me daily at 8 about senior part-time python jobs in Berlin within 20 km, at least 60k",
    );
    expect(r.calls).toEqual([
      {
        name: "save_alert",
        args: {
          keywords: "python",
          place: "Berlin",
          radiusKm: 20,
          remote: "any",
          employmentType: "part_time",
          seniority: "senior",
          salaryMin: 60000,
          cron: "0 8 * * *",
          deliverTo: "dm",
        },
      },
    ]);
  });

  it("posts to a channel every few hours under a name, here on weekdays, and even when nothing is new", async () => {
    expect(
      (await say("every 2 hours post remote python jobs in <#C123|jobs> called Remote Python")).calls,
    ).toEqual([
      {
        name: "save_alert",
        args: {
          keywords: "python",
          remote: "remote_only",
          everyMinutes: 120,
          deliverTo: "channel",
          channel: "C123",
          name: "Remote Python",
        },
      },
    ]);
    expect((await say("post python jobs in Berlin here every weekday at 9")).calls).toEqual([
      {
        name: "save_alert",
        args: { keywords: "python", place: "Berlin", remote: "any", cron: "0 9 * * 1-5", deliverTo: "here" },
      },
    ]);
    expect(
      (
        await say(
          "alert me every Monday at 9 about python jobs in Berlin even when there is nothing new, Europe/Berlin",
        )
      ).calls,
    ).toEqual([
      {
        name: "save_alert",
        args: {
          keywords: "python",
          place: "Berlin",
          remote: "any",
          cron: "0 9 * * 1",
          deliverTo: "dm",
          whenEmpty: "notice",
          timeZone: "Europe/Berlin",
        },
      },
    ]);
  });

  it("saves the alert it asked a time zone for once the person names one; else sets the time zone of all", async () => {
    const asked = [
      new HumanMessage("alert me every Monday at 9 about python jobs"),
      ...exchange(
        "save_alert",
        { keywords: "python", remote: "any", cron: "0 9 * * 1", deliverTo: "dm" },
        { kind: "need_time_zone" },
      ),
      new AIMessage("Which time zone should your alerts use?"),
    ];
    expect((await say("Europe/Berlin", asked)).calls).toEqual([
      {
        name: "save_alert",
        args: {
          keywords: "python",
          remote: "any",
          cron: "0 9 * * 1",
          deliverTo: "dm",
          timeZone: "Europe/Berlin",
        },
      },
    ]);
    // The alert was saved since: a time zone now moves every alert.
    const saved = [
      ...asked,
      new HumanMessage("Europe/Berlin"),
      ...exchange(
        "save_alert",
        { timeZone: "Europe/Berlin" },
        { kind: "saved", created: true, alert: alert() },
        "c2",
      ),
      new AIMessage("Saved your alert"),
    ];
    expect((await say("use time zone America/New_York", saved)).calls).toEqual([
      { name: "change_alert", args: { action: "time_zone", timeZone: "America/New_York" } },
    ]);
    // A result whose call is not in the conversation any more asks nothing of it.
    const orphan = [
      new HumanMessage("hi"),
      new ToolMessage({ content: '{"kind":"need_time_zone"}', name: "save_alert", tool_call_id: "gone" }),
      new AIMessage("Which time zone?"),
    ];
    expect((await say("Europe/Berlin", orphan)).calls).toEqual([
      { name: "change_alert", args: { action: "time_zone", timeZone: "Europe/Berlin" } },
    ]);
  });

  it("deletes and resumes alerts by number or all", async () => {
    expect((await say("delete my alerts")).calls).toEqual([
      { name: "change_alert", args: { action: "delete", alert: "all" } },
    ]);
    expect((await say("resume alert 2")).calls).toEqual([
      { name: "change_alert", args: { action: "resume", alert: "2" } },
    ]);
  });
});

describe("the alert tools' answers in words", () => {
  const answer = async (name: string, result: unknown) =>
    (await reply([new HumanMessage("alerts"), ...exchange(name, {}, result)])).text;

  it("says what was saved, when the next digest comes, and where it goes", async () => {
    expect(
      await answer("save_alert", {
        kind: "saved",
        created: false,
        alert: alert({
          schedule: { kind: "every", everyMs: 7_200_000 },
          target: { kind: "channel", channel: "C123" },
          next: "2026-12-07T08:00:00.000Z",
        }),
      }),
    ).toBe(
      [
        "Updated your alert “python in Berlin”: every 2 h (Europe/Berlin), in <#C123>.",
        "Next digest: Mon 7 Dec, 09:00 CET.",
        "Each digest shows only jobs that are new or changed since the one before.",
      ].join("\n"),
    );
  });

  it("lists alerts with their schedules, targets and why one is paused", async () => {
    const text = await answer("list_alerts", {
      kind: "list",
      alerts: [
        alert({ schedule: { kind: "cron", pattern: "30 * * * *" }, target: { kind: "terminal" } }),
        alert({
          n: 2,
          name: "weekly",
          schedule: { kind: "cron", pattern: "0 8 * * 1,3" },
          status: "paused",
          pausedReason: "archived",
        }),
        alert({
          n: 3,
          name: "old",
          schedule: { kind: "every", everyMs: 1_800_000 },
          status: "paused",
          pausedReason: "stopped by hand",
        }),
      ],
    });
    expect(text).toBe(
      [
        "Your alerts:",
        "1. python in Berlin: every hour (Europe/Berlin), in this terminal",
        "2. weekly: every Monday, Wednesday at 8:00 (Europe/Berlin), to you as a DM — paused (the channel was archived)",
        "3. old: every 30 min (Europe/Berlin), to you as a DM — paused (stopped by hand)",
        "Say “pause alert 2”, “resume alert 2” or “delete alert 2”.",
      ].join("\n"),
    );
  });

  it("says what changed and which time zone the alerts now use", async () => {
    expect(
      await answer("change_alert", {
        kind: "changed",
        action: "pause",
        alerts: [alert(), alert({ n: 2, name: "weekly" })],
      }),
    ).toBe("Paused: “python in Berlin”, “weekly”.");
    expect(
      await answer("change_alert", { kind: "time_zone", timeZone: "America/New_York", updated: 2 }),
    ).toBe("Your alerts now use the time zone America/New_York (2 alerts moved).");
  });
});
