import { phrasesFor } from "../answers/phrases/phrases.js";
import { AppError, describeError } from "../core/errors.js";
import type { RunItemsRepo } from "../store/run-items.repo.js";
import type { RunQuery, RunsRepo, RunView } from "../store/runs.repo.js";
import type { RunQueue } from "./run-queue.js";
import type { RawItem } from "./sources/source.js";

/** Options for {@link RunService}. */
export interface RunServiceOptions {
  runs: RunsRepo;
  items: RunItemsRepo;
  queue: RunQueue;
  /** Which sources exist, and which a workspace's runs fetch when the caller names none. */
  sources: {
    /** Whether this workspace may fetch the source (built-in, or tracked by this workspace). */
    has(key: string, workspaceId: string): Promise<boolean>;
    defaultsFor(workspaceId: string): Promise<string[]>;
    labelOf(key: string, workspaceId: string): Promise<string>;
  };
  /** How often `wait` polls the store. @defaultValue `250` */
  pollMs?: number;
  /**
   * Runs one workspace may have queued or running at once (`JOBSCOUT_MAX_ACTIVE_RUNS`): chat
   * messages cannot pile up fetches at the sites. Runs older than an hour no longer count (their
   * workers are gone). @defaultValue `3`
   */
  maxActivePerWorkspace?: number;
  /** How often `wait` checks that the queue still holds the run. @defaultValue `5000` */
  orphanCheckMs?: number;
}

const STUCK_AFTER_MS = 3_600_000;

/** Why a run whose jobs the queue no longer has failed (people read `failure` in their language). */
export const LOST_RUN_MESSAGE =
  "the job queue lost this run (Redis restarted without its data); ask me again to fetch anew";
const LOST_RUN = { error: LOST_RUN_MESSAGE, failure: { code: "run_lost" as const } };

/** A run just created is not judged yet: its flow may still be on its way into the queue. */
const ORPHAN_GRACE_MS = 30_000;

/** Starting, watching and waiting for runs — the one API the tools and commands use. */
export class RunService {
  constructor(private readonly o: RunServiceOptions) {}

  /** Create a run for this workspace and user and enqueue its flow. */
  async start(input: {
    workspaceId: string;
    userId: string;
    /** Where the requester's profile lives (their personal workspace), so the run scores their fit. */
    requesterWorkspaceId?: string | undefined;
    query: RunQuery;
    sources?: readonly string[];
  }): Promise<RunView> {
    const defaults = await this.o.sources.defaultsFor(input.workspaceId);
    const sources = [...new Set(input.sources && input.sources.length > 0 ? input.sources : defaults)];
    const known = await Promise.all(sources.map((s) => this.o.sources.has(s, input.workspaceId)));
    const unknown = sources.filter((_, i) => !known[i]);
    if (unknown.length > 0) {
      throw new AppError("unknown_source", `Unknown source(s): ${unknown.join(", ")}`, {
        userMessage: (lang) => phrasesFor(lang).runs.unknownSources(unknown.join(", "), defaults.join(", ")),
      });
    }
    const max = this.o.maxActivePerWorkspace ?? 3;
    const since = new Date(Date.now() - STUCK_AFTER_MS).toISOString();
    if ((await this.o.runs.activeCount(input.workspaceId, since)) >= max) {
      throw new AppError("too_many_runs", `workspace ${input.workspaceId} has ${max} active runs`, {
        retryable: true,
        userMessage: (lang) => phrasesFor(lang).runs.busy(max),
      });
    }
    const id = await this.o.runs.create({
      workspaceId: input.workspaceId,
      userId: input.userId,
      requesterWorkspaceId: input.requesterWorkspaceId,
      query: input.query,
      sources,
      labels: Object.fromEntries(
        await Promise.all(
          sources.map(async (k): Promise<[string, string]> => [
            k,
            await this.o.sources.labelOf(k, input.workspaceId),
          ]),
        ),
      ),
    });
    await this.enqueueOrFail(id, sources);
    const run = await this.o.runs.get(input.workspaceId, id);
    if (!run) throw new Error(`run ${id} vanished`);
    return run;
  }

  /**
   * A run whose items come from the caller instead of a site (`jobscout import FILE`): the items are
   * staged under `source`, then the flow runs from normalize on.
   */
  async startStaged(input: {
    workspaceId: string;
    userId: string;
    source: string;
    batches: AsyncIterable<RawItem[]>;
    onBatch?: (staged: number) => void;
  }): Promise<RunView> {
    const id = await this.o.runs.create({
      workspaceId: input.workspaceId,
      userId: input.userId,
      query: {},
      sources: [input.source],
      labels: { [input.source]: "Import" },
    });
    await this.o.runs.updateSource(id, input.source, {
      status: "fetching",
      startedAt: new Date().toISOString(),
    });
    let staged = 0;
    try {
      for await (const batch of input.batches) {
        await this.o.items.putRaw(
          id,
          batch.map((it) => ({ source: input.source, sourceId: it.sourceId, raw: it.raw })),
        );
        staged += batch.length;
        await this.o.runs.updateSource(id, input.source, { fetched: staged, pages: 1 });
        input.onBatch?.(staged);
      }
    } catch (err) {
      const message = err instanceof Error ? err.message : String(err);
      await this.o.runs.updateSource(id, input.source, {
        status: "failed",
        error: message,
        failure: { code: "unexpected" },
        finishedAt: new Date().toISOString(),
      });
      await this.o.runs.finish(id, "failed", {
        error: message,
        failure: { code: "sources_failed", count: 1 },
      });
      throw err;
    }
    await this.o.runs.updateSource(id, input.source, { status: "ok", finishedAt: new Date().toISOString() });
    await this.enqueueOrFail(id, []);
    const run = await this.o.runs.get(input.workspaceId, id);
    if (!run) throw new Error(`run ${id} vanished`);
    return run;
  }

  /** Queue the run's flow; a run that cannot be queued is failed with the reason, never left queued. */
  private async enqueueOrFail(id: string, sources: readonly string[]): Promise<void> {
    try {
      await this.o.queue.enqueue(id, sources);
    } catch (err) {
      await this.o.runs.failIfActive(id, { error: describeError(err), failure: { code: "unexpected" } });
      throw err;
    }
  }

  /**
   * Fail the runs still queued or running whose jobs the queue no longer holds (Redis restarted
   * without its data), so nobody waits for them forever. Returns the ids it failed.
   */
  async reconcileOrphans(now = Date.now()): Promise<string[]> {
    const failed: string[] = [];
    for (const id of await this.o.runs.activeIds(new Date(now - ORPHAN_GRACE_MS).toISOString())) {
      if (!(await this.o.queue.holds(id)) && (await this.o.runs.failIfActive(id, LOST_RUN))) failed.push(id);
    }
    return failed;
  }

  /** A run of this workspace, or the latest one when no id is given. */
  async status(workspaceId: string, runId?: string): Promise<RunView | undefined> {
    if (runId) return this.o.runs.get(workspaceId, runId);
    return (await this.o.runs.latest(workspaceId, 1))[0];
  }

  /**
   * Wait until the run completes or fails, reporting each change of stage/progress/source status.
   * Throws `run_wait_timeout` (with the run still going) when `timeoutMs` passes first.
   */
  async wait(
    workspaceId: string,
    runId: string,
    opts: {
      timeoutMs: number;
      onProgress?: ((run: RunView) => void) | undefined;
      signal?: AbortSignal | undefined;
    },
  ): Promise<RunView> {
    const deadline = Date.now() + opts.timeoutMs;
    let last = "";
    let nextCheck = Date.now() + (this.o.orphanCheckMs ?? 5000);
    let unreachable: AppError | undefined;
    for (;;) {
      const run = await this.o.runs.get(workspaceId, runId);
      if (!run)
        throw new AppError("run_not_found", `run ${runId} not found`, {
          userMessage: (lang) => phrasesFor(lang).runs.notFound(runId),
        });
      const sig = JSON.stringify([
        run.status,
        run.stage,
        run.progress,
        run.outcomes.map((o) => [o.status, o.fetched]),
      ]);
      if (sig !== last) {
        last = sig;
        opts.onProgress?.(run);
      }
      if (run.status === "completed" || run.status === "failed") return run;
      if (Date.now() >= nextCheck) {
        nextCheck = Date.now() + (this.o.orphanCheckMs ?? 5000);
        try {
          unreachable = undefined;
          // The flow was queued (start returned), so a missing one was lost, not late.
          if (!(await this.o.queue.holds(runId))) await this.o.runs.failIfActive(runId, LOST_RUN);
        } catch (err) {
          if (!(err instanceof AppError && err.code === "queue_unreachable")) throw err;
          unreachable = err;
        }
        continue;
      }
      if (Date.now() > deadline) {
        // Waiting on a queue that is not there: say so, not "still working".
        if (unreachable) throw unreachable;
        throw new AppError("run_wait_timeout", `run ${runId} still ${run.stage} after ${opts.timeoutMs} ms`, {
          retryable: true,
          userMessage: (lang) => phrasesFor(lang).runs.stillWorking(run.stage, run.progress),
        });
      }
      if (opts.signal?.aborted) throw new AppError("aborted", "wait aborted");
      await new Promise((r) => setTimeout(r, this.o.pollMs ?? 250));
    }
  }
}
