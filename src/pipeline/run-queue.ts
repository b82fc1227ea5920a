import { FlowProducer, type FlowJob, type JobsOptions } from "bullmq";
import type { Redis } from "ioredis";
import { fetchPayloadSchema, queueName, runPayloadSchema, stageJobId, type Stage } from "./queues.js";

/** Starts pipeline runs. Callers never see BullMQ types. */
export interface RunQueue {
  /**
   * Enqueue a run's flow: fetch per source → normalize → dedupe → embed → index. With no sources
   * the flow starts at normalize (items were staged already, e.g. by `jobscout import`).
   * Idempotent per run id.
   */
  enqueue(runId: string, sources: readonly string[]): Promise<void>;
  close(): Promise<void>;
}

/** Options for {@link BullRunQueue}. */
export interface BullRunQueueOptions {
  connection: Redis;
  /** Redis key prefix. @defaultValue `jobscout` */
  prefix: string;
  /** Attempts per stage job. */
  attempts: number;
  /** First retry delay in ms (grows exponentially, with jitter; Retry-After wins when a site sends it). */
  backoffMs: number;
}

export const BACKOFF_TYPE = "jobscout";

export class BullRunQueue implements RunQueue {
  private readonly flows: FlowProducer;

  constructor(private readonly options: BullRunQueueOptions) {
    this.flows = new FlowProducer({ connection: options.connection, prefix: options.prefix });
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
    await this.flows.add(node("index", [node("embed", [node("dedupe", [normalize])])]));
  }

  async close(): Promise<void> {
    await this.flows.close();
  }
}
