import type { RunSummary } from "../../src/answers/run-summary.js";

/** A run at `progress` percent (stage `fetch`, or `done` once completed), with the given sources. */
export function runAt(
  progress: number,
  status: RunSummary["status"] = "running",
  o: { runId?: string; sources?: RunSummary["sources"] } = {},
): RunSummary {
  return {
    runId: o.runId ?? "r1",
    status,
    stage: status === "completed" ? "done" : "fetch",
    progress,
    query: {},
    createdAt: "2026-08-10T12:00:00Z",
    finishedAt: null,
    sources: o.sources ?? [],
  };
}
