// What the offline model reads as a team request — and what it must leave to searches and alerts.
import { describe, expect, it } from "vitest";
import { readTeamRequest } from "../../src/agents/intent-team.js";

describe("team requests", () => {
  it.each([
    ["I'll apply to 2", { action: "mark", n: 2, mark: "claimed" }],
    ["I applied to 1", { action: "mark", n: 1, mark: "applied" }],
    ["2 not relevant", { action: "mark", n: 2, mark: "not_relevant" }],
    ["ich bewerbe mich auf 2", { action: "mark", n: 2, mark: "claimed" }],
    ["unclaim 2", { action: "mark", n: 2, mark: null }],
    ["who paused the <#C1> alert?", { action: "audit", channel: "C1", alertAction: "alert.pause" }],
    ["wer hat den Alert gelöscht?", { action: "audit", alertAction: "alert.delete" }],
    ["make <@U2> an admin", { action: "grant", user: "U2", role: "admin" }],
    ["mach <@123456> zum Mitglied", { action: "grant", user: "123456", role: "member" }],
    ["make this a team channel", { action: "settings", team: true }],
    ["this is not a team channel any more", { action: "settings", team: false }],
    ["members may set up alerts here", { action: "settings", alertsBy: "members" }],
    ["only admins may change alerts here", { action: "settings", alertsBy: "admins" }],
    ["what did the team apply to this week", { action: "activity", mark: "applied" }],
  ])("%s", (text, expected) => {
    expect(readTeamRequest(text)).toEqual(expected);
  });

  it.each([
    "applied science jobs within 20 km",
    "python jobs in Berlin",
    "alert me daily at 8 about python jobs for team leads",
    "save 2",
    "pause alert 2",
  ])("leaves “%s” to the other rules", (text) => {
    expect(readTeamRequest(text)).toBeUndefined();
  });
});
