import type { App as BoltApp, BlockAction, ButtonAction } from "@slack/bolt";
import { threadKey } from "../chat-turn.js";
import type { SlackHandlerDeps } from "./handler-deps.js";
import { pressContext } from "./job-button.action.js";
import { ACTION_IDS } from "./render.js";
import { isDmChannel, slackWorkspace } from "./slack-identity.js";

/** "More" under an answer: the next matches of that thread's search, posted in the thread for everyone. */
export function registerMoreButton(bolt: BoltApp, d: SlackHandlerDeps): void {
  bolt.action<BlockAction<ButtonAction>>(
    { type: "block_actions", action_id: ACTION_IDS.more },
    async ({ ack, body, client }) => {
      await ack();
      const p = pressContext(body);
      if (!p.channel || !p.threadTs || !p.teamId) return;
      const { channel, threadTs, teamId } = p;
      d.runner.spawn("button more", async () => {
        const user = await d.identity.user(client, teamId, body.user.id);
        const where = { client, channel, threadTs };
        await d.runner.action(
          {
            platform: "slack",
            workspace: slackWorkspace({
              teamId,
              teamName: p.teamName,
              userId: body.user.id,
              dm: isDmChannel(channel, p.channelName),
            }),
            channel,
            // The thread the button was posted in is the conversation it continues.
            thread: threadTs,
            user,
            kind: "more",
            value: threadKey({ platform: "slack", channel, thread: threadTs }),
          },
          where,
        );
      });
    },
  );
}
