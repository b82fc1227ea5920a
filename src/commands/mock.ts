import path from "node:path";
import { startLlamaParseMock, parseFaultRates, startRuleOpenAiMock } from "../mock/standins.js";
import type { MockServer } from "../mock/http.js";
import { startSmtpReceiver } from "../mock/smtp/receiver.js";
import { untilSignal } from "./shared.js";

/** Options of `jobscout mock`, as commander hands them over (strings from the command line). */
export interface MockCommandOptions {
  host: string;
  openaiPort: string;
  llamaparsePort: string;
  latency: string;
  latencyP95: string;
  rpm: string;
  tpm: string;
  quota: string;
  faults: string;
  invent: string;
  seed: string;
  keys?: string;
  msPerPage: string;
  queueMs: string;
  uploads: string;
  credits: string;
  failRate: string;
  smtpPort: string;
  mailDir: string;
}

const num = (v: string) => Number(v);

// Every number option, with its flag and what it must be: a bad value is named before anything starts.
const NUMBERS: Array<[keyof MockCommandOptions, string, "port" | "count" | "share"]> = [
  ["openaiPort", "--openai-port", "port"],
  ["llamaparsePort", "--llamaparse-port", "port"],
  ["smtpPort", "--smtp-port", "port"],
  ["latency", "--latency", "count"],
  ["latencyP95", "--latency-p95", "count"],
  ["rpm", "--rpm", "count"],
  ["tpm", "--tpm", "count"],
  ["quota", "--quota", "count"],
  ["seed", "--seed", "count"],
  ["msPerPage", "--ms-per-page", "count"],
  ["queueMs", "--queue-ms", "count"],
  ["uploads", "--uploads", "count"],
  ["credits", "--credits", "count"],
  ["invent", "--invent", "share"],
  ["failRate", "--fail-rate", "share"],
];

/** What is wrong with the number options, one line each ("" when nothing). */
function badNumbers(o: MockCommandOptions): string {
  const wants = { port: "a port number (0–65535)", count: "a number ≥ 0", share: "a share from 0 to 1" };
  return NUMBERS.flatMap(([key, flag, kind]) => {
    const v = Number(o[key]);
    const ok =
      String(o[key]).trim() !== "" &&
      Number.isFinite(v) &&
      v >= 0 &&
      (kind !== "port" || (Number.isInteger(v) && v <= 65535)) &&
      (kind !== "share" || v <= 1);
    return ok ? [] : [`jobscout mock: ${flag} must be ${wants[kind]}, got "${String(o[key])}"\n`];
  }).join("");
}

/** One line per mail the SMTP receiver keeps. */
function mailLine(m: { from: string; to: string[]; subject: string; bytes: number; file: string }): string {
  const size = m.bytes >= 1024 ? `${(m.bytes / 1024).toFixed(1)} KB` : `${m.bytes} B`;
  return `mail from ${m.from || "(none)"} to ${m.to.join(", ")}: “${m.subject}” (${size}) → ${m.file}\n`;
}

/** Where `jobscout mock` prints and when it stops (the CLI: {@link processIo}; a test: its own). */
export interface MockCommandIo {
  /** The settings to point jobscout at, and a line per mail. */
  out: { write(text: string): unknown };
  /** What is wrong with the command line. */
  err: { write(text: string): unknown };
  /** Resolves when the stand-ins are to stop. */
  until: () => Promise<unknown>;
}

/** The command line's: stdout, stderr, until the first SIGINT/SIGTERM (Ctrl-C). */
export function processIo(): MockCommandIo {
  return { out: process.stdout, err: process.stderr, until: untilSignal };
}

/**
 * `jobscout mock [openai|llamaparse|smtp|all]`: the local stand-ins for development and demos, until
 * Ctrl-C. Point jobscout at them with the printed settings.
 */
export async function mockCommand(which: string, o: MockCommandOptions, io: MockCommandIo): Promise<number> {
  const { out, err } = io;
  const want = (name: string) => which === "all" || which === name;
  if (!want("openai") && !want("llamaparse") && !want("smtp")) {
    err.write(`jobscout mock: unknown stand-in "${which}" (openai, llamaparse, smtp or all)\n`);
    return 2;
  }
  const bad = badNumbers(o);
  if (bad) {
    err.write(bad);
    return 2;
  }
  const keys = (o.keys ?? "")
    .split(",")
    .map((k) => k.trim())
    .filter(Boolean);
  const running: MockServer[] = [];
  try {
    if (want("openai")) {
      const openai = await startRuleOpenAiMock(
        {
          latency: { medianMs: num(o.latency), p95Ms: num(o.latencyP95) },
          limits: { requestsPerMinute: num(o.rpm), tokensPerMinute: num(o.tpm), quotaTokens: num(o.quota) },
          faultRates: parseFaultRates(o.faults),
          seed: num(o.seed),
          apiKeys: keys,
        },
        num(o.openaiPort),
        o.host,
        [],
        { inventRate: num(o.invent) },
      );
      running.push(openai);
      out.write(
        `OpenAI-compatible stand-in: OPENAI_BASE_URL=${openai.url} OPENAI_API_KEY=${keys[0] ?? "sk-local"}\n` +
          `  latency median ${o.latency} ms, p95 ${o.latencyP95} ms; ${o.rpm} requests and ${o.tpm} tokens per minute per key` +
          `${num(o.quota) > 0 ? `; quota ${o.quota} tokens` : ""}${o.faults ? `; faults ${o.faults}` : ""}` +
          `${num(o.invent) > 0 ? `; ${o.invent} of letters with an invented claim` : ""}\n`,
      );
    }
    if (want("llamaparse")) {
      const llama = await startLlamaParseMock(
        {
          apiKeys: keys,
          msPerPage: num(o.msPerPage),
          queueMs: num(o.queueMs),
          uploadsPerWindow: num(o.uploads),
          creditPages: num(o.credits),
          failRate: num(o.failRate),
          seed: num(o.seed),
        },
        num(o.llamaparsePort),
        o.host,
      );
      running.push(llama);
      out.write(
        `LlamaParse stand-in: LLAMA_CLOUD_BASE_URL=${llama.url} LLAMA_CLOUD_API_KEY=${keys[0] ?? "llx-local"}\n` +
          `  ${o.queueMs} ms queued + ${o.msPerPage} ms per page; ${o.uploads} uploads per 10 s` +
          `${num(o.credits) > 0 ? `; ${o.credits} pages of credit` : ""}\n`,
      );
    }
    if (want("smtp")) {
      const dir = path.resolve(o.mailDir);
      const smtp = await startSmtpReceiver({
        dir,
        port: num(o.smtpPort),
        host: o.host,
        onMail: (m) => out.write(mailLine(m)),
      });
      running.push(smtp);
      out.write(`SMTP receiver: SMTP_URL='${smtp.url}'; each mail is kept in ${dir} as an .eml file\n`);
    }
    out.write("Ctrl-C stops them.\n");
    await io.until();
    return 0;
  } finally {
    await Promise.all(running.map((r) => r.close()));
  }
}
