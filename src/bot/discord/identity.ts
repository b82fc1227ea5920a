import { PermissionFlagsBits, type PermissionsBitField, type User } from "discord.js";
import type { ChatUser } from "../../chat/chat-turn.js";
import { conversationOf, type Conversation } from "../../chat/conversation.js";

/**
 * The conversation of a Discord event (see conversation.ts): a guild is a workspace, a DM belongs to
 * its user — decided by the event's guild id, never by whether the guild happens to be cached.
 */
export function discordConversation(o: {
  guildId: string | null;
  guildName: string | undefined;
  channel: string;
  inThread: boolean;
  root: string;
  user: User;
}): Conversation {
  return conversationOf({
    platform: "discord",
    guildId: o.guildId,
    guildName: o.guildName,
    channel: o.channel,
    inThread: o.inThread,
    root: o.root,
    userId: o.user.id,
    userName: o.user.username,
  });
}

/**
 * Who is speaking, as Discord says: admin means Manage Server in that guild. In a DM the user is
 * the only member of their personal workspace, so they administer it.
 */
export function discordUser(
  user: User,
  permissions: Readonly<PermissionsBitField> | null,
  inGuild: boolean,
): ChatUser {
  return {
    id: user.id,
    name: user.globalName ?? user.username,
    isAdmin: inGuild ? (permissions?.has(PermissionFlagsBits.ManageGuild) ?? false) : true,
  };
}
