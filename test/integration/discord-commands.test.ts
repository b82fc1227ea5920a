// Registering the /jobs slash command in this process, against the local fake of Discord's REST API
// (the CLI test runs the same through `jobscout discord register`): in the guild DISCORD_GUILD_ID
// names or globally, a guild id that is no Discord id refused before anything is sent, a token
// Discord refuses said as such, and each missing setting named.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { discordCommandDefinitions, registerDiscordCommands } from "../../src/bot/discord/commands.js";
import type { Config } from "../../src/config/config.js";
import { startDiscordServer, type DiscordServer } from "../support/discord-server.js";
import { refusal, tempDir, testConfig } from "../support/harness.js";

let fake: DiscordServer;
const tmp = tempDir("jobscout-discord-commands-");
beforeAll(async () => {
  fake = await startDiscordServer();
});
afterAll(async () => {
  await fake.close();
  tmp.remove();
});

const config = (env: Record<string, string>): Config =>
  testConfig({ JOBSCOUT_DATA_DIR: tmp.dir, DISCORD_API_URL: fake.apiUrl, ...env });

const puts = () => fake.calls.filter((c) => c.method === "PUT").map((c) => c.path);

describe("registering the /jobs command", () => {
  it("defines /jobs with search, run, status and help", () => {
    const [jobs] = discordCommandDefinitions();
    expect(jobs?.name).toBe("jobs");
    expect(jobs?.options?.map((o) => o.name)).toEqual(["search", "run", "status", "help"]);
  });

  it("registers in the guild DISCORD_GUILD_ID names, or globally without one", async () => {
    const base = { DISCORD_TOKEN: fake.token, DISCORD_APPLICATION_ID: fake.applicationId };
    expect(
      await registerDiscordCommands(config({ ...base, DISCORD_GUILD_ID: "330000000000000007" })),
    ).toEqual({
      scope: "guild",
      guildId: "330000000000000007",
      commands: ["jobs"],
    });
    expect(await registerDiscordCommands(config(base))).toEqual({
      scope: "global",
      guildId: undefined,
      commands: ["jobs"],
    });
    expect(puts().slice(-2)).toEqual([
      `/applications/${fake.applicationId}/guilds/330000000000000007/commands`,
      `/applications/${fake.applicationId}/commands`,
    ]);
  });

  it("refuses a guild that is no Discord id before sending anything", async () => {
    const before = puts().length;
    const err = await refusal(
      registerDiscordCommands(
        config({ DISCORD_TOKEN: fake.token, DISCORD_APPLICATION_ID: fake.applicationId }),
        {
          guildId: "my-server",
        },
      ),
    );
    expect(err.userMessageIn("en")).toBe('--guild: a numeric Discord id (got "my-server")');
    expect(puts().length).toBe(before);
  });

  it("says Discord refused the commands when it refuses the token", async () => {
    const err = await refusal(
      registerDiscordCommands(
        config({ DISCORD_TOKEN: "revoked-token", DISCORD_APPLICATION_ID: fake.applicationId }),
      ),
    );
    expect(err.code).toBe("discord_register");
    expect(err.userMessageIn("en")).toMatch(/^Discord refused the slash commands: .*401/);
    expect(err.message).not.toContain("revoked-token");
  });

  it("names the setting that is missing", async () => {
    const noApp = await refusal(registerDiscordCommands(config({ DISCORD_TOKEN: fake.token })));
    expect(noApp.userMessageIn("en")).toBe(
      "Invalid configuration:\n  DISCORD_APPLICATION_ID: required to register slash commands",
    );
  });
});
