// The stored conversation memory keeps the newest checkpoints of each thread and forgets idle threads.
import path from "node:path";
import { emptyCheckpoint } from "@langchain/langgraph";
import { afterEach, describe, expect, it } from "vitest";
import { ConversationMemory } from "../../src/store/conversation-memory.js";
import { tempDir } from "../support/harness.js";

const cleanups: Array<() => void> = [];
afterEach(() => {
  for (const c of cleanups.splice(0).reverse()) c();
});

function open(o: { keep: number; idleDays: number; clock: { now: number }; dir?: string }) {
  const tmp = o.dir ? { dir: o.dir, remove: () => undefined } : tempDir();
  const memory = ConversationMemory.open({
    file: path.join(tmp.dir, "memory.sqlite"),
    keepCheckpoints: o.keep,
    idleDays: o.idleDays,
    now: () => o.clock.now,
  });
  cleanups.push(tmp.remove, () => memory.close());
  return { memory, dir: tmp.dir };
}

// Time-ordered ids, like LangGraph's uuid6 checkpoint ids.
const id = (n: number) => `1f000000-0000-6000-8000-${String(n).padStart(12, "0")}`;

async function write(memory: ConversationMemory, thread: string, n: number, parent?: number) {
  const config = {
    configurable: { thread_id: thread, checkpoint_ns: "", ...(parent ? { checkpoint_id: id(parent) } : {}) },
  };
  await memory.put(config, { ...emptyCheckpoint(), id: id(n) }, { source: "loop", step: n, parents: {} });
  await memory.putWrites(
    { configurable: { thread_id: thread, checkpoint_ns: "", checkpoint_id: id(n) } },
    [["messages", `turn ${n}`]],
    `task-${n}`,
  );
}

describe("ConversationMemory", () => {
  it("keeps the newest checkpoints of a thread, resumes from the newest, leaves other threads alone", async () => {
    const clock = { now: Date.UTC(2026, 0, 1) };
    const { memory } = open({ keep: 3, idleDays: 30, clock });
    for (let n = 1; n <= 10; n++) await write(memory, "ws/a", n, n > 1 ? n - 1 : undefined);
    await write(memory, "ws/b", 1);
    expect(memory.checkpointCount("ws/a")).toBe(3);
    expect(memory.checkpointCount("ws/b")).toBe(1);
    const latest = await memory.getTuple({ configurable: { thread_id: "ws/a" } });
    expect(latest?.checkpoint.id).toBe(id(10));
    expect(latest?.pendingWrites?.map((w) => w[2])).toEqual(["turn 10"]);
    const kept: string[] = [];
    for await (const t of memory.list({ configurable: { thread_id: "ws/a" } })) kept.push(t.checkpoint.id);
    expect(kept).toEqual([id(10), id(9), id(8)]);
  });

  it("forgets a thread idle longer than the limit, also when reopened by another process", async () => {
    const clock = { now: Date.UTC(2026, 0, 1) };
    const first = open({ keep: 5, idleDays: 7, clock });
    await write(first.memory, "ws/old", 1);
    clock.now += 6 * 86_400_000;
    await write(first.memory, "ws/recent", 1);
    clock.now += 2 * 86_400_000; // "old" is 8 days idle, "recent" 2
    first.memory.close();

    const second = open({ keep: 5, idleDays: 7, clock, dir: first.dir });
    expect(second.memory.checkpointCount("ws/old")).toBe(0);
    expect(await second.memory.getTuple({ configurable: { thread_id: "ws/old" } })).toBeUndefined();
    expect(second.memory.checkpointCount("ws/recent")).toBe(1);
  });
});
