import { ensureBuilt } from "./cli.js";
import { requireRedis } from "./redis-check.js";

export default async function setup(): Promise<void> {
  // Some tests run the built CLI (bin/jobscout.js → dist/) as users do: build it once, if stale.
  ensureBuilt();
  await requireRedis();
}
