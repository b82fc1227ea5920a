// Conversation memory (see conversation-memory.ts) in a SQLite file of its own beside the store.
import { mkdirSync } from "node:fs";
import path from "node:path";
import { SqliteSaver } from "@langchain/langgraph-checkpoint-sqlite";
import Database from "better-sqlite3";
import {
  DAY_MS,
  SWEEP_EVERY_MS,
  type ConversationMemory,
  type ConversationMemoryOptions,
} from "./memory-retention.js";

type PutArgs = Parameters<SqliteSaver["put"]>;

/**
 * LangGraph's SQLite checkpointer with the retention of {@link ConversationMemory}. Several
 * processes share the file (WAL; a busy writer is waited for).
 */
export class SqliteConversationMemory extends SqliteSaver implements ConversationMemory {
  private retentionReady = false;
  private lastSweep = 0;
  private readonly now: () => number;

  private constructor(
    db: Database.Database,
    private readonly o: ConversationMemoryOptions,
  ) {
    super(db);
    this.now = o.now ?? Date.now;
  }

  static open(o: ConversationMemoryOptions): SqliteConversationMemory {
    mkdirSync(path.dirname(o.file), { recursive: true });
    const db = new Database(o.file);
    // Two bot processes may write at once; wait for the other's transaction instead of failing.
    db.pragma("busy_timeout = 5000");
    return new SqliteConversationMemory(db, o);
  }

  protected override setup(): void {
    super.setup();
    if (this.retentionReady) return;
    this.db.exec(
      "CREATE TABLE IF NOT EXISTS thread_activity (thread_id TEXT PRIMARY KEY, last_at INTEGER NOT NULL)",
    );
    this.retentionReady = true;
  }

  override async put(...args: PutArgs): Promise<PutArgs[0]> {
    const saved = await super.put(...args);
    const { thread_id: threadId, checkpoint_ns: ns = "" } = (args[0].configurable ?? {}) as {
      thread_id?: string;
      checkpoint_ns?: string;
    };
    if (threadId !== undefined) this.retain(threadId, ns);
    if (this.now() - this.lastSweep >= SWEEP_EVERY_MS) this.sweep();
    return saved;
  }

  forgetIdle(): Promise<number> {
    return Promise.resolve(this.sweep());
  }

  private sweep(): number {
    this.setup();
    this.lastSweep = this.now();
    const before = this.now() - this.o.idleDays * DAY_MS;
    return this.db.transaction(() => {
      const idle = "SELECT thread_id FROM thread_activity WHERE last_at < ?";
      this.db.prepare(`DELETE FROM writes WHERE thread_id IN (${idle})`).run(before);
      this.db.prepare(`DELETE FROM checkpoints WHERE thread_id IN (${idle})`).run(before);
      return this.db.prepare("DELETE FROM thread_activity WHERE last_at < ?").run(before).changes;
    })();
  }

  checkpointCount(threadId: string): Promise<number> {
    this.setup();
    const row = this.db
      .prepare<[string], { n: number }>("SELECT count(*) AS n FROM checkpoints WHERE thread_id = ?")
      .get(threadId);
    return Promise.resolve(row?.n ?? 0);
  }

  close(): Promise<void> {
    this.db.close();
    return Promise.resolve();
  }

  private retain(threadId: string, ns: string): void {
    // Checkpoint ids are time-ordered (uuid6), as the saver itself assumes for "latest".
    const oldestKept = `(SELECT checkpoint_id FROM checkpoints WHERE thread_id = ? AND checkpoint_ns = ?
      ORDER BY checkpoint_id DESC LIMIT 1 OFFSET ?)`;
    const keep = [threadId, ns, threadId, ns, this.o.keepCheckpoints - 1] as const;
    this.db.transaction(() => {
      this.db
        .prepare(
          `DELETE FROM writes WHERE thread_id = ? AND checkpoint_ns = ? AND checkpoint_id < ${oldestKept}`,
        )
        .run(...keep);
      this.db
        .prepare(
          `DELETE FROM checkpoints WHERE thread_id = ? AND checkpoint_ns = ? AND checkpoint_id < ${oldestKept}`,
        )
        .run(...keep);
      this.db
        .prepare(
          `INSERT INTO thread_activity (thread_id, last_at) VALUES (?, ?)
           ON CONFLICT (thread_id) DO UPDATE SET last_at = excluded.last_at`,
        )
        .run(threadId, this.now());
    })();
  }
}
