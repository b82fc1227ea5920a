import { registerDiscordCommands } from "../bot/discord/commands.js";
import { bootstrap } from "./shared.js";

/** `jobscout discord register [--guild <id>]`: put the slash commands on Discord. */
export async function discordRegisterCommand(opts: { guild?: string | undefined }): Promise<number> {
  const { config } = bootstrap("warn");
  const result = await registerDiscordCommands(config, { guildId: opts.guild });
  const names = result.commands.map((c) => `/${c}`).join(", ");
  process.stdout.write(
    result.scope === "guild"
      ? `Registered ${names} in guild ${result.guildId} (available now).\n`
      : `Registered ${names} globally (Discord may take up to an hour to show them everywhere).\n`,
  );
  return 0;
}
