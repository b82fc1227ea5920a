import {
  MessageFlags,
  type BaseMessageOptions,
  type ButtonInteraction,
  type ChatInputCommandInteraction,
  type Message,
  type ModalSubmitInteraction,
} from "discord.js";
import type { DiscordMessage } from "./render.js";
import type { ReplyTarget } from "./turn-runner.js";

/** Postings are untrusted text: nothing the bot posts may ping @everyone, roles or users. */
export const NO_PINGS = { parse: [], repliedUser: false } as const;

/** A rendered message as discord.js send/edit options (content always set, so an edit replaces it). */
export function toMessageOptions(m: DiscordMessage): BaseMessageOptions {
  return {
    content: m.content,
    embeds: m.embeds,
    components: m.components,
    // An export is attached from its file on disk (discord.js streams a path); small text inline.
    files: m.files.map((f) => ({
      attachment: "path" in f ? f.path : Buffer.from(f.content, "utf8"),
      name: f.name,
    })),
    allowedMentions: NO_PINGS,
  };
}

/** Answers to a mention: replies to the user's message (the first one notifies them). */
export function messageTarget(message: Message): ReplyTarget {
  let progressMessage: Message | undefined;
  const reply = (m: DiscordMessage, notify: boolean) =>
    message.reply({
      ...toMessageOptions(m),
      allowedMentions: { ...NO_PINGS, repliedUser: notify },
      // The user may have deleted their message meanwhile; the answer is still worth posting.
      failIfNotExists: false,
    });
  return {
    answerReplacesProgress: false,
    async progress(text) {
      if (progressMessage) {
        await progressMessage.edit({ content: text, allowedMentions: NO_PINGS });
        return undefined;
      }
      progressMessage = await reply({ content: text, embeds: [], components: [], files: [] }, false);
      return progressMessage.id;
    },
    async send(messages) {
      const ids: string[] = [];
      for (const [i, m] of messages.entries()) ids.push((await reply(m, i === 0)).id);
      return ids;
    },
  };
}

/** Answers to a deferred interaction: the deferred reply first (edited), then follow-ups. */
export function interactionTarget(
  interaction: ChatInputCommandInteraction | ButtonInteraction | ModalSubmitInteraction,
  ephemeral: boolean,
): ReplyTarget {
  return {
    answerReplacesProgress: true,
    async progress(text) {
      return (await interaction.editReply({ content: text, allowedMentions: NO_PINGS })).id;
    },
    async send(messages) {
      const ids: string[] = [];
      for (const [i, m] of messages.entries()) {
        const sent =
          i === 0
            ? await interaction.editReply(toMessageOptions(m))
            : await interaction.followUp({
                ...toMessageOptions(m),
                ...(ephemeral ? { flags: MessageFlags.Ephemeral } : {}),
              });
        ids.push(sent.id);
      }
      return ids;
    },
  };
}
