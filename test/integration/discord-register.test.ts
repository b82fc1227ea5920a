// `jobscout discord register` as a user runs it, against the local fake of Discord's REST API.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startDiscordServer, type DiscordServer } from "../support/discord-server.js";
import { runJobscout, type CliResult } from "../support/cli.js";
import { tempDir } from "../support/harness.js";

async function jobscout(args: string[], env: Record<string, string>): Promise<CliResult> {
  // HOME too is a temp dir: nothing of the developer's leaks in.
  const tmp = tempDir();
  try {
    return await runJobscout(args, {
      env: { HOME: tmp.dir, JOBSCOUT_DATA_DIR: tmp.dir, ...env },
      cwd: tmp.dir,
    });
  } finally {
    tmp.remove();
  }
}

interface CommandJson {
  name: string;
  options: Array<{ name: string; type: number; options?: Array<{ name: string; required?: boolean }> }>;
}

let fake: DiscordServer;
beforeAll(async () => {
  fake = await startDiscordServer();
});
afterAll(() => fake.close());

describe("jobscout discord register", () => {
  const env = () => ({
    DISCORD_TOKEN: fake.token,
    DISCORD_APPLICATION_ID: fake.applicationId,
    DISCORD_API_URL: fake.apiUrl,
  });

  it("--guild PUTs the /jobs definitions to the guild's commands", async () => {
    const r = await jobscout(["discord", "register", "--guild", "330000000000000001"], env());
    expect(r.stderr).toBe("");
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/Registered \/jobs in guild 330000000000000001/);
    const put = fake.calls.find(
      (c) =>
        c.method === "PUT" &&
        c.path === `/applications/${fake.applicationId}/guilds/330000000000000001/commands`,
    );
    expect(put?.status).toBe(200);
    const [jobs] = put!.body as CommandJson[];
    expect(jobs!.name).toBe("jobs");
    expect(jobs!.options.map((o) => o.name)).toEqual(["search", "run", "status", "help"]);
    expect(jobs!.options.every((o) => o.type === 1)).toBe(true);
    const query = jobs!.options.find((o) => o.name === "search")!.options![0]!;
    expect(query).toMatchObject({ name: "query", required: true });
  });

  it("without a guild registers globally", async () => {
    const r = await jobscout(["discord", "register"], env());
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/globally/);
    expect(
      fake.calls.some((c) => c.method === "PUT" && c.path === `/applications/${fake.applicationId}/commands`),
    ).toBe(true);
  });

  it("names the missing setting and registers nothing", async () => {
    const before = fake.calls.length;
    const r = await jobscout(["discord", "register", "--guild", "330000000000000001"], {
      DISCORD_TOKEN: fake.token,
      DISCORD_API_URL: fake.apiUrl,
    });
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/DISCORD_APPLICATION_ID: required to register slash commands/);
    expect(fake.calls.length).toBe(before);
  });
});
