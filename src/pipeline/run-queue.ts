import { phrasesFor } from "../answers/phrases/phrases.js";
import type { FlowJob, JobsOptions } from "bullmq";
import { FlowProducer, Queue } from "./queue-lib.js";
import type { Redis } from "ioredis";
import { AppError } from "../core/errors.js";
import { isRedisConnectionError } from "./redis-outage.js";
import { fetchPayloadSchema, queueName, runPayloadSchema, stageJobId, type Stage } from "./queues.js";

/** Starts pipeline runs. Callers never see BullMQ types. */
export interface RunQueue {
  /**
   * Enqueue a run's flow: fetch per source → normalize → dedupe → embed → index. With no sources
   * the flow starts at normalize (items were staged already, e.g. by `jobscout import`).
   * Idempotent per run id.
   */
  enqueue(runId: string, sources: readonly string[]): Promise<void>;
  /**
   * Whether the queue still holds the run's flow (its last stage). False once Redis lost it (a
   * restart without its data), or long after the run finished. Throws `queue_unreachable`.
   */
  holds(runId: string): Promise<boolean>;
  close(): Promise<void>;
}

/** Options for {@link BullRunQueue}. */
export interface BullRunQueueOptions {
  /** A connection that fails at once while Redis is away (`connectProducer`). */
  connection: Redis;
  /** Where Redis is, as the person may be told (no password). */
  where: string;
  /** The longest an enqueue may take before the queue counts as unreachable. @defaultValue `10000` */
  timeoutMs?: number;
  /** Redis key prefix. @defaultValue `jobscout` */
  prefix: string;
  /** Attempts per stage job. */
  attempts: number;
  /** First retry delay in ms (grows exponentially, with jitter; Retry-After wins when a site sends it). */
  backoffMs: number;
}

export const BACKOFF_TYPE = "jobscout";

/** The run could not be queued or looked up: Redis is not there. */
export function queueUnreachable(where: string, cause?: unknown): AppError {
  const text = `the job queue (Redis at ${where}) is not reachable`;
  return new AppError(
    "queue_unreachable",
    `${text}: ${cause instanceof Error ? cause.message : "no answer"}`,
    {
      retryable: true,
      cause,
      userMessage: (lang) => phrasesFor(lang).runs.queueDown(where),
    },
  );
}

export class BullRunQueue implements RunQueue {
  private readonly flows: FlowProducer;
  private readonly last: Queue;

  constructor(private readonly options: BullRunQueueOptions) {
    this.flows = new FlowProducer({ connection: options.connection, prefix: options.prefix });
    this.last = new Queue(queueName("index"), { connection: options.connection, prefix: options.prefix });
    // Errors reach the callers; without a listener BullMQ would print them too.
    this.flows.on("error", () => undefined);
    this.last.on("error", () => undefined);
  }

  /** Run a queue call, or fail with `queue_unreachable` when Redis is away or does not answer in time. */
  private async reach<T>(call: () => Promise<T>): Promise<T> {
    const { connection, where, timeoutMs = 10_000 } = this.options;
    // Lost and trying again: say so at once. Still connecting (just started): wait for it in time.
    if (["reconnecting", "close", "end"].includes(connection.status)) throw queueUnreachable(where);
    let timer: NodeJS.Timeout | undefined;
    const late = new Promise<never>((_, reject) => {
      timer = setTimeout(() => reject(queueUnreachable(where)), timeoutMs);
    });
    const ready =
      connection.status === "ready"
        ? Promise.resolve()
        : new Promise<void>((resolve) => connection.once("ready", () => resolve()));
    try {
      return await Promise.race([ready.then(call), late]);
    } catch (err) {
      // The status may still say "ready" while the socket has already gone: judge the error too.
      if (err instanceof AppError || connection.status !== "ready" || isRedisConnectionError(err))
        throw asUnreachable(err, where);
      throw err;
    } finally {
      clearTimeout(timer);
    }
  }

  private jobOptions(stage: Stage, runId: string, source?: string): JobsOptions {
    return {
      jobId: stageJobId(stage, runId, source),
      attempts: this.options.attempts,
      backoff: { type: BACKOFF_TYPE, delay: this.options.backoffMs },
      removeOnComplete: { age: 24 * 3600, count: 1000 },
      removeOnFail: { age: 7 * 24 * 3600 },
    };
  }

  async enqueue(runId: string, sources: readonly string[]): Promise<void> {
    const run = runPayloadSchema.parse({ runId });
    const node = (stage: Stage, children?: FlowJob[]): FlowJob => ({
      name: stage,
      queueName: queueName(stage),
      data: run,
      opts: this.jobOptions(stage, runId),
      ...(children ? { children } : {}),
    });
    // A failed fetch must not block the run: its parent goes on with the other sources' items.
    const fetches: FlowJob[] = sources.map((source) => ({
      name: "fetch",
      queueName: queueName("fetch"),
      data: fetchPayloadSchema.parse({ runId, source }),
      opts: { ...this.jobOptions("fetch", runId, source), ignoreDependencyOnFailure: true },
    }));
    const normalize = node("normalize", fetches.length > 0 ? fetches : undefined);
    await this.reach(() => this.flows.add(node("index", [node("embed", [node("dedupe", [normalize])])])));
  }

  async holds(runId: string): Promise<boolean> {
    const state = await this.reach(() => this.last.getJobState(stageJobId("index", runId)));
    return state !== "unknown";
  }

  async close(): Promise<void> {
    await Promise.all([this.flows.close(), this.last.close()]);
  }
}

function asUnreachable(err: unknown, where: string): AppError {
  return err instanceof AppError && err.code === "queue_unreachable" ? err : queueUnreachable(where, err);
}
