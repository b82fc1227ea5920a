// Global setup of `npm run mutate` (vitest.stryker.config.ts): Stryker's sandbox holds instrumented
// source, so nothing is built from it; only Redis has to answer.
import { requireRedis } from "./redis-check.js";

export default async function setup(): Promise<void> {
  await requireRedis();
}
