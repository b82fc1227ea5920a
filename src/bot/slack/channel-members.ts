import { webApi } from "@slack/bolt";
import type { Logger } from "../../core/logger.js";
import { boltLogger } from "./bolt-logger.js";

/** Options for {@link createSlackChannelMembers}. */
export interface SlackChannelMembersOptions {
  token: string;
  /** `SLACK_API_URL`. */
  apiUrl?: string | undefined;
  logger: Logger;
}

/**
 * A Slack channel's members (`conversations.members`, every page; scopes `channels:read` /
 * `groups:read`). Throws when Slack refuses, so the caller can fall back to who wrote there.
 */
export function createSlackChannelMembers(o: SlackChannelMembersOptions) {
  const client = new webApi.WebClient(o.token, {
    logger: boltLogger(o.logger),
    ...(o.apiUrl ? { slackApiUrl: o.apiUrl } : {}),
  });
  return async (channel: string): Promise<string[]> => {
    const members: string[] = [];
    let cursor: string | undefined;
    do {
      const res = await client.conversations.members({ channel, limit: 1000, ...(cursor ? { cursor } : {}) });
      members.push(...(res.members ?? []));
      cursor = res.response_metadata?.next_cursor || undefined;
    } while (cursor);
    return members;
  };
}
