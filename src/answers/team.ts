import type { AuditEntry } from "../store/audit.repo.js";
import type { AlertsBy, TeamMark } from "../store/teams.repo.js";

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
