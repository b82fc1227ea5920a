// Fetch limits benchmark: how much a worker's memory grows while three sources answer with a 50 MB
// JSON page, 50 MB of junk and a gzip bomb (~1 MB that unpacks to 1 GiB), next to a normal board
// and Arbeitnow. The hostile site runs in a child process, so the figure is the worker's own.
//
//   npx tsx --expose-gc bench/fetch-limits.bench.ts [--rounds 3]
//
// Needs Redis on 127.0.0.1:6379 (or TEST_REDIS_URL). RSS is sampled every 10 ms during each run;
// --expose-gc lets it collect before each baseline, so garbage of an earlier run is not counted.
import { spawn } from "node:child_process";
import { fileURLToPath } from "node:url";
import { createLogger } from "../src/core/logger.js";
import { composeApp } from "../src/compose/app.js";
import { GREENHOUSE_PATH, startAtsServer } from "../test/support/ats-server.js";
import { startReplayServer } from "../test/support/replay-server.js";
import { dropPrefix, tempDir, testConfig, testEnv } from "../test/support/harness.js";

const BAD = { huge: "huge-json", junk: "junk", bomb: "gzip-bomb" } as const;
const MB = 1024 * 1024;

async function serve(): Promise<void> {
  const ats = await startAtsServer();
  for (const [board, big] of Object.entries(BAD)) ats.fail(GREENHOUSE_PATH(board), { big });
  process.stdout.write(`${ats.url}\n`);
  process.once("SIGTERM", () => void ats.close().then(() => process.exit(0)));
}

async function main(): Promise<void> {
  const i = process.argv.indexOf("--rounds");
  const rounds = i >= 0 ? Number(process.argv[i + 1]) : 3;
  const child = spawn(process.execPath, [...process.execArgv, fileURLToPath(import.meta.url), "--serve"], {
    stdio: ["ignore", "pipe", "inherit"],
  });
  const atsUrl = await new Promise<string>((resolve) =>
    child.stdout.once("data", (d: Buffer) => resolve(d.toString().trim())),
  );
  const replay = await startReplayServer();
  const tmp = tempDir("jobscout-bench-");
  const env = testEnv(tmp.dir, replay.url, {
    JOBSCOUT_SOURCES: "arbeitnow",
    GREENHOUSE_BASE_URL: atsUrl,
    JOBSCOUT_HOST_RATE_LIMITS: `${new URL(replay.url).host}=60000,${new URL(atsUrl).host}=60000`,
    JOBSCOUT_FETCH_TIMEOUT_MS: "30000",
  });
  const app = await composeApp({ config: testConfig(env), logger: createLogger("silent"), workers: true });
  const who = { workspaceId: "bench", userId: "bench", threadId: "bench", platform: "bench", isAdmin: true };
  try {
    await app.catalog.track({ ...who, kind: "greenhouse", params: { board: "smarterdx" } });
    // Warm up: one run over the good sources only, so the baseline includes loaded code and caches.
    await app.agent.ask("refresh", who);
    for (const board of Object.keys(BAD))
      await app.catalog.track({ ...who, kind: "greenhouse", params: { board } });
    global.gc?.();
    const first = process.memoryUsage().rss;
    let overall = first;
    for (let r = 1; r <= rounds; r++) {
      global.gc?.();
      const before = process.memoryUsage().rss;
      let peak = before;
      const timer = setInterval(() => (peak = Math.max(peak, process.memoryUsage().rss)), 10);
      const started = Date.now();
      const run = (await app.agent.ask("refresh", { ...who, threadId: `bench-${r}` })).run;
      clearInterval(timer);
      overall = Math.max(overall, peak);
      console.log(
        `round ${r}: RSS ${(before / MB).toFixed(0)} MB → peak ${(peak / MB).toFixed(0)} MB (+${((peak - before) / MB).toFixed(0)} MB), run ${Date.now() - started} ms, ${run?.status}`,
      );
      for (const s of run?.sources ?? [])
        console.log(
          `  ${s.source}: ${s.status}, ${s.fetched} items fetched, retries ${s.retries}${s.error ? ` — ${s.error}` : ""}`,
        );
    }
    console.log(
      `worst: +${((overall - first) / MB).toFixed(0)} MB over the RSS before the first run with the hostile sources (${(first / MB).toFixed(0)} MB)`,
    );
  } finally {
    await app.close();
    await dropPrefix(env.JOBSCOUT_QUEUE_PREFIX);
    await replay.close();
    tmp.remove();
    child.kill("SIGTERM");
  }
}

if (process.argv.includes("--serve")) void serve();
else void main();
