import type { SourceOutcome } from "../../store/runs.repo.js";

/** "just now", "5 min ago", "3 h ago", else the date: how long since `iso`. */
export function ago(iso: string | null, now = Date.now()): string {
  if (!iso) return "never";
  const mins = Math.round((now - Date.parse(iso)) / 60_000);
  if (mins < 1) return "just now";
  if (mins < 60) return `${mins} min ago`;
  if (mins < 48 * 60) return `${Math.round(mins / 60)} h ago`;
  return iso.slice(0, 10);
}

/** "200×3 429×1": every HTTP outcome of a fetch. */
export function httpCounts(http: Record<string, number>): string {
  const parts = Object.entries(http)
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([code, n]) => `${code}×${n}`);
  return parts.length > 0 ? parts.join(" ") : "–";
}

export function duration(ms: number | null): string {
  if (ms === null) return "–";
  return ms < 10_000 ? `${ms} ms` : `${(ms / 1000).toFixed(1)} s`;
}

/** UTC time of day, "10:42:07". */
export const clock = (iso: string | null): string => (iso ? `${iso.slice(11, 19)} UTC` : "–");

/** What a source's status means right now, with the retry time when one is set. */
export function sourceState(o: SourceOutcome): string {
  if (o.status === "retrying" && o.retryAt) return `retrying at ${clock(o.retryAt)}`;
  return o.status;
}
