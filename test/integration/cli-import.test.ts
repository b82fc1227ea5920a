// `jobscout import FILE` as a user runs it: postings from a JobSpy CSV or a JSONL file go through
// the pipeline and are found by the next question; bad lines are skipped with their reason.
import { writeFileSync } from "node:fs";
import path from "node:path";
import Database from "better-sqlite3";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startReplayServer, type ReplayServer } from "../support/replay-server.js";
import {
  ROOT,
  runJobscout,
  startBuiltJobscout,
  type CliResult,
  type RunningJobscout,
} from "../support/cli.js";
import { UNIFIED_POSTING } from "../support/documents.js";
import { dropPrefix, eventually, tempDir, testEnv, type TestEnv } from "../support/harness.js";

const JOBSPY_CSV = path.join(ROOT, "test/fixtures/job-sources/import/jobspy-export-handmade.csv");

function jobscout(env: TestEnv, ...args: string[]): Promise<CliResult> {
  return runJobscout(args, { env });
}

let replay: ReplayServer;
beforeAll(async () => {
  replay = await startReplayServer();
});
afterAll(() => replay.close());

describe("jobscout import", () => {
  it("imports a JobSpy CSV export, reports skipped rows with their reason, and the jobs are searchable", async () => {
    const tmp = tempDir();
    const env = testEnv(tmp.dir, replay.url);
    try {
      const imported = await jobscout(env, "import", JOBSPY_CSV);
      expect(imported.stderr).not.toMatch(/error/i);
      expect(imported.code).toBe(0);
      expect(imported.stdout).toMatch(/Run [0-9a-f]{8}: completed/);
      expect(imported.stdout).toMatch(/- Import: 6 jobs, 4 new, 2 skipped/);
      expect(imported.stdout).toMatch(/Skipped items, for example:\n- line \d+: /);

      const before = replay.requests.length;
      const ask = await jobscout(env, "ask", "Backend-Entwickler Java in Frankfurt am Main");
      expect(ask.code).toBe(0);
      expect(ask.stdout).toMatch(/1\. Backend-Entwickler Java \(m\/w\/d\) — Example Logistik GmbH/);
      expect(ask.stdout).toMatch(/65k–80k EUR\/Jahr/);
      expect(replay.requests.length).toBe(before); // answered from the index: no run needed
    } finally {
      await dropPrefix(env.JOBSCOUT_QUEUE_PREFIX);
      tmp.remove();
    }
  });

  it("imports JSONL in the unified schema; a bad line is skipped, a missing file is a clear error", async () => {
    const tmp = tempDir();
    const env = testEnv(tmp.dir, replay.url);
    const file = path.join(tmp.dir, "postings.jsonl");
    const good = UNIFIED_POSTING;
    writeFileSync(file, `${JSON.stringify(good)}\n{not json\n${JSON.stringify({ ...good, title: "" })}\n`);
    try {
      const imported = await jobscout(env, "import", file);
      expect(imported.code).toBe(0);
      expect(imported.stdout).toMatch(/- Import: 3 jobs, 1 new, 2 skipped/);
      expect(imported.stdout).toMatch(/line 2: not valid JSON/);
      const ask = await jobscout(env, "ask", "data engineer in Würzburg");
      expect(ask.stdout).toMatch(/1\. Data Engineer — Beispiel AG/);

      const missing = await jobscout(env, "import", path.join(tmp.dir, "nope.csv"));
      expect(missing.code).toBe(1);
      expect(missing.stderr).toMatch(/Cannot import .*nope\.csv: /);
    } finally {
      await dropPrefix(env.JOBSCOUT_QUEUE_PREFIX);
      tmp.remove();
    }
  });

  it("--no-wait --no-workers queues the import and returns; a worker started later runs it", async () => {
    const tmp = tempDir();
    const env = testEnv(tmp.dir, replay.url);
    const runStatus = (id: string) => {
      const db = new Database(path.join(tmp.dir, "jobscout.sqlite"), { readonly: true });
      try {
        return (db.prepare("SELECT status FROM runs WHERE id LIKE ?").get(`${id}%`) as { status: string })
          .status;
      } finally {
        db.close();
      }
    };
    let worker: RunningJobscout | undefined;
    try {
      const queued = await jobscout(env, "import", JOBSPY_CSV, "--no-wait", "--no-workers");
      expect(queued.code).toBe(0);
      const id = /^Queued run ([0-9a-f-]+) for /m.exec(queued.stdout)?.[1];
      expect(id).toMatch(/^[0-9a-f]{8}/);
      // Nobody works on it yet.
      expect(runStatus(id!)).toMatch(/^(queued|running)$/);

      worker = startBuiltJobscout(["worker"], env);
      await eventually(() => runStatus(id!) === "completed", 60_000);
      worker.child.kill("SIGTERM");
      expect(await worker.exited).toBe(0);

      const ask = await jobscout(env, "ask", "Backend-Entwickler Java in Frankfurt am Main", "--no-workers");
      expect(ask.code).toBe(0);
      expect(ask.stdout).toMatch(/1\. Backend-Entwickler Java \(m\/w\/d\) — Example Logistik GmbH/);
    } finally {
      await worker?.stop();
      await dropPrefix(env.JOBSCOUT_QUEUE_PREFIX);
      tmp.remove();
    }
  });
});
