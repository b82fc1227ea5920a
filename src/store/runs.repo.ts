import { randomUUID } from "node:crypto";
import { sql } from "kysely";
import { z } from "zod";
import { readFailure, storedFailure, type Failure } from "../core/failure.js";
import type { Db, DbDialect } from "./db.js";
import type { RunRow, RunSourceRow } from "./schema.js";

export const runStatuses = ["queued", "running", "completed", "failed"] as const;
export type RunStatus = (typeof runStatuses)[number];
export const runStages = ["queued", "fetch", "normalize", "dedupe", "embed", "index", "done"] as const;
export type RunStage = (typeof runStages)[number];
export type SourceStatus = "pending" | "fetching" | "retrying" | "ok" | "failed";

/** What a run fetches: free-text keywords and a place, passed to each source's own search. */
export const runQuerySchema = z.object({
  keywords: z.string().max(200).optional(),
  place: z.string().max(100).optional(),
  radiusKm: z.number().int().min(0).max(500).optional(),
});
export type RunQuery = z.infer<typeof runQuerySchema>;

/** Where a listing goes on: the next page's cursor (none: the listing ended), and whether it is partial. */
export interface FetchResume {
  cursor?: string | undefined;
  incremental: boolean;
}

export interface SourceOutcome {
  source: string;
  /** "Greenhouse n26"; the key when no label was recorded. */
  label: string;
  status: SourceStatus;
  pages: number;
  fetched: number;
  normalized: number;
  rejected: number;
  newJobs: number;
  updatedJobs: number;
  attempts: number;
  httpStatus: number | null;
  /** Why it failed in English, for logs and operators (what people read comes from `failure`). */
  error: string | null;
  /** Why it failed as a code and parameters; null when it did not, or for rows from before codes. */
  failure: Failure | null;
  startedAt: string | null;
  finishedAt: string | null;
  /** The fetch listed everything the source has (so jobs it no longer lists can be closed). */
  complete: boolean;
  closedJobs: number;
  /** Attempts beyond the first. */
  retries: number;
  /** HTTP outcomes of this source's requests: status code (or `timeout`, `network`) → count. */
  http: Record<string, number>;
  durationMs: number | null;
  /** While `retrying`: when the next attempt starts (ISO). */
  retryAt: string | null;
}

export interface RunView {
  id: string;
  workspaceId: string;
  userId: string;
  /** Where the requester's profile lives when not in the run's workspace (a DM, a Discord server). */
  requesterWorkspaceId: string | null;
  query: RunQuery;
  sources: string[];
  status: RunStatus;
  stage: RunStage;
  /** 0–100. */
  progress: number;
  createdAt: string;
  startedAt: string | null;
  finishedAt: string | null;
  /** Why the run failed in English, for logs and operators. */
  error: string | null;
  /** Why the run failed as a code and parameters (null for rows from before codes). */
  failure: Failure | null;
  /** When each stage started (ISO), and `done` when the run finished. */
  stageStartedAt: Partial<Record<RunStage, string>>;
  outcomes: SourceOutcome[];
}

function toOutcome(r: RunSourceRow): SourceOutcome {
  return {
    source: r.source,
    label: r.label ?? r.source,
    status: r.status as SourceStatus,
    pages: r.pages,
    fetched: r.fetched,
    normalized: r.normalized,
    rejected: r.rejected,
    newJobs: r.new_jobs,
    updatedJobs: r.updated_jobs,
    attempts: r.attempts,
    httpStatus: r.http_status,
    error: r.error,
    failure: readFailure(r.error_code, r.error_params),
    startedAt: r.started_at,
    finishedAt: r.finished_at,
    complete: r.complete === 1,
    closedJobs: r.closed_jobs,
    retries: r.retries,
    http: r.http_json ? (JSON.parse(r.http_json) as Record<string, number>) : {},
    durationMs: r.duration_ms,
    retryAt: r.retry_at,
  };
}

function toView(r: RunRow, sources: RunSourceRow[]): RunView {
  return {
    id: r.id,
    workspaceId: r.workspace_id,
    userId: r.user_id,
    requesterWorkspaceId: r.requester_workspace_id,
    query: runQuerySchema.parse(JSON.parse(r.query_json)),
    sources: z.array(z.string()).parse(JSON.parse(r.sources_json)),
    status: r.status as RunStatus,
    stage: r.stage as RunStage,
    progress: r.progress,
    createdAt: r.created_at,
    startedAt: r.started_at,
    finishedAt: r.finished_at,
    error: r.error,
    failure: readFailure(r.error_code, r.error_params),
    stageStartedAt: r.stats_json
      ? ((JSON.parse(r.stats_json) as { stages?: Partial<Record<RunStage, string>> }).stages ?? {})
      : {},
    outcomes: sources.map(toOutcome),
  };
}

/** Record when `stage` first started (a retried stage keeps its first time), in `stats_json.stages`. */
function stageStarted(dialect: DbDialect, stage: RunStage, now: string) {
  if (dialect === "postgres") {
    const doc = sql`coalesce(stats_json, '{}')::jsonb`;
    return sql<string>`jsonb_set(${doc}, '{stages}', coalesce(${doc} -> 'stages', '{}'::jsonb)
      || jsonb_build_object(${stage}::text, coalesce(${doc} -> 'stages' ->> ${stage}::text, ${now}::text)))::text`;
  }
  const path = `$.stages.${stage}`;
  return sql<string>`json_set(coalesce(stats_json, '{}'), ${path}, coalesce(json_extract(stats_json, ${path}), ${now}))`;
}

/** Runs and their per-source outcomes. Reads that a user triggers are always scoped by workspace. */
export class RunsRepo {
  constructor(private readonly db: Db) {}

  async create(input: {
    workspaceId: string;
    userId: string;
    /** The requester's personal workspace, kept when it is not `workspaceId`. */
    requesterWorkspaceId?: string | undefined;
    query: RunQuery;
    sources: string[];
    /** Labels by source key ("Greenhouse n26"). */
    labels?: Record<string, string>;
  }): Promise<string> {
    const id = randomUUID();
    const now = new Date().toISOString();
    await this.db.kysely.transaction().execute(async (trx) => {
      await trx
        .insertInto("runs")
        .values({
          id,
          workspace_id: input.workspaceId,
          user_id: input.userId,
          requester_workspace_id:
            input.requesterWorkspaceId && input.requesterWorkspaceId !== input.workspaceId
              ? input.requesterWorkspaceId
              : null,
          query_json: JSON.stringify(input.query),
          sources_json: JSON.stringify(input.sources),
          status: "queued",
          stage: "queued",
          progress: 0,
          created_at: now,
          started_at: null,
          finished_at: null,
          error: null,
          stats_json: null,
        })
        .execute();
      if (input.sources.length > 0) {
        await trx
          .insertInto("run_sources")
          .values(
            input.sources.map((source) => ({
              run_id: id,
              source,
              status: "pending",
              label: input.labels?.[source] ?? null,
            })),
          )
          .execute();
      }
    });
    return id;
  }

  /** A run as its workspace sees it; undefined when it belongs to another workspace. */
  async get(workspaceId: string, runId: string): Promise<RunView | undefined> {
    const row = await this.db.kysely
      .selectFrom("runs")
      .selectAll()
      .where("id", "=", runId)
      .where("workspace_id", "=", workspaceId)
      .executeTakeFirst();
    return row ? toView(row, await this.sourcesOf(runId)) : undefined;
  }

  /** A run by id for pipeline stages (internal: the id came from our own queue payload). */
  async getInternal(runId: string): Promise<RunView | undefined> {
    const row = await this.db.kysely
      .selectFrom("runs")
      .selectAll()
      .where("id", "=", runId)
      .executeTakeFirst();
    return row ? toView(row, await this.sourcesOf(runId)) : undefined;
  }

  /** This workspace's runs created since `sinceIso` that are still queued or running. */
  async activeCount(workspaceId: string, sinceIso: string): Promise<number> {
    const row = await this.db.kysely
      .selectFrom("runs")
      .select((eb) => eb.fn.countAll<number>().as("n"))
      .where("workspace_id", "=", workspaceId)
      .where("status", "in", ["queued", "running"])
      .where("created_at", ">=", sinceIso)
      .executeTakeFirst();
    return Number(row?.n ?? 0);
  }

  async latest(workspaceId: string, limit = 5): Promise<RunView[]> {
    const rows = await this.db.kysely
      .selectFrom("runs")
      .selectAll()
      .where("workspace_id", "=", workspaceId)
      .orderBy("created_at", "desc")
      .limit(limit)
      .execute();
    return Promise.all(rows.map(async (r) => toView(r, await this.sourcesOf(r.id))));
  }

  private sourcesOf(runId: string): Promise<RunSourceRow[]> {
    return this.db.kysely
      .selectFrom("run_sources")
      .selectAll()
      .where("run_id", "=", runId)
      .orderBy("source")
      .execute();
  }

  /** The latest outcome of each source in this workspace's runs, and when each last succeeded there. */
  health(
    workspaceId: string,
    sources: readonly string[],
  ): Promise<
    Array<{
      source: string;
      last: SourceOutcome | null;
      lastRunAt: string | null;
      lastSuccessAt: string | null;
    }>
  > {
    return Promise.all(
      sources.map(async (source) => {
        const row = await this.db.kysely
          .selectFrom("run_sources as rs")
          .innerJoin("runs as r", "r.id", "rs.run_id")
          .selectAll("rs")
          .select("r.created_at as run_at")
          .where("r.workspace_id", "=", workspaceId)
          .where("rs.source", "=", source)
          .orderBy("r.created_at", "desc")
          .limit(1)
          .executeTakeFirst();
        const success = await this.db.kysely
          .selectFrom("run_sources as rs")
          .innerJoin("runs as r", "r.id", "rs.run_id")
          .select((eb) => eb.fn.max("rs.finished_at").as("at"))
          .where("r.workspace_id", "=", workspaceId)
          .where("rs.source", "=", source)
          .where("rs.status", "=", "ok")
          .executeTakeFirst();
        return {
          source,
          last: row ? toOutcome(row) : null,
          lastRunAt: row?.run_at ?? null,
          lastSuccessAt: success?.at ?? null,
        };
      }),
    );
  }

  /** When `source` last finished a fetch without failing (any workspace: sources are shared). */
  async lastSuccess(source: string): Promise<string | undefined> {
    const row = await this.db.kysely
      .selectFrom("run_sources")
      .select((eb) => eb.fn.max("finished_at").as("at"))
      .where("source", "=", source)
      .where("status", "=", "ok")
      .executeTakeFirst();
    return row?.at ?? undefined;
  }

  async setStage(runId: string, stage: RunStage, progress: number): Promise<void> {
    const now = new Date().toISOString();
    await this.db.kysely
      .updateTable("runs")
      .set((eb) => ({
        stage,
        // A stage retried after a worker restart never moves the bar back.
        progress: eb.case().when("progress", "<", progress).then(progress).else(eb.ref("progress")).end(),
        status: eb.case().when("status", "=", "queued").then("running").else(eb.ref("status")).end(),
        started_at: eb.fn.coalesce("started_at", eb.val(now)),
        stats_json: stageStarted(this.db.dialect, stage, now),
      }))
      .where("id", "=", runId)
      .where("status", "in", ["queued", "running"])
      .execute();
  }

  /** Settle a run; a failed one says why (`error` in English for the logs, `failure` for people). */
  async finish(
    runId: string,
    status: "completed" | "failed",
    why: { error: string; failure: Failure } | null = null,
  ): Promise<void> {
    const now = new Date().toISOString();
    const failure = storedFailure(why?.failure ?? null);
    await this.db.kysely
      .updateTable("runs")
      .set({
        status,
        stage: "done",
        progress: 100,
        error: why?.error ?? null,
        error_code: failure.code,
        error_params: failure.params,
        finished_at: now,
        stats_json: stageStarted(this.db.dialect, "done", now),
      })
      .where("id", "=", runId)
      .execute();
  }

  /**
   * Fail a run that is still queued or running, and every source of it not yet settled, with
   * `error` (a run whose jobs the queue lost). Returns whether it was still active.
   */
  async failIfActive(runId: string, why: { error: string; failure: Failure }): Promise<boolean> {
    const now = new Date().toISOString();
    const { error } = why;
    const failure = storedFailure(why.failure);
    const result = await this.db.kysely
      .updateTable("runs")
      .set({
        status: "failed",
        stage: "done",
        progress: 100,
        error,
        error_code: failure.code,
        error_params: failure.params,
        finished_at: now,
        stats_json: stageStarted(this.db.dialect, "done", now),
      })
      .where("id", "=", runId)
      .where("status", "in", ["queued", "running"])
      .executeTakeFirst();
    if (Number(result.numUpdatedRows) === 0) return false;
    await this.db.kysely
      .updateTable("run_sources")
      .set({
        status: "failed",
        error,
        error_code: failure.code,
        error_params: failure.params,
        finished_at: now,
        retry_at: null,
      })
      .where("run_id", "=", runId)
      .where("status", "in", ["pending", "fetching", "retrying"])
      .execute();
    return true;
  }

  /** Runs of every workspace still queued or running that were created before `beforeIso`. */
  async activeIds(beforeIso: string): Promise<string[]> {
    const rows = await this.db.kysely
      .selectFrom("runs")
      .select("id")
      .where("status", "in", ["queued", "running"])
      .where("created_at", "<", beforeIso)
      .execute();
    return rows.map((r) => r.id);
  }

  /**
   * A fetch's progress: pages and items only ever grow while the source is fetched, so an attempt
   * that starts over after a worker restart does not make the counts go back.
   */
  /**
   * A page of a source's listing is stored: counts only rise (an attempt that started over does not
   * lower them), and the place to go on from is kept with the furthest page.
   */
  async raiseFetched(
    runId: string,
    source: string,
    p: { pages: number; fetched: number; http: Record<string, number>; resume?: FetchResume | undefined },
  ): Promise<void> {
    const resume = p.resume ? JSON.stringify(p.resume) : null;
    await this.db.kysely
      .updateTable("run_sources")
      .set((eb) => ({
        pages: eb.case().when("pages", "<", p.pages).then(p.pages).else(eb.ref("pages")).end(),
        fetched: eb.case().when("fetched", "<", p.fetched).then(p.fetched).else(eb.ref("fetched")).end(),
        resume_json: eb.case().when("pages", "<=", p.pages).then(resume).else(eb.ref("resume_json")).end(),
        http_json: JSON.stringify(p.http),
      }))
      .where("run_id", "=", runId)
      .where("source", "=", source)
      .execute();
  }

  /**
   * Where an earlier attempt's listing of `source` got to in this run (pages stored, postings kept,
   * the next page's cursor, whether a page was partial), or undefined when no page was stored.
   */
  async resumePoint(
    runId: string,
    source: string,
  ): Promise<(FetchResume & { pages: number; fetched: number }) | undefined> {
    const row = await this.db.kysely
      .selectFrom("run_sources")
      .select(["pages", "fetched", "resume_json"])
      .where("run_id", "=", runId)
      .where("source", "=", source)
      .executeTakeFirst();
    if (!row?.resume_json || row.pages <= 0) return undefined;
    const r = JSON.parse(row.resume_json) as FetchResume;
    return { pages: row.pages, fetched: row.fetched, cursor: r.cursor, incremental: r.incremental === true };
  }

  async updateSource(
    runId: string,
    source: string,
    patch: Partial<Omit<SourceOutcome, "source" | "label">>,
  ): Promise<void> {
    const set: Partial<RunSourceRow> = {};
    if (patch.status !== undefined) set.status = patch.status;
    if (patch.pages !== undefined) set.pages = patch.pages;
    if (patch.fetched !== undefined) set.fetched = patch.fetched;
    if (patch.normalized !== undefined) set.normalized = patch.normalized;
    if (patch.rejected !== undefined) set.rejected = patch.rejected;
    if (patch.newJobs !== undefined) set.new_jobs = patch.newJobs;
    if (patch.updatedJobs !== undefined) set.updated_jobs = patch.updatedJobs;
    if (patch.attempts !== undefined) set.attempts = patch.attempts;
    if (patch.httpStatus !== undefined) set.http_status = patch.httpStatus;
    if (patch.error !== undefined) set.error = patch.error;
    if (patch.failure !== undefined) {
      const failure = storedFailure(patch.failure);
      set.error_code = failure.code;
      set.error_params = failure.params;
    }
    if (patch.startedAt !== undefined) set.started_at = patch.startedAt;
    if (patch.finishedAt !== undefined) set.finished_at = patch.finishedAt;
    if (patch.complete !== undefined) set.complete = patch.complete ? 1 : 0;
    if (patch.closedJobs !== undefined) set.closed_jobs = patch.closedJobs;
    if (patch.retries !== undefined) set.retries = patch.retries;
    if (patch.http !== undefined) set.http_json = JSON.stringify(patch.http);
    if (patch.durationMs !== undefined) set.duration_ms = patch.durationMs;
    if (patch.retryAt !== undefined) set.retry_at = patch.retryAt;
    await this.db.kysely
      .updateTable("run_sources")
      .set(set)
      .where("run_id", "=", runId)
      .where("source", "=", source)
      .execute();
  }
}
