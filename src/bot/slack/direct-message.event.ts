import type { App as BoltApp } from "@slack/bolt";
import type { SlackHandlerDeps } from "./handler-deps.js";
import { handleMessageEvent, messageEventOf } from "./message-turn.js";

/** A message in a DM with the bot (no mention needed); bots, edits and the bot's own posts are ignored. */
export function registerDirectMessage(bolt: BoltApp, d: SlackHandlerDeps): void {
  bolt.message(({ message, body, client, context }) => {
    // Edits, deletions, joins… all carry a subtype; a plain message or a file share has none / file_share.
    if (message.subtype !== undefined && message.subtype !== "file_share") return Promise.resolve();
    if (message.channel_type !== "im" || ("bot_id" in message && message.bot_id) || !message.user) {
      return Promise.resolve();
    }
    if (message.user === d.botUserId) return Promise.resolve();
    const { user } = message;
    d.runner.spawn("message.im", () =>
      handleMessageEvent(
        d,
        client,
        messageEventOf({ ...message, user }, body.event_id, context.teamId ?? body.team_id),
      ),
    );
    return Promise.resolve();
  });
}
