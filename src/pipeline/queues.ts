import { z } from "zod";

/** One queue per stage, so each stage scales and retries on its own. */
export const STAGES = ["fetch", "normalize", "dedupe", "embed", "index"] as const;
export type Stage = (typeof STAGES)[number];

/** Payloads carry ids only — never postings, never secrets. */
export const runPayloadSchema = z.object({ runId: z.uuid() }).strict();
export const fetchPayloadSchema = z
  .object({ runId: z.uuid(), source: z.string().regex(/^[a-z0-9-]+$/) })
  .strict();

export type RunPayload = z.infer<typeof runPayloadSchema>;
export type FetchPayload = z.infer<typeof fetchPayloadSchema>;

export const payloadSchemas = {
  fetch: fetchPayloadSchema,
  normalize: runPayloadSchema,
  dedupe: runPayloadSchema,
  embed: runPayloadSchema,
  index: runPayloadSchema,
} as const satisfies Record<Stage, z.ZodType>;

export type PayloadOf<S extends Stage> = z.infer<(typeof payloadSchemas)[S]>;

/** Queue name of a stage (the Redis prefix is applied separately). */
export function queueName(stage: Stage): string {
  return `jobscout-${stage}`;
}

/** Deterministic job id, so enqueuing the same run twice never duplicates a stage. */
export function stageJobId(stage: Stage, runId: string, source?: string): string {
  // BullMQ refuses ':' in custom ids.
  return source ? `${runId}.${stage}.${source}` : `${runId}.${stage}`;
}

/** Share of the run's progress bar at which each stage starts. */
export const STAGE_PROGRESS: Record<Stage, number> = {
  fetch: 5,
  normalize: 50,
  dedupe: 60,
  embed: 75,
  index: 90,
};
