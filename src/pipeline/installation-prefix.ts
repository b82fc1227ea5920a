import type { Redis } from "ioredis";
import type { Config } from "../config/config.js";
import { AppError } from "../core/errors.js";

/**
 * The config an installation runs with: an unset `JOBSCOUT_QUEUE_PREFIX` becomes
 * `<default>-<first 8 characters of the installation id>`, so two installations (two stores) on
 * one Redis keep apart while every process on one store computes the same prefix.
 */
export function withInstallationPrefix(config: Config, installationId: string): Config {
  if (config.queuePrefixSet) return config;
  return {
    ...config,
    JOBSCOUT_QUEUE_PREFIX: `${config.JOBSCOUT_QUEUE_PREFIX}-${installationId.slice(0, 8)}`,
    queuePrefixSet: true,
  };
}

/**
 * Claim the prefix in Redis for this installation; refuse when another installation (another
 * store) holds it, which only a prefix set by hand can cause.
 */
export async function claimQueuePrefix(redis: Redis, prefix: string, installationId: string): Promise<void> {
  const key = `${prefix}:installation`;
  await redis.set(key, installationId, "NX");
  const owner = await redis.get(key);
  if (owner === null || owner === installationId) return;
  const message =
    `JOBSCOUT_QUEUE_PREFIX "${prefix}" is used on this Redis by another jobscout installation (another ` +
    `data dir or database, installation ${owner.slice(0, 8)}); this one is ${installationId.slice(0, 8)}. ` +
    "Give each installation its own prefix, or unset JOBSCOUT_QUEUE_PREFIX to derive one from the store.";
  throw new AppError("queue_prefix_taken", message, { userMessage: message });
}
