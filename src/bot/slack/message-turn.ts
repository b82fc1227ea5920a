import type { UserText } from "../../core/errors.js";
import { phrasesFor } from "../../answers/phrases/phrases.js";
import type { webApi } from "@slack/bolt";
import type { ChatFile, ChatTurn } from "../../chat/chat-turn.js";
import type { SlackHandlerDeps } from "./handler-deps.js";
import { plainFromSlack } from "./render.js";
import { conversationOf } from "../../chat/conversation.js";

/** The fields of an `app_mention` or `message` event that make a turn. */
export interface SlackMessageEvent {
  eventId: string;
  teamId: string;
  channel: string;
  channelType?: string | undefined;
  user: string;
  text: string;
  ts: string;
  threadTs?: string | undefined;
  files?:
    | Array<{
        name?: string | null | undefined;
        url_private?: string | undefined;
        mimetype?: string | undefined;
        size?: number | undefined;
        /** `hosted`, `file_access` (Slack Connect: no URL), `hidden_by_limit` (free plan)… */
        mode?: string | undefined;
      }>
    | undefined;
}

/** The turn fields of a plain `message` event (a DM, or a channel message answered without a mention). */
export function messageEventOf(
  message: {
    user: string;
    channel: string;
    channel_type?: string | undefined;
    text?: string | undefined;
    ts: string;
    thread_ts?: string | undefined;
    files?: SlackMessageEvent["files"];
  },
  eventId: string,
  teamId: string,
): SlackMessageEvent {
  return {
    eventId,
    teamId,
    channel: message.channel,
    channelType: message.channel_type,
    user: message.user,
    text: message.text ?? "",
    ts: message.ts,
    threadTs: message.thread_ts,
    files: message.files,
  };
}

/** Why Slack gave no download URL for a file, in words that say what to do. */
function unavailableFile(mode: string | undefined): UserText {
  const why =
    mode === "hidden_by_limit" ? "slackHidden" : mode === "file_access" ? "slackConnect" : "slackNoLink";
  return (lang) => phrasesFor(lang).cv[why];
}

/**
 * The shared path of mentions and DMs, after Bolt's ack: drop repeated deliveries, find out who
 * spoke, and answer in the thread (the message's thread, or a new one under the message).
 */
export async function handleMessageEvent(
  d: SlackHandlerDeps,
  client: webApi.WebClient,
  e: SlackMessageEvent,
): Promise<void> {
  // A mention in a DM can arrive as both `app_mention` and `message`: the message itself is the key too.
  if (!(await d.dedupe.first(e.eventId, `msg:${e.teamId}:${e.channel}:${e.ts}`))) {
    d.logger.debug("slack repeated delivery ignored", { eventId: e.eventId });
    return;
  }
  const where = { client, channel: e.channel, threadTs: e.threadTs ?? e.ts };
  try {
    const user = await d.identity.user(client, e.teamId, e.user);
    const files: ChatFile[] = (e.files ?? []).map((f) => ({
      name: f.name ?? "file",
      ...(f.url_private ? { url: f.url_private } : { unavailable: unavailableFile(f.mode) }),
      ...(f.mimetype ? { mimeType: f.mimetype } : {}),
      ...(f.size !== undefined ? { size: f.size } : {}),
    }));
    const turn: ChatTurn = {
      ...conversationOf({
        platform: "slack",
        teamId: e.teamId,
        channel: e.channel,
        channelType: e.channelType,
        userId: e.user,
        threadTs: where.threadTs,
      }),
      user,
      // A file sent alone is a turn too (the file is what it is about).
      text: plainFromSlack(e.text, d.botUserId) || (files.length > 0 ? "" : "help"),
      files,
    };
    await d.runner.turn(turn, where);
  } catch (err) {
    await d.runner.tell(where, "Sorry, something went wrong while answering. Please try again.");
    throw err;
  }
}
