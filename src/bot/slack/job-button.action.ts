import type { App as BoltApp, BlockAction, ButtonAction } from "@slack/bolt";
import type { ChatAction } from "../chat-turn.js";
import type { SlackHandlerDeps } from "./handler-deps.js";
import { actionKindOf } from "./render.js";
import { isDmChannel, slackWorkspace } from "./slack-identity.js";

/** Channel, thread and team of a button press, from the message that carried the button. */
export function pressContext(body: BlockAction<ButtonAction>) {
  const container = body.container as Record<string, unknown>;
  const str = (v: unknown) => (typeof v === "string" && v ? v : undefined);
  const channel = body.channel?.id ?? str(container.channel_id);
  const threadTs =
    str(body.message?.thread_ts) ?? str(container.thread_ts) ?? body.message?.ts ?? str(container.message_ts);
  const teamId = body.team?.id ?? body.user.team_id;
  return { channel, threadTs, teamId, teamName: body.team?.domain, channelName: body.channel?.name };
}

/** Details / Save / Not for me on a job card: acked at once, answered only to the presser. */
export function registerJobButtons(bolt: BoltApp, d: SlackHandlerDeps): void {
  bolt.action<BlockAction<ButtonAction>>(
    { type: "block_actions", action_id: /^job_(details|save|hide|unsave)$/ },
    async ({ ack, body, action, client }) => {
      await ack();
      const kind = actionKindOf(action.action_id);
      const p = pressContext(body);
      if (!kind || !p.channel || !p.threadTs || !p.teamId || !action.value) return;
      const { channel, threadTs, teamId } = p;
      const value = action.value;
      d.runner.spawn(`button ${kind}`, async () => {
        const chatAction: ChatAction = {
          platform: "slack",
          workspace: slackWorkspace({
            teamId,
            teamName: p.teamName,
            userId: body.user.id,
            dm: isDmChannel(channel, p.channelName),
          }),
          channel,
          thread: threadTs,
          user: await d.identity.user(client, teamId, body.user.id),
          kind,
          value,
        };
        await d.runner.action(chatAction, { client, channel, threadTs });
      });
    },
  );
}
