// Slack ack latency: how fast the HTTP Events API receiver answers Slack while a slow model works.
// Batches of concurrent signed event callbacks (app_mention) and slash commands hit the real Bolt
// receiver; the model (local OpenAI-compatible server) takes `--delay` ms per answer, so the turns
// of earlier batches are still running — and finishing in bursts — while later acks are measured.
// Slack retries an event after 3 s; the aim is p99 ≤ 100 ms.
//
//   npx tsx bench/slack-ack.bench.ts [--n 50] [--delay 3000] [--rounds 3]
//
// Three processes, as in production Slack and the model are other machines: this one (jobscout:
// receiver thread + main thread running the turns), the services (fake Slack Web API and the
// model, at low CPU priority) and the sender (signs and sends, timing each request until its
// response). Also printed: how late the main thread's event loop runs — what an ack would wait for
// if requests were received on the thread that runs the turns. Needs Redis on 127.0.0.1:6379.
import { fork, type ChildProcess } from "node:child_process";
import http from "node:http";
import os from "node:os";
import { monitorEventLoopDelay } from "node:perf_hooks";
import { fileURLToPath } from "node:url";
import { composeApp } from "../src/compose/app.js";
import { startSlackSurface } from "../src/bot/slack/slack.surface.js";
import { loadConfig } from "../src/config/config.js";
import { createLogger } from "../src/core/logger.js";
import { dropPrefix, REDIS_URL, tempDir } from "../test/support/harness.js";
import { startOpenAiServer } from "../test/support/openai-server.js";
import {
  commandPayload,
  eventEnvelope,
  mentionEvent,
  slackSignature,
  slackTs,
  startSlackServer,
} from "../test/support/slack-server.js";

function arg(name: string, fallback: number): number {
  const i = process.argv.indexOf(name);
  const v = i >= 0 ? Number(process.argv[i + 1]) : NaN;
  return Number.isFinite(v) && v > 0 ? v : fallback;
}

const SECRET = "bench-signing-secret";
// The fake Slack's defaults (startSlackServer).
const TEAM = "T0FAKE";
const BOT_USER = "U0BOT";

/** Messages between the receiver (this process) and the Slack side (a child process). */
type ToSlackSide =
  | { kind: "batch"; endpoint: string; responseUrl: string; events: number; commands: number; round: number }
  | { kind: "answers" };
type FromSlackSide =
  | { kind: "ready"; apiUrl: string; modelUrl: string; botToken: string }
  | { kind: "batch"; events: number[]; commands: number[] }
  | { kind: "answers"; answers: number; rejected: number }
  | { kind: "error"; error: string };

// ------------------------------------------------------------------ Slack side (child process)

/** Slack's Web API (the fake) and the slow model: the services the receiver calls. */
async function servicesSide(delayMs: number): Promise<void> {
  const slack = await startSlackServer({
    users: Array.from({ length: 10 }, (_, i) => ({ id: `UBENCH${i}` })),
  });
  const model = await startOpenAiServer(() => ({ text: "Bench answer from a slow model." }), { delayMs });
  const reply = (m: FromSlackSide) => process.send?.(m);
  process.on("message", (m: ToSlackSide) => {
    if (m.kind !== "answers") return;
    const answers = slack
      .callsTo("chat.postMessage")
      .filter((c) => String(c.args.text).includes("Bench answer")).length;
    reply({ kind: "answers", answers, rejected: slack.rejected.length });
  });
  process.on("disconnect", () => {
    void Promise.all([slack.close(), model.close()]).then(() => process.exit(0));
  });
  reply({ kind: "ready", apiUrl: slack.apiUrl, modelUrl: model.url, botToken: slack.botToken });
}

/**
 * Signed POSTs over keep-alive connections (node:http: far less client work per request than
 * fetch, so the sender's own processing hardly counts in the figures).
 */
function signedPoster(endpoint: string) {
  const agent = new http.Agent({ keepAlive: true, maxSockets: 256 });
  return (body: string, contentType: string) =>
    new Promise<{ status: number }>((resolve, reject) => {
      const ts = Math.floor(Date.now() / 1000);
      const req = http.request(
        endpoint,
        {
          method: "POST",
          agent,
          headers: {
            "content-type": contentType,
            "content-length": Buffer.byteLength(body),
            "x-slack-request-timestamp": String(ts),
            "x-slack-signature": slackSignature(SECRET, ts, body),
          },
        },
        (res) => {
          res.resume();
          res.on("end", () => resolve({ status: res.statusCode ?? 0 }));
        },
      );
      req.on("error", reject);
      req.end(body);
    });
}

/** Slack delivering requests: signs and sends a batch at once, timing each until its response. */
function senderSide(): void {
  const reply = (m: FromSlackSide) => process.send?.(m);
  const timed = async (fn: () => Promise<{ status: number }>) => {
    const t0 = performance.now();
    const res = await fn();
    if (res.status !== 200) throw new Error(`ack status ${res.status}`);
    return performance.now() - t0;
  };
  const user = (i: number) => `UBENCH${i % 10}`;
  const batch = async (b: Extract<ToSlackSide, { kind: "batch" }>) => {
    const send = signedPoster(b.endpoint);
    // Build (and sign) every request first, so the batch goes out at once.
    const ev = Array.from({ length: b.events }, (_, i) => {
      const env = eventEnvelope({
        teamId: TEAM,
        botUserId: BOT_USER,
        event: mentionEvent({
          user: user(i),
          channel: `CBENCH${i % 5}`,
          text: "find me jobs in Berlin",
          botUserId: BOT_USER,
          ts: slackTs(),
        }),
      });
      const body = JSON.stringify(env);
      return () => timed(() => send(body, "application/json"));
    });
    const cmd = Array.from({ length: b.commands }, (_, i) => {
      const form = commandPayload({
        teamId: TEAM,
        user: user(i),
        channel: `CBENCH${i % 5}`,
        text: `python jobs in Frankfurt ${b.round}-${i}`,
        responseUrl: b.responseUrl,
      });
      const body = new URLSearchParams(form).toString();
      return () => timed(() => send(body, "application/x-www-form-urlencoded"));
    });
    const [events, commands] = await Promise.all([
      Promise.all(ev.map((f) => f())),
      Promise.all(cmd.map((f) => f())),
    ]);
    reply({ kind: "batch", events, commands });
  };
  process.on("message", (m: ToSlackSide) => {
    if (m.kind === "batch") batch(m).catch((err: unknown) => reply({ kind: "error", error: String(err) }));
  });
  process.on("disconnect", () => process.exit(0));
  reply({ kind: "ready", apiUrl: "", modelUrl: "", botToken: "" });
}

if (process.argv.includes("--services")) {
  await servicesSide(arg("--delay", 3000));
} else if (process.argv.includes("--sender")) {
  senderSide();
} else {
  await main();
}

// ------------------------------------------------------------------ receiver (this process)

function stats(ms: number[]) {
  const s = [...ms].sort((a, b) => a - b);
  const q = (p: number) => s[Math.min(s.length - 1, Math.ceil(p * s.length) - 1)] ?? NaN;
  return { n: s.length, p50: q(0.5), p90: q(0.9), p99: q(0.99), max: s.at(-1) ?? NaN };
}

function fmt(ms: number[]): string {
  const x = stats(ms);
  return `n=${x.n} p50 ${x.p50.toFixed(1)} ms  p90 ${x.p90.toFixed(1)} ms  p99 ${x.p99.toFixed(1)} ms  max ${x.max.toFixed(1)} ms`;
}

async function main(): Promise<void> {
  const N = arg("--n", 50);
  const DELAY = arg("--delay", 3000);
  const ROUNDS = arg("--rounds", 3);
  const child = (flag: string) =>
    fork(fileURLToPath(import.meta.url), [flag, "--delay", String(DELAY)], { execArgv: ["--import", "tsx"] });
  const services = child("--services");
  // Slack and the model stand in for other machines: let them yield the CPU to the receiver.
  if (services.pid !== undefined) os.setPriority(services.pid, 19);
  const sender = child("--sender");
  const ask = <K extends FromSlackSide["kind"]>(side: ChildProcess, kind: K, m?: ToSlackSide) =>
    new Promise<Extract<FromSlackSide, { kind: K }>>((resolve, reject) => {
      side.once("message", (r: FromSlackSide) =>
        r.kind === kind
          ? resolve(r as Extract<FromSlackSide, { kind: K }>)
          : reject(new Error(r.kind === "error" ? r.error : `unexpected ${r.kind}`)),
      );
      if (m) side.send(m);
    });
  const ready = await ask(services, "ready");
  await ask(sender, "ready");
  const tmp = tempDir("jobscout-bench-");
  const prefix = `bench-slack-${process.pid}`;
  const config = loadConfig(
    {
      JOBSCOUT_DATA_DIR: tmp.dir,
      REDIS_URL,
      JOBSCOUT_QUEUE_PREFIX: prefix,
      OPENAI_API_KEY: "sk-bench",
      OPENAI_BASE_URL: ready.modelUrl,
      SLACK_BOT_TOKEN: ready.botToken,
      SLACK_SIGNING_SECRET: SECRET,
      SLACK_API_URL: ready.apiUrl,
      SLACK_PORT: "0",
    },
    tmp.dir,
  );
  const app = await composeApp({ config, logger: createLogger("warn"), workers: false });
  const surface = await startSlackSurface(app);
  const endpoint = `http://127.0.0.1:${surface.port}/slack/events`;
  const batch = (events: number, commands: number, round: number) =>
    ask(sender, "batch", {
      kind: "batch",
      endpoint,
      responseUrl: `${ready.apiUrl.replace(/\/api\/$/, "")}/respond/bench`,
      events,
      commands,
      round,
    });
  const answers = async () => (await ask(services, "answers", { kind: "answers" })).answers;
  const waitAnswers = async (n: number) => {
    const t0 = performance.now();
    while ((await answers()) < n && performance.now() - t0 < 180_000)
      await new Promise((r) => setTimeout(r, 100));
    return performance.now() - t0;
  };
  console.log(
    `Slack ack latency (HTTP Events API) — batches of ${N} concurrent requests, model delay ${DELAY} ms, ${ROUNDS} rounds`,
  );
  const all = { events: [] as number[], commands: [] as number[], mixed: [] as number[] };
  // How late the main thread (the turns) runs: what an ack would wait for if it were received there.
  const lag = monitorEventLoopDelay({ resolution: 5 });
  lag.enable();
  const mainThreadLag = () => {
    const line = `main-thread event-loop delay p99 ${(lag.percentile(99) / 1e6).toFixed(1)} ms, max ${(lag.max / 1e6).toFixed(1)} ms`;
    lag.reset();
    return line;
  };
  try {
    // Cold: the first turns load the model client and agent code lazily, in the same process.
    const cold = await batch(10, 10, 0);
    console.log(`cold start (10 + 10): ${fmt([...cold.events, ...cold.commands])}`);
    let expected = 20;
    await waitAnswers(expected);
    mainThreadLag();
    for (let r = 1; r <= ROUNDS; r++) {
      // Each batch lands while the turns of the batches before it are still running.
      const ev = (await batch(N, 0, r)).events;
      const cmd = (await batch(0, N, r)).commands;
      const mixed = await batch(N, N, r);
      expected += 4 * N;
      all.events.push(...ev);
      all.commands.push(...cmd);
      all.mixed.push(...mixed.events, ...mixed.commands);
      console.log(`round ${r}: events        ${fmt(ev)}`);
      console.log(`         commands      ${fmt(cmd)}`);
      console.log(`         mixed (${N}+${N}) ${fmt([...mixed.events, ...mixed.commands])}`);
      console.log(`         ${mainThreadLag()}`);
      console.log(`         turns unanswered after the last ack: ${expected - (await answers())}`);
    }
    const drained = await waitAnswers(expected);
    const end = await ask(services, "answers", { kind: "answers" });
    console.log(`\nall rounds: events   ${fmt(all.events)}`);
    console.log(`all rounds: commands ${fmt(all.commands)}`);
    console.log(`all rounds: mixed    ${fmt(all.mixed)}`);
    console.log(
      `answers posted: ${end.answers}/${expected} (${(drained / 1000).toFixed(1)} s after the last ack); payloads Slack would reject: ${end.rejected}`,
    );
  } finally {
    await surface.stop();
    await app.close();
    services.disconnect();
    sender.disconnect();
    await dropPrefix(prefix);
    tmp.remove();
  }
}
