import { phrasesFor } from "../../answers/phrases/phrases.js";
import { letterRef } from "../../chat/letter-buttons.js";
import { MessageFlags, type ButtonInteraction, type ModalSubmitInteraction } from "discord.js";
import type { DiscordContext } from "./context.js";
import { discordConversation, discordUser } from "./identity.js";
import { personalOwner } from "../../chat/conversation.js";
import { interactionTarget } from "./targets.js";
import { deliverTurn } from "./turn-runner.js";

const MODAL_PREFIX = "letter_modal:";
const TEXT_INPUT = "text";
/** Discord's limit for a text input's value. */
const MAX_INPUT = 4000;

/**
 * Edit on a letter: the presser's own letter text in a modal (the answer to the press itself, so it
 * cannot be deferred first); claimed once, like every interaction.
 */
export async function showLetterModal(
  ctx: DiscordContext,
  interaction: ButtonInteraction,
  value: string,
): Promise<void> {
  if (!(await ctx.conversations.claim("interaction", interaction.id))) return;
  const conversation = discordConversation({
    guildId: interaction.guildId,
    guildName: interaction.guild?.name,
    channel: interaction.channelId,
    inThread: interaction.channel?.isThread() ?? false,
    root: interaction.message.id,
    user: interaction.user,
  });
  const owner = personalOwner(conversation, interaction.user.id);
  const text = await ctx.chat.letterText(owner, value);
  const t = phrasesFor(letterRef(value).lang ?? "en").letter;
  if (text === undefined) {
    await interaction.reply({
      content: t.notYours,
      flags: MessageFlags.Ephemeral,
    });
    return;
  }
  await interaction.showModal({
    custom_id: `${MODAL_PREFIX}${value}`,
    title: t.formTitle,
    components: [
      {
        type: 1,
        components: [
          {
            type: 4,
            custom_id: TEXT_INPUT,
            style: 2,
            label: t.formLabel,
            max_length: MAX_INPUT,
            value: text.slice(0, MAX_INPUT),
          },
        ],
      },
    ],
  });
}

/** The submitted modal: the text is checked and stored as the presser's edit, answered only to them. */
export function createLetterModalHandler(ctx: DiscordContext): (i: ModalSubmitInteraction) => void {
  return (interaction) => {
    if (!interaction.customId.startsWith(MODAL_PREFIX)) return;
    ctx.background("letter modal", async () => {
      const taken = await ctx.acks.ack(async () => {
        if (!(await ctx.conversations.claim("interaction", interaction.id))) return false;
        await interaction.deferReply({ flags: MessageFlags.Ephemeral });
        return true;
      });
      if (!taken) return;
      const conversation = discordConversation({
        guildId: interaction.guildId,
        guildName: interaction.guild?.name,
        channel: interaction.channelId ?? "",
        inThread: interaction.channel?.isThread() ?? false,
        root: interaction.id,
        user: interaction.user,
      });
      const action = {
        ...conversation,
        user: discordUser(interaction.user, interaction.memberPermissions, interaction.guildId !== null),
        kind: "letter_edit" as const,
        value: interaction.customId.slice(MODAL_PREFIX.length),
        text: interaction.fields.getTextInputValue(TEXT_INPUT),
      };
      await deliverTurn(ctx, {
        thread: conversation.thread,
        ask: (hooks) => ctx.chat.handleAction(action, hooks),
        target: interactionTarget(interaction, true),
        log: {
          event: "modal",
          kind: "letter_edit",
          interaction: interaction.id,
          workspace: action.workspace.id,
        },
      });
    });
  };
}
