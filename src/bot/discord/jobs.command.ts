import { MessageFlags, type ChatInputCommandInteraction } from "discord.js";
import { helpText } from "../../agents/render.js";
import type { ChatTurn } from "../../chat/chat-turn.js";
import type { DiscordContext } from "./context.js";
import { discordConversation, discordUser } from "./identity.js";
import { NO_PINGS, interactionTarget } from "./targets.js";
import { deliverTurn } from "./turn-runner.js";

/** What each subcommand says to the agent, as a person would in chat. */
function turnText(sub: string, query: string): string {
  if (sub === "run") return `refresh ${query}`;
  if (sub === "status") return "status";
  return query;
}

/**
 * `/jobs search|run|status|help`. Deferred at once (Discord allows 3 s; a model may take longer),
 * then answered by editing the deferred reply and following up. Help needs no model.
 */
export function createJobsCommandHandler(ctx: DiscordContext): (i: ChatInputCommandInteraction) => void {
  return (interaction) => ctx.background("jobs", () => handleJobs(ctx, interaction));
}

async function handleJobs(ctx: DiscordContext, interaction: ChatInputCommandInteraction): Promise<void> {
  const sub = interaction.options.getSubcommand(false) ?? "help";
  const taken = await ctx.acks.ack(async () => {
    if (!(await ctx.conversations.claim("interaction", interaction.id))) return false;
    if (sub === "help")
      await interaction.reply({
        // The person's Discord client language: German help for a German client.
        content: helpText(interaction.locale.startsWith("de") ? "de" : "en"),
        flags: MessageFlags.Ephemeral,
        allowedMentions: NO_PINGS,
      });
    else await interaction.deferReply();
    return sub !== "help";
  });
  if (!taken) return;

  // In a thread the thread is the conversation; elsewhere the command starts one.
  const conversation = discordConversation({
    guildId: interaction.guildId,
    guildName: interaction.guild?.name,
    channel: interaction.channelId,
    inThread: interaction.channel?.isThread() ?? false,
    root: interaction.id,
    user: interaction.user,
  });
  const thread = conversation.thread;
  const turn: ChatTurn = {
    ...conversation,
    user: discordUser(interaction.user, interaction.memberPermissions, interaction.guildId !== null),
    text: turnText(sub, interaction.options.getString("query") ?? ""),
    files: [],
  };
  await deliverTurn(ctx, {
    thread,
    ask: (hooks) => ctx.chat.handleTurn(turn, hooks),
    target: interactionTarget(interaction, false),
    log: { event: "jobs", sub, interaction: interaction.id, workspace: turn.workspace.id },
  });
}
