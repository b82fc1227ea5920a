// What stored conversation memory costs a turn: LangGraph checkpoint writes and the newest-state read
// through ConversationMemory (SQLite in the data dir, or the PostgreSQL store with --url) against the
// in-process MemorySaver.
//   npx tsx bench/memory.bench.ts [--turns 200] [--messages 24] [--url postgres://127.0.0.1/db]
import { mkdtempSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { AIMessage, HumanMessage, ToolMessage } from "@langchain/core/messages";
import { emptyCheckpoint, MemorySaver, type BaseCheckpointSaver } from "@langchain/langgraph";
import { openConversationMemory } from "../src/store/conversation-memory.js";

const arg = (name: string, dflt: number) => {
  const i = process.argv.indexOf(`--${name}`);
  const v = i >= 0 ? Number(process.argv[i + 1]) : NaN;
  return Number.isFinite(v) ? v : dflt;
};
const TURNS = arg("turns", 200);
const MESSAGES = arg("messages", 24);
// A turn of the agent writes about four checkpoints (input, model, tools, model).
const WRITES_PER_TURN = 4;

/** A conversation state like the agent's: questions, tool calls, tool results listing five jobs each. */
function messages(n: number) {
  const jobs = Array.from(
    { length: 5 },
    (_, i) =>
      `${i + 1}. Backend Engineer (m/w/d) — Example GmbH\n   Berlin, DE (hybrid) · posted 2026-11-2${i}\n   https://example.org/jobs/${i}`,
  ).join("\n");
  return Array.from({ length: n }, (_, i) =>
    i % 3 === 0
      ? new HumanMessage(`find me backend jobs in Berlin ${i}`)
      : i % 3 === 1
        ? new AIMessage({
            content: "",
            tool_calls: [{ id: `c${i}`, name: "search_jobs", args: { place: "Berlin" } }],
          })
        : new ToolMessage({ tool_call_id: `c${i - 1}`, name: "search_jobs", content: jobs }),
  );
}

let seq = 0;
const nextId = () => `1f000000-0000-6000-8000-${String(++seq).padStart(12, "0")}`;

async function measure(saver: BaseCheckpointSaver): Promise<{ writeMs: number; readMs: number }> {
  const state = messages(MESSAGES);
  let writeMs = 0;
  let readMs = 0;
  for (let t = 0; t < TURNS; t++) {
    const thread = `ws/thread-${t % 20}`;
    const t0 = process.hrtime.bigint();
    await saver.getTuple({ configurable: { thread_id: thread } });
    const t1 = process.hrtime.bigint();
    for (let w = 0; w < WRITES_PER_TURN; w++) {
      const checkpoint = { ...emptyCheckpoint(), id: nextId(), channel_values: { messages: state } };
      await saver.put(
        { configurable: { thread_id: thread, checkpoint_ns: "" } },
        checkpoint,
        {
          source: "loop",
          step: w,
          parents: {},
        },
        {},
      );
    }
    const t2 = process.hrtime.bigint();
    readMs += Number(t1 - t0) / 1e6;
    writeMs += Number(t2 - t1) / 1e6;
  }
  return { writeMs: writeMs / TURNS, readMs: readMs / TURNS };
}

const dir = mkdtempSync(path.join(os.tmpdir(), "jobscout-memory-bench-"));
try {
  const urlAt = process.argv.indexOf("--url");
  const url = urlAt >= 0 ? process.argv[urlAt + 1] : undefined;
  const stored = await openConversationMemory({
    file: path.join(dir, "memory.sqlite"),
    url,
    keepCheckpoints: 20,
    idleDays: 30,
  });
  const inProcess = await measure(new MemorySaver());
  const inStore = await measure(stored);
  await stored.close();
  console.log(
    `conversation memory per turn (${TURNS} turns over 20 threads, ${MESSAGES} messages in the state, ${WRITES_PER_TURN} checkpoint writes + 1 read a turn):`,
  );
  console.log(
    `  MemorySaver (in process):      writes ${inProcess.writeMs.toFixed(2)} ms, read ${inProcess.readMs.toFixed(2)} ms`,
  );
  console.log(
    `  ConversationMemory (${url ? "PostgreSQL" : "SQLite"}):${url ? "" : "    "} writes ${inStore.writeMs.toFixed(2)} ms, read ${inStore.readMs.toFixed(2)} ms`,
  );
} finally {
  rmSync(dir, { recursive: true, force: true });
}
