// Conversation memory lives in the data dir: a refinement still applies to the last search after a
// restart, and when another bot process serving the same Slack app gets the follow-up.
import { existsSync } from "node:fs";
import path from "node:path";
import Database from "better-sqlite3";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { startJobscout, type JobscoutProcess } from "../support/cli.js";
import {
  dropPrefix,
  eventually,
  TEST_WORKSPACE,
  tempDir,
  testApp,
  testConfig,
  testEnv,
} from "../support/harness.js";
import { startReplayServer, type ReplayServer } from "../support/replay-server.js";
import { countRows, openTestStore, STORES } from "../support/stores.js";
import {
  cardJobIds,
  eventEnvelope,
  mentionEvent,
  SlackSender,
  slackTs,
  startSlackServer,
} from "../support/slack-server.js";

let replay: ReplayServer;
const cleanups: Array<() => unknown> = [];
beforeAll(async () => {
  replay = await startReplayServer();
});
afterAll(() => replay.close());
afterEach(async () => {
  for (const c of cleanups.splice(0).reverse()) await c();
});

const turn = (threadId: string) => ({ ...TEST_WORKSPACE, threadId, platform: "test" });

function remoteModes(dataDir: string, uids: readonly string[]): string[] {
  const db = new Database(path.join(dataDir, "jobscout.sqlite"), { readonly: true });
  try {
    const get = db.prepare<[string], { remote_mode: string }>("SELECT remote_mode FROM jobs WHERE uid = ?");
    return uids.map((uid) => get.get(uid)?.remote_mode ?? "missing");
  } finally {
    db.close();
  }
}

function storedCheckpoints(dataDir: string): number {
  const db = new Database(path.join(dataDir, "memory.sqlite"), { readonly: true });
  try {
    return db.prepare<[], { n: number }>("SELECT count(*) AS n FROM checkpoints").get()?.n ?? 0;
  } finally {
    db.close();
  }
}

describe("conversation memory in the store", () => {
  it.each(STORES)(
    "on %s: “only remote ones” after a restart refines the search made before it; old checkpoints are pruned",
    async (kind) => {
      const tmp = tempDir();
      cleanups.push(tmp.remove);
      // On PostgreSQL the memory is in the store's database (no memory.sqlite in the data dir).
      const pg = kind === "postgres" ? await openTestStore("postgres") : undefined;
      if (pg) cleanups.push(() => pg.close());
      const env = testEnv(tmp.dir, replay.url, {
        JOBSCOUT_MEMORY_CHECKPOINTS: "1",
        ...(pg ? { DATABASE_URL: pg.url } : {}),
      });
      cleanups.push(() => dropPrefix(env.JOBSCOUT_QUEUE_PREFIX));

      const before = await testApp(testConfig(env));
      const first = await before.agent.ask("find me jobs in Berlin", turn("t1"));
      expect(first.jobs.length).toBeGreaterThan(0);
      await before.close();

      const after = await testApp(testConfig(env));
      cleanups.push(() => after.close());
      const remote = await after.agent.ask("only remote ones", turn("t1"));
      expect(remote.toolCalls[0]?.args).toMatchObject({ place: "Berlin", remote: "remote_only" });
      expect(remote.jobs.length).toBeGreaterThan(0);
      for (const j of remote.jobs) expect(j.remoteMode).toBe("remote");
      // Each turn saved the conversation when it ended; the thread keeps only the newest.
      expect(pg ? await countRows(pg.db, "jobscout_memory.checkpoints") : storedCheckpoints(tmp.dir)).toBe(1);
      expect(existsSync(path.join(tmp.dir, "memory.sqlite"))).toBe(!pg);
    },
    120_000,
  );

  it("two `jobscout slack` processes behind one app share the conversation", async () => {
    const slack = await startSlackServer({ users: [{ id: "UALICE", name: "alice" }] });
    cleanups.push(() => slack.close());
    const tmp = tempDir();
    const secret = "test-signing-secret";
    const env = testEnv(tmp.dir, replay.url, {
      SLACK_BOT_TOKEN: slack.botToken,
      SLACK_SIGNING_SECRET: secret,
      SLACK_API_URL: slack.apiUrl,
      SLACK_PORT: "0",
      JOBSCOUT_LOG_LEVEL: "info",
    });
    cleanups.push(tmp.remove, () => dropPrefix(env.JOBSCOUT_QUEUE_PREFIX));

    const started = async (bot: JobscoutProcess) => {
      cleanups.push(() => bot.stop());
      const port = await eventually(
        () =>
          bot
            .output()
            .split("\n")
            .filter((line) => line.includes('"msg":"slack surface started"'))
            .map((line) => /"port":(\d+)/.exec(line)?.[1])
            .find(Boolean),
        60_000,
      );
      return new SlackSender(`http://127.0.0.1:${port}/slack/events`, secret);
    };
    // The first also runs the pipeline workers; the second is a bot only.
    const one = await started(startJobscout(["slack", "--workers"], { env }));
    const two = await started(startJobscout(["slack"], { env }));

    const channel = "C0JOBS";
    const mention = async (sender: SlackSender, text: string, threadTs?: string) => {
      const ts = slackTs();
      const event = mentionEvent({
        user: "UALICE",
        channel,
        text,
        botUserId: slack.botUserId,
        ts,
        ...(threadTs ? { threadTs } : {}),
      });
      const res = await sender.event(
        eventEnvelope({ teamId: slack.teamId, botUserId: slack.botUserId, event }),
      );
      expect(res.status).toBe(200);
      return ts;
    };
    const answersIn = (thread: string) =>
      slack.thread(channel, thread).filter((m) => cardJobIds(m).length > 0);

    const thread = await mention(one, "find me jobs in Berlin");
    const first = await eventually(() => answersIn(thread)[0], 90_000);
    expect(cardJobIds(first).length).toBeGreaterThan(0);

    await mention(two, "only remote ones", thread);
    const refined = await eventually(() => answersIn(thread)[1], 60_000);
    const ids = cardJobIds(refined);
    expect(ids.length).toBeGreaterThan(0);
    expect(new Set(remoteModes(tmp.dir, ids))).toEqual(new Set(["remote"]));
    // The second process knew the first's search: Berlin stays, remote is added.
    expect(refined.text).toMatch(/^Here are \d+ of \d+ matches for jobs in or near Berlin .*remote only/);
  }, 180_000);
});
