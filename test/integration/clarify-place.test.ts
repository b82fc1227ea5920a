// "Frankfurt" is two cities: the offline assistant asks which one (buttons on rich surfaces, numbers
// in the terminal) instead of guessing, and the answer — a number, a part of the name, or a button —
// settles it for the rest of the conversation. Real store, queue and search; the replay job sites.
import { randomUUID } from "node:crypto";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import type { App } from "../../src/compose/app.js";
import type { ChatTurn } from "../../src/chat/chat-turn.js";
import { startReplayServer, type ReplayServer } from "../support/replay-server.js";
import { dropPrefix, TEST_WORKSPACE, tempDir, testApp, testConfig, testEnv } from "../support/harness.js";

let replay: ReplayServer;
let app: App;
const cleanups: Array<() => Promise<void> | void> = [];
beforeAll(async () => {
  replay = await startReplayServer();
  const tmp = tempDir();
  const env = testEnv(tmp.dir, replay.url, { JOBSCOUT_SOURCES: "arbeitnow" });
  app = await testApp(testConfig(env));
  cleanups.push(
    () => replay.close(),
    tmp.remove,
    () => dropPrefix(env.JOBSCOUT_QUEUE_PREFIX),
    () => app.close(),
  );
});
afterAll(async () => {
  for (const c of cleanups.splice(0).reverse()) await c();
});
afterEach(() => replay.clearFaults());

/** A message in its own terminal conversation (`thread`). */
function say(thread: string, text: string): ChatTurn {
  return {
    platform: "slack",
    workspace: { id: TEST_WORKSPACE.workspaceId },
    channel: "C0JOBS",
    thread,
    direct: false,
    user: { id: TEST_WORKSPACE.userId, isAdmin: false },
    text,
    files: [],
  };
}
const ctx = (threadId: string) => ({ ...TEST_WORKSPACE, threadId, platform: "test" });

describe("a place several cities share", () => {
  it("asks which Frankfurt, searches nothing yet, and takes the number as the answer", async () => {
    const thread = `t-${randomUUID()}`;
    const asked = await app.agent.ask("python jobs in Frankfurt", ctx(thread));
    expect(asked.toolCalls).toEqual([]);
    expect(asked.text).toBe(
      "Which Frankfurt do you mean?\n1. Frankfurt am Main\n2. Frankfurt (Oder)\nAnswer with the number or the name.",
    );
    expect(asked.choices.map((c) => c.label)).toEqual(["Frankfurt am Main", "Frankfurt (Oder)"]);

    const answered = await app.agent.ask("2", ctx(thread));
    expect(answered.toolCalls[0]).toEqual({
      name: "search_jobs",
      args: expect.objectContaining({ keywords: "python", place: "Frankfurt (Oder)" }) as unknown,
    });
    expect(answered.choices).toEqual([]);

    // Settled for this conversation: the next Frankfurt request is not asked about again.
    const next = await app.agent.ask("java jobs in Frankfurt", ctx(thread));
    expect(next.toolCalls[0]?.args).toMatchObject({ keywords: "java", place: "Frankfurt (Oder)" });
  });

  it("asks in German when asked in German, and a part of the name answers it", async () => {
    const thread = `t-${randomUUID()}`;
    const asked = await app.agent.ask("Suche Stellen als Elektriker in Frankfurt, Vollzeit", ctx(thread));
    expect(asked.text).toMatch(
      /^Welches Frankfurt meinst du\?\n1\. Frankfurt am Main\n2\. Frankfurt \(Oder\)\n/,
    );
    const answered = await app.agent.ask("am Main", ctx(thread));
    expect(answered.toolCalls[0]?.args).toMatchObject({
      keywords: "Elektriker",
      place: "Frankfurt am Main",
      employmentType: "full_time",
    });
  });

  it("does not ask when the request already says which, nor about a name only one sizeable city has", async () => {
    for (const [text, place] of [
      ["python jobs in Frankfurt am Main", "Frankfurt am Main"],
      ["python jobs in Frankfurt/Oder", "Frankfurt (Oder)"],
      ["python jobs in Halle", "Halle (Saale)"],
    ] as const) {
      const a = await app.agent.ask(text, ctx(`t-${randomUUID()}`));
      expect(a.choices, text).toEqual([]);
      expect(a.toolCalls[0]?.args, text).toMatchObject({ place });
    }
  });

  it("offers the cities as buttons; pressing one answers the question in that conversation", async () => {
    const thread = `t-${randomUUID()}`;
    const asked = await app.chat.handleTurn(say(thread, "python jobs in Frankfurt"));
    const buttons = asked.buttons.filter((b) => b.action === "choose");
    expect(buttons.map((b) => b.label)).toEqual(["Frankfurt am Main", "Frankfurt (Oder)"]);

    const pressed = await app.chat.handleAction({
      ...say("another-message", ""),
      kind: "choose",
      value: buttons[0]!.value,
    });
    expect(pressed.failed).toBeUndefined();
    expect(pressed.text).toMatch(/“python” in or near Frankfurt am Main/);
    expect(pressed.buttons.some((b) => b.action === "choose")).toBe(false);
  });

  it("answers a choice without its number (not one of our buttons) with what to do, starting nothing", async () => {
    const thread = `t-${randomUUID()}`;
    const asked = await app.chat.handleTurn(say(thread, "python jobs in Frankfurt"));
    const ref = asked.buttons.find((b) => b.action === "choose")!.value.replace(/^\d+:/, "");
    const runsBefore = (await app.runs.latest(TEST_WORKSPACE.workspaceId, 50)).length;
    for (const value of [ref, `x:${ref}`, `100:${ref}`]) {
      const pressed = await app.chat.handleAction({ ...say("another-message", ""), kind: "choose", value });
      expect(pressed.jobs).toEqual([]);
      expect(pressed.text).toBe(
        "That button is not one of the choices I offered. Write your answer instead, e.g. “1”.",
      );
    }
    expect((await app.runs.latest(TEST_WORKSPACE.workspaceId, 50)).length).toBe(runsBefore);
  });
});
