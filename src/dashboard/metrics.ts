import type { Queue } from "bullmq";
import { Gauge, Histogram, Registry } from "prom-client";
import { processMetrics } from "../core/process-metrics.js";
import { runStages } from "../store/runs.repo.js";
import type { DashboardRepo } from "../store/dashboard.repo.js";
import type { MetricsRepo } from "../store/metrics.repo.js";

/** How many recent fetches and runs the latency histograms are built from at each scrape. */
const RECENT_FETCHES = 1000;
const RECENT_RUNS = 200;
const SECONDS = [0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60, 120, 300];

/** What `/metrics` reads. */
export interface MetricsDeps {
  metrics: MetricsRepo;
  sizes: Pick<DashboardRepo, "sizes">;
  /** The stage queues; BullMQ exports their job counts itself. */
  queues: readonly Queue[];
}

/**
 * One exposition from several of BullMQ's per-queue ones: each repeats `# HELP`/`# TYPE` for the
 * same families, and the format wants every family once with all its samples together.
 */
export function mergeFamilies(texts: readonly string[]): string {
  const families = new Map<string, { meta: string[]; samples: string[] }>();
  for (const text of texts) {
    for (const line of text.split("\n")) {
      const meta = /^# (HELP|TYPE) (\S+)/.exec(line);
      const name = meta ? meta[2] : /^([a-zA-Z_:][a-zA-Z0-9_:]*)/.exec(line)?.[1];
      if (!name) continue;
      const family = families.get(name) ?? { meta: [], samples: [] };
      families.set(name, family);
      if (!meta) family.samples.push(line);
      else if (!family.meta.some((m) => m.startsWith(`# ${meta[1]} `))) family.meta.push(line);
    }
  }
  return [...families.values()].flatMap((f) => [...f.meta, ...f.samples]).join("\n");
}

/** Stage durations of one run: from each stage's start to the next one's. */
function stageDurations(started: Record<string, string>): Array<{ stage: string; seconds: number }> {
  const order = runStages.filter((s) => started[s] !== undefined);
  return order.slice(0, -1).flatMap((stage, i) => {
    const next = order[i + 1];
    const from = started[stage];
    const to = next ? started[next] : undefined;
    return from && to ? [{ stage, seconds: Math.max(0, (Date.parse(to) - Date.parse(from)) / 1000) }] : [];
  });
}

/**
 * Prometheus metrics of the whole installation, computed from the store at each scrape (every
 * worker process writes there, so one dashboard reports them all) plus BullMQ's queue metrics and
 * what this process measured itself ({@link processMetrics}).
 * No metric carries a workspace: `/metrics` must not tell one workspace about another.
 */
export function createMetrics(deps: MetricsDeps): { contentType: string; render(): Promise<string> } {
  const register = new Registry();
  new Gauge({
    name: "jobscout_runs",
    help: "Runs in the store by status.",
    labelNames: ["status"],
    registers: [register],
    async collect() {
      this.reset();
      for (const r of await deps.metrics.runsByStatus()) this.set({ status: r.status }, r.count);
    },
  });
  new Gauge({
    name: "jobscout_source_fetches",
    help: "Fetches of each source in all runs, by outcome (ok, failed, retrying, pending, fetching).",
    labelNames: ["source", "status"],
    registers: [register],
    async collect() {
      this.reset();
      for (const r of await deps.metrics.fetchesBySourceStatus())
        this.set({ source: r.source, status: r.status }, r.count);
    },
  });
  const recent = { fetches: [] as Awaited<ReturnType<MetricsRepo["recentFetches"]>> };
  new Gauge({
    name: "jobscout_source_http_responses",
    help: `HTTP outcomes (status code, timeout, network) of each source's requests over its latest ${RECENT_FETCHES} fetches.`,
    labelNames: ["source", "code"],
    registers: [register],
    async collect() {
      this.reset();
      recent.fetches = await deps.metrics.recentFetches(RECENT_FETCHES);
      for (const f of recent.fetches)
        for (const [code, n] of Object.entries(f.http)) this.inc({ source: f.source, code }, n);
    },
  });
  new Histogram({
    name: "jobscout_source_fetch_duration_seconds",
    help: `How long each source's fetch took, over the latest ${RECENT_FETCHES} finished fetches.`,
    labelNames: ["source", "status"],
    buckets: SECONDS,
    registers: [register],
    async collect() {
      this.reset();
      for (const f of await deps.metrics.recentFetches(RECENT_FETCHES))
        if (f.durationMs !== null) this.observe({ source: f.source, status: f.status }, f.durationMs / 1000);
    },
  });
  new Histogram({
    name: "jobscout_stage_duration_seconds",
    help: `How long each stage of a run took, over the latest ${RECENT_RUNS} finished runs.`,
    labelNames: ["stage"],
    buckets: SECONDS,
    registers: [register],
    async collect() {
      this.reset();
      for (const run of await deps.metrics.recentStageTimes(RECENT_RUNS))
        for (const d of stageDurations(run)) this.observe({ stage: d.stage }, d.seconds);
    },
  });
  new Gauge({
    name: "jobscout_jobs",
    help: "Jobs in the store by status (open, closed).",
    labelNames: ["status"],
    registers: [register],
    async collect() {
      const s = await deps.sizes.sizes();
      this.set({ status: "open" }, s.openJobs);
      this.set({ status: "closed" }, s.closedJobs);
    },
  });
  new Gauge({
    name: "jobscout_index_vectors",
    help: "Stored vectors per embedder (each embedder's hnswlib index is caught up from these).",
    labelNames: ["embedder"],
    registers: [register],
    async collect() {
      this.reset();
      for (const v of (await deps.sizes.sizes()).vectors) this.set({ embedder: v.embedder }, v.count);
    },
  });
  return {
    contentType: register.contentType,
    async render() {
      const own = await register.metrics();
      // What this process measured itself (searches, chat turns, model calls, Node's own figures).
      const here = await processMetrics.render();
      const queues = await Promise.all(deps.queues.map((q) => q.exportPrometheusMetrics()));
      return `${own.trimEnd()}\n${here.trimEnd()}\n${mergeFamilies(queues)}\n`;
    },
  };
}
