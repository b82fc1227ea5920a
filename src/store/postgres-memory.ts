// Conversation memory (see conversation-memory.ts) in the PostgreSQL store: LangGraph's own
// PostgreSQL checkpointer, its tables in a schema of their own (outside our migrations; forgetting
// every conversation is dropping that schema, never the jobs), plus the retention of both memories.
import { PostgresSaver } from "@langchain/langgraph-checkpoint-postgres";
import { Kysely, PostgresDialect, sql } from "kysely";
import pg from "./pg.js";
import { withUser } from "./db.js";
import {
  DAY_MS,
  SWEEP_EVERY_MS,
  type ConversationMemory,
  type ConversationMemoryOptions,
} from "./memory-retention.js";

/** The schema the checkpointer's tables and the activity table live in. */
export const MEMORY_SCHEMA = "jobscout_memory";

// The checkpointer's tables as far as retention reads them (it creates them in `setup`).
interface MemoryTables {
  checkpoints: { thread_id: string; checkpoint_ns: string; checkpoint_id: string; checkpoint: unknown };
  checkpoint_writes: { thread_id: string; checkpoint_ns: string; checkpoint_id: string };
  checkpoint_blobs: { thread_id: string; checkpoint_ns: string; channel: string; version: string };
  thread_activity: { thread_id: string; last_at: number };
}

type PutArgs = Parameters<PostgresSaver["put"]>;

/** LangGraph's PostgreSQL checkpointer with the retention of {@link ConversationMemory}. */
export class PostgresConversationMemory extends PostgresSaver implements ConversationMemory {
  private lastSweep = 0;
  private readonly now: () => number;

  private constructor(
    pool: pg.Pool,
    private readonly db: Kysely<MemoryTables>,
    private readonly o: ConversationMemoryOptions,
  ) {
    super(pool, undefined, { schema: MEMORY_SCHEMA });
    this.now = o.now ?? Date.now;
  }

  static async open(o: ConversationMemoryOptions & { url: string }): Promise<PostgresConversationMemory> {
    // A small pool of its own: a turn writes a checkpoint or two; the store's pool serves the tools.
    const pool = new pg.Pool({ connectionString: withUser(o.url), max: 4 });
    pool.on("error", () => undefined); // as the store's pool: a dropped idle connection is replaced
    const db = new Kysely<MemoryTables>({ dialect: new PostgresDialect({ pool }) });
    const memory = new PostgresConversationMemory(pool, db, o);
    try {
      // Two processes starting at once would both create the tables: one at a time.
      await db.connection().execute(async (c) => {
        await sql`SELECT pg_advisory_lock(hashtext(${MEMORY_SCHEMA}))`.execute(c);
        try {
          await memory.setup();
          await sql`CREATE TABLE IF NOT EXISTS ${sql.table(`${MEMORY_SCHEMA}.thread_activity`)}
            (thread_id TEXT PRIMARY KEY, last_at BIGINT NOT NULL)`.execute(c);
        } finally {
          await sql`SELECT pg_advisory_unlock(hashtext(${MEMORY_SCHEMA}))`.execute(c);
        }
      });
    } catch (err) {
      await db.destroy();
      throw err;
    }
    return memory;
  }

  override async put(...args: PutArgs): Promise<PutArgs[0]> {
    const saved = await super.put(...args);
    const { thread_id: threadId, checkpoint_ns: ns = "" } = (args[0].configurable ?? {}) as {
      thread_id?: string;
      checkpoint_ns?: string;
    };
    if (threadId !== undefined) await this.retain(threadId, ns);
    if (this.now() - this.lastSweep >= SWEEP_EVERY_MS) await this.forgetIdle();
    return saved;
  }

  async forgetIdle(): Promise<number> {
    this.lastSweep = this.now();
    const before = this.now() - this.o.idleDays * DAY_MS;
    return this.memory()
      .transaction()
      .execute(async (trx) => {
        const idle = trx.selectFrom("thread_activity").select("thread_id").where("last_at", "<", before);
        await trx.deleteFrom("checkpoint_writes").where("thread_id", "in", idle).execute();
        await trx.deleteFrom("checkpoint_blobs").where("thread_id", "in", idle).execute();
        await trx.deleteFrom("checkpoints").where("thread_id", "in", idle).execute();
        const r = await trx.deleteFrom("thread_activity").where("last_at", "<", before).executeTakeFirst();
        return Number(r.numDeletedRows);
      });
  }

  async checkpointCount(threadId: string): Promise<number> {
    const row = await this.memory()
      .selectFrom("checkpoints")
      .select((eb) => eb.fn.countAll<number>().as("n"))
      .where("thread_id", "=", threadId)
      .executeTakeFirst();
    return Number(row?.n ?? 0);
  }

  async close(): Promise<void> {
    await this.db.destroy(); // ends the pool the checkpointer shares
  }

  private memory(): Kysely<MemoryTables> {
    return this.db.withSchema(MEMORY_SCHEMA);
  }

  private async retain(threadId: string, ns: string): Promise<void> {
    await this.memory()
      .transaction()
      .execute(async (trx) => {
        // Checkpoint ids are time-ordered (uuid6), as the saver itself assumes for "latest".
        const oldestKept = trx
          .selectFrom("checkpoints")
          .select("checkpoint_id")
          .where("thread_id", "=", threadId)
          .where("checkpoint_ns", "=", ns)
          .orderBy("checkpoint_id", "desc")
          .limit(1)
          .offset(this.o.keepCheckpoints - 1);
        for (const table of ["checkpoint_writes", "checkpoints"] as const)
          await trx
            .deleteFrom(table)
            .where("thread_id", "=", threadId)
            .where("checkpoint_ns", "=", ns)
            .where("checkpoint_id", "<", oldestKept)
            .execute();
        // Channel values are stored once per version and shared by checkpoints: drop the versions
        // no kept checkpoint refers to any more.
        await trx
          .deleteFrom("checkpoint_blobs as b")
          .where("b.thread_id", "=", threadId)
          .where("b.checkpoint_ns", "=", ns)
          .where((eb) =>
            eb.not(
              eb.exists(
                eb
                  .selectFrom("checkpoints as c")
                  .select("c.checkpoint_id")
                  .whereRef("c.thread_id", "=", "b.thread_id")
                  .whereRef("c.checkpoint_ns", "=", "b.checkpoint_ns")
                  .where(sql<boolean>`c.checkpoint -> 'channel_versions' ->> b.channel = b.version`),
              ),
            ),
          )
          .execute();
        await trx
          .insertInto("thread_activity")
          .values({ thread_id: threadId, last_at: this.now() })
          .onConflict((oc) => oc.column("thread_id").doUpdateSet({ last_at: this.now() }))
          .execute();
      });
  }
}
