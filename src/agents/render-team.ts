// Team answers in words, from the phrase tables: channel settings, roles, the audit trail, shared marks.
import type { TeamAnswer } from "../answers/team.js";
import type { AuditEntry } from "../store/audit.repo.js";
import type { Lang } from "./language.js";
import { phrasesFor } from "../answers/phrases/phrases.js";

function auditLine(e: AuditEntry, lang: Lang): string {
  const when = e.at.slice(0, 16).replace("T", " ");
  const who = e.actorId === "jobscout" ? "jobscout" : `<@${e.actorId}>`;
  return `• ${when} UTC — ${who} ${phrasesFor(lang).team.action[e.action] ?? e.action} ${e.subject}`;
}

/** The words for a team tool's answer. */
export function renderTeam(a: TeamAnswer, lang: Lang = "en"): string {
  const w = phrasesFor(lang).team;
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
      return w.markedText(w.marked[a.mark ?? "clear"], a.job.title, a.job.company);
    case "activity":
      return a.jobs.length === 0
        ? w.noActivity(a.days)
        : [
            w.activityHead(a.mark, a.days),
            ...a.jobs.map((j) => `• ${j.title} — ${j.company} (${j.by.map((u) => `<@${u}>`).join(", ")})`),
          ].join("\n");
  }
}
