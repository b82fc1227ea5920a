// Drill (issue #14): jobscout on several machines. Network namespaces made here are two worker hosts
// and a bot host; the root namespace is the services machine with PostgreSQL, Redis and the job
// sites (the replay server). The bot host asks for jobs, a run starts, the worker host that is
// fetching loses power mid-run, and the run completes on the other host with every posting stored
// once. Needs root (CAP_NET_ADMIN); elsewhere it is skipped with the reason. Run it alone with
//   npx vitest run test/integration/drill-multi-host.test.ts
import { mkdtempSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import type { Db } from "../../src/store/db.js";
import { openDb } from "../../src/store/db.js";
import { RunsRepo, type RunView } from "../../src/store/runs.repo.js";
import { ensureBuilt, ROOT } from "../support/cli.js";
import { dropPrefix, eventually, REDIS_URL, testEnv } from "../support/harness.js";
import {
  createHostNetwork,
  namespacesUnavailable,
  startForwarder,
  type Host,
  type HostProcess,
} from "../support/netns.js";
import { ARBEITNOW_PATH, startReplayServer } from "../support/replay-server.js";
import { countRows, createPgDatabase, TEST_PG_URL } from "../support/stores.js";

const unavailable =
  process.platform === "linux" ? namespacesUnavailable() : "network namespaces are Linux only";
if (unavailable) console.warn(`multi-host drill skipped: ${unavailable}`);

const cleanups: Array<() => Promise<void> | void> = [];
afterEach(async () => {
  for (const c of cleanups.splice(0).reverse()) await c();
});

const JOBSCOUT = path.join(ROOT, "bin/jobscout.js");

function start(host: Host, args: string[], env: Record<string, string>): HostProcess {
  const cwd = mkdtempSync(path.join(os.tmpdir(), "jobscout-cwd-"));
  const p = host.spawn(process.execPath, [JOBSCOUT, ...args], env, cwd);
  cleanups.push(async () => {
    if (p.child.exitCode === null && p.child.signalCode === null) {
      p.child.kill("SIGKILL");
      await p.exited;
    }
    rmSync(cwd, { recursive: true, force: true });
  });
  return p;
}

async function theRun(db: Db): Promise<RunView | undefined> {
  const row = await db.kysely.selectFrom("runs").select("id").executeTakeFirst();
  return row ? new RunsRepo(db).getInternal(row.id) : undefined;
}

describe.skipIf(unavailable !== undefined)("drill: several hosts sharing PostgreSQL and Redis", () => {
  it("a worker host that loses power mid-run: the run completes on the other host, no posting lost or stored twice", async () => {
    ensureBuilt();
    const net = createHostNetwork(["worker-a", "worker-b", "bot"]);
    cleanups.push(() => net.remove());
    const host = (name: string) => net.hosts.get(name)!;

    // The services machine: PostgreSQL and Redis (forwarded from the bridge address), the job sites.
    const database = await createPgDatabase();
    cleanups.push(() => database.drop());
    const pgTarget = new URL(TEST_PG_URL);
    const redisTarget = new URL(REDIS_URL);
    const pgForward = await startForwarder(net.services, {
      host: pgTarget.hostname,
      port: Number(pgTarget.port || 5432),
    });
    cleanups.push(() => pgForward.close());
    const redisForward = await startForwarder(net.services, {
      host: redisTarget.hostname,
      port: Number(redisTarget.port || 6379),
    });
    cleanups.push(() => redisForward.close());
    // 105 Arbeitnow postings, ten to a slow page: the fetch takes several seconds.
    const replay = await startReplayServer({ host: net.services, arbeitnowPages: { perPage: 10 } });
    cleanups.push(() => replay.close());
    replay.fail(ARBEITNOW_PATH, { delayMs: 700 });

    const dbUrl = new URL(database.url);
    dbUrl.host = `${net.services}:${pgForward.port}`;
    const dataDirs = mkdtempSync(path.join(os.tmpdir(), "jobscout-hosts-"));
    cleanups.push(() => rmSync(dataDirs, { recursive: true, force: true }));
    const shared = testEnv(dataDirs, replay.url);
    cleanups.push(() => dropPrefix(shared.JOBSCOUT_QUEUE_PREFIX));
    // Each host its own data dir; the store, the queues and the sites only over the network.
    const envOf = (name: string, extra: Record<string, string> = {}) => ({
      ...shared,
      JOBSCOUT_DATA_DIR: path.join(dataDirs, name),
      DATABASE_URL: dbUrl.toString(),
      REDIS_URL: `redis://${net.services}:${redisForward.port}`,
      JOBSCOUT_LOCK_MS: "8000",
      JOBSCOUT_FETCH_MAX_PAGES: "50",
      JOBSCOUT_LOG_LEVEL: "info",
      ...extra,
    });

    const workers = ["worker-a", "worker-b"].map((name) => start(host(name), ["worker"], envOf(name)));
    for (const w of workers) await eventually(() => w.stderr().includes("worker ready"), 90_000);

    // The bot host: a person asks; the answer waits for the run.
    const bot = start(host("bot"), ["ask", "find me jobs in Berlin", "--no-workers"], {
      ...envOf("bot", { JOBSCOUT_RUN_WAIT_MS: "300000", JOBSCOUT_LOG_LEVEL: "warn" }),
    });

    // The services side reads the store directly (127.0.0.1).
    const db = await openDb({ file: "", url: database.url });
    cleanups.push(() => db.close());
    const midway = await eventually(async () => {
      const run = await theRun(db);
      return (run?.outcomes.find((o) => o.source === "arbeitnow")?.pages ?? 0) >= 3 ? run : undefined;
    }, 120_000);
    // The host that is fetching is the one whose address the job site saw last.
    const pageRequests = () => replay.requests.filter((r) => r.path === ARBEITNOW_PATH);
    const fetching = pageRequests().at(-1)!.from;
    const victim = [host("worker-a"), host("worker-b")].find((h) => h.address === fetching);
    expect(victim, `the job site was asked by ${fetching}, not by a worker host`).toBeDefined();
    const survivor = victim!.name === "worker-a" ? host("worker-b") : host("worker-a");
    const seenBeforeKill = pageRequests().length;
    victim!.kill();
    const killedAt = Date.now();
    expect(midway.status).toBe("running");
    expect(midway.stage).toBe("fetch");

    // The run ends and the bot host answers (the ask waits for the run).
    await eventually(() => bot.child.exitCode !== null || bot.child.signalCode !== null, 300_000);
    expect(bot.child.exitCode, bot.stderr()).toBe(0);
    const answeredAt = Date.now();

    const done = (await theRun(db))!;
    expect(done.status).toBe("completed");
    expect(done.outcomes.find((o) => o.source === "arbeitnow")).toMatchObject({
      status: "ok",
      fetched: 105,
      newJobs: 105,
    });
    // Nothing of the Bamberg-area Jobsuche fixture is near Berlin.
    expect(done.outcomes.find((o) => o.source === "ba-jobsuche")).toMatchObject({ status: "ok", fetched: 0 });

    // The rest of the listing was fetched by the other host after the kill.
    const after = pageRequests().slice(seenBeforeKill);
    expect(after.length).toBeGreaterThan(0);
    expect(new Set(after.map((r) => r.from))).toEqual(new Set([survivor.address]));

    // Every posting of the fixture stored once: one job, one reference, one vector each.
    expect({
      jobs: await countRows(db, "jobs"),
      refs: await countRows(db, "job_sources"),
      vectors: await countRows(db, "job_vectors"),
      vectorJobs: await countRows(db, "(SELECT DISTINCT job_id FROM job_vectors) v"),
    }).toEqual({ jobs: 105, refs: 105, vectors: 105, vectorJobs: 105 });
    // Each run item done exactly once: one row per posting, each new and tied to its own job.
    const items = `run_items WHERE run_id = '${done.id}'`;
    expect({
      items: await countRows(db, items),
      newItems: await countRows(db, `${items} AND outcome = 'new'`),
      jobsOfItems: await countRows(db, `(SELECT DISTINCT job_id FROM ${items} AND job_id IS NOT NULL) j`),
    }).toEqual({ items: 105, newItems: 105, jobsOfItems: 105 });

    // The person on the bot host got the jobs.
    expect(bot.stdout()).toContain("Arbeitnow: 105 jobs, 105 new");
    console.log(
      `multi-host drill: killed ${victim!.name} (${victim!.address}) after ${seenBeforeKill} page requests; ` +
        `${after.length} more pages from ${survivor.name}; run ${done.status} and the bot host answered ` +
        `${((answeredAt - killedAt) / 1000).toFixed(1)} s after the kill (lock 8 s).\n${bot.stdout()}`,
    );
  }, 420_000);
});
