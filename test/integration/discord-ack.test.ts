// Slash commands against a slow model: Discord gets its deferral at once (it allows 3 s), the answer
// comes later by editing the deferred reply and following up. The model is the real ChatOpenAI
// client talking to a local OpenAI-compatible server that takes 5 s per answer.
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import type { App } from "../../src/compose/app.js";
import { AckGate } from "../../src/bot/discord/ack-gate.js";
import { startDiscordSurface } from "../../src/bot/discord/discord.surface.js";
import { processMetrics } from "../../src/core/process-metrics.js";
import { parsePrometheusText, sampleValue } from "../support/prometheus-text.js";
import { startReplayServer, type ReplayServer } from "../support/replay-server.js";
import { startDiscordServer, type DiscordServer, type FakeUser } from "../support/discord-server.js";
import {
  startOpenAiServer,
  type ChatCompletionRequest,
  type OpenAiServer,
} from "../support/openai-server.js";
import { dropPrefix, eventually, tempDir, testApp, testConfig, testEnv } from "../support/harness.js";

const ALICE: FakeUser = { id: "520000000000000001", username: "alice" };
const GUILD = {
  id: "310000000000000001",
  name: "Team A",
  ownerId: "510000000000000001",
  channels: [{ id: "410000000000000001", name: "jobs" }],
};
const CHANNEL = GUILD.channels[0]!.id;
const MODEL_DELAY_MS = 5000;

const PARAGRAPHS = Array.from(
  { length: 50 },
  (_, i) => `Part ${i + 1}: ${"the quick brown fox ".repeat(6).trim()}.`,
);
const LONG = PARAGRAPHS.join("\n\n");

function lastUserText(req: ChatCompletionRequest): string {
  const user = req.messages.filter((m) => m.role === "user").at(-1);
  return typeof user?.content === "string" ? user.content : JSON.stringify(user?.content);
}

let replay: ReplayServer;
let model: OpenAiServer;
const cleanups: Array<() => Promise<void> | void> = [];
beforeAll(async () => {
  replay = await startReplayServer();
  model = await startOpenAiServer(
    (req) => ({
      text: lastUserText(req).includes("everything") ? LONG : `Slow answer to: ${lastUserText(req)}`,
    }),
    { delayMs: MODEL_DELAY_MS },
  );
});
afterAll(async () => {
  await model.close();
  await replay.close();
});
afterEach(async () => {
  for (const c of cleanups.splice(0).reverse()) await c();
});

async function start(): Promise<{ fake: DiscordServer; app: App }> {
  const fake = await startDiscordServer({ guilds: [GUILD] });
  cleanups.push(() => fake.close());
  const tmp = tempDir();
  const env = testEnv(tmp.dir, replay.url, {
    DISCORD_TOKEN: fake.token,
    DISCORD_API_URL: fake.apiUrl,
    OPENAI_API_KEY: "sk-test-not-real",
    OPENAI_BASE_URL: model.url,
  });
  const app = await testApp(testConfig(env));
  cleanups.push(
    tmp.remove,
    () => dropPrefix(env.JOBSCOUT_QUEUE_PREFIX),
    () => app.close(),
  );
  const surface = await startDiscordSurface(app, { waitGuildTimeout: 200, drainMs: 15_000 });
  cleanups.push(() => surface.stop());
  return { fake, app };
}

describe("Discord slash commands with a slow model", () => {
  it("defers at once while the model works, then answers by editing the deferred reply", async () => {
    const { fake } = await start();
    const before = model.requests.length;
    const acksBefore = await discordAcks();
    const i = fake.slashCommand({
      channelId: CHANNEL,
      guildId: GUILD.id,
      user: ALICE,
      subcommand: "run",
      options: { query: "python jobs in Berlin" },
    });
    await fake.waitFor(() => i.ackedAt !== undefined);
    const original = `/webhooks/${fake.applicationId}/${i.token}/messages/@original`;
    // The deferral went out before the model had answered anything.
    expect(i.ackType).toBe(5);
    expect(i.ackFlags & 64).toBe(0);
    expect(i.ackedAt! - i.sentAt).toBeLessThan(3000);
    expect(fake.calls.some((c) => c.path === original)).toBe(false);
    // The deferral is timed in the process's metrics (`jobscout_chat_ack_duration_seconds`).
    await eventually(async () => (await discordAcks()) > acksBefore, 10_000);

    const edit = await fake.waitFor(
      () => fake.calls.find((c) => c.method === "PATCH" && c.path === original),
      30_000,
    );
    expect(edit.status).toBe(200);
    expect(fake.messages.get(i.originalId!)!.content).toBe("Slow answer to: refresh python jobs in Berlin");
    expect(lastUserText(model.requests[before]!.body)).toBe("refresh python jobs in Berlin");
    // Exactly one callback for the interaction.
    expect(fake.calls.filter((c) => c.path.startsWith(`/interactions/${i.id}/`))).toHaveLength(1);
  });

  it("delivers a long answer as the edited reply plus follow-ups, each within 2,000 characters", async () => {
    const { fake } = await start();
    const i = fake.slashCommand({
      channelId: CHANNEL,
      guildId: GUILD.id,
      user: ALICE,
      subcommand: "search",
      options: { query: "tell me everything" },
    });
    await fake.waitFor(() => i.ackedAt !== undefined);
    const parts = await fake.waitFor(() => {
      const ms = fake.botMessages(CHANNEL).filter((m) => m.interactionId === i.id);
      return ms.some((m) => m.content.includes("Part 50:")) ? ms : undefined;
    }, 30_000);
    expect(parts[0]!.id).toBe(i.originalId);
    expect(parts.length).toBeGreaterThanOrEqual(3);
    for (const m of parts) expect(m.content.length).toBeLessThanOrEqual(2000);
    expect(parts.map((m) => m.content).join("\n\n")).toBe(LONG);
    const followUps = fake.calls.filter(
      (c) => c.method === "POST" && c.path === `/webhooks/${fake.applicationId}/${i.token}`,
    );
    expect(followUps).toHaveLength(parts.length - 1);
    expect(followUps.every((c) => c.query.wait === "true" && c.status === 200)).toBe(true);
  });

  it("answers /jobs help at once without the model", async () => {
    const { fake } = await start();
    const before = model.requests.length;
    const i = fake.slashCommand({ channelId: CHANNEL, guildId: GUILD.id, user: ALICE, subcommand: "help" });
    await fake.waitFor(() => i.ackedAt !== undefined);
    expect(i.ackType).toBe(4);
    expect(i.ackFlags & 64).toBe(64);
    expect(fake.messages.get(i.originalId!)!.content).toMatch(/find me jobs in Berlin/);
    expect(model.requests.length).toBe(before);
  });
});

describe("AckGate", () => {
  it("holds turn work until acknowledgements in flight are done, but not forever", async () => {
    const gate = new AckGate(200);
    const order: string[] = [];
    let finishAck: () => void = () => undefined;
    const ack = gate.ack(() => new Promise<void>((r) => (finishAck = r)).then(() => void order.push("ack")));
    const turn = gate.idle().then(() => void order.push("turn"));
    await new Promise((r) => setImmediate(r)); // everything runnable has run: the turn still waits
    expect(order).toEqual([]);
    finishAck();
    await Promise.all([ack, turn]);
    expect(order).toEqual(["ack", "turn"]);

    // An ack that never finishes delays turns only up to the bound.
    void gate.ack(() => new Promise<void>(() => undefined));
    await gate.idle();
  });
});

/** How many Discord acks this process has timed. */
async function discordAcks(): Promise<number> {
  const m = parsePrometheusText(await processMetrics.render());
  return (
    sampleValue(m, "jobscout_chat_ack_duration_seconds", "jobscout_chat_ack_duration_seconds_count", {
      surface: "discord",
    }) ?? 0
  );
}
