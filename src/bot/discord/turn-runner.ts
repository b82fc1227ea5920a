import { describeError } from "../../core/errors.js";
import type { TurnHooks } from "../../chat/chat-service.js";
import { textReply, type ChatReply } from "../../chat/chat-turn.js";
import type { DiscordContext } from "./context.js";
import { ProgressMessage } from "./progress-message.js";
import { renderDiscordReply, renderProgressText, withoutParagraph, type DiscordMessage } from "./render.js";

/** Where one answer goes: a reply to a message, or an interaction's deferred reply. */
export interface ReplyTarget {
  /** Show progress: the first call posts (or fills the deferred reply), later calls edit. Returns a new message's id. */
  progress(text: string): Promise<string | undefined>;
  /** Interactions answer in the message that showed progress; a mention's progress stays above the answer. */
  answerReplacesProgress: boolean;
  /** Post the answer's messages in order; returns their ids. */
  send(messages: DiscordMessage[]): Promise<string[]>;
}

/** Options for {@link deliverTurn}. */
export interface DeliverOptions {
  /** The conversation the answer belongs to (replies to its messages continue it). */
  thread: string;
  /** Asks the chat service (a turn or a button press), passing the progress hook on. */
  ask(hooks: TurnHooks): Promise<ChatReply>;
  target: ReplyTarget;
  /** Logged with failures (ids only, never message text). */
  log: Record<string, unknown>;
}

/**
 * The work after an ack: ask the chat service, show the run's progress in one throttled message,
 * post the answer within Discord's limits and link every posted message to the conversation.
 */
export async function deliverTurn(ctx: DiscordContext, o: DeliverOptions): Promise<void> {
  const posted: string[] = [];
  const progress = new ProgressMessage({
    intervalMs: ctx.progressIntervalMs,
    write: async (text) => {
      const id = await o.target.progress(text);
      if (id) posted.push(id);
    },
    onError: (err) =>
      ctx.logger.warn("discord: progress update failed", { ...o.log, error: describeError(err) }),
  });
  // Acks first: a burst of interactions is deferred before this turn spends CPU on the agent.
  await ctx.acks.idle();
  let reply = await o.ask({ onProgress: (run) => progress.update(renderProgressText(run)) });
  const final = !o.target.answerReplacesProgress && reply.run ? renderProgressText(reply.run) : undefined;
  await progress.finish(final);
  // The progress message above already ends on the run's outcome; the answer need not repeat it.
  if (final && posted.length > 0) reply = { ...reply, text: withoutParagraph(reply.text, final) };
  try {
    posted.push(...(await o.target.send(renderDiscordReply(reply))));
  } catch (err) {
    ctx.logger.error("discord: could not post an answer", { ...o.log, error: describeError(err) });
    try {
      await o.target.send(renderDiscordReply(textReply("Sorry — I could not post that answer on Discord.")));
    } catch {
      // Discord is not taking messages from us at all; the log line above says why.
    }
  }
  await ctx.conversations.remember(posted, o.thread);
}
