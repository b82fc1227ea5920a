import type { App as BoltApp, BlockAction, ButtonAction } from "@slack/bolt";
import { threadKey } from "../chat-turn.js";
import type { SlackHandlerDeps } from "./handler-deps.js";
import { pressAction, pressContext } from "./job-button.action.js";
import { ACTION_IDS } from "./render.js";

/** "More" under an answer: the next matches of that thread's search, posted in the thread for everyone. */
export function registerMoreButton(bolt: BoltApp, d: SlackHandlerDeps): void {
  bolt.action<BlockAction<ButtonAction>>(
    { type: "block_actions", action_id: ACTION_IDS.more },
    async ({ ack, body, client }) => {
      await ack();
      const p = pressContext(body);
      if (!p) return;
      d.runner.spawn("button more", async () => {
        const user = await d.identity.user(client, p.teamId, body.user.id);
        // The thread the button was posted in is the conversation it continues.
        const value = threadKey({ platform: "slack", channel: p.channel, thread: p.threadTs });
        await d.runner.action(pressAction(body, p, user, "more", value), {
          client,
          channel: p.channel,
          threadTs: p.threadTs,
        });
      });
    },
  );
}
