// /metrics after a real run parses as Prometheus text and carries the series operators need;
// /readyz turns unready when Redis stops and ready again when it is back.
import { spawn, type ChildProcess } from "node:child_process";
import { connect, createServer } from "node:net";
import { afterEach, describe, expect, it, onTestFinished } from "vitest";
import { processMetrics } from "../../src/core/process-metrics.js";
import { coreReadiness, serveHealth } from "../../src/dashboard/health.server.js";
import { embedderKey } from "../../src/search/embedder.js";
import { IndexSync } from "../../src/search/index-sync.js";
import { eventually, tempDir, TEST_WORKSPACE } from "../support/harness.js";
import { tracked } from "../support/cli.js";
import { startDashboardEnv } from "../support/dashboard-env.js";
import { parsePrometheusText, sampleValue } from "../support/prometheus-text.js";

const cleanups: Array<() => Promise<void> | void> = [];
afterEach(async () => {
  for (const c of cleanups.splice(0).reverse()) await c();
});

describe("/metrics", () => {
  it("parses and reports runs, fetches, HTTP outcomes, latencies, stages, jobs, vectors and queues", async () => {
    const env = await startDashboardEnv();
    cleanups.push(() => env.close());
    const run = await env.app.runService.start({ ...TEST_WORKSPACE, query: { place: "Bamberg" } });
    await env.app.runService.wait(TEST_WORKSPACE.workspaceId, run.id, { timeoutMs: 60_000 });

    const res = await fetch(`${env.url}/metrics`);
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toContain("text/plain");
    const m = parsePrometheusText(await res.text());

    expect(sampleValue(m, "jobscout_runs", "jobscout_runs", { status: "completed" })).toBe(1);
    expect(
      sampleValue(m, "jobscout_source_fetches", "jobscout_source_fetches", {
        source: "arbeitnow",
        status: "ok",
      }),
    ).toBe(1);
    expect(
      sampleValue(m, "jobscout_source_http_responses", "jobscout_source_http_responses", {
        source: "arbeitnow",
        code: "200",
      }),
    ).toBeGreaterThan(0);
    expect(m.get("jobscout_source_fetch_duration_seconds")?.type).toBe("histogram");
    expect(
      sampleValue(
        m,
        "jobscout_source_fetch_duration_seconds",
        "jobscout_source_fetch_duration_seconds_count",
        { source: "ba-jobsuche" },
      ),
    ).toBe(1);
    for (const stage of ["fetch", "normalize", "dedupe", "embed", "index"]) {
      expect(
        sampleValue(m, "jobscout_stage_duration_seconds", "jobscout_stage_duration_seconds_count", { stage }),
        stage,
      ).toBe(1);
    }
    const open = sampleValue(m, "jobscout_jobs", "jobscout_jobs", { status: "open" }) ?? 0;
    expect(open).toBeGreaterThan(100);
    expect(sampleValue(m, "jobscout_index_vectors", "jobscout_index_vectors", {})).toBe(open);
    expect(
      sampleValue(m, "bullmq_job_completed_total", "bullmq_job_completed_total", { queue: "jobscout-fetch" }),
    ).toBeGreaterThanOrEqual(0);
    expect(m.get("bullmq_job_count")?.samples.some((s) => s.labels.queue === "jobscout-index")).toBe(true);
    // A process holds more than 10 MB: the figure is the real resident size, not a placeholder.
    expect(
      sampleValue(m, "jobscout_process_resident_memory_bytes", "jobscout_process_resident_memory_bytes", {}),
    ).toBeGreaterThan(10_000_000);
  });
});

describe("/metrics of what this process did", () => {
  it("counts chat turns per surface, searches and model calls, and a worker's health port serves them too", async () => {
    const env = await startDashboardEnv();
    cleanups.push(() => env.close());
    const scrape = async () => parsePrometheusText(await (await fetch(`${env.url}/metrics`)).text());
    const turns = (m: Awaited<ReturnType<typeof scrape>>, surface: string) =>
      sampleValue(m, "jobscout_chat_turn_duration_seconds", "jobscout_chat_turn_duration_seconds_count", {
        surface,
        kind: "turn",
        outcome: "ok",
      }) ?? 0;
    const searches = (m: Awaited<ReturnType<typeof scrape>>) =>
      sampleValue(m, "jobscout_search_duration_seconds", "jobscout_search_duration_seconds_count", {
        outcome: "ok",
      }) ?? 0;
    const modelCalls = (m: Awaited<ReturnType<typeof scrape>>) =>
      (m.get("jobscout_model_calls_total")?.samples ?? [])
        .filter((s) => s.labels.outcome === "ok")
        .reduce((n, s) => n + s.value, 0);
    // The metrics are this process's: other tests in it count too, so the test compares before/after.
    const before = await scrape();
    const where = { workspace: { id: "slack:TMETRICS" }, channel: "C1", direct: false };
    const turn = (text: string) => ({
      platform: "slack" as const,
      ...where,
      thread: `t-${process.hrtime.bigint()}`,
      user: { id: "UMETRICS", isAdmin: false },
      text,
      files: [],
    });
    await env.app.chat.handleTurn(turn("hello"));
    await env.app.chat.handleTurn(turn("saved jobs"));
    const after = await scrape();

    expect(turns(after, "slack") - turns(before, "slack")).toBe(2);
    expect(turns(after, "discord")).toBe(turns(before, "discord"));
    expect(modelCalls(after) - modelCalls(before)).toBeGreaterThanOrEqual(2);
    expect(after.get("jobscout_search_duration_seconds")?.type).toBe("histogram");
    expect(after.get("jobscout_chat_ack_duration_seconds")?.type).toBe("histogram");

    await env.app.search.search({ text: "python", limit: 5 });
    expect(searches(await scrape()) - searches(after)).toBe(1);

    // A worker's health port serves this process's figures (its breakers, Node's own).
    const { serveHealth } = await import("../../src/dashboard/health.server.js");
    const health = await serveHealth({ port: 0, host: "127.0.0.1", checks: [] });
    cleanups.push(() => health.close());
    const own = parsePrometheusText(await (await fetch(`${health.url}/metrics`)).text());
    expect(own.get("jobscout_source_breaker_open")?.type).toBe("gauge");
    expect(
      sampleValue(
        own,
        "jobscout_process_resident_memory_bytes",
        "jobscout_process_resident_memory_bytes",
        {},
      ),
    ).toBeGreaterThan(10_000_000);
  });
});

describe("/metrics switched off (JOBSCOUT_METRICS=off)", () => {
  it("records nothing on a search or a turn, answers 404 with a line saying why, and search still answers", async () => {
    const env = await startDashboardEnv();
    cleanups.push(() => env.close());
    const run = await env.app.runService.start({ ...TEST_WORKSPACE, query: { place: "Bamberg" } });
    await env.app.runService.wait(TEST_WORKSPACE.workspaceId, run.id, { timeoutMs: 60_000 });
    const recorded = async () => {
      const searches = (await processMetrics.searchSeconds.get()).values;
      const turns = (await processMetrics.turnSeconds.get()).values;
      const count = (vs: typeof searches) =>
        vs.filter((v) => v.metricName?.endsWith("_count")).reduce((n, v) => n + v.value, 0);
      return { searches: count(searches), turns: count(turns) };
    };
    const before = await recorded();

    processMetrics.configure(false);
    onTestFinished(() => processMetrics.configure(true));
    const page = await env.app.search.search({ text: "Pflege", limit: 5 });
    expect(page.hits.length).toBe(5);
    await env.app.chat.handleTurn({
      platform: "slack",
      workspace: { id: "slack:TMETRICSOFF" },
      channel: "C1",
      direct: false,
      thread: `t-${process.hrtime.bigint()}`,
      user: { id: "UMETRICSOFF", isAdmin: false },
      text: "saved jobs",
      files: [],
    });
    expect(await recorded()).toEqual(before);
    const res = await fetch(`${env.url}/metrics`);
    expect(res.status).toBe(404);
    expect(await res.text()).toBe("metrics are off in this process (JOBSCOUT_METRICS=off)\n");

    // Switched on again, the same search is counted once.
    processMetrics.configure(true);
    await env.app.search.search({ text: "Pflege", limit: 5 });
    expect((await recorded()).searches).toBe(before.searches + 1);
    expect((await fetch(`${env.url}/metrics`)).status).toBe(200);
  });
});

async function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const s = createServer().listen(0, "127.0.0.1", () => {
      const { port } = s.address() as { port: number };
      s.close(() => resolve(port));
    });
  });
}

/** Whether something accepts connections on the port. */
function answers(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = connect(port, "127.0.0.1")
      .once("connect", () => {
        socket.destroy();
        resolve(true);
      })
      .once("error", () => resolve(false));
  });
}

// Tracked: ended after the test even when its own cleanup does not finish (a hung close once left
// this server running after the suite).
function startRedis(port: number): ChildProcess {
  return tracked(
    spawn(
      "redis-server",
      ["--port", String(port), "--bind", "127.0.0.1", "--save", "", "--appendonly", "no"],
      {
        stdio: "ignore",
      },
    ),
  );
}

describe("/readyz", () => {
  it("is unready while the vector index is not open, naming it, and ready once it is (with the store's vectors)", async () => {
    const env = await startDashboardEnv();
    cleanups.push(() => env.close());
    const run = await env.app.runService.start({ ...TEST_WORKSPACE, query: { place: "Berlin" } });
    await env.app.runService.wait(TEST_WORKSPACE.workspaceId, run.id, { timeoutMs: 60_000 });
    const dir = tempDir("jobscout-readyz-index-");
    cleanups.push(dir.remove);
    // A second index on the same store, as a worker starting up holds before it has opened it.
    const index = new IndexSync({
      vectors: env.app.vectors,
      embedderKey: embedderKey(env.app.embedder),
      dim: env.app.embedder.dim,
      dir: dir.dir,
    });
    const health = await serveHealth({
      port: 0,
      host: "127.0.0.1",
      checks: coreReadiness({ connection: env.app.connection, db: env.app.db, index }),
    });
    cleanups.push(() => health.close());

    const down = await fetch(`${health.url}/readyz`);
    expect(down.status).toBe(503);
    expect(await down.json()).toMatchObject({
      status: "unready",
      checks: [
        { name: "redis", ok: true },
        { name: "store", ok: true },
        { name: "index", ok: false, error: "IndexSync.open() has not been called" },
      ],
    });

    await index.open();
    expect((await fetch(`${health.url}/readyz`)).status).toBe(200);
    expect(index.index.size()).toBe(env.app.index.index.size());
  });

  it("turns unready when Redis stops and ready again when it is back", async () => {
    const port = await freePort();
    let redis = startRedis(port);
    cleanups.push(() => {
      redis.kill("SIGKILL");
    });
    const url = `redis://127.0.0.1:${port}`;
    await eventually(() => answers(port));
    const env = await startDashboardEnv({}, { REDIS_URL: url });
    cleanups.push(() => env.close());
    expect((await fetch(`${env.url}/readyz`)).status).toBe(200);

    redis.kill("SIGKILL");
    await new Promise((r) => redis.once("exit", r));
    const down = await fetch(`${env.url}/readyz`);
    expect(down.status).toBe(503);
    expect(await down.json()).toMatchObject({ status: "unready", checks: [{ name: "redis", ok: false }] });
    expect((await fetch(`${env.url}/healthz`)).status).toBe(200);

    redis = startRedis(port);
    await eventually(async () => (await fetch(`${env.url}/readyz`)).status === 200, 20_000, 200);
  });
});
