import { DiscordAPIError, REST, Routes } from "discord.js";
import type { ChatReply } from "../../chat/chat-turn.js";
import { targetGone, type DigestPoster, type GoneReason } from "../../jobs/alerts/digest-poster.js";
import type { SavedSearch } from "../../jobs/alerts/saved-search.js";
import { renderDiscordReply } from "./render.js";

/** Discord error codes that mean the digest's place is gone (channel deleted, bot removed, DMs closed). */
const GONE: Record<number, GoneReason> = {
  10003: "channel_missing",
  10013: "account_unreachable",
  50001: "bot_removed",
  50013: "no_permission",
  50007: "no_dm",
};

/** Options for {@link createDiscordDigestPoster}. */
export interface DiscordDigestPosterOptions {
  token: string;
  /** `DISCORD_API_URL`. */
  apiUrl?: string | undefined;
}

/** Digests into a Discord channel, or the owner's DM (`POST /users/@me/channels`). */
export function createDiscordDigestPoster(o: DiscordDigestPosterOptions): DigestPoster {
  const rest = new REST({ version: "10", ...(o.apiUrl ? { api: o.apiUrl } : {}) }).setToken(o.token);
  const call = async <T>(fn: () => Promise<T>): Promise<T> => {
    try {
      return await fn();
    } catch (err) {
      const why = err instanceof DiscordAPIError && typeof err.code === "number" ? GONE[err.code] : undefined;
      throw why ? targetGone(why, err) : err;
    }
  };
  const dmOf = async (userId: string): Promise<string> => {
    const ch = (await call(() => rest.post(Routes.userChannels(), { body: { recipient_id: userId } }))) as {
      id: string;
    };
    return ch.id;
  };
  const send = async (channel: string, reply: ChatReply) => {
    for (const m of renderDiscordReply(reply)) {
      await call(() =>
        rest.post(Routes.channelMessages(channel), {
          body: {
            content: m.content,
            embeds: m.embeds,
            components: m.components,
            allowed_mentions: { parse: [] },
          },
        }),
      );
    }
  };
  return {
    async post(search: SavedSearch, reply: ChatReply) {
      const channel = search.target.kind === "channel" ? search.target.channel : await dmOf(search.ownerId);
      await send(channel, reply);
    },
    async tellOwner(search: SavedSearch, text: string) {
      await send(await dmOf(search.ownerId), { text, jobs: [], buttons: [], files: [] });
    },
  };
}
