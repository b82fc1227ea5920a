import type { Config } from "../../config/config.js";
import { AppError } from "../../core/errors.js";

type DiscordSetting = "DISCORD_TOKEN" | "DISCORD_APPLICATION_ID";

/** A Discord setting that must be present for `purpose`; its absence stops start-up naming it. */
export function requireDiscordSetting(config: Config, name: DiscordSetting, purpose: string): string {
  const value = config[name];
  if (value) return value;
  const message = `Invalid configuration:\n  ${name}: required ${purpose}`;
  throw new AppError("config_invalid", message, { userMessage: message });
}
