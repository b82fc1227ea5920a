// The stored conversation memory keeps the newest checkpoints of each thread and forgets idle threads,
// in its SQLite file and in the PostgreSQL store alike.
import path from "node:path";
import { emptyCheckpoint } from "@langchain/langgraph";
import { afterEach, describe, expect, it } from "vitest";
import { openConversationMemory, type ConversationMemory } from "../../src/store/conversation-memory.js";
import type { DbDialect } from "../../src/store/db.js";
import { tempDir } from "../support/harness.js";
import { openTestStore, STORES } from "../support/stores.js";

const cleanups: Array<() => unknown> = [];
afterEach(async () => {
  for (const c of cleanups.splice(0).reverse()) await c();
});

/** Where a memory lives: a data dir, and for PostgreSQL a test database of its own. */
async function place(kind: DbDialect): Promise<{ dir: string; url: string | undefined }> {
  const tmp = tempDir();
  cleanups.push(tmp.remove);
  if (kind === "sqlite") return { dir: tmp.dir, url: undefined };
  const store = await openTestStore("postgres");
  cleanups.push(() => store.close());
  return { dir: tmp.dir, url: store.url };
}

async function open(
  at: { dir: string; url: string | undefined },
  o: { keep: number; idleDays: number; clock: { now: number } },
) {
  const memory = await openConversationMemory({
    file: path.join(at.dir, "memory.sqlite"),
    url: at.url,
    keepCheckpoints: o.keep,
    idleDays: o.idleDays,
    now: () => o.clock.now,
  });
  let closed = false;
  const close = async () => {
    if (!closed) await memory.close();
    closed = true;
  };
  cleanups.push(close);
  return { memory, close };
}

// Time-ordered ids, like LangGraph's uuid6 checkpoint ids.
const id = (n: number) => `1f000000-0000-6000-8000-${String(n).padStart(12, "0")}`;

async function write(memory: ConversationMemory, thread: string, n: number, parent?: number) {
  const config = {
    configurable: { thread_id: thread, checkpoint_ns: "", ...(parent ? { checkpoint_id: id(parent) } : {}) },
  };
  // The state as of turn n: one channel at version n (PostgreSQL stores its value once per version).
  const checkpoint = {
    ...emptyCheckpoint(),
    id: id(n),
    channel_values: { summary: `state ${n}` },
    channel_versions: { summary: n },
  };
  await memory.put(config, checkpoint, { source: "loop", step: n, parents: {} }, { summary: n });
  await memory.putWrites(
    { configurable: { thread_id: thread, checkpoint_ns: "", checkpoint_id: id(n) } },
    [["messages", `turn ${n}`]],
    `task-${n}`,
  );
}

describe.each(STORES)("ConversationMemory on %s", (kind) => {
  it("keeps the newest checkpoints of a thread, resumes from the newest, leaves other threads alone", async () => {
    const clock = { now: Date.UTC(2026, 0, 1) };
    const { memory } = await open(await place(kind), { keep: 3, idleDays: 30, clock });
    for (let n = 1; n <= 10; n++) await write(memory, "ws/a", n, n > 1 ? n - 1 : undefined);
    await write(memory, "ws/b", 1);
    expect(await memory.checkpointCount("ws/a")).toBe(3);
    expect(await memory.checkpointCount("ws/b")).toBe(1);
    const latest = await memory.getTuple({ configurable: { thread_id: "ws/a" } });
    expect(latest?.checkpoint.id).toBe(id(10));
    expect(latest?.pendingWrites?.map((w) => w[2])).toEqual(["turn 10"]);
    expect(latest?.checkpoint.channel_values).toEqual({ summary: "state 10" });
    const kept: string[] = [];
    for await (const t of memory.list({ configurable: { thread_id: "ws/a" } })) kept.push(t.checkpoint.id);
    expect(kept).toEqual([id(10), id(9), id(8)]);
  });

  it("forgets a thread idle longer than the limit, also when reopened by another process", async () => {
    const clock = { now: Date.UTC(2026, 0, 1) };
    const at = await place(kind);
    const first = await open(at, { keep: 5, idleDays: 7, clock });
    await write(first.memory, "ws/old", 1);
    clock.now += 6 * 86_400_000;
    await write(first.memory, "ws/recent", 1);
    clock.now += 2 * 86_400_000; // "old" is 8 days idle, "recent" 2
    await first.close();

    const second = await open(at, { keep: 5, idleDays: 7, clock });
    expect(await second.memory.checkpointCount("ws/old")).toBe(0);
    expect(await second.memory.getTuple({ configurable: { thread_id: "ws/old" } })).toBeUndefined();
    expect(await second.memory.checkpointCount("ws/recent")).toBe(1);
  });
});
