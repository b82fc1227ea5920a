import type { App as BoltApp, BlockAction, ButtonAction, webApi } from "@slack/bolt";
import type { ActionKind, ChatAction, ChatUser } from "../../chat/chat-turn.js";
import type { SlackHandlerDeps } from "./handler-deps.js";
import { actionKindOf } from "./render.js";
import { conversationOf } from "../../chat/conversation.js";

/** Where a button was pressed: channel, thread and team, from the message that carried the button. */
export interface Press {
  channel: string;
  threadTs: string;
  teamId: string;
  teamName: string | undefined;
  channelName: string | undefined;
}

/** The press's channel, thread and team; undefined when Slack left one out. */
export function pressContext(body: BlockAction<ButtonAction>): Press | undefined {
  const container = body.container as Record<string, unknown>;
  const str = (v: unknown) => (typeof v === "string" && v ? v : undefined);
  const channel = body.channel?.id ?? str(container.channel_id);
  const threadTs =
    str(body.message?.thread_ts) ?? str(container.thread_ts) ?? body.message?.ts ?? str(container.message_ts);
  const teamId = body.team?.id ?? body.user.team_id;
  if (!channel || !threadTs || !teamId) return undefined;
  return { channel, threadTs, teamId, teamName: body.team?.domain, channelName: body.channel?.name };
}

/** The platform-neutral action of a press, in the thread the button was posted in. */
export function pressAction(
  body: BlockAction<ButtonAction>,
  p: Press,
  user: ChatUser,
  kind: ActionKind,
  value: string,
): ChatAction {
  return {
    ...conversationOf({
      platform: "slack",
      teamId: p.teamId,
      teamName: p.teamName,
      channel: p.channel,
      channelType: p.channelName,
      userId: body.user.id,
      threadTs: p.threadTs,
    }),
    user,
    kind,
    value,
  };
}

/** Details / Save / Not for me on a job card: acked at once, answered only to the presser. */
export function registerJobButtons(bolt: BoltApp, d: SlackHandlerDeps): void {
  bolt.action<BlockAction<ButtonAction>>(
    { type: "block_actions", action_id: /^job_(details|save|hide|unsave|why|claim|seen)$/ },
    async ({ ack, body, action, client }) => {
      await ack();
      const kind = actionKindOf(action.action_id);
      const p = pressContext(body);
      const value = action.value;
      if (!kind || !p || !value) return;
      answerPress(d, { body, press: p, client, kind, value });
    },
  );
}

/** Hand a press to the chat service in the background, as the presser, in the press's thread. */
export function answerPress(
  d: SlackHandlerDeps,
  o: {
    body: BlockAction<ButtonAction>;
    press: Press;
    client: webApi.WebClient;
    kind: ActionKind;
    value: string;
  },
): void {
  const { body, press: p, client, kind, value } = o;
  d.runner.spawn(`button ${kind}`, async () => {
    const user = await d.identity.user(client, p.teamId, body.user.id);
    await d.runner.action(pressAction(body, p, user, kind, value), {
      client,
      channel: p.channel,
      threadTs: p.threadTs,
    });
  });
}
