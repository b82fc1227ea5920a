import type { AuditEntry } from "../store/audit.repo.js";
import type { Lang } from "../core/lang.js";
import { phrasesFor } from "./phrases/phrases.js";
import type { AlertsBy, TeamMark, TeamMarkRow } from "../store/teams.repo.js";

/** What the team tool did, for the model's words and each surface. */
export type TeamAnswer =
  | { kind: "settings"; channel: string; team: boolean; alertsBy: AlertsBy }
  | { kind: "role"; user: string; role: string }
  | { kind: "audit"; entries: AuditEntry[] }
  | { kind: "marked"; job: { title: string; company: string }; mark: TeamMark | null }
  | {
      kind: "activity";
      mark: TeamMark;
      days: number;
      jobs: Array<{ title: string; company: string; by: string[] }>;
    };

/** The team's marks per job as cards show them: "claimed by <@U1>", "applied: <@U2>, <@U3>". */
export function teamNotes(rows: readonly TeamMarkRow[], lang: Lang = "en"): Map<number, string[]> {
  const note = phrasesFor(lang).team.notes;
  const by = new Map<number, Map<TeamMark, string[]>>();
  for (const r of rows) {
    const marks = by.get(r.jobId) ?? new Map<TeamMark, string[]>();
    marks.set(r.mark, [...(marks.get(r.mark) ?? []), `<@${r.userId}>`]);
    by.set(r.jobId, marks);
  }
  return new Map(
    [...by].map(([id, marks]) => [
      id,
      [...marks].map(([mark, users]) => `${note[mark]} ${users.join(", ")}`),
    ]),
  );
}
