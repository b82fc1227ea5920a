import { UnrecoverableError } from "../queue-lib.js";
import { asAppError } from "../../core/errors.js";
import { isStoreBusy } from "../../store/db.js";
import { countingHttp } from "../sources/counting-http.js";
import type { Failure } from "../../core/failure.js";
import { failureOf } from "../sources/failure-of.js";
import { HttpError, type GetInit, type HttpClient } from "../sources/http.js";
import { HostThrottledError } from "../sources/rate-limiter.js";
import { STAGE_PROGRESS } from "../queues.js";
import type { PipelineServices, StageProcessor } from "../stage.js";

/**
 * Fetch one source's pages for a run and stage the raw items. Items of pages fetched before a
 * failure stay staged (partial results); a refetch on retry overwrites them, never duplicates.
 */
export function createFetchProcessor(
  s: PipelineServices,
  opts: {
    backoffMs?: number | undefined;
    /** A retry further away than this is not waited for: the source fails for this run. */
    maxRetryWaitMs?: number | undefined;
  } = {},
): StageProcessor<"fetch"> {
  const backoffMs = opts.backoffMs ?? 1000;
  const maxRetryWaitMs = opts.maxRetryWaitMs ?? 60_000;
  return async ({ runId, source }, ctx) => {
    const run = await s.runs.getInternal(runId);
    if (!run) throw new UnrecoverableError(`run ${runId} not found`);
    const adapter = await s.sources.get(source, run.workspaceId);
    if (!adapter) {
      await s.runs.updateSource(runId, source, {
        status: "failed",
        error: `unknown source "${source}"`,
        failure: { code: "unknown_source" },
        finishedAt: new Date().toISOString(),
      });
      throw new UnrecoverableError(`unknown source ${source}`);
    }
    await s.runs.setStage(runId, "fetch", STAGE_PROGRESS.fetch);
    // The source's deadline counts from when the run began fetching (a retry keeps the first time).
    const fetchBegan = Date.parse(run.stageStartedAt.fetch ?? new Date().toISOString());
    const deadline = s.sourceDeadlineMs === undefined ? undefined : fetchBegan + s.sourceDeadlineMs;
    const lateBy = (at: number) => deadline !== undefined && at >= deadline;
    const deadlineS = Math.round((s.sourceDeadlineMs ?? 0) / 1000);
    const deadlineNote = () =>
      `still not done ${deadlineS} s after the run began: this run went on without the rest`;
    await s.runs.updateSource(runId, source, {
      status: "fetching",
      attempts: ctx.attempt,
      error: null,
      failure: null,
      retryAt: null,
      startedAt: new Date().toISOString(),
    });

    const started = Date.now();
    // Every attempt's requests count — retries and restarts after a worker died — not only the last's.
    const earlier = run.outcomes.find((o) => o.source === source)?.http;
    // Requests still in flight at the deadline are cut off.
    const cut = deadline === undefined ? undefined : AbortSignal.timeout(Math.max(1, deadline - Date.now()));
    const { http, counts } = countingHttp(withSignal(s.httpFor ? s.httpFor(adapter) : s.http, cut), earlier);
    const since = await s.runs.lastSuccess(source);
    // An earlier attempt (a retry, or a worker that died) stored pages already: go on after them
    // rather than asking the site for each again. Their postings are staged; a listing that ended
    // before the stage could record it needs no request at all.
    const resumed = await s.runs.resumePoint(runId, source);
    let pages = resumed?.pages ?? 0;
    let fetched = resumed?.fetched ?? 0;
    let cursor = resumed?.cursor;
    let incremental = resumed?.incremental ?? false;
    if (resumed) ctx.logger.info("resuming the listing", { after: pages, ended: cursor === undefined });
    try {
      if (lateBy(Date.now())) throw new SourceDeadlineError();
      // A resumed listing whose last page was stored has nothing left to ask for.
      let more = !resumed || cursor !== undefined;
      while (more && pages < s.maxPages) {
        const page = await adapter.fetchPage({ http, query: run.query, since }, cursor);
        // A page listing more than anyone reads is cut, not stored whole; what was left out is
        // unknown, so the listing is partial (nothing missing from it counts as closed).
        const cap = s.maxItemsPerPage ?? Number.POSITIVE_INFINITY;
        const kept = page.items.length > cap ? page.items.slice(0, cap) : page.items;
        if (kept.length < page.items.length)
          ctx.logger.warn("page cut at the item cap", { items: page.items.length, cap });
        await s.items.putRaw(
          runId,
          kept.map((it) => ({ source, sourceId: it.sourceId, raw: it.raw })),
        );
        pages += 1;
        fetched += kept.length;
        cursor = page.next;
        incremental ||= page.incremental === true || kept.length < page.items.length;
        await s.runs.raiseFetched(runId, source, {
          pages,
          fetched,
          http: counts,
          resume: { cursor, incremental },
        });
        await ctx.progress(Math.round((pages / s.maxPages) * 100));
        more = cursor !== undefined;
      }
    } catch (err) {
      // The store, not the source, failed: the stage waits for it (see workers.ts), nothing to record.
      if (isStoreBusy(err)) throw err;
      const e = asAppError(err);
      const late = err instanceof SourceDeadlineError || cut?.aborted === true;
      let final = late || !e.retryable || ctx.attempt >= ctx.maxAttempts;
      // In English for the logs and operators; people read `failure` in their language.
      let error = late
        ? `${deadlineNote()}${fetched > 0 ? ` (${fetched} postings from ${pages} pages kept)` : ""}`
        : (e.userMessage ?? e.message);
      let failure: Failure = late
        ? { code: "deadline", seconds: deadlineS, postings: fetched, pages }
        : failureOf(err);
      // Decided here, once, so the time the run shows is the time BullMQ waits (see retryDelayMs).
      const retryAt = new Date(Date.now() + (final ? 0 : retryDelayMs(ctx.attempt, backoffMs, e)));
      if (!final && retryAt.getTime() - Date.now() > maxRetryWaitMs) {
        // One site's long pause must not hold up every other site's postings; a later run fetches it.
        final = true;
        const until = retryAt.toISOString().slice(11, 16);
        error = `${error} — not waiting until ${until} UTC: this run went on without it`;
        failure = { ...failure, notWaitingUntil: until };
      }
      if (!final && lateBy(retryAt.getTime())) {
        final = true;
        error = `${error} — not retrying: ${deadlineNote()}`;
        failure = { ...failure, pastDeadlineS: deadlineS };
      }
      await s.runs.updateSource(runId, source, {
        status: final ? "failed" : "retrying",
        error,
        failure,
        httpStatus: e instanceof HttpError ? (e.status ?? null) : null,
        http: counts,
        retries: ctx.attempt - 1,
        durationMs: Date.now() - started,
        retryAt: final ? null : retryAt.toISOString(),
        ...(final ? { finishedAt: new Date().toISOString() } : {}),
      });
      ctx.logger.debug("fetch failed", { attempt: ctx.attempt, final, error: e.message });
      throw final ? new UnrecoverableError(e.message) : e;
    }
    await s.runs.updateSource(runId, source, {
      status: "ok",
      pages,
      fetched,
      httpStatus: 200,
      error: null,
      failure: null,
      http: counts,
      retries: ctx.attempt - 1,
      durationMs: Date.now() - started,
      // Everything listed: the last page said there is no next one (not our page cap). An empty
      // listing is more often a glitch at the source than every job closing at once: not complete.
      complete: adapter.completeListing === true && cursor === undefined && !incremental && fetched > 0,
      finishedAt: new Date().toISOString(),
    });
    ctx.logger.info("fetched", { pages, items: fetched });
  };
}

/** The source's deadline has passed (see `JOBSCOUT_SOURCE_DEADLINE_MS`). */
class SourceDeadlineError extends Error {
  constructor() {
    super("source deadline passed");
    this.name = "SourceDeadlineError";
  }
}

/** A client whose every request also ends when `signal` aborts. */
function withSignal(inner: HttpClient, signal: AbortSignal | undefined): HttpClient {
  if (!signal) return inner;
  const add = (init?: GetInit): GetInit => ({
    ...init,
    signal: init?.signal ? AbortSignal.any([init.signal, signal]) : signal,
  });
  return {
    getText: (url, init) => inner.getText(url, add(init)),
    getJson: (url, init) => inner.getJson(url, add(init)),
  };
}

const decidedDelays = new WeakMap<Error, number>();

/**
 * Delay before the next attempt: the site's Retry-After when it sent one (or the wait for the host's
 * next free slot), else exponential with jitter. A source whose circuit is open is not waited for:
 * its attempts fail fast and the run reports it paused.
 */
export function retryDelayMs(attemptsMade: number, baseMs: number, err: unknown): number {
  const decided = err instanceof Error ? decidedDelays.get(err) : undefined;
  if (decided !== undefined) return decided;
  const after =
    err instanceof HttpError || err instanceof HostThrottledError ? err.retryAfterSeconds : undefined;
  const exp = baseMs * 2 ** Math.max(0, attemptsMade - 1);
  const delay =
    after !== undefined ? Math.min(after, 3600) * 1000 : Math.round(exp / 2 + Math.random() * (exp / 2));
  // The processor asks first (to record when the source is retried), BullMQ's backoff strategy asks
  // again with the same error object: both get the same answer, jitter included.
  if (err instanceof Error) decidedDelays.set(err, delay);
  return delay;
}
