import type { SourceOutcome } from "../../store/runs.repo.js";

export { timeAgo as ago } from "../../core/time-ago.js";

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
