import { MessageFlags, type ButtonInteraction } from "discord.js";
import type { ChatAction } from "../../chat/chat-turn.js";
import type { DiscordContext } from "./context.js";
import { discordConversation, discordUser } from "./identity.js";
import { parseCustomId } from "./render.js";
import { interactionTarget } from "./targets.js";
import { deliverTurn } from "./turn-runner.js";
import { showLetterModal } from "./letter-modal.interaction.js";

/**
 * Details / Save / Not for me on a job card (answered only to the presser, ephemerally) and a
 * reply's More (continues that conversation, visible to the channel). Deferred at once.
 */
export function createJobButtonHandler(ctx: DiscordContext): (i: ButtonInteraction) => void {
  return (interaction) => {
    const parsed = parseCustomId(interaction.customId);
    if (!parsed) return;
    if (parsed.kind === "letter_edit") {
      ctx.background("letter edit", () => showLetterModal(ctx, interaction, parsed.value));
      return;
    }
    ctx.background("button", () => handleButton(ctx, interaction, parsed));
  };
}

async function handleButton(
  ctx: DiscordContext,
  interaction: ButtonInteraction,
  pressed: NonNullable<ReturnType<typeof parseCustomId>>,
): Promise<void> {
  // More and a choice continue the conversation for everyone; the others answer the presser only.
  const more = pressed.kind === "more" || pressed.kind === "choose";
  const taken = await ctx.acks.ack(async () => {
    if (!(await ctx.conversations.claim("interaction", interaction.id))) return false;
    await interaction.deferReply(more ? {} : { flags: MessageFlags.Ephemeral });
    return true;
  });
  if (!taken) return;

  // A button belongs to the conversation of the message it is on (More also carries a reference
  // to it, which the chat service reads).
  const conversation = discordConversation({
    guildId: interaction.guildId,
    guildName: interaction.guild?.name,
    channel: interaction.channelId,
    inThread: interaction.channel?.isThread() ?? false,
    root: (await ctx.conversations.rootOf(interaction.message.id)) ?? interaction.message.id,
    user: interaction.user,
  });
  const thread = conversation.thread;
  const action: ChatAction = {
    ...conversation,
    user: discordUser(interaction.user, interaction.memberPermissions, interaction.guildId !== null),
    kind: pressed.kind,
    value: pressed.value,
  };
  await deliverTurn(ctx, {
    thread,
    ask: (hooks) => ctx.chat.handleAction(action, hooks),
    target: interactionTarget(interaction, !more),
    log: { event: "button", kind: pressed.kind, interaction: interaction.id, workspace: action.workspace.id },
  });
}
