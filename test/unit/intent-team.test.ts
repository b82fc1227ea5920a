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
    ["seen 2", { action: "mark", n: 2, mark: "seen" }],
    ["I've already seen 3", { action: "mark", n: 3, mark: "seen" }],
    ["4 habe ich schon gesehen", { action: "mark", n: 4, mark: "seen" }],
    ["who paused the <#C1> alert?", { action: "audit", channel: "C1", alertAction: "alert.pause" }],
    ["wer hat den Alert gelöscht?", { action: "audit", alertAction: "alert.delete" }],
    ["make <@U2> an admin", { action: "grant", user: "U2", role: "admin" }],
    ["mach <@123456> zum Mitglied", { action: "grant", user: "123456", role: "member" }],
    ["make this a team channel", { action: "settings", team: true }],
    ["this is not a team channel any more", { action: "settings", team: false }],
    ["members may set up alerts here", { action: "settings", alertsBy: "members" }],
    ["only admins may change alerts here", { action: "settings", alertsBy: "admins" }],
    ["what did the team apply to this week", { action: "activity", mark: "applied" }],
    [
      "set this channel's default place to Frankfurt, radius 30 km",
      { action: "settings", place: "Frankfurt", radiusKm: 30 },
    ],
    [
      "Standardort dieses Kanals auf Frankfurt am Main, Umkreis 30 km",
      { action: "settings", place: "Frankfurt am Main", radiusKm: 30 },
    ],
    [
      "set the default keywords for this channel to python backend",
      { action: "settings", keywords: "python backend" },
    ],
    ["Standard-Stichwörter für diesen Kanal: Pflege", { action: "settings", keywords: "Pflege" }],
    ["no default place for this channel", { action: "settings", place: null }],
    ["set this channel's language to German", { action: "settings", lang: "de" }],
    ["Sprache dieses Kanals auf Englisch", { action: "settings", lang: "en" }],
    ["answer only when mentioned", { action: "settings", mentionOnly: true }],
    ["antworte hier nur, wenn du erwähnt wirst", { action: "settings", mentionOnly: true }],
    ["answer every message in this channel", { action: "settings", mentionOnly: false }],
  ])("%s", (text, expected) => {
    expect(readTeamRequest(text)).toEqual(expected);
  });

  it.each([
    "applied science jobs within 20 km",
    "find python jobs in Frankfurt within 30 km",
    "python jobs here",
    "python jobs in Berlin",
    "alert me daily at 8 about python jobs for team leads",
    "save 2",
    "pause alert 2",
  ])("leaves “%s” to the other rules", (text) => {
    expect(readTeamRequest(text)).toBeUndefined();
  });
});
