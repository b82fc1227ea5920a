// Discord ack latency: bursts of concurrent /jobs interactions through the local Discord fake's
// gateway while a scripted model takes 5 s per answer. Defer latency = INTERACTION_CREATE sent by
// the fake → the deferral callback POST received by the fake (Discord's limit is 3 s).
//
//   npx tsx bench/discord-ack.bench.ts [--n 50] [--rounds 3] [--warmup 1] [--delay 5000]
//
// Warm-up rounds (a freshly started process: cold JIT, no pooled connections) are printed but not
// counted in the overall figures.
// Needs Redis on 127.0.0.1:6379 (or TEST_REDIS_URL).
import { composeApp } from "../src/compose/app.js";
import { startDiscordSurface } from "../src/bot/discord/discord.surface.js";
import { loadConfig } from "../src/config/config.js";
import { createLogger } from "../src/core/logger.js";
import { startDiscordServer } from "../test/support/discord-server.js";
import { dropPrefix, REDIS_URL, tempDir } from "../test/support/harness.js";
import { startOpenAiServer } from "../test/support/openai-server.js";
import { startReplayServer } from "../test/support/replay-server.js";

function arg(name: string, fallback: number): number {
  const i = process.argv.indexOf(name);
  return i >= 0 ? Number(process.argv[i + 1]) : fallback;
}

const N = arg("--n", 50);
const ROUNDS = arg("--rounds", 3);
const WARMUP = arg("--warmup", 1);
const DELAY_MS = arg("--delay", 5000);

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]!;
}

const GUILD = {
  id: "310000000000000001",
  name: "Bench",
  ownerId: "510000000000000001",
  channels: [{ id: "410000000000000001", name: "jobs" }],
};

const replay = await startReplayServer();
const model = await startOpenAiServer([{ text: "A slow answer." }], { delayMs: DELAY_MS });
const fake = await startDiscordServer({ guilds: [GUILD] });
const tmp = tempDir("jobscout-bench-");
const prefix = `bench-discord-${process.pid}`;
const config = loadConfig(
  {
    JOBSCOUT_DATA_DIR: tmp.dir,
    REDIS_URL,
    JOBSCOUT_QUEUE_PREFIX: prefix,
    ARBEITNOW_BASE_URL: replay.url,
    BA_JOBSUCHE_BASE_URL: replay.url,
    OPENAI_API_KEY: "sk-bench-not-real",
    OPENAI_BASE_URL: model.url,
    DISCORD_TOKEN: fake.token,
    DISCORD_API_URL: fake.apiUrl,
  },
  tmp.dir,
);
const app = await composeApp({ config, logger: createLogger("warn"), workers: true });
const surface = await startDiscordSurface(app, { waitGuildTimeout: 200, drainMs: 30_000 });

// When discord.js hands each interaction to the handlers: splits latency into gateway and ack path.
const received = new Map<string, number>();
surface.client.on("interactionCreate", (i) => received.set(i.id, performance.now()));

const all: number[] = [];
try {
  for (let round = 1 - WARMUP; round <= ROUNDS; round++) {
    const t0 = performance.now();
    const sent = Array.from({ length: N }, (_, i) =>
      fake.slashCommand({
        channelId: GUILD.channels[0]!.id,
        guildId: GUILD.id,
        user: { id: String(520000000000000000n + BigInt(i)), username: `user${i}` },
        subcommand: "search",
        options: { query: `python jobs in Berlin ${round}-${i}` },
      }),
    );
    await fake.waitFor(() => sent.every((s) => s.ackedAt !== undefined), 30_000);
    const acked = Math.max(...sent.map((s) => s.ackedAt!)) - t0;
    await fake.waitFor(
      () => sent.every((s) => s.originalId && fake.messages.get(s.originalId)?.content === "A slow answer."),
      DELAY_MS * 4 + 60_000,
    );
    const answered = performance.now() - t0;
    const lat = sent.map((s) => s.ackedAt! - s.sentAt).sort((a, b) => a - b);
    const gw = sent.map((s) => received.get(s.id)! - s.sentAt).sort((a, b) => a - b);
    console.log(
      `  of which gateway → handler: p50 ${percentile(gw, 50).toFixed(1)} ms, max ${gw.at(-1)!.toFixed(1)} ms`,
    );
    if (round > 0) all.push(...lat);
    console.log(
      `${round > 0 ? `round ${round}` : "warm-up (not counted)"}: ${N} interactions — defer p50 ${percentile(lat, 50).toFixed(1)} ms, p99 ${percentile(lat, 99).toFixed(1)} ms, max ${lat.at(-1)!.toFixed(1)} ms; last deferral ${acked.toFixed(0)} ms after the first was sent, all answered after ${answered.toFixed(0)} ms`,
    );
  }
  all.sort((a, b) => a - b);
  const errors = fake.calls.filter((c) => c.status >= 400).length;
  console.log(
    `overall: ${all.length} interactions, model ${DELAY_MS} ms — defer p50 ${percentile(all, 50).toFixed(1)} ms, p99 ${percentile(all, 99).toFixed(1)} ms, max ${all.at(-1)!.toFixed(1)} ms; REST errors ${errors}`,
  );
} finally {
  await surface.stop();
  await app.close();
  await fake.close();
  await model.close();
  await replay.close();
  await dropPrefix(prefix);
  tmp.remove();
}
