import type { webApi } from "@slack/bolt";
import type { Logger } from "../../core/logger.js";
import type { ChatService } from "../../chat/chat-service.js";
import type { ChatAction, ChatReply, ChatTurn } from "../../chat/chat-turn.js";
import { BackgroundWork } from "../shared/background-work.js";
import { deliverReply, type ReplyFormat, type ReplyWriter } from "../shared/turn-runner.js";
import { renderProgress, renderReply, renderText, type SlackMessage } from "./render.js";

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
  /** Least time between two progress edits (Slack rate-limits chat.update). @defaultValue `1000` */
  progressIntervalMs?: number;
}

/**
 * Runs turns and button presses after the ack, never inside it, through the platform-neutral
 * {@link deliverReply}: Slack only supplies its Block Kit rendering and a writer for one thread.
 */
export class SlackTurnRunner {
  private readonly work: BackgroundWork;
  private readonly format: ReplyFormat<SlackMessage, SlackMessage>;

  constructor(private readonly o: SlackTurnRunnerOptions) {
    this.work = new BackgroundWork({ logger: o.logger, platform: "slack" });
    this.format = {
      platform: "slack",
      progress: (run, lang) => renderProgress(run, lang),
      reply: (reply) => renderReply(reply),
      progressIntervalMs: o.progressIntervalMs ?? 1000,
    };
  }

  /** The presser's own letter text, for the edit form (undefined when it is not theirs). */
  letterText(actor: { workspaceId: string; userId: string }, letterId: string): Promise<string | undefined> {
    return this.o.chat.letterText(actor, letterId);
  }

  /** Start work in the background; returns at once. */
  spawn(what: string, work: () => Promise<void>): void {
    this.work.spawn(what, work);
  }

  /** A message to the bot: progress of any run it starts, then the answer, in the thread. */
  async turn(turn: ChatTurn, where: SlackThread, opts: { broadcast?: boolean } = {}): Promise<void> {
    let reply: ChatReply | undefined;
    await deliverReply({
      ask: async (hooks) => (reply = await this.o.chat.handleTurn(turn, hooks)),
      writer: threadWriter(where, { broadcast: opts.broadcast ?? false }),
      format: this.format,
      logger: this.o.logger,
    });
    if (reply) await this.upload(reply, where);
  }

  /** Files on disk a reply carries (exports) go into the thread with files.uploadV2 (`files:write`). */
  private async upload(reply: ChatReply, where: SlackThread): Promise<void> {
    for (const f of reply.files) {
      if (!("path" in f)) continue;
      try {
        await where.client.files.uploadV2({
          channel_id: where.channel,
          thread_ts: where.threadTs,
          file: f.path,
          filename: f.name,
          title: f.name,
        });
      } catch (err) {
        this.o.logger.error("slack upload failed", { error: String(err) });
        await this.tell(
          where,
          `I couldn't upload “${f.name}” to Slack (${String(err).split("\n")[0]}). The app needs the files:write scope; try again once it has it.`,
        );
      }
    }
  }

  /** A button press: Details / Save / Not for me answer only the presser; More continues the thread. */
  async action(action: ChatAction, where: SlackThread): Promise<void> {
    await deliverReply({
      ask: (hooks) => this.o.chat.handleAction(action, hooks),
      writer: threadWriter(where, { broadcast: false, presser: action.user.id }),
      format: this.format,
      logger: this.o.logger,
    });
  }

  /** Tell the user in the thread that something went wrong (best effort). */
  async tell(where: SlackThread, text: string): Promise<void> {
    try {
      await threadWriter(where, { broadcast: false }).send(renderText(text), { ephemeral: false });
    } catch (err) {
      this.o.logger.error("slack could not post to the thread", { error: String(err) });
    }
  }

  /** Wait for the work in flight, at most `timeoutMs`. */
  async drain(timeoutMs: number): Promise<void> {
    await this.work.drain(timeoutMs);
  }

  get pending(): number {
    return this.work.pending;
  }
}

/**
 * One thread as a {@link ReplyWriter}: progress posted once then edited with `chat.update`; an
 * ephemeral answer goes to `presser` only.
 */
export function threadWriter(
  where: SlackThread,
  o: { broadcast: boolean; presser?: string },
): ReplyWriter<SlackMessage, SlackMessage> {
  const { client, channel, threadTs } = where;
  let progressTs: string | undefined;
  return {
    async progress(msg) {
      if (progressTs !== undefined) {
        await client.chat.update({ channel, ts: progressTs, ...msg });
        return undefined;
      }
      progressTs = (await client.chat.postMessage({ channel, thread_ts: threadTs, ...msg })).ts;
      return progressTs;
    },
    async send(messages, { ephemeral }) {
      const ids: string[] = [];
      for (const [i, msg] of messages.entries()) {
        if (ephemeral && o.presser !== undefined) {
          const res = await client.chat.postEphemeral({
            channel,
            user: o.presser,
            thread_ts: threadTs,
            ...msg,
          });
          if (res.message_ts) ids.push(res.message_ts);
          continue;
        }
        const res = await client.chat.postMessage({
          channel,
          thread_ts: threadTs,
          // Shown in the channel too: the answer to a slash command belongs to everyone who saw it.
          reply_broadcast: o.broadcast && i === 0,
          // Many job links would each unfurl into a preview; the cards already say what they are.
          unfurl_links: false,
          unfurl_media: false,
          ...msg,
        });
        if (res.ts) ids.push(res.ts);
      }
      return ids;
    },
  };
}
