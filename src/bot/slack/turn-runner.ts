import type { webApi } from "@slack/bolt";
import { describeError } from "../../core/errors.js";
import type { Logger } from "../../core/logger.js";
import type { ChatService } from "../../chat/chat-service.js";
import type { ChatAction, ChatReply, ChatTurn } from "../../chat/chat-turn.js";
import { ProgressMessage } from "./progress-message.js";
import { renderReply, renderText } from "./render.js";

/** Where a conversation lives in Slack. */
export interface SlackThread {
  client: webApi.WebClient;
  channel: string;
  threadTs: string;
}

/** Options for {@link SlackTurnRunner}. */
export interface SlackTurnRunnerOptions {
  chat: ChatService;
  logger: Logger;
  /** Least time between two progress edits. @defaultValue `1000` */
  progressIntervalMs?: number;
}

/**
 * Runs turns and button presses after the ack, never inside it: progress in the thread, then the
 * answer; failures are logged and told in the thread, never thrown at Bolt. Keeps track of the work
 * in flight so a stop can let it finish.
 */
export class SlackTurnRunner {
  private readonly inflight = new Set<Promise<void>>();

  constructor(private readonly o: SlackTurnRunnerOptions) {}

  /** Start work in the background; returns at once. */
  spawn(what: string, work: () => Promise<void>): void {
    const p: Promise<void> = work()
      .catch((err: unknown) =>
        this.o.logger.error("slack handler failed", { what, error: describeError(err) }),
      )
      .finally(() => this.inflight.delete(p));
    this.inflight.add(p);
  }

  /** A message to the bot: progress of any run it starts, then the answer, in the thread. */
  async turn(turn: ChatTurn, where: SlackThread, opts: { broadcast?: boolean } = {}): Promise<void> {
    const progress = this.progress(where);
    const reply = await this.o.chat.handleTurn(turn, { onProgress: (run) => progress.report(run) });
    await progress.settle();
    await this.post(where, reply, opts.broadcast ?? false);
    await progress.finish(reply.run);
  }

  /** A button press: Details / Save / Not for me answer only the presser; More continues the thread. */
  async action(action: ChatAction, where: SlackThread): Promise<void> {
    const progress = this.progress(where);
    const reply = await this.o.chat.handleAction(action, { onProgress: (run) => progress.report(run) });
    await progress.settle();
    if (reply.ephemeral) {
      for (const msg of renderReply(reply)) {
        await where.client.chat.postEphemeral({
          channel: where.channel,
          user: action.user.id,
          thread_ts: where.threadTs,
          ...msg,
        });
      }
    } else {
      await this.post(where, reply, false);
    }
    await progress.finish(reply.run);
  }

  /** Tell the user in the thread that something went wrong (best effort). */
  async tell(where: SlackThread, text: string): Promise<void> {
    try {
      for (const msg of renderText(text)) {
        await where.client.chat.postMessage({ channel: where.channel, thread_ts: where.threadTs, ...msg });
      }
    } catch (err) {
      this.o.logger.error("slack could not post to the thread", { error: String(err) });
    }
  }

  /** Wait for the work in flight, at most `timeoutMs`. */
  async drain(timeoutMs: number): Promise<void> {
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<void>((r) => (timer = setTimeout(r, timeoutMs)));
    await Promise.race([Promise.allSettled([...this.inflight]), timeout]);
    clearTimeout(timer);
  }

  get pending(): number {
    return this.inflight.size;
  }

  private progress(where: SlackThread): ProgressMessage {
    return new ProgressMessage({
      ...where,
      logger: this.o.logger,
      ...(this.o.progressIntervalMs !== undefined ? { intervalMs: this.o.progressIntervalMs } : {}),
    });
  }

  private async post(where: SlackThread, reply: ChatReply, broadcast: boolean): Promise<void> {
    const messages = renderReply(reply);
    try {
      for (const [i, msg] of messages.entries()) {
        await where.client.chat.postMessage({
          channel: where.channel,
          thread_ts: where.threadTs,
          // Shown in the channel too: the answer to a slash command belongs to everyone who saw it.
          reply_broadcast: broadcast && i === 0,
          // Many job links would each unfurl into a preview; the cards already say what they are.
          unfurl_links: false,
          unfurl_media: false,
          ...msg,
        });
      }
    } catch (err) {
      this.o.logger.error("slack could not post the answer", { error: describeError(err) });
      await this.tell(where, `Sorry, I couldn't post the answer (${describeError(err)}).`);
    }
  }
}
