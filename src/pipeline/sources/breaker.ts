import { createRequire } from "node:module";
import type * as Cockatiel from "cockatiel";
import type { CircuitBreakerPolicy } from "cockatiel";
import { AppError, describeError } from "../../core/errors.js";
import type { Logger } from "../../core/logger.js";
import { HttpError } from "./http.js";

// cockatiel is CommonJS: require() spares Node's scan of its re-exported files that an ESM import
// costs at every start (~25 ms CPU; see queue-lib.ts).
const { BrokenCircuitError, circuitBreaker, CircuitState, ConsecutiveBreaker, handleWhen } = createRequire(
  import.meta.url,
)("cockatiel") as typeof Cockatiel;

/**
 * Failures that say the source itself is unwell: 5xx, timeouts, unreachable — also when they come
 * wrapped (robots.txt unreachable). A 404 of one item, a 429 or a bad body are answers, not outages.
 */
export function isSourceUnwell(err: unknown): boolean {
  if (err instanceof HttpError) {
    return err.code === "http_timeout" || err.code === "http_network" || (err.status ?? 0) >= 500;
  }
  return err instanceof AppError && err.cause instanceof HttpError && isSourceUnwell(err.cause);
}

/** The source's circuit is open: we fail fast instead of sending requests to a source that keeps failing. */
export class SourcePausedError extends AppError {
  /** When the circuit lets a trial request through again. */
  readonly retryAt: Date;
  readonly retryAfterSeconds: number;

  constructor(source: string, failures: number, retryAt: Date, last: string | undefined) {
    const seconds = Math.max(0, Math.ceil((retryAt.getTime() - Date.now()) / 1000));
    const message =
      `${source} is paused after ${failures} failed requests in a row` +
      `${last ? ` (last: ${last})` : ""}; it will be tried again after ` +
      `${retryAt.toISOString().slice(11, 19)} UTC (in ${seconds} s)`;
    super("source_paused", message, { retryable: true, userMessage: message });
    this.name = "SourcePausedError";
    this.retryAt = retryAt;
    this.retryAfterSeconds = seconds;
  }
}

/** Options for {@link SourceBreakers}. */
export interface SourceBreakersOptions {
  /** Consecutive failures that open a source's circuit (`JOBSCOUT_BREAKER_FAILURES`). */
  failures: number;
  /** How long an open circuit waits before one trial request (`JOBSCOUT_BREAKER_COOLDOWN_MS`). */
  cooldownMs: number;
  logger?: Logger | undefined;
}

export type BreakerState = "closed" | "open" | "half-open";

interface Entry {
  policy: CircuitBreakerPolicy;
  openedAt: number;
}

type Attempt<T> = { ok: true; value: T } | { ok: false; error: unknown };

/**
 * One cockatiel circuit breaker per source, in this process. Each worker process keeps its own: a
 * source failing for one worker soon fails for the others, and a shared circuit would need its own
 * half-open election across processes.
 */
export class SourceBreakers {
  private readonly bySource = new Map<string, Entry>();

  constructor(private readonly o: SourceBreakersOptions) {}

  /** Run one request of `source` through its circuit; throws {@link SourcePausedError} while open. */
  async run<T>(source: { id: string; displayName: string }, request: () => Promise<T>): Promise<T> {
    const entry = this.entry(source.id);
    let attempt: Attempt<T>;
    try {
      attempt = await entry.policy.execute(async (): Promise<Attempt<T>> => {
        try {
          return { ok: true, value: await request() };
        } catch (err) {
          // The server answered (404, 429, a bad body): that is a sign of life, so it resets the count.
          if (err instanceof HttpError && !isSourceUnwell(err)) return { ok: false, error: err };
          throw err;
        }
      });
    } catch (err) {
      if (!(err instanceof BrokenCircuitError)) throw err;
      const last = entry.policy.lastFailure;
      throw new SourcePausedError(
        source.displayName,
        this.o.failures,
        new Date(entry.openedAt + this.o.cooldownMs),
        last && "error" in last ? describeError(last.error) : undefined,
      );
    }
    if (!attempt.ok) throw attempt.error;
    return attempt.value;
  }

  /** Every source this process has a circuit for, with its state. */
  states(): Array<{ source: string; state: BreakerState }> {
    return [...this.bySource.keys()].map((source) => ({ source, state: this.state(source) }));
  }

  state(sourceId: string): BreakerState {
    const s = this.bySource.get(sourceId)?.policy.state;
    return s === CircuitState.Open || s === CircuitState.Isolated
      ? "open"
      : s === CircuitState.HalfOpen
        ? "half-open"
        : "closed";
  }

  private entry(sourceId: string): Entry {
    const found = this.bySource.get(sourceId);
    if (found) return found;
    const policy = circuitBreaker(handleWhen(isSourceUnwell), {
      halfOpenAfter: this.o.cooldownMs,
      breaker: new ConsecutiveBreaker(this.o.failures),
    });
    const entry: Entry = { policy, openedAt: 0 };
    policy.onBreak(() => {
      entry.openedAt = Date.now();
      this.o.logger?.warn("source circuit opened", {
        source: sourceId,
        retryAt: new Date(entry.openedAt + this.o.cooldownMs).toISOString(),
      });
    });
    policy.onReset(() => this.o.logger?.info("source circuit closed", { source: sourceId }));
    this.bySource.set(sourceId, entry);
    return entry;
  }
}
