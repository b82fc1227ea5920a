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

/** The digest's target is gone for good: the alert pauses and its owner is told once. */
export function targetGone(why: string, cause?: unknown): AppError {
  return new AppError("digest_target_gone", why, { retryable: false, cause });
}

export function isTargetGone(err: unknown): err is AppError {
  return err instanceof AppError && err.code === "digest_target_gone";
}
