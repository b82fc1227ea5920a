import {
  ApplicationIntegrationType,
  InteractionContextType,
  REST,
  Routes,
  SlashCommandBuilder,
  type RESTPostAPIChatInputApplicationCommandsJSONBody,
} from "discord.js";
import type { Config } from "../../config/config.js";
import { AppError, describeError } from "../../core/errors.js";
import { requireDiscordSetting } from "./settings.js";

export const JOBS_COMMAND = "jobs";

/** The subcommands of /jobs and the text each sends to the agent (help is answered without it). */
export const JOBS_SUBCOMMANDS = ["search", "run", "status", "help"] as const;
export type JobsSubcommand = (typeof JOBS_SUBCOMMANDS)[number];

/** The slash command definitions jobscout registers. */
export function discordCommandDefinitions(): RESTPostAPIChatInputApplicationCommandsJSONBody[] {
  const jobs = new SlashCommandBuilder()
    .setName(JOBS_COMMAND)
    .setDescription("Search job postings, fetch fresh ones, see the latest run")
    .setContexts(InteractionContextType.Guild, InteractionContextType.BotDM)
    .setIntegrationTypes(ApplicationIntegrationType.GuildInstall)
    .addSubcommand((s) =>
      s
        .setName("search")
        .setDescription("Find jobs, e.g. python jobs in Frankfurt, remote ok")
        .addStringOption((o) =>
          o.setName("query").setDescription("What, where, how remote").setRequired(true).setMaxLength(500),
        ),
    )
    .addSubcommand((s) =>
      s
        .setName("run")
        .setDescription("Fetch fresh postings from the job sites, then search")
        .addStringOption((o) =>
          o.setName("query").setDescription("What and where to fetch").setRequired(true).setMaxLength(500),
        ),
    )
    .addSubcommand((s) => s.setName("status").setDescription("How the latest run went, per source"))
    .addSubcommand((s) => s.setName("help").setDescription("What you can ask"));
  return [jobs.toJSON()];
}

/** Options for {@link registerDiscordCommands}. */
export interface RegisterOptions {
  /** Register in this guild only (instant); without it (and without DISCORD_GUILD_ID) globally. */
  guildId?: string | undefined;
}

export interface RegisterResult {
  scope: "guild" | "global";
  guildId: string | undefined;
  commands: string[];
}

/**
 * Replace the bot's slash commands with {@link discordCommandDefinitions} via the REST API: in a
 * guild (instant, for development and single-server bots) or globally (may take a while to show).
 */
export async function registerDiscordCommands(
  config: Config,
  o: RegisterOptions = {},
): Promise<RegisterResult> {
  const purpose = "to register slash commands";
  const token = requireDiscordSetting(config, "DISCORD_TOKEN", purpose);
  const applicationId = requireDiscordSetting(config, "DISCORD_APPLICATION_ID", purpose);
  const guildId = o.guildId ?? config.DISCORD_GUILD_ID;
  if (guildId !== undefined && !/^\d{5,25}$/.test(guildId))
    throw new AppError("bad_input", `--guild: a numeric Discord id (got ${JSON.stringify(guildId)})`, {
      userMessage: `--guild: a numeric Discord id (got ${JSON.stringify(guildId)})`,
    });
  const rest = new REST({
    version: "10",
    ...(config.DISCORD_API_URL ? { api: config.DISCORD_API_URL } : {}),
  }).setToken(token);
  const route = guildId
    ? Routes.applicationGuildCommands(applicationId, guildId)
    : Routes.applicationCommands(applicationId);
  try {
    const saved = (await rest.put(route, { body: discordCommandDefinitions() })) as Array<{ name: string }>;
    return { scope: guildId ? "guild" : "global", guildId, commands: saved.map((c) => c.name) };
  } catch (err) {
    throw new AppError("discord_register", `Discord refused the slash commands: ${describeError(err)}`, {
      cause: err,
      userMessage: `Discord refused the slash commands: ${describeError(err)}`,
    });
  }
}
