import { PermissionFlagsBits, type PermissionsBitField, type User } from "discord.js";
import type { ChatTurn, ChatUser } from "../chat-turn.js";

/**
 * A guild is a workspace; a DM belongs to its user (their own personal workspace). Decided by the
 * event's guild id, never by whether the guild happens to be cached.
 */
export function discordWorkspace(
  guildId: string | null,
  guildName: string | undefined,
  user: User,
): ChatTurn["workspace"] {
  return guildId
    ? { id: `discord:${guildId}`, ...(guildName ? { name: guildName } : {}) }
    : { id: `discord-dm:${user.id}`, name: `DM with ${user.username}` };
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

/** `discord:<channel>:<thread>` (a reply's More button value) back into channel and thread. */
export function parseThreadKey(key: string): { channel: string; thread: string } | undefined {
  const m = /^discord:(\d+):(\d+)$/.exec(key);
  return m ? { channel: m[1]!, thread: m[2]! } : undefined;
}
