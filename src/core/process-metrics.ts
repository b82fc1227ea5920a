import { collectDefaultMetrics, Counter, Gauge, Histogram, Registry, type LabelValues } from "prom-client";

const FAST = [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5];
const TURN = [0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60, 120, 300];

/**
 * What this process measures as it works, beside the installation-wide figures the dashboard reads
 * from the store: search latency, chat turns and acks per surface, model calls and tokens, circuit
 * breakers. One per process (like the process's `/metrics`): the dashboard of `jobscout start` and
 * the health port of `jobscout worker` include it. No series carries a workspace or a person.
 *
 * Callers record through {@link time}, {@link timer}, {@link observe} and {@link inc}, which do
 * nothing once {@link configure} switched the process's metrics off (`JOBSCOUT_METRICS=off`): no
 * label lookup or bucket work on a search or a turn, and Node's own figures (event loop, GC) are
 * never started.
 */
export class ProcessMetrics {
  readonly registry = new Registry();

  /** SearchService.search, from request to ranked page. */
  readonly searchSeconds = new Histogram({
    name: "jobscout_search_duration_seconds",
    help: "How long a search took in this process (keywords, vectors, facets, ranking).",
    labelNames: ["outcome"] as const,
    buckets: FAST,
    registers: [this.registry],
  });

  /** A chat turn or button press, from hand-over to the reply. */
  readonly turnSeconds = new Histogram({
    name: "jobscout_chat_turn_duration_seconds",
    help: "How long a chat turn or button press took to answer, per surface.",
    labelNames: ["surface", "kind", "outcome"] as const,
    buckets: TURN,
    registers: [this.registry],
  });

  /** The platform's acknowledgement (Slack ack, Discord defer), which has a 3 s deadline. */
  readonly ackSeconds = new Histogram({
    name: "jobscout_chat_ack_duration_seconds",
    help: "How long acknowledging a Slack request or deferring a Discord interaction took (the platforms allow 3 s).",
    labelNames: ["surface"] as const,
    buckets: FAST,
    registers: [this.registry],
  });

  readonly modelCalls = new Counter({
    name: "jobscout_model_calls_total",
    help: "Chat model calls of the agent, by outcome.",
    labelNames: ["model", "outcome"] as const,
    registers: [this.registry],
  });

  readonly modelTokens = new Counter({
    name: "jobscout_model_tokens_total",
    help: "Tokens the chat model reported, by kind (input, output).",
    labelNames: ["model", "kind"] as const,
    registers: [this.registry],
  });

  private readonly breakerSources: Array<() => Array<{ source: string; open: number }>> = [];
  private on = true;
  private nodeFigures = false;

  constructor() {
    const sources = this.breakerSources;
    new Gauge({
      name: "jobscout_source_breaker_open",
      help: "1 while a source's circuit breaker in this process is open or half-open (requests paused), else 0.",
      labelNames: ["source"] as const,
      registers: [this.registry],
      collect() {
        this.reset();
        for (const read of sources) for (const b of read()) this.set({ source: b.source }, b.open);
      },
    });
  }

  /** Whether this process records metrics (`JOBSCOUT_METRICS`). */
  get enabled(): boolean {
    return this.on;
  }

  /**
   * Switch recording on or off for this process (once at start-up, from `JOBSCOUT_METRICS`). On
   * starts Node's own figures at once, so GC and event-loop figures cover the whole process life.
   */
  configure(on: boolean): void {
    this.on = on;
    if (on) this.startNodeFigures();
  }

  private startNodeFigures(): void {
    if (this.nodeFigures) return;
    this.nodeFigures = true;
    // Node's own figures (CPU, memory, event loop lag, handles) as `jobscout_process_*` and the like.
    collectDefaultMetrics({ register: this.registry, prefix: "jobscout_" });
  }

  /** Report the breakers of a politeness stack (worker processes) until the returned function is called. */
  watchBreakers(read: () => Array<{ source: string; open: number }>): () => void {
    this.breakerSources.push(read);
    return () => {
      const i = this.breakerSources.indexOf(read);
      if (i >= 0) this.breakerSources.splice(i, 1);
    };
  }

  /** Time `fn` into a histogram labelled only by its outcome (ok, error). */
  async time<T>(h: Histogram<"outcome">, fn: () => Promise<T>): Promise<T> {
    if (!this.on) return fn();
    const end = h.startTimer();
    try {
      const v = await fn();
      end({ outcome: "ok" });
      return v;
    } catch (err) {
      end({ outcome: "error" });
      throw err;
    }
  }

  /** Start timing into `h`; the returned function observes (with more labels), or does nothing when off. */
  timer<L extends string>(h: Histogram<L>, labels: LabelValues<L>): (more?: LabelValues<L>) => void {
    if (!this.on) return () => undefined;
    const end = h.startTimer(labels);
    return (more) => {
      end(more);
    };
  }

  observe<L extends string>(h: Histogram<L>, labels: LabelValues<L>, value: number): void {
    if (this.on) h.observe(labels, value);
  }

  inc<L extends string>(c: Counter<L>, labels: LabelValues<L>, by = 1): void {
    if (this.on) c.inc(labels, by);
  }

  get contentType(): string {
    return this.registry.contentType;
  }

  render(): Promise<string> {
    // A process that never called configure (a test, a bench) records from its first scrape on.
    if (this.on) this.startNodeFigures();
    return this.registry.metrics();
  }
}

/** This process's metrics. */
export const processMetrics = new ProcessMetrics();
