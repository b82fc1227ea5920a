import { tool } from "@langchain/core/tools";
import { z } from "zod";
import { workspaceSourceEntries, type SourceCatalog } from "../pipeline/sources/catalog.js";
import type { RunsRepo, SourceOutcome } from "../store/runs.repo.js";
import { turnContext } from "./context.js";

export const sourceHealthSchema = z.object({});

/** One source as the workspace sees it. */
export interface SourceHealth {
  key: string;
  label: string;
  /** `default` (fetched by every run) or how the workspace added it. */
  origin: "default" | "chat" | "yaml" | "config";
  enabled: boolean;
  lastRunAt: string | null;
  lastSuccessAt: string | null;
  last:
    | (Pick<
        SourceOutcome,
        | "status"
        | "fetched"
        | "newJobs"
        | "updatedJobs"
        | "closedJobs"
        | "rejected"
        | "http"
        | "retries"
        | "durationMs"
        | "error"
      > & {
        /** Why it failed as a code (what people read); absent for rows from before codes. */
        failure?: SourceOutcome["failure"];
      })
    | null;
}

/** Dependencies of the source_health tool. */
export interface SourceHealthDeps {
  catalog: SourceCatalog;
  runs: RunsRepo;
  defaults: readonly string[];
}

export async function sourceHealthOf(deps: SourceHealthDeps, workspaceId: string): Promise<SourceHealth[]> {
  const entries = await workspaceSourceEntries(deps.catalog, deps.defaults, workspaceId);
  const health = await deps.runs.health(
    workspaceId,
    entries.map((e) => e.key),
  );
  return entries.map((e, i) => {
    const h = health[i];
    const o = h?.last;
    return {
      ...e,
      lastRunAt: h?.lastRunAt ?? null,
      lastSuccessAt: h?.lastSuccessAt ?? null,
      last: o
        ? {
            status: o.status,
            fetched: o.fetched,
            newJobs: o.newJobs,
            updatedJobs: o.updatedJobs,
            closedJobs: o.closedJobs,
            rejected: o.rejected,
            http: o.http,
            retries: o.retries,
            durationMs: o.durationMs,
            error: o.error,
            failure: o.failure,
          }
        : null,
    };
  });
}

export function createSourceHealthTool(deps: SourceHealthDeps) {
  return tool(
    async (_input, config): Promise<[string, SourceHealth[]]> => {
      const ctx = turnContext(config);
      const health = await sourceHealthOf(deps, ctx.workspaceId);
      return [JSON.stringify({ sources: health }), health];
    },
    {
      name: "source_health",
      description:
        "The job sources this workspace fetches and how each did in its latest run: jobs fetched, new, updated, closed, rejected, HTTP status counts, retries, duration, last success, error.",
      schema: sourceHealthSchema,
      responseFormat: "content_and_artifact",
    },
  );
}
