import type { App as BoltApp, BlockAction, ButtonAction } from "@slack/bolt";
import type { SlackHandlerDeps } from "./handler-deps.js";
import { pressAction, pressContext } from "./job-button.action.js";
import { ACTION_IDS, CHOOSE_ACTION_ID } from "./render.js";

/**
 * The buttons that continue a conversation, answered in its thread for everyone: "More" under an
 * answer (the next matches of that thread's search) and the answers to a clarifying question.
 */
export function registerMoreButton(bolt: BoltApp, d: SlackHandlerDeps): void {
  for (const kind of ["more", "choose"] as const) {
    bolt.action<BlockAction<ButtonAction>>(
      { type: "block_actions", action_id: kind === "choose" ? CHOOSE_ACTION_ID : ACTION_IDS[kind] },
      async ({ ack, body, action, client }) => {
        await ack();
        const p = pressContext(body);
        if (!p) return;
        d.runner.spawn(`button ${kind}`, async () => {
          const user = await d.identity.user(client, p.teamId, body.user.id);
          // The button carries the reference of the conversation it continues.
          await d.runner.action(pressAction(body, p, user, kind, action.value ?? ""), {
            client,
            channel: p.channel,
            threadTs: p.threadTs,
          });
        });
      },
    );
  }
}
