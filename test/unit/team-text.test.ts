// The team tool's answers in words, English and German: channel settings and their defaults, roles,
// the audit trail, a member's mark and the team's recent marks; the marks cards show per job.
import { describe, expect, it } from "vitest";
import { renderTeam } from "../../src/agents/render-team.js";
import { teamNotes } from "../../src/answers/team.js";

describe("team answers", () => {
  it("sum up a channel's search defaults, its language and when it answers", () => {
    const channel = (defaults: object, mentionOnly = false) =>
      renderTeam({ kind: "channel", channel: "C1", defaults, mentionOnly });
    expect(channel({ place: "Bamberg", radiusKm: 30, keywords: "pflege" })).toBe(
      "Settings of <#C1>: default place Bamberg (30 km); default keywords “pflege”; I answer every message. A search here without its own place, radius or keywords takes these.",
    );
    expect(channel({ radiusKm: 50, lang: "de" }, true)).toBe(
      "Settings of <#C1>: default radius 50 km; answers in German; I answer only when mentioned. A search here without its own place, radius or keywords takes these.",
    );
    expect(renderTeam({ kind: "channel", channel: "C1", defaults: {}, mentionOnly: false }, "de")).toBe(
      "Einstellungen von <#C1>: keine Standardwerte für die Suche; ich antworte auf jede Nachricht. Eine Suche hier ohne eigenen Ort, Umkreis oder Stichwörter nimmt diese.",
    );
  });

  it("list the audit trail in UTC, jobscout's own changes by name, or say nothing changed", () => {
    const entries = [
      {
        workspaceId: "slack:T1",
        channelId: "C1",
        actorId: "U1",
        action: "role.grant",
        subject: "<@U2> → admin",
        at: "2026-11-30T09:15:42.000Z",
      },
      {
        workspaceId: "slack:T1",
        channelId: null,
        actorId: "jobscout",
        action: "alert.pause",
        subject: "alert “python in Berlin”",
        at: "2026-11-29T18:00:00.000Z",
      },
      {
        workspaceId: "slack:T1",
        channelId: null,
        actorId: "U3",
        action: "source.track",
        subject: "Greenhouse n26",
        at: "2026-11-28T07:05:00.000Z",
      },
    ];
    expect(renderTeam({ kind: "audit", entries }, "de")).toBe(
      [
        "Änderungen, neueste zuerst:",
        "• 2026-11-30 09:15 UTC — <@U1> hat vergeben: <@U2> → admin",
        "• 2026-11-29 18:00 UTC — jobscout hat pausiert: alert “python in Berlin”",
        "• 2026-11-28 07:05 UTC — <@U3> source.track Greenhouse n26",
      ].join("\n"),
    );
    expect(renderTeam({ kind: "audit", entries: [] })).toBe("Nothing was changed yet.");
  });

  it("confirm roles, settings and a member's mark, and list what the team marked lately", () => {
    expect(renderTeam({ kind: "role", user: "U2", role: "admin" })).toBe(
      "<@U2> is now an admin of this workspace.",
    );
    expect(renderTeam({ kind: "role", user: "U2", role: "member" }, "de")).toBe(
      "<@U2> ist jetzt Mitglied dieses Workspaces.",
    );
    expect(renderTeam({ kind: "settings", channel: "C1", team: false, alertsBy: "admins" })).toBe(
      "<#C1> is not a team channel: marks stay with each member; only admins may set up and change its alerts.",
    );
    expect(
      renderTeam({
        kind: "marked",
        job: { title: "Pflegefachkraft", company: "Klinikum Bamberg" },
        mark: null,
      }),
    ).toBe(
      "You took back your mark on “Pflegefachkraft” at Klinikum Bamberg. The channel sees it when someone asks what the team claimed or applied to.",
    );
    expect(
      renderTeam({
        kind: "activity",
        mark: "claimed",
        days: 7,
        jobs: [{ title: "Pflegefachkraft", company: "Klinikum Bamberg", by: ["U1", "U2"] }],
      }),
    ).toBe("Claimed by the team in the last 7 days:\n• Pflegefachkraft — Klinikum Bamberg (<@U1>, <@U2>)");
    expect(renderTeam({ kind: "activity", mark: "seen", days: 14, jobs: [] }, "de")).toBe(
      "In den letzten 14 Tagen hat hier niemand so einen Job markiert.",
    );
  });

  it("gather the team's marks per job as cards show them", () => {
    const notes = teamNotes([
      { jobId: 7, userId: "U1", mark: "claimed", createdAt: "2026-11-30T09:00:00.000Z" },
      { jobId: 7, userId: "U2", mark: "applied", createdAt: "2026-11-30T09:00:00.000Z" },
      { jobId: 7, userId: "U3", mark: "applied", createdAt: "2026-11-30T09:00:00.000Z" },
      { jobId: 9, userId: "U1", mark: "seen", createdAt: "2026-11-30T09:00:00.000Z" },
    ] as Parameters<typeof teamNotes>[0]);
    expect(Object.fromEntries(notes)).toEqual({
      7: ["claimed by <@U1>", "applied: <@U2>, <@U3>"],
      9: ["seen by <@U1>"],
    });
  });
});
