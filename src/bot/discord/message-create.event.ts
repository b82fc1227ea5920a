import type { Client, Message } from "discord.js";
import { helpText } from "../../agents/render.js";
import { textReply, type ChatTurn } from "../../chat/chat-turn.js";
import type { DiscordContext } from "./context.js";
import { discordConversation, discordUser } from "./identity.js";
import { renderDiscordReply } from "./render.js";
import { messageTarget } from "./targets.js";
import { deliverTurn } from "./turn-runner.js";

/** `<@id>` / `<@!id>` of the bot, wherever it stands in the message. */
function withoutMention(content: string, botId: string): string {
  return content
    .replace(new RegExp(`<@!?${botId}>`, "g"), " ")
    .replace(/\s+/g, " ")
    .trim();
}

/**
 * Messages that speak to the bot: a mention in a guild channel, a reply to one of its
 * conversations, any message in a DM, and any message in a channel set to answer every message.
 * Other people's bots and the bot itself are ignored.
 */
export function createMessageCreateHandler(ctx: DiscordContext, client: Client): (message: Message) => void {
  return (message) => {
    const botId = client.user?.id;
    if (!botId || message.author.bot || message.author.id === botId || message.system) return;
    ctx.background("messageCreate", () => handleMessage(ctx, message, botId));
  };
}

async function handleMessage(ctx: DiscordContext, message: Message, botId: string): Promise<void> {
  const ref = message.reference?.messageId;
  const refRoot = ref ? await ctx.conversations.rootOf(ref) : undefined;
  const inGuild = message.guildId !== null;
  // In a guild channel a reply chain is one conversation, named by its first message.
  const conversation = discordConversation({
    guildId: message.guildId,
    guildName: message.guild?.name,
    channel: message.channelId,
    inThread: message.channel.isThread(),
    root: refRoot ?? ref ?? message.id,
    user: message.author,
  });
  // A guild message that neither mentions the bot nor replies to it is answered only where a
  // channel admin said "answer every message here".
  if (
    inGuild &&
    !message.mentions.users.has(botId) &&
    refRoot === undefined &&
    !(await ctx.chat.answersEveryMessage(conversation.workspace.id, message.channelId))
  )
    return;
  if (!(await ctx.conversations.claim("message", message.id))) return;
  const thread = conversation.thread;
  await ctx.conversations.remember([message.id], thread);
  const text = withoutMention(message.content, botId);
  const target = messageTarget(message);
  // An attachment sent alone is a turn (it is what the message is about); an empty mention gets help.
  if (!text && message.attachments.size === 0) {
    // No words to go by: the language the member last wrote or chose.
    const lang = await ctx.chat.memberLanguage(conversation.workspace.id, message.author.id);
    await target.send(renderDiscordReply(textReply(helpText(lang), { lang })), { ephemeral: false });
    return;
  }
  if ("sendTyping" in message.channel) await message.channel.sendTyping().catch(() => undefined);

  const turn: ChatTurn = {
    ...conversation,
    user: discordUser(message.author, message.member?.permissions ?? null, inGuild),
    text,
    files: [...message.attachments.values()].map((a) => ({
      name: a.name,
      url: a.url,
      mimeType: a.contentType ?? undefined,
      size: a.size,
    })),
  };
  await deliverTurn(ctx, {
    thread,
    ask: (hooks) => ctx.chat.handleTurn(turn, hooks),
    target,
    log: { event: "messageCreate", message: message.id, workspace: turn.workspace.id },
  });
}
