import type { Config } from "../config/config.js";
import type { Logger } from "../core/logger.js";
import type { ProfileOwner } from "../jobs/profiles/profile.js";
import type { ChannelActor } from "../tools/search-jobs.tool.js";
import type { Store } from "./store.js";

/**
 * Who counts as a channel's team, as the owners of their profiles: in Slack the channel's members as
 * Slack lists them (`conversations.members`; a Slack member's profile lives in the team's
 * workspace); where the platform cannot list them (a Discord guild channel), or Slack refuses, the
 * members who wrote in the channel, each with the workspace their profile lives in (their personal
 * one on Discord). A DM or no channel: only the asker.
 */
export function composeChannelMembers(config: Config, store: Store, logger: Logger) {
  let slack: Promise<(channel: string) => Promise<string[]>> | undefined;
  const slackToken = config.SLACK_BOT_TOKEN;
  const slackMembers = (channel: string) => {
    slack ??= import("../bot/slack/channel-members.js").then((m) =>
      m.createSlackChannelMembers({ token: slackToken ?? "", apiUrl: config.SLACK_API_URL, logger }),
    );
    return slack.then((list) => list(channel));
  };
  return async (actor: ChannelActor): Promise<ProfileOwner[]> => {
    const inWorkspace = (userId: string) => ({ workspaceId: actor.workspaceId, userId });
    if (!actor.channel || actor.direct) return [inWorkspace(actor.userId)];
    if (actor.platform === "slack" && slackToken) {
      try {
        return (await slackMembers(actor.channel)).map(inWorkspace);
      } catch (err) {
        logger.warn("slack conversations.members failed; counting who wrote in the channel", {
          error: String(err),
        });
      }
    }
    return store.teams.members(actor.workspaceId, actor.channel);
  };
}
