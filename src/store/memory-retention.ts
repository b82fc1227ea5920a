// What both conversation memories (SQLite file, PostgreSQL schema) promise about keeping checkpoints.
import type { BaseCheckpointSaver } from "@langchain/langgraph";

/** Options for `openConversationMemory` (conversation-memory.ts). */
export interface ConversationMemoryOptions {
  /** The SQLite file (created with its directory when missing); unused when {@link url} is given. */
  file: string;
  /** The PostgreSQL store's URL: memory goes into its schema `jobscout_memory` instead of the file. */
  url?: string | undefined;
  /** Checkpoints kept per thread, newest first; older ones and their writes are deleted. */
  keepCheckpoints: number;
  /** A thread with no new checkpoint for this many days is forgotten. */
  idleDays: number;
  /** The clock. @defaultValue `Date.now` */
  now?: () => number;
}

/**
 * A LangGraph checkpointer with a retention limit: each write keeps only the newest
 * `keepCheckpoints` of its thread (the agent resumes from the newest; older ones only serve time
 * travel, which jobscout does not use) and threads idle longer than `idleDays` are dropped.
 */
export interface ConversationMemory extends BaseCheckpointSaver {
  /** Drop every thread with no checkpoint written in the last `idleDays`; returns how many. */
  forgetIdle(): Promise<number>;
  /** Checkpoints stored for a thread (all namespaces). */
  checkpointCount(threadId: string): Promise<number>;
  close(): Promise<void>;
}

export const DAY_MS = 86_400_000;
// Idle threads are swept at open and then at most this often, on a write.
export const SWEEP_EVERY_MS = 3_600_000;
