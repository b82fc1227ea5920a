import type { Logger } from "../../core/logger.js";
import type { SlackEventDedupe } from "./event-dedupe.js";
import type { SlackIdentity } from "./slack-identity.js";
import type { SlackTurnRunner } from "./turn-runner.js";

/** What every Slack listener is built from (see `index.ts`). */
export interface SlackHandlerDeps {
  runner: SlackTurnRunner;
  identity: SlackIdentity;
  dedupe: SlackEventDedupe;
  logger: Logger;
  /**
   * Whether a channel's messages that do not mention the bot are answered (a channel admin said
   * "answer every message here"); channels answer mentions only otherwise.
   */
  answersEveryMessage(workspaceId: string, channel: string): Promise<boolean>;
  /** The bot's own user id, to strip its mention from messages. */
  botUserId: string;
  /** The slash command's name. @defaultValue `/jobs` */
  command: string;
}
