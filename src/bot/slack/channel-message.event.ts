import type { App as BoltApp } from "@slack/bolt";
import { conversationOf } from "../../chat/conversation.js";
import type { SlackHandlerDeps } from "./handler-deps.js";
import { handleMessageEvent, messageEventOf } from "./message-turn.js";

/**
 * A plain message in a channel, answered only where a channel admin said "answer every message
 * here" (channels answer mentions only by default). A message that mentions the bot is left to
 * `app_mention`; bots, edits and the bot's own posts are ignored.
 */
export function registerChannelMessage(bolt: BoltApp, d: SlackHandlerDeps): void {
  bolt.message(({ message, body, client, context }) => {
    if (message.subtype !== undefined && message.subtype !== "file_share") return Promise.resolve();
    if (message.channel_type === "im" || ("bot_id" in message && message.bot_id) || !message.user)
      return Promise.resolve();
    if (message.user === d.botUserId || (message.text ?? "").includes(`<@${d.botUserId}>`))
      return Promise.resolve();
    const { user, channel, ts } = message;
    const teamId = context.teamId ?? body.team_id;
    d.runner.spawn("message.channel", async () => {
      const { workspace } = conversationOf({
        platform: "slack",
        teamId,
        channel,
        userId: user,
        threadTs: ts,
      });
      if (!(await d.answersEveryMessage(workspace.id, channel))) return;
      await handleMessageEvent(d, client, messageEventOf({ ...message, user }, body.event_id, teamId));
    });
    return Promise.resolve();
  });
}
