import type { Lang } from "../../core/lang.js";
import { describeError } from "../../core/errors.js";
import type { Logger } from "../../core/logger.js";
import type { TurnHooks } from "../../chat/chat-service.js";
import { textReply, type ChatReply } from "../../chat/chat-turn.js";
import type { RunSummary } from "../../answers/run-summary.js";
import { ProgressMessage } from "./progress-message.js";
import { phrasesFor } from "../../answers/phrases/phrases.js";

/**
 * Where one answer goes on a platform (a Slack thread, a Discord reply or deferred interaction).
 * `P` is the platform's progress message body, `M` one answer message body.
 */
export interface ReplyWriter<P, M> {
  /** Show progress: the first call posts, later calls edit it. Returns a newly posted message's id. */
  progress(message: P): Promise<string | undefined>;
  /** Post the answer's messages in order (`ephemeral`: only for the person who pressed); returns their ids. */
  send(messages: M[], o: { ephemeral: boolean }): Promise<string[]>;
  /**
   * The answer takes the progress message's place (a Discord interaction's deferred reply), so the
   * progress is not brought to the run's final state first.
   */
  answerReplacesProgress?: boolean;
}

/** How a platform renders replies within its own limits. */
export interface ReplyFormat<P, M> {
  /** Names the platform in log lines. */
  platform: string;
  progress(run: RunSummary, lang?: Lang): P;
  /** A reply as messages, each within the platform's limits. */
  reply(reply: ChatReply): M[];
  /** Least time between two progress edits. */
  progressIntervalMs: number;
}

/** Options for {@link deliverReply}. */
export interface DeliverOptions<P, M> {
  /** Asks the chat service (a turn or a button press), passing the progress hook on. */
  ask(hooks: TurnHooks): Promise<ChatReply>;
  writer: ReplyWriter<P, M>;
  format: ReplyFormat<P, M>;
  logger: Logger;
  /** Logged with failures (ids only, never message text). */
  log?: Record<string, unknown>;
}

/** Told when the answer could not be posted: what to do, never why in Slack's or Discord's words. */
export const POST_FAILED = phrasesFor("en").postFailed;

/**
 * The work after an ack, the same on every platform: ask the chat service, show the run's progress
 * in one throttled message that ends on the run's outcome, then post the answer below it within the
 * platform's limits. A failure to post is logged and told in a short message; nothing is thrown.
 * Returns the ids of every message posted (progress and answer).
 */
export async function deliverReply<P, M>(o: DeliverOptions<P, M>): Promise<string[]> {
  const { writer, format, logger } = o;
  const posted: string[] = [];
  const progress = new ProgressMessage<P>({
    intervalMs: format.progressIntervalMs,
    render: (run, lang) => format.progress(run, lang),
    write: async (m) => {
      const id = await writer.progress(m);
      if (id) posted.push(id);
    },
    onError: (err) =>
      logger.warn(`${format.platform}: progress update failed`, { ...o.log, error: describeError(err) }),
  });
  let reply: ChatReply;
  try {
    reply = await o.ask({ onProgress: (run, lang) => progress.report(run, lang) });
  } catch (err) {
    // No late edit after the caller has told the user what went wrong.
    await progress.finish();
    throw err;
  }
  const above = progress.shown && !writer.answerReplacesProgress;
  await progress.finish(above ? reply.run : undefined, reply.lang);
  // The progress message above already ends on the run's outcome; the answer need not repeat it.
  if (above && reply.outcome) reply = { ...reply, outcome: undefined };
  try {
    posted.push(...(await writer.send(format.reply(reply), { ephemeral: reply.ephemeral === true })));
  } catch (err) {
    // The stack too: what failed here is the platform client's own code (seen once under load:
    // "action is not a function" from discord.js's upload, before any request left).
    logger.error(`${format.platform}: could not post an answer`, {
      ...o.log,
      error: describeError(err),
      ...(err instanceof Error && err.stack ? { stack: err.stack } : {}),
    });
    try {
      const failed = textReply(phrasesFor(reply.lang ?? "en").postFailed, { lang: reply.lang });
      posted.push(...(await writer.send(format.reply(failed), { ephemeral: false })));
    } catch {
      // The platform is not taking messages from us at all; the log line above says why.
    }
  }
  return posted;
}
