import type { App as BoltApp, BlockAction, ButtonAction } from "@slack/bolt";
import type { SlackHandlerDeps } from "./handler-deps.js";
import { pressAction, pressContext } from "./job-button.action.js";
import { ACTION_IDS } from "./render.js";

/** "More" under an answer: the next matches of that thread's search, posted in the thread for everyone. */
export function registerMoreButton(bolt: BoltApp, d: SlackHandlerDeps): void {
  bolt.action<BlockAction<ButtonAction>>(
    { type: "block_actions", action_id: ACTION_IDS.more },
    async ({ ack, body, action, client }) => {
      await ack();
      const p = pressContext(body);
      if (!p) return;
      d.runner.spawn("button more", async () => {
        const user = await d.identity.user(client, p.teamId, body.user.id);
        // The button carries the reference of the conversation it continues.
        await d.runner.action(pressAction(body, p, user, "more", action.value ?? ""), {
          client,
          channel: p.channel,
          threadTs: p.threadTs,
        });
      });
    },
  );
}
