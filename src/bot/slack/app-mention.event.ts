import type { App as BoltApp } from "@slack/bolt";
import type { SlackHandlerDeps } from "./handler-deps.js";
import { handleMessageEvent } from "./message-turn.js";

/** `@jobscout find me jobs in Berlin` in a channel: answered in the mention's thread. */
export function registerAppMention(bolt: BoltApp, d: SlackHandlerDeps): void {
  bolt.event("app_mention", ({ event, body, client, context }) => {
    // Bolt acked the event before calling us (HTTP and Socket Mode); the turn runs afterwards.
    if (!event.user || event.bot_id) return Promise.resolve();
    const user = event.user;
    d.runner.spawn("app_mention", () =>
      handleMessageEvent(d, client, {
        eventId: body.event_id,
        teamId: context.teamId ?? body.team_id,
        channel: event.channel,
        user,
        text: event.text,
        ts: event.ts,
        threadTs: event.thread_ts,
        files: event.files,
      }),
    );
    return Promise.resolve();
  });
}
