// BullMQ and ioredis, loaded with require(). Both are CommonJS: an ESM `import` of them made Node
// scan each of their re-exported files for export names before running them (BullMQ alone is 171
// files), about 250 ms of CPU in every jobscout process, the CLI's start included (issue #16).
// require() gives the same module objects (one cache: tests' and BullMQ's own imports see the same
// classes) without that scan. Types still come from the packages' own declarations.
import { createRequire } from "node:module";
import type * as BullMQ from "bullmq";
import type * as IORedis from "ioredis";

const requireHere = createRequire(import.meta.url);
const bullmq = requireHere("bullmq") as typeof BullMQ;
const ioredis = requireHere("ioredis") as typeof IORedis;

export const { Queue, Worker, FlowProducer, UnrecoverableError, DelayedError } = bullmq;
export type Queue = BullMQ.Queue;
export type FlowProducer = BullMQ.FlowProducer;
export const { Redis } = ioredis;
