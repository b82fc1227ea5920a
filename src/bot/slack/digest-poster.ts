import { webApi } from "@slack/bolt";
import type { Logger } from "../../core/logger.js";
import type { ChatReply } from "../../chat/chat-turn.js";
import { targetGone, type DigestPoster, type GoneReason } from "../../jobs/alerts/digest-poster.js";
import type { SavedSearch } from "../../jobs/alerts/saved-search.js";
import { boltLogger } from "./bolt-logger.js";
import { renderReply, renderText } from "./render.js";

/** Slack errors that mean the digest's place is gone for good (bot removed, channel archived, person deleted). */
const GONE: Record<string, GoneReason> = {
  channel_not_found: "channel_missing",
  not_in_channel: "bot_removed",
  is_archived: "archived",
  user_not_found: "account_unreachable",
  user_disabled: "account_disabled",
  account_inactive: "app_uninstalled",
  cannot_dm_bot: "no_dm",
};

function slackError(err: unknown): string | undefined {
  const data = (err as { data?: { error?: unknown } }).data;
  return typeof data?.error === "string" ? data.error : undefined;
}

/** Options for {@link createSlackDigestPoster}. */
export interface SlackDigestPosterOptions {
  token: string;
  /** `SLACK_API_URL`. */
  apiUrl?: string | undefined;
  logger: Logger;
}

/** Digests into a Slack channel, or the owner's DM opened with `conversations.open` (scope `im:write`). */
export function createSlackDigestPoster(o: SlackDigestPosterOptions): DigestPoster {
  const client = new webApi.WebClient(o.token, {
    logger: boltLogger(o.logger),
    ...(o.apiUrl ? { slackApiUrl: o.apiUrl } : {}),
  });
  const call = async <T>(fn: () => Promise<T>): Promise<T> => {
    try {
      return await fn();
    } catch (err) {
      const code = slackError(err);
      const why = code ? GONE[code] : undefined;
      throw why ? targetGone(why, err) : err;
    }
  };
  const dmOf = async (userId: string): Promise<string> => {
    const res = await call(() => client.conversations.open({ users: userId }));
    const id = res.channel?.id;
    if (!id) throw new Error("conversations.open returned no channel");
    return id;
  };
  const send = async (channel: string, messages: ReturnType<typeof renderText>) => {
    for (const m of messages) {
      await call(() => client.chat.postMessage({ channel, text: m.text, blocks: m.blocks }));
    }
  };
  return {
    async post(search: SavedSearch, reply: ChatReply) {
      const channel = search.target.kind === "channel" ? search.target.channel : await dmOf(search.ownerId);
      await send(channel, renderReply(reply));
    },
    async tellOwner(search: SavedSearch, text: string) {
      await send(await dmOf(search.ownerId), renderText(text));
    },
  };
}
