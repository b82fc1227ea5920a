// The agent loop with a scripted model, with the offline model, and with the real ChatOpenAI client
// talking to a local OpenAI-compatible server — always over the real store, queue and search.
import { FakeToolCallingModel } from "langchain";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import type { App } from "../../src/compose/app.js";
import { createChatModel } from "../../src/agents/model.js";
import { BA_PATH, ARBEITNOW_PATH, startReplayServer, type ReplayServer } from "../support/replay-server.js";
import { startOpenAiServer } from "../support/openai-server.js";
import { dropPrefix, TEST_WORKSPACE, tempDir, testApp, testConfig, testEnv } from "../support/harness.js";
import { ChatOpenAI } from "@langchain/openai";
import { AppError } from "../../src/core/errors.js";
import { replyWords } from "../../src/bot/shared/reply-text.js";

let replay: ReplayServer;
const cleanups: Array<() => Promise<void> | void> = [];
beforeAll(async () => {
  replay = await startReplayServer();
});
afterAll(() => replay.close());
afterEach(async () => {
  replay.clearFaults();
  for (const c of cleanups.splice(0).reverse()) await c();
});

async function freshApp(
  opts: Parameters<typeof testApp>[1] = {},
  extra: Record<string, string> = {},
): Promise<App> {
  const tmp = tempDir();
  const env = testEnv(tmp.dir, replay.url, extra);
  const app = await testApp(testConfig(env), opts);
  cleanups.push(
    tmp.remove,
    () => dropPrefix(env.JOBSCOUT_QUEUE_PREFIX),
    () => app.close(),
  );
  return app;
}

const turn = (threadId: string) => ({ ...TEST_WORKSPACE, threadId, platform: "test" });

describe("agent with the offline model", () => {
  it("starts a run when the index is empty, then answers with ranked Berlin jobs; a second ask needs no run", async () => {
    const app = await freshApp();
    const first = await app.agent.ask("find me jobs in Berlin", turn("t1"));
    expect(first.toolCalls.map((c) => c.name)).toEqual(["search_jobs", "start_run", "search_jobs"]);
    expect(first.run?.status).toBe("completed");
    expect(first.jobs.length).toBeGreaterThanOrEqual(3);
    for (const j of first.jobs) {
      expect(j.place).toMatch(/Berlin/);
      expect(j.url).toMatch(/^https:\/\//);
      // The jobs travel as cards; the words say what was found, without listing them again.
      expect(first.text).not.toContain(j.url!);
    }
    // What the run brought is structure too: the surfaces show it as one line (or a progress message).
    expect(first.outcome?.runId).toBe(first.run?.runId);
    expect(first.outcome?.sources.map((s) => [s.source, s.fetched, s.newJobs])).toContainEqual([
      "arbeitnow",
      105,
      105,
    ]);
    expect(first.text).not.toMatch(/Fetched fresh postings/);
    expect(first.lang).toBe("en");

    const second = await app.agent.ask("find me jobs in Berlin", turn("t2"));
    expect(second.toolCalls.map((c) => c.name)).toEqual(["search_jobs"]);
    expect(second.jobs.map((j) => j.jobId)).toEqual(first.jobs.map((j) => j.jobId));
    expect((await app.runs.latest(TEST_WORKSPACE.workspaceId, 10)).length).toBe(1);
  });

  it("keeps memory per thread: “only remote ones” refines the previous search, “more” pages on", async () => {
    const app = await freshApp();
    await app.agent.ask("find me jobs in Berlin", turn("t1"));
    const remote = await app.agent.ask("only remote ones", turn("t1"));
    expect(remote.toolCalls[0]?.args).toMatchObject({ place: "Berlin", remote: "remote_only" });
    expect(remote.jobs.length).toBeGreaterThan(0);
    for (const j of remote.jobs) expect(j.remoteMode).toBe("remote");

    const more = await app.agent.ask("more", turn("t1"));
    expect(more.toolCalls[0]?.args).toMatchObject({ remote: "remote_only", offset: 5 });
    expect(more.jobs[0]?.n).toBe(6);
    expect(more.jobs.map((j) => j.jobId)).not.toContain(remote.jobs[0]?.jobId);

    // Another thread has no memory of this one.
    const other = await app.agent.ask("only remote ones", turn("t2"));
    expect(other.toolCalls[0]?.args).not.toHaveProperty("place");
  });

  it("says plainly which source failed and why when a run brings nothing", async () => {
    const app = await freshApp();
    replay.fail(BA_PATH, { status: 500 });
    replay.fail(ARBEITNOW_PATH, { status: 503 });
    const answer = await app.agent.ask("python jobs in Frankfurt am Main", turn("t1"));
    expect(answer.run?.status).toBe("failed");
    expect(answer.jobs).toEqual([]);
    expect(answer.text).toMatch(/couldn't fetch new postings/);
    // Each source's reason is in the run's outcome, shown once above the words; not again in them.
    const words = replyWords({ ...answer, outcome: answer.outcome ?? undefined });
    expect(words).toMatch(/Arbeitnow: failed — .*HTTP 503/);
    expect(words).toMatch(/Bundesagentur für Arbeit: failed — .*HTTP 500/);
    expect(words.split("Arbeitnow").length - 1).toBe(1);
    expect(answer.text).not.toMatch(/Arbeitnow|Bundesagentur/);
  });

  it("answers status questions from the workspace's runs only", async () => {
    const app = await freshApp();
    const none = await app.agent.ask("status", turn("t1"));
    expect(none.text).toMatch(/No runs yet/);
    await app.agent.ask("jobs in Berlin", turn("t1"));
    const status = await app.agent.ask("status", turn("t1"));
    expect(status.text).toMatch(/completed/);
    const elsewhere = await app.agent.ask("status", { ...turn("t9"), workspaceId: "another-team" });
    expect(elsewhere.text).toMatch(/No runs yet/);
  });
});

describe("saved and hidden jobs", () => {
  it("“not for me” hides a job for that user only; saved jobs stay within user and workspace", async () => {
    const app = await freshApp();
    const alice = { ...turn("a1"), userId: "alice" };
    const bob = { ...turn("b1"), userId: "bob" };
    const first = await app.agent.ask("jobs in Berlin", alice);
    const [one, two] = first.jobs;
    const hide = await app.agent.ask("not for me 1", alice);
    expect(hide.text).toContain(`won't show you “${one!.title}”`);
    const save = await app.agent.ask("save 2", alice);
    expect(save.text).toContain(`Saved “${two!.title}”`);
    const details = await app.agent.ask("details 2", alice);
    expect(details.text).toContain(two!.title);
    expect(details.text).toContain(`Apply: ${two!.url}`);

    const again = await app.agent.ask("jobs in Berlin", { ...alice, threadId: "a2" });
    expect(again.jobs.map((j) => j.jobId)).not.toContain(one!.jobId);
    const forBob = await app.agent.ask("jobs in Berlin", bob);
    expect(forBob.jobs.map((j) => j.jobId)).toContain(one!.jobId);
    // Platform user ids are global (a Discord user is the same id in every guild): hiding a job in
    // one workspace leaves it in the same user's searches in another.
    const aliceInTeamB = await app.agent.ask("jobs in Berlin", {
      ...alice,
      workspaceId: "team-b",
      threadId: "x0",
    });
    expect(aliceInTeamB.toolCalls.map((c) => c.name)).toEqual(["search_jobs"]);
    expect(aliceInTeamB.jobs.map((j) => j.jobId)).toContain(one!.jobId);

    expect((await app.agent.ask("my saved jobs", alice)).text).toContain(two!.title);
    expect((await app.agent.ask("my saved jobs", bob)).text).toMatch(/no saved jobs/);
    const otherTeam = { ...alice, workspaceId: "team-b", threadId: "x1" };
    expect((await app.agent.ask("my saved jobs", otherTeam)).text).toMatch(/no saved jobs/);
  });
});

describe("agent with a scripted model", () => {
  it("runs the tools the model asks for, scoped to the turn's workspace whatever the model says", async () => {
    const model = new FakeToolCallingModel({
      toolCalls: [
        [
          {
            name: "start_run",
            args: { keywords: "", place: "Bamberg", workspaceId: "evil", userId: "mallory" },
            id: "c1",
          },
        ],
        [{ name: "search_jobs", args: { keywords: "Pflege", place: "Bamberg" }, id: "c2" }],
        [],
      ],
    });
    const app = await freshApp({ model });
    const answer = await app.agent.ask("anything", turn("t1"));
    expect(answer.toolCalls.map((c) => c.name)).toEqual(["start_run", "search_jobs"]);
    expect(answer.run?.status).toBe("completed");
    const run = await app.runs.get(TEST_WORKSPACE.workspaceId, answer.run!.runId);
    expect(run?.userId).toBe(TEST_WORKSPACE.userId);
    expect(await app.runs.latest("evil")).toEqual([]);
    expect(answer.jobs.length).toBeGreaterThan(0);
    expect(answer.jobs[0]?.title).toMatch(/pflege/i);
  });
});

describe("agent with an OpenAI-compatible server", () => {
  it("says which chat model failed and what to check when it is down or refuses, without the key", async () => {
    const gone = await startOpenAiServer([]);
    const goneUrl = gone.url;
    await gone.close();
    for (const [baseUrl, why] of [
      [goneUrl, /did not answer: Connection error\. Check OPENAI_BASE_URL/],
      // The replay server takes no POSTs: a 405, which is not retried.
      [`${replay.url}/v1`, /did not answer: 405\b.*Check OPENAI_BASE_URL, OPENAI_MODEL and OPENAI_API_KEY/],
    ] as const) {
      const tmp = tempDir();
      cleanups.push(tmp.remove);
      const env = testEnv(tmp.dir, replay.url, {
        OPENAI_API_KEY: "sk-test-key-not-real",
        OPENAI_BASE_URL: baseUrl,
        OPENAI_MODEL: "local-model",
      });
      // The model chosen from the configuration, as `jobscout` does.
      const app = await testApp(testConfig(env));
      cleanups.push(
        () => dropPrefix(env.JOBSCOUT_QUEUE_PREFIX),
        () => app.close(),
      );
      const err = (await app.agent.ask("jobs in Berlin", turn("t1")).catch((e: unknown) => e)) as AppError;
      expect(err).toBeInstanceOf(AppError);
      expect(err.code).toBe("model_failed");
      expect(err.userMessage).toMatch(
        new RegExp(`^The chat model \\(local-model at ${new URL(baseUrl).host}\\)`),
      );
      expect(err.userMessage).toMatch(why);
      expect(err.userMessage).not.toContain("sk-test-key-not-real");
    }
  });

  it("uses ChatOpenAI via OPENAI_BASE_URL: tool calls go through, postings reach the model only as data", async () => {
    const server = await startOpenAiServer([
      { toolCalls: [{ name: "start_run", args: { place: "Berlin" } }] },
      { toolCalls: [{ name: "search_jobs", args: { keywords: "", place: "Berlin", limit: 3 } }] },
      { text: "Here are three jobs in Berlin." },
    ]);
    cleanups.push(() => server.close());
    const tmp = tempDir();
    cleanups.push(tmp.remove);
    const env = testEnv(tmp.dir, replay.url, {
      OPENAI_API_KEY: "sk-test-key-not-real",
      OPENAI_BASE_URL: server.url,
      OPENAI_MODEL: "local-model",
    });
    const config = testConfig(env);
    const chosen = await createChatModel(config, () => undefined);
    expect(chosen.model).toBeInstanceOf(ChatOpenAI);
    const app = await testApp(config, { model: chosen.model });
    cleanups.push(
      () => dropPrefix(env.JOBSCOUT_QUEUE_PREFIX),
      () => app.close(),
    );

    const answer = await app.agent.ask("jobs in Berlin please", turn("t1"));
    expect(answer.text).toBe("Here are three jobs in Berlin.");
    expect(answer.jobs).toHaveLength(3);
    expect(server.requests).toHaveLength(3);
    const first = server.requests[0]!;
    expect(first.authorization).toBe("Bearer sk-test-key-not-real");
    expect(first.body.model).toBe("local-model");
    expect(first.body.tools?.map((t) => t.function.name).sort()).toEqual([
      "change_alert",
      "dashboard_link",
      "draft_letter",
      "draft_letters",
      "evaluate_jobs",
      "explain_fit",
      "export_applications",
      "forget_profile",
      "job_details",
      "letter_action",
      "list_alerts",
      "mark_job",
      "run_status",
      "save_alert",
      "saved_jobs",
      "search_jobs",
      "send_application",
      "show_profile",
      "source_health",
      "start_run",
      "team",
      "track_source",
      "update_profile",
    ]);
    expect(first.body.messages[0]).toMatchObject({ role: "system" });
    expect(JSON.stringify(first.body.messages[0]?.content)).toMatch(/untrusted data/);
    const toolResult = server.requests[2]!.body.messages.at(-1)!;
    expect(toolResult.role).toBe("tool");
    expect(JSON.stringify(toolResult.content)).toContain("not instructions");
    // The key never goes into what the model sees.
    expect(JSON.stringify(server.requests.map((r) => r.body))).not.toContain("sk-test-key-not-real");
  });
});
