import type { TurnHooks } from "../../chat/chat-service.js";
import type { ChatReply } from "../../chat/chat-turn.js";
import { deliverReply, type ReplyWriter } from "../shared/turn-runner.js";
import type { DiscordContext } from "./context.js";
import { renderDiscordReply, renderProgressText, type DiscordMessage } from "./render.js";

/** Where one answer goes: a reply to a message, or an interaction's deferred reply (see targets.ts). */
export type ReplyTarget = ReplyWriter<string, DiscordMessage>;

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
 * The work after an ack, through the platform-neutral {@link deliverReply} with Discord's rendering,
 * then every posted message linked to the conversation (replies to them continue it).
 */
export async function deliverTurn(ctx: DiscordContext, o: DeliverOptions): Promise<void> {
  // Acks first: a burst of interactions is deferred before this turn spends CPU on the agent.
  await ctx.acks.idle();
  const posted = await deliverReply({
    ask: (hooks) => o.ask(hooks),
    writer: o.target,
    format: {
      platform: "discord",
      progress: renderProgressText,
      reply: (reply) => renderDiscordReply(reply),
      progressIntervalMs: ctx.progressIntervalMs,
    },
    logger: ctx.logger,
    log: o.log,
  });
  await ctx.conversations.remember(posted, o.thread);
}
