import { Events, type Client } from "discord.js";
import { JOBS_COMMAND } from "./commands.js";
import type { DiscordContext } from "./context.js";
import { createJobButtonHandler } from "./job-button.interaction.js";
import { createJobsCommandHandler } from "./jobs.command.js";
import { createMessageCreateHandler } from "./message-create.event.js";
import { createLetterModalHandler } from "./letter-modal.interaction.js";

/** Attach every Discord handler to the client: messages, /jobs, and the buttons of our messages. */
export function registerDiscordHandlers(client: Client, ctx: DiscordContext): void {
  client.on(Events.MessageCreate, createMessageCreateHandler(ctx, client));
  const jobs = createJobsCommandHandler(ctx);
  const button = createJobButtonHandler(ctx);
  const modal = createLetterModalHandler(ctx);
  client.on(Events.InteractionCreate, (interaction) => {
    if (interaction.isChatInputCommand() && interaction.commandName === JOBS_COMMAND) jobs(interaction);
    else if (interaction.isButton()) button(interaction);
    else if (interaction.isModalSubmit()) modal(interaction);
  });
}
