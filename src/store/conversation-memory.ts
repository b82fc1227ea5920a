// Conversation state (the agent's LangGraph checkpoints) kept in the store's engine, so a refinement
// ("only remote ones") still knows the last search after a restart and in every bot process: a SQLite
// file of its own beside the store, or a schema of its own in the PostgreSQL store.
import { isPostgresUrl } from "../core/database-url.js";
import type { ConversationMemory, ConversationMemoryOptions } from "./memory-retention.js";

export type { ConversationMemory, ConversationMemoryOptions };

/**
 * The memory of the store `o.url` names (PostgreSQL), else the SQLite file `o.file`. Each engine's
 * checkpointer is loaded only when chosen (the PostgreSQL one brings pg and its own pool code).
 */
export async function openConversationMemory(o: ConversationMemoryOptions): Promise<ConversationMemory> {
  const url = isPostgresUrl(o.url) ? o.url : undefined;
  const memory = url
    ? await (await import("./postgres-memory.js")).PostgresConversationMemory.open({ ...o, url })
    : (await import("./sqlite-memory.js")).SqliteConversationMemory.open(o);
  await memory.forgetIdle();
  return memory;
}
