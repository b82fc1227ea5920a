// `jobscout ask` as a user runs it: a fresh data dir, the job sites replayed locally.
import { writeFileSync } from "node:fs";
import path from "node:path";
import Database from "better-sqlite3";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ARBEITNOW_PATH, BA_PATH, startReplayServer, type ReplayServer } from "../support/replay-server.js";
import { jobCardsIn as matches, killLiveChildren, runJobscout, type CliResult } from "../support/cli.js";
import { dropPrefix, tempDir, testEnv, type TestEnv } from "../support/harness.js";

function ask(env: TestEnv, question: string): Promise<CliResult> {
  return runJobscout(["ask", question], { env });
}

function runCount(dataDir: string): number {
  const db = new Database(path.join(dataDir, "jobscout.sqlite"), { readonly: true });
  try {
    return (db.prepare("SELECT count(*) AS n FROM runs").get() as { n: number }).n;
  } finally {
    db.close();
  }
}

let replay: ReplayServer;
beforeAll(async () => {
  replay = await startReplayServer();
});
afterAll(() => replay.close());

describe("jobscout ask", () => {
  it("on an empty data dir runs the pipeline, prints ranked Berlin matches; the second ask uses the index", async () => {
    const tmp = tempDir();
    const env = testEnv(tmp.dir, replay.url, { JOBSCOUT_PROGRESS: "true" });
    try {
      const first = await ask(env, "find me jobs in Berlin");
      expect(first.stderr).not.toMatch(/error/i);
      expect(first.code).toBe(0);
      expect(first.stdout).toMatch(/^Fetched fresh postings/);
      expect(first.stderr).toMatch(/\[100%\] done/); // progress was shown while the run worked
      const found = matches(first.stdout);
      expect(found.length).toBeGreaterThanOrEqual(3);
      expect(found.map((m) => m.n)).toEqual(found.map((_, i) => i + 1));
      for (const m of found) {
        expect(m.meta).toMatch(/Berlin/);
        expect(m.company?.length).toBeGreaterThan(0);
      }
      expect(runCount(tmp.dir)).toBe(1);

      const before = replay.requests.length;
      const second = await ask(env, "find me jobs in Berlin");
      expect(second.code).toBe(0);
      expect(second.stdout).not.toMatch(/Fetched fresh postings/);
      expect(matches(second.stdout).map((m) => m.url)).toEqual(found.map((m) => m.url));
      expect(replay.requests.length).toBe(before);
      expect(runCount(tmp.dir)).toBe(1);
    } finally {
      await dropPrefix(env.JOBSCOUT_QUEUE_PREFIX);
      tmp.remove();
    }
  });

  // Three cities, each on its own empty data dir: the three `ask` children run at the same time rather
  // than one after another (one child's waiting on fetches, Redis and its queue overlaps another's
  // work), and each test reads its own city's answer.
  describe("works the same in other cities", () => {
    const CITIES = ["Nürnberg", "Würzburg", "Hamburg"] as const;
    const answers = new Map<string, CliResult>();
    beforeAll(async () => {
      await Promise.all(
        CITIES.map(async (city) => {
          const tmp = tempDir();
          // Each waits for its run as long as the hook lasts (three runs at once take longer than one).
          const env = testEnv(tmp.dir, replay.url, { JOBSCOUT_RUN_WAIT_MS: "170000" });
          try {
            answers.set(city, await ask(env, `jobs in ${city}`));
          } finally {
            await dropPrefix(env.JOBSCOUT_QUEUE_PREFIX);
            tmp.remove();
          }
        }),
      );
    }, 180_000);
    // A hook that timed out is followed by no test's cleanup: end its children here.
    afterAll(killLiveChildren);

    it.each(CITIES)("works the same for %s", (city) => {
      const { code, stdout } = answers.get(city)!;
      expect(code).toBe(0);
      const found = matches(stdout);
      expect(found.length).toBeGreaterThanOrEqual(3);
      // In the city, or near it with the distance said.
      for (const m of found)
        expect(`${m.meta} | ${m.why}`).toMatch(new RegExp(`^[^|]*${city}|km from ${city}`));
    });
  });

  it("exits non-zero and names the failing sources when nothing can be fetched", async () => {
    const tmp = tempDir();
    const env = testEnv(tmp.dir, replay.url);
    replay.fail(ARBEITNOW_PATH, { status: 500 });
    replay.fail(BA_PATH, { body: "html" });
    try {
      const { code, stdout } = await ask(env, "find me jobs in Berlin");
      expect(code).toBe(2);
      expect(stdout).toMatch(/Arbeitnow: failed — .*HTTP 500/);
      expect(stdout).toMatch(/Bundesagentur für Arbeit: failed — .*a web page instead of data/);
    } finally {
      replay.clearFaults();
      await dropPrefix(env.JOBSCOUT_QUEUE_PREFIX);
      tmp.remove();
    }
  });

  it("reads ./.env from the working directory, and the real environment wins over it", async () => {
    const tmp = tempDir();
    writeFileSync(
      path.join(tmp.dir, ".env"),
      "# settings for this checkout\nJOBSCOUT_HNSW_EF=lots\nJOBSCOUT_FETCH_MAX_PAGES=many\n",
    );
    const env = testEnv(tmp.dir, replay.url, { JOBSCOUT_FETCH_MAX_PAGES: "2" });
    try {
      const { code, stderr } = await runJobscout(["ask", "jobs in Berlin"], { env, cwd: tmp.dir });
      expect(code).toBe(1);
      expect(stderr).toMatch(/JOBSCOUT_HNSW_EF: .*\(got "lots"\)/);
      expect(stderr).not.toMatch(/JOBSCOUT_FETCH_MAX_PAGES/);
    } finally {
      tmp.remove();
    }
  });

  it("stops with a message naming the variable when the configuration is bad", async () => {
    const tmp = tempDir();
    const env = testEnv(tmp.dir, replay.url, { JOBSCOUT_HNSW_EF: "lots", REDIS_URL: "http://nope" });
    try {
      const { code, stderr } = await ask(env, "jobs in Berlin");
      expect(code).toBe(1);
      expect(stderr).toMatch(/JOBSCOUT_HNSW_EF: .*\(got "lots"\)/);
      expect(stderr).toMatch(/REDIS_URL: .*redis:\/\//);
      expect(stderr).not.toMatch(/at .*\.ts:\d+/); // a clear message, not a stack trace
    } finally {
      tmp.remove();
    }
  });

  it("takes a question that starts with “-”, after -- or without it; out-of-range values get a correction, no stack", async () => {
    const tmp = tempDir();
    const env = testEnv(tmp.dir, replay.url);
    try {
      const dashed = await runJobscout(["ask", "--", "-jobs in Berlin"], { env });
      expect(dashed.stderr).not.toMatch(/unknown option/);
      expect(dashed.code).toBe(0);
      expect(matches(dashed.stdout).length).toBeGreaterThan(0);
      const bare = await runJobscout(["ask", "-x jobs within 999 km of Bamberg"], { env });
      expect(bare.code).toBe(0);
      // Under the line of what the run fetched, the correction opens the answer's words.
      expect(bare.stdout).toMatch(
        /^Fetched fresh postings — .*\n\nI can search up to 300 km around a place — searching 300 km\./,
      );
      expect(bare.stdout + bare.stderr).not.toMatch(/node_modules|Error invoking tool|at \S+ \(/);
    } finally {
      await dropPrefix(env.JOBSCOUT_QUEUE_PREFIX);
      tmp.remove();
    }
  });
});
