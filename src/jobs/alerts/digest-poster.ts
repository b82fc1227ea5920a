import { AppError } from "../../core/errors.js";
import type { ChatReply } from "../../chat/chat-turn.js";
import type { SavedSearch } from "./saved-search.js";

/** Posts digests on one surface (Slack, Discord, the terminal). */
export interface DigestPoster {
  /**
   * Post the digest where the saved search says (its channel, or the owner's DM). Throws
   * {@link targetGone} when the channel or the person no longer exists or the bot was removed.
   */
  post(search: SavedSearch, reply: ChatReply): Promise<void>;
  /** A direct message to the saved search's owner. */
  tellOwner(search: SavedSearch, text: string): Promise<void>;
}

/**
 * Why a digest's place is gone for good. The code is what the alert stores as its paused reason; the
 * phrase tables word it in the reader's language.
 */
export const GONE_REASONS = [
  "channel_missing",
  "bot_removed",
  "archived",
  "no_permission",
  "account_unreachable",
  "account_disabled",
  "app_uninstalled",
  "no_dm",
] as const;
export type GoneReason = (typeof GONE_REASONS)[number];

export function isGoneReason(s: string | null | undefined): s is GoneReason {
  return (GONE_REASONS as readonly string[]).includes(s ?? "");
}

/** The digest's target is gone for good: the alert pauses and its owner is told once. */
export class TargetGoneError extends AppError {
  constructor(
    readonly reason: GoneReason,
    cause?: unknown,
  ) {
    super("digest_target_gone", `digest target gone: ${reason}`, { retryable: false, cause });
  }
}

export function targetGone(reason: GoneReason, cause?: unknown): TargetGoneError {
  return new TargetGoneError(reason, cause);
}

export function isTargetGone(err: unknown): err is TargetGoneError {
  return err instanceof TargetGoneError;
}
