import { Queue } from "./queue-lib.js";
import type { Redis } from "ioredis";
import { z } from "zod";
import { AppError } from "../core/errors.js";

/** The profile stages: reading a CV into a profile, and scoring jobs against profiles. */
export const PROFILE_STAGES = ["parse-cv", "evaluate"] as const;
export type ProfileStage = (typeof PROFILE_STAGES)[number];

/** Payloads carry ids only — never CV text, never secrets. */
export const parseCvPayloadSchema = z.object({ uploadId: z.uuid() }).strict();
export const evaluatePayloadSchema = z.union([
  /** After a run's index stage: its jobs, for every profile of its workspace. */
  z.object({ runId: z.uuid() }).strict(),
  /** On demand ("evaluate all Frankfurt jobs for me"): these jobs for this person. */
  z
    .object({
      workspaceId: z.string().min(1).max(200),
      userId: z.string().min(1).max(200),
      jobIds: z.array(z.number().int().positive()).max(5000),
    })
    .strict(),
]);
export type ParseCvPayload = z.infer<typeof parseCvPayloadSchema>;
export type EvaluatePayload = z.infer<typeof evaluatePayloadSchema>;

export const profilePayloadSchemas = {
  "parse-cv": parseCvPayloadSchema,
  evaluate: evaluatePayloadSchema,
} as const satisfies Record<ProfileStage, z.ZodType>;

export function profileQueueName(stage: ProfileStage): string {
  return `jobscout-${stage}`;
}

/** Where an on-demand evaluation stands. */
export interface EvaluationState {
  state: "waiting" | "active" | "completed" | "failed";
  /** 0–100. */
  progress: number;
}

/** Enqueues profile work. Callers never see BullMQ types. */
export interface ProfileQueue {
  enqueueParse(uploadId: string): Promise<void>;
  /** Score a run's jobs for the profiles of its workspace (idempotent per run). */
  enqueueRunEvaluation(runId: string): Promise<void>;
  /** Score these jobs for one person; returns an id to follow it by. */
  enqueueEvaluation(p: { workspaceId: string; userId: string; jobIds: number[] }): Promise<string>;
  evaluation(id: string): Promise<EvaluationState | undefined>;
  close(): Promise<void>;
}

/** Options for {@link BullProfileQueue}. */
export interface BullProfileQueueOptions {
  connection: Redis;
  prefix: string;
  attempts: number;
  backoffMs: number;
}

export class BullProfileQueue implements ProfileQueue {
  private readonly queues: Record<ProfileStage, Queue>;

  constructor(private readonly o: BullProfileQueueOptions) {
    this.queues = {
      "parse-cv": new Queue(profileQueueName("parse-cv"), { connection: o.connection, prefix: o.prefix }),
      evaluate: new Queue(profileQueueName("evaluate"), { connection: o.connection, prefix: o.prefix }),
    };
  }

  private opts(jobId?: string) {
    return {
      ...(jobId ? { jobId } : {}),
      attempts: this.o.attempts,
      backoff: { type: "exponential", delay: this.o.backoffMs },
      removeOnComplete: { age: 24 * 3600, count: 1000 },
      removeOnFail: { age: 7 * 24 * 3600 },
    };
  }

  async enqueueParse(uploadId: string): Promise<void> {
    const data = parseCvPayloadSchema.parse({ uploadId });
    await this.queues["parse-cv"].add("parse-cv", data, this.opts(`${uploadId}.parse-cv`));
  }

  async enqueueRunEvaluation(runId: string): Promise<void> {
    const data = evaluatePayloadSchema.parse({ runId });
    await this.queues.evaluate.add("evaluate", data, this.opts(`${runId}.evaluate`));
  }

  async enqueueEvaluation(p: { workspaceId: string; userId: string; jobIds: number[] }): Promise<string> {
    const data = evaluatePayloadSchema.parse(p);
    const job = await this.queues.evaluate.add("evaluate", data, this.opts());
    if (!job.id) throw new AppError("enqueue_failed", "evaluation got no id");
    return job.id;
  }

  async evaluation(id: string): Promise<EvaluationState | undefined> {
    const job = await this.queues.evaluate.getJob(id);
    if (!job) return undefined;
    const state = await job.getState();
    const progress = typeof job.progress === "number" ? job.progress : 0;
    if (state === "completed" || state === "failed" || state === "active") return { state, progress };
    return { state: "waiting", progress };
  }

  async close(): Promise<void> {
    await Promise.all(Object.values(this.queues).map((q) => q.close()));
  }
}
