import type { AlertView } from "../jobs/alerts/alerts.service.js";
import type { AlertQuery, AlertTarget, Schedule } from "../jobs/alerts/saved-search.js";

/** One alert as answers show it. */
export interface AlertSummary {
  n: number;
  name: string;
  query: AlertQuery;
  schedule: Schedule;
  tz: string;
  target: AlertTarget;
  status: "active" | "paused";
  pausedReason: string | null;
  /** Next digest (ISO), while active. */
  next: string | null;
}

/** What an alert tool did, for the model's words and each surface. */
export type AlertsAnswer =
  | { kind: "saved"; created: boolean; alert: AlertSummary }
  | { kind: "need_time_zone" }
  | { kind: "list"; alerts: AlertSummary[] }
  | { kind: "changed"; action: "pause" | "resume" | "delete"; alerts: AlertSummary[] }
  | { kind: "time_zone"; timeZone: string; updated: number };

export function summarizeAlert(v: AlertView): AlertSummary {
  const s = v.search;
  return {
    n: v.n,
    name: s.name,
    query: s.query,
    schedule: s.schedule,
    tz: s.tz,
    target: s.target,
    status: s.status,
    pausedReason: s.pausedReason,
    next: v.next,
  };
}
