import { AppError } from "../../core/errors.js";
import type { Failure } from "../../core/failure.js";
import { SourcePausedError } from "./breaker.js";
import { HttpError } from "./http.js";
import { HostThrottledError } from "./rate-limiter.js";
import { RobotsDisallowedError, RobotsUnavailableError } from "./robots.js";

const hhmm = (d: Date): string => d.toISOString().slice(11, 16);

/**
 * Why a fetch failed, as the code and parameters people read it by (in their language). Decided from
 * the error's class and code, never from its text; an error of no known kind is `unexpected`, its
 * message left to the logs.
 */
export function failureOf(err: unknown): Failure {
  if (err instanceof HttpError) {
    switch (err.code) {
      case "http_status":
        return err.status === undefined
          ? { code: "unexpected" }
          : { code: "http_status", status: err.status };
      case "http_timeout":
        return { code: "timeout", ms: err.limit ?? 0 };
      case "http_network":
        return { code: "unreachable" };
      case "http_bad_body":
        return err.html ? { code: "bad_payload", html: true } : { code: "bad_payload" };
      case "http_too_large":
        return { code: "too_large", bytes: err.limit ?? 0 };
      case "http_refused":
        return { code: "blocked_address" };
    }
  }
  if (err instanceof SourcePausedError) return { code: "paused", until: hhmm(err.retryAt) };
  if (err instanceof HostThrottledError)
    return { code: "throttled", until: hhmm(err.until), paused: err.paused };
  if (err instanceof RobotsDisallowedError) return { code: "robots_disallowed" };
  if (err instanceof RobotsUnavailableError) return { code: "robots_unavailable" };
  if (err instanceof AppError && err.code === "host_disabled") return { code: "switched_off" };
  return { code: "unexpected" };
}
