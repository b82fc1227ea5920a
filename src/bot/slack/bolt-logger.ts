import { LogLevel, type Logger as BoltLogger } from "@slack/bolt";
import type { Logger } from "../../core/logger.js";

function line(parts: unknown[]): string {
  return parts.map((p) => (p instanceof Error ? p.message : typeof p === "string" ? p : String(p))).join(" ");
}

/**
 * Bolt, the Web API client and the Socket Mode client log through ours. Their debug output carries
 * request bodies (user messages, payloads), so it is dropped: we claim INFO and ignore `setLevel`.
 */
export function boltLogger(logger: Logger): BoltLogger {
  return {
    debug: () => undefined,
    info: (...m: unknown[]) => logger.info(line(m), { lib: "slack" }),
    warn: (...m: unknown[]) => logger.warn(line(m), { lib: "slack" }),
    error: (...m: unknown[]) => logger.error(line(m), { lib: "slack" }),
    setLevel: () => undefined,
    getLevel: () => LogLevel.INFO,
    setName: () => undefined,
  };
}
