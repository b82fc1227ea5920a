import { workspaceSourceEntries, type TrackedSource } from "../pipeline/sources/catalog.js";
import type { RunsRepo, RunView, SourceOutcome } from "../store/runs.repo.js";

/** Status badge of a source, as operators of indexing systems expect it. */
export type SourceBadge = "Active" | "Paused" | "Paused by breaker" | "Failing" | "Never run";

/** One point of a source's history: one run's outcome for it. */
export interface SourcePoint {
  at: string;
  runId: string;
  status: SourceOutcome["status"];
  fetched: number;
  newJobs: number;
  closedJobs: number;
  durationMs: number | null;
  http: Record<string, number>;
}

/** A source as the dashboard shows it: state, latest outcome, and its history over recent runs. */
export interface SourceHealthRow {
  key: string;
  label: string;
  /** `default` (fetched by every run of every workspace) or how the workspace added it. */
  origin: "default" | "chat" | "yaml" | "config";
  enabled: boolean;
  badge: SourceBadge;
  lastRunAt: string | null;
  lastSuccessAt: string | null;
  last: SourceOutcome | null;
  /** Oldest first. */
  history: SourcePoint[];
}

/** What {@link sourceHealth} reads. */
export interface SourceHealthDeps {
  runs: Pick<RunsRepo, "health" | "latest">;
  catalog: {
    list(workspaceId: string): Promise<TrackedSource[]>;
    labelOf(key: string, workspaceId: string): Promise<string>;
  };
  /** `JOBSCOUT_SOURCES`. */
  defaults: readonly string[];
}

// Rows from before failure codes (migration 0027) tell an open circuit only by SourcePausedError's message.
const BREAKER_OPEN = /is paused after \d+ failed requests/;

function badgeOf(enabled: boolean, last: SourceOutcome | null): SourceBadge {
  if (!enabled) return "Paused";
  if (!last) return "Never run";
  if (last.status === "failed") {
    const paused = last.failure
      ? last.failure.code === "paused"
      : last.error !== null && BREAKER_OPEN.test(last.error);
    return paused ? "Paused by breaker" : "Failing";
  }
  return "Active";
}

/** Every source of a workspace with its health, from the latest `historyRuns` runs. */
export async function sourceHealth(
  deps: SourceHealthDeps,
  workspaceId: string,
  historyRuns = 50,
): Promise<SourceHealthRow[]> {
  const entries = await workspaceSourceEntries(deps.catalog, deps.defaults, workspaceId);
  const health = await deps.runs.health(
    workspaceId,
    entries.map((e) => e.key),
  );
  const runs: RunView[] = (await deps.runs.latest(workspaceId, historyRuns)).reverse();
  return entries.map((e, i) => {
    const h = health[i];
    const last = h?.last ?? null;
    return {
      key: e.key,
      label: e.label,
      origin: e.origin,
      enabled: e.enabled,
      badge: badgeOf(e.enabled, last),
      lastRunAt: h?.lastRunAt ?? null,
      lastSuccessAt: h?.lastSuccessAt ?? null,
      last,
      history: runs.flatMap((r) =>
        r.outcomes
          .filter((o) => o.source === e.key && o.status !== "pending")
          .map((o) => ({
            at: o.finishedAt ?? o.startedAt ?? r.createdAt,
            runId: r.id,
            status: o.status,
            fetched: o.fetched,
            newJobs: o.newJobs,
            closedJobs: o.closedJobs,
            durationMs: o.durationMs,
            http: o.http,
          })),
      ),
    };
  });
}
