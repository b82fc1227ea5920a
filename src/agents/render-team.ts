// Team answers in words, English and German: channel settings, roles, the audit trail, shared marks.
import type { TeamAnswer } from "../answers/team.js";
import type { AuditEntry } from "../store/audit.repo.js";
import type { TeamMark } from "../store/teams.repo.js";
import type { Lang } from "./language.js";
import { phrasesFor } from "../answers/phrases/phrases.js";

const W = {
  en: {
    settings: (ch: string, team: boolean, by: string) =>
      `<#${ch}> is ${team ? "a team channel: marks (seen, claimed, applied, not relevant) are shared here" : "not a team channel: marks stay with each member"}; ${by === "members" ? "every member" : "only admins"} may set up and change its alerts.`,
    role: (u: string, r: string) =>
      `<@${u}> is now ${r === "member" ? "a member" : `an ${r}`} of this workspace.`,
    noAudit: "Nothing was changed yet.",
    auditHead: "Changes, newest first:",
    action: {
      "alert.create": "set up",
      "alert.update": "changed",
      "alert.pause": "paused",
      "alert.resume": "resumed",
      "alert.delete": "deleted",
      "channel.settings": "changed the settings of",
      "role.grant": "made",
    } as Record<string, string>,
    marked: {
      claimed: "claimed (will apply)",
      applied: "applied to",
      not_relevant: "marked as not relevant",
      seen: "marked as seen",
      clear: "took back your mark on",
    } as Record<string, string>,
    markedText: (what: string, job: string) =>
      `You ${what} ${job}. The channel sees it when someone asks what the team claimed or applied to.`,
    activityHead: (m: TeamMark, days: number) =>
      `${m === "applied" ? "Applied to" : m === "claimed" ? "Claimed" : m === "seen" ? "Seen" : "Not relevant"} by the team in the last ${days} days:`,
    noActivity: (days: number) => `Nobody in this channel marked a job like that in the last ${days} days.`,
  },
  de: {
    settings: (ch: string, team: boolean, by: string) =>
      `<#${ch}> ist ${team ? "ein Teamkanal: Markierungen (gesehen, übernommen, beworben, nicht relevant) sieht hier jeder" : "kein Teamkanal: Markierungen bleiben bei jedem selbst"}; ${by === "members" ? "jedes Mitglied" : "nur Admins"} dürfen seine Alerts anlegen und ändern.`,
    role: (u: string, r: string) =>
      `<@${u}> ist jetzt ${r === "member" ? "Mitglied" : r === "admin" ? "Admin" : "Besitzer"} dieses Workspaces.`,
    noAudit: "Bisher wurde nichts geändert.",
    auditHead: "Änderungen, neueste zuerst:",
    action: {
      "alert.create": "hat angelegt:",
      "alert.update": "hat geändert:",
      "alert.pause": "hat pausiert:",
      "alert.resume": "hat fortgesetzt:",
      "alert.delete": "hat gelöscht:",
      "channel.settings": "hat Einstellungen geändert:",
      "role.grant": "hat vergeben:",
    } as Record<string, string>,
    marked: {
      claimed: "übernimmst (bewirbst dich auf)",
      applied: "hast dich beworben auf",
      not_relevant: "hast als nicht relevant markiert:",
      seen: "hast als gesehen markiert:",
      clear: "hast deine Markierung zurückgenommen:",
    } as Record<string, string>,
    markedText: (what: string, job: string) =>
      `Du ${what} ${job}. Der Kanal sieht es, wenn jemand fragt, worauf sich das Team beworben hat.`,
    activityHead: (m: TeamMark, days: number) =>
      `${m === "applied" ? "Beworben" : m === "claimed" ? "Übernommen" : m === "seen" ? "Gesehen" : "Nicht relevant"} im Team in den letzten ${days} Tagen:`,
    noActivity: (days: number) => `In den letzten ${days} Tagen hat hier niemand so einen Job markiert.`,
  },
} as const;

function auditLine(e: AuditEntry, lang: Lang): string {
  const when = e.at.slice(0, 16).replace("T", " ");
  const who = e.actorId === "jobscout" ? "jobscout" : `<@${e.actorId}>`;
  return `• ${when} UTC — ${who} ${W[lang].action[e.action] ?? e.action} ${e.subject}`;
}

/** The words for a team tool's answer. */
export function renderTeam(a: TeamAnswer, lang: Lang = "en"): string {
  const w = W[lang];
  switch (a.kind) {
    case "settings":
      return w.settings(a.channel, a.team, a.alertsBy);
    case "channel": {
      const p = phrasesFor(lang).channelSettings;
      const d = a.defaults;
      const parts = [
        d.place ? p.place(d.place, d.radiusKm) : d.radiusKm !== undefined ? p.radius(d.radiusKm) : "",
        d.keywords ? p.keywords(d.keywords) : "",
      ].filter(Boolean);
      return p.summary(a.channel, [
        ...(parts.length > 0 ? parts : [p.noDefaults]),
        ...(d.lang ? [p.lang[d.lang]] : []),
        p.mentionOnly(a.mentionOnly),
      ]);
    }
    case "role":
      return w.role(a.user, a.role);
    case "audit":
      return a.entries.length === 0
        ? w.noAudit
        : [w.auditHead, ...a.entries.map((e) => auditLine(e, lang))].join("\n");
    case "marked":
      return w.markedText(w.marked[a.mark ?? "clear"] ?? "", `“${a.job.title}” at ${a.job.company}`);
    case "activity":
      return a.jobs.length === 0
        ? w.noActivity(a.days)
        : [
            w.activityHead(a.mark, a.days),
            ...a.jobs.map((j) => `• ${j.title} — ${j.company} (${j.by.map((u) => `<@${u}>`).join(", ")})`),
          ].join("\n");
  }
}
