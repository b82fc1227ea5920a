// The platform-neutral turn runner and progress message, driven through an in-memory writer (our own
// seam, the same interface the Slack thread and Discord reply writers implement).
import { afterEach, describe, expect, it, vi } from "vitest";
import type { TurnHooks } from "../../src/chat/chat-service.js";
import { textReply, type ChatReply } from "../../src/chat/chat-turn.js";
import { renderRunOneLine } from "../../src/agents/render.js";
import { replyWords } from "../../src/bot/shared/reply-text.js";
import { BackgroundWork } from "../../src/bot/shared/background-work.js";
import {
  POST_FAILED,
  deliverReply,
  type ReplyFormat,
  type ReplyWriter,
} from "../../src/bot/shared/turn-runner.js";
import { createLogger } from "../../src/core/logger.js";
import type { RunSummary } from "../../src/answers/run-summary.js";
import { runAt } from "../support/run-summary.js";

afterEach(() => vi.useRealTimers());

/** A run with one source that has fetched as many postings as the run's percentage. */
function run(progress: number, status: RunSummary["status"] = "running", runId = "r1"): RunSummary {
  const done = status === "completed";
  const source = {
    source: "arbeitnow",
    label: "Arbeitnow",
    status: done ? "completed" : "active",
    fetched: progress,
    newJobs: progress,
    updatedJobs: 0,
    rejected: 0,
    closedJobs: 0,
    retries: 0,
    http: {},
    durationMs: null,
    complete: done,
    httpStatus: null,
    error: null,
    retryAt: null,
  };
  return runAt(progress, status, { runId, sources: [source] });
}

type Event = { kind: "post" | "edit"; body: string } | { kind: "send"; bodies: string[]; ephemeral: boolean };

/** A platform in memory: what it would show, in order; `failSends` sends are refused. */
function memoryWriter(
  o: { answerReplacesProgress?: boolean; failSends?: number; failProgress?: boolean } = {},
) {
  const events: Event[] = [];
  let next = 0;
  let progressId: string | undefined;
  let failSends = o.failSends ?? 0;
  const writer: ReplyWriter<string, string> = {
    ...(o.answerReplacesProgress !== undefined ? { answerReplacesProgress: o.answerReplacesProgress } : {}),
    progress(body) {
      if (o.failProgress) return Promise.reject(new Error("rate limited"));
      if (progressId !== undefined) {
        events.push({ kind: "edit", body });
        return Promise.resolve(undefined);
      }
      events.push({ kind: "post", body });
      progressId = `m${++next}`;
      return Promise.resolve(progressId);
    },
    send(bodies, { ephemeral }) {
      if (failSends > 0) {
        failSends--;
        return Promise.reject(new Error("message too large"));
      }
      events.push({ kind: "send", bodies, ephemeral });
      return Promise.resolve(bodies.map(() => `m${++next}`));
    },
  };
  return { writer, events };
}

/** A platform whose limit is 20 characters a message. */
const format: ReplyFormat<string, string> = {
  platform: "memory",
  progress: (r) => (r.status === "completed" ? `done ${r.sources[0]!.fetched}` : `fetching ${r.progress}%`),
  reply: (r) => replyWords(r).match(/[\s\S]{1,20}/g) ?? ["…"],
  progressIntervalMs: 1000,
};

function logs() {
  const lines: Array<{ level: string; msg: string }> = [];
  const logger = createLogger("info", {}, (l) => lines.push(JSON.parse(l) as { level: string; msg: string }));
  return { lines, logger };
}

/** A chat service that answers when the test says so, reporting progress through the hooks it got. */
function pendingAsk() {
  let hooks: TurnHooks = {};
  let answer: (r: ChatReply) => void = () => undefined;
  const ask = (h: TurnHooks) => {
    hooks = h;
    return new Promise<ChatReply>((r) => (answer = r));
  };
  return { ask, report: (r: RunSummary) => hooks.onProgress?.(r), answer: (r: ChatReply) => answer(r) };
}

describe("deliverReply", () => {
  it("shows one progress message edited at most once per interval, ending on the run's outcome, then the answer split within the limits below it", async () => {
    vi.useFakeTimers();
    const { writer, events } = memoryWriter();
    const chat = pendingAsk();
    const delivered = deliverReply({ ask: chat.ask, writer, format, logger: logs().logger });
    chat.report(run(0));
    for (let p = 10; p <= 50; p += 10) chat.report(run(p)); // a burst within one interval
    await vi.advanceTimersByTimeAsync(999);
    expect(events).toEqual([{ kind: "post", body: "fetching 0%" }]);
    await vi.advanceTimersByTimeAsync(1);
    expect(events.at(-1)).toEqual({ kind: "edit", body: "fetching 50%" });

    const done = run(105, "completed");
    chat.answer(textReply("Here are 2 jobs in Berlin for you.", { run: done, outcome: done }));
    await vi.advanceTimersByTimeAsync(1000);
    const ids = await delivered;

    expect(events).toEqual([
      { kind: "post", body: "fetching 0%" },
      { kind: "edit", body: "fetching 50%" },
      { kind: "edit", body: "done 105" },
      // The run's line is in the progress message above; the answer does not repeat it.
      { kind: "send", bodies: ["Here are 2 jobs in B", "erlin for you."], ephemeral: false },
    ]);
    expect(ids).toEqual(["m1", "m2", "m3"]);
  });

  it("ends the progress on the run's outcome in the answer's language (German here) and does not repeat it below", async () => {
    const { writer, events } = memoryWriter();
    const chat = pendingAsk();
    const delivered = deliverReply({
      ask: chat.ask,
      writer,
      format: { ...format, progress: (r, lang) => renderRunOneLine(r, lang), reply: (r) => [replyWords(r)] },
      logger: logs().logger,
    });
    chat.report(run(0));
    const done = run(105, "completed");
    chat.answer(textReply("Hier sind 2 Stellen in Berlin.", { run: done, outcome: done, lang: "de" }));
    await delivered;
    expect(events.slice(-2)).toEqual([
      { kind: "edit", body: "Neue Stellen abgerufen — Arbeitnow: fertig, bisher 105." },
      { kind: "send", bodies: ["Hier sind 2 Stellen in Berlin."], ephemeral: false },
    ]);
  });

  it("keeps the answer whole when no progress was shown, and writes nothing else", async () => {
    const { writer, events } = memoryWriter();
    const done = run(3, "completed");
    await deliverReply({
      ask: () => Promise.resolve(textReply("Nothing new.", { run: done, outcome: done })),
      writer,
      format: { ...format, reply: (r) => [replyWords(r)] },
      logger: logs().logger,
    });
    expect(events).toEqual([
      {
        kind: "send",
        bodies: ["Fetched fresh postings — Arbeitnow: completed, 3 so far.\n\nNothing new."],
        ephemeral: false,
      },
    ]);
  });

  it("lets an answer that replaces the progress message take its place without a final edit", async () => {
    const { writer, events } = memoryWriter({ answerReplacesProgress: true });
    await deliverReply({
      ask: (hooks) => {
        hooks.onProgress?.(run(20));
        return Promise.resolve(textReply("Saved.", { run: run(100, "completed"), ephemeral: true }));
      },
      writer,
      format,
      logger: logs().logger,
    });
    expect(events).toEqual([
      { kind: "post", body: "fetching 20%" },
      { kind: "send", bodies: ["Saved."], ephemeral: true },
    ]);
  });

  it("does not end the progress on another run's outcome", async () => {
    const { writer, events } = memoryWriter();
    await deliverReply({
      ask: (hooks) => {
        hooks.onProgress?.(run(20, "running", "r1"));
        return Promise.resolve(textReply("Done.", { run: run(100, "completed", "r2") }));
      },
      writer,
      format,
      logger: logs().logger,
    });
    expect(events.map((e) => (e.kind === "send" ? e.bodies.join("") : e.body))).toEqual([
      "fetching 20%",
      "Done.",
    ]);
  });

  it("tells the user in a short message when the answer cannot be posted, logs why, and never throws", async () => {
    const { writer, events } = memoryWriter({ failSends: 1 });
    const { lines, logger } = logs();
    await deliverReply({ ask: () => Promise.resolve(textReply("A long answer")), writer, format, logger });
    expect(events).toEqual([
      { kind: "send", bodies: format.reply(textReply(POST_FAILED)), ephemeral: false },
    ]);
    expect(POST_FAILED).not.toMatch(/too large/);
    expect(lines).toContainEqual(
      expect.objectContaining({ level: "error", msg: "memory: could not post an answer" }),
    );

    const silent = memoryWriter({ failSends: 2 });
    await expect(
      deliverReply({ ask: () => Promise.resolve(textReply("x")), writer: silent.writer, format, logger }),
    ).resolves.toEqual([]);
  });

  it("still posts the answer when progress cannot be shown", async () => {
    const { writer, events } = memoryWriter({ failProgress: true });
    const { lines, logger } = logs();
    await deliverReply({
      ask: (hooks) => {
        hooks.onProgress?.(run(10));
        return Promise.resolve(textReply("Here you go."));
      },
      writer,
      format,
      logger,
    });
    expect(events).toEqual([{ kind: "send", bodies: ["Here you go."], ephemeral: false }]);
    expect(lines).toContainEqual(
      expect.objectContaining({ level: "warn", msg: "memory: progress update failed" }),
    );
  });
});

describe("BackgroundWork", () => {
  it("logs a failure instead of throwing, and a drain waits for the work in flight, then takes no more", async () => {
    const { lines, logger } = logs();
    const work = new BackgroundWork({ logger, platform: "memory" });
    let finish: () => void = () => undefined;
    const finished: string[] = [];
    work.spawn("slow", () => new Promise<void>((r) => (finish = r)).then(() => void finished.push("slow")));
    work.spawn("broken", () => Promise.reject(new Error("boom")));
    await vi.waitFor(() => expect(work.pending).toBe(1));
    expect(lines).toContainEqual(expect.objectContaining({ level: "error", msg: "memory handler failed" }));

    const drained = work.drain(60_000);
    work.spawn("late", () => Promise.resolve(void finished.push("late")));
    finish();
    await drained;
    expect(finished).toEqual(["slow"]);
    expect(work.pending).toBe(0);
  });
});

describe("deliverReply when the chat service throws", () => {
  it("passes the error on and edits the progress message no more", async () => {
    vi.useFakeTimers();
    const { writer, events } = memoryWriter();
    const delivered = deliverReply({
      ask: async (hooks) => {
        hooks.onProgress?.(run(10));
        hooks.onProgress?.(run(20)); // due one interval later
        await Promise.resolve();
        throw new Error("agent down");
      },
      writer,
      format,
      logger: logs().logger,
    });
    await expect(delivered).rejects.toThrow("agent down");
    await vi.advanceTimersByTimeAsync(5000);
    expect(events).toEqual([{ kind: "post", body: "fetching 10%" }]);
  });
});
