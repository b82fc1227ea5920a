import type { App as BoltApp } from "@slack/bolt";
import { registerAppMention } from "./app-mention.event.js";
import { registerChannelMessage } from "./channel-message.event.js";
import { registerDirectMessage } from "./direct-message.event.js";
import type { SlackHandlerDeps } from "./handler-deps.js";
import { registerJobButtons } from "./job-button.action.js";
import { registerJobsCommand } from "./jobs.command.js";
import { registerMoreButton } from "./more.action.js";
import { registerLetterActions } from "./letter.action.js";

export type { SlackHandlerDeps } from "./handler-deps.js";

/** Every Slack listener: events, the slash command and the buttons. Each is thin: ack, build, hand on. */
export function registerSlackHandlers(bolt: BoltApp, d: SlackHandlerDeps): void {
  registerAppMention(bolt, d);
  registerDirectMessage(bolt, d);
  registerChannelMessage(bolt, d);
  registerJobsCommand(bolt, d);
  registerJobButtons(bolt, d);
  registerMoreButton(bolt, d);
  registerLetterActions(bolt, d);
}
