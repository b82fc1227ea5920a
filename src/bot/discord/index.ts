import { Events, type Client } from "discord.js";
import { JOBS_COMMAND } from "./commands.js";
import type { DiscordContext } from "./context.js";
import { createJobButtonHandler } from "./job-button.interaction.js";
import { createJobsCommandHandler } from "./jobs.command.js";
import { createMessageCreateHandler } from "./message-create.event.js";

/** Attach every Discord handler to the client: messages, /jobs, and the buttons of our messages. */
export function registerDiscordHandlers(client: Client, ctx: DiscordContext): void {
  client.on(Events.MessageCreate, createMessageCreateHandler(ctx, client));
  const jobs = createJobsCommandHandler(ctx);
  const button = createJobButtonHandler(ctx);
  client.on(Events.InteractionCreate, (interaction) => {
    if (interaction.isChatInputCommand() && interaction.commandName === JOBS_COMMAND) jobs(interaction);
    else if (interaction.isButton()) button(interaction);
  });
}
