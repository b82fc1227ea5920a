// `jobscout mock`, run in this process with its output and its stop handed in (the CLI gives stdout,
// stderr and Ctrl-C): the settings it prints are the ones that work (the keys it was given, the
// stand-ins at the printed addresses), one line per mail it keeps, everything closed when it stops;
// an unknown stand-in and a bad --faults value are named and nothing starts.
import net from "node:net";
import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { mockCommand, type MockCommandOptions } from "../../src/commands/mock.js";
import { AppError } from "../../src/core/errors.js";
import { eventually, tempDir } from "../support/harness.js";
import { sendMail } from "../support/smtp-client.js";

/** The options as commander hands them over: its defaults, every port taken from the OS. */
const options = (extra: Partial<MockCommandOptions> = {}): MockCommandOptions => ({
  host: "127.0.0.1",
  openaiPort: "0",
  llamaparsePort: "0",
  latency: "0",
  latencyP95: "0",
  rpm: "500",
  tpm: "200000",
  quota: "0",
  faults: "",
  invent: "0",
  seed: "1",
  msPerPage: "0",
  queueMs: "0",
  uploads: "50",
  credits: "0",
  failRate: "0",
  smtpPort: "0",
  mailDir: "mails",
  ...extra,
});

/** `jobscout mock …` until `stop()`; what it printed so far. */
function runMock(which: string, o: MockCommandOptions) {
  let out = "";
  let err = "";
  let stop: () => void = () => undefined;
  const stopped = new Promise<void>((resolve) => {
    stop = resolve;
  });
  const code = mockCommand(which, o, {
    out: { write: (t: string) => (out += t) },
    err: { write: (t: string) => (err += t) },
    until: () => stopped,
  });
  return { code, out: () => out, err: () => err, stop };
}

/** Whether this process can listen on the port (its stand-in let go of it). */
async function listensOn(port: number): Promise<boolean> {
  const server = net.createServer();
  const listening = await new Promise<boolean>((resolve) => {
    server.once("listening", () => resolve(true));
    server.once("error", () => resolve(false));
    server.listen(port, "127.0.0.1");
  });
  if (listening) await new Promise<void>((resolve) => server.close(() => resolve()));
  return listening;
}

describe("jobscout mock (in process)", () => {
  it("prints settings that work, keeps and tells each mail, and closes everything when stopped", async () => {
    const mails = tempDir("jobscout-mails-");
    try {
      const m = runMock(
        "all",
        options({
          keys: " sk-one , llx-two ",
          quota: "5000",
          faults: "500=0",
          invent: "0.25",
          credits: "40",
          mailDir: mails.dir,
        }),
      );
      await eventually(() => m.out().includes("Ctrl-C stops them."), 30_000);
      const lines = m.out().split("\n");
      expect(lines[0]).toMatch(
        /^OpenAI-compatible stand-in: OPENAI_BASE_URL=http:\/\/127\.0\.0\.1:\d+\/v1 OPENAI_API_KEY=sk-one$/,
      );
      expect(lines[1]).toBe(
        "  latency median 0 ms, p95 0 ms; 500 requests and 200000 tokens per minute per key; quota 5000 tokens; faults 500=0; 0.25 of letters with an invented claim",
      );
      expect(lines[2]).toMatch(
        /^LlamaParse stand-in: LLAMA_CLOUD_BASE_URL=http:\/\/127\.0\.0\.1:\d+ LLAMA_CLOUD_API_KEY=sk-one$/,
      );
      expect(lines[3]).toBe("  0 ms queued + 0 ms per page; 50 uploads per 10 s; 40 pages of credit");
      expect(lines[4]).toMatch(
        new RegExp(
          `^SMTP receiver: SMTP_URL='smtp://127\\.0\\.0\\.1:\\d+\\?tls=off'; each mail is kept in ${mails.dir} as an \\.eml file$`,
        ),
      );
      const openai = /OPENAI_BASE_URL=(\S+)/.exec(lines[0]!)![1]!;
      const llama = /LLAMA_CLOUD_BASE_URL=(\S+)/.exec(lines[2]!)![1]!;
      const smtp = /SMTP_URL='([^']+)'/.exec(lines[4]!)![1]!;

      // Only the keys given are taken, each of them, by both HTTP stand-ins.
      const ask = (key: string) =>
        fetch(`${openai}/chat/completions`, {
          method: "POST",
          headers: { authorization: `Bearer ${key}`, "content-type": "application/json" },
          body: JSON.stringify({ model: "gpt-4o-mini", messages: [{ role: "user", content: "hello" }] }),
        });
      const wrong = await ask("sk-other");
      expect(wrong.status).toBe(401);
      expect(((await wrong.json()) as { error: { code: string } }).error.code).toBe("invalid_api_key");
      const right = await ask("llx-two");
      expect(right.status).toBe(200);
      const parse = (key: string) =>
        fetch(`${llama}/api/v2/parse/nothing-here`, { headers: { authorization: `Bearer ${key}` } });
      expect((await parse("llx-other")).status).toBe(401);
      expect(await (await parse("sk-one")).json()).toEqual({ detail: "Job not found" });

      await sendMail(smtp, "", "hr@example.com", "Subject: Bewerbung\r\n\r\nshort");
      await sendMail(
        smtp,
        "jane@example.org",
        "hr@example.com",
        `Subject: Bewerbung\r\n\r\n${"x".repeat(2000)}`,
      );
      const told = await eventually(() => {
        const l = m
          .out()
          .split("\n")
          .filter((x) => x.startsWith("mail from"));
        return l.length === 2 ? l : undefined;
      });
      const small = /→ (\S+)$/.exec(told[0]!)![1]!;
      const large = /→ (\S+)$/.exec(told[1]!)![1]!;
      expect(told[0]).toBe(
        `mail from (none) to hr@example.com: “Bewerbung” (${readFileSync(small).length} B) → ${small}`,
      );
      expect(readFileSync(small).length).toBeLessThan(1024);
      expect(told[1]).toBe(
        `mail from jane@example.org to hr@example.com: “Bewerbung” (${(readFileSync(large).length / 1024).toFixed(1)} KB) → ${large}`,
      );
      expect(readFileSync(large, "utf8")).toContain("x".repeat(2000));

      m.stop();
      expect(await m.code).toBe(0);
      expect(m.err()).toBe("");
      // Each port is free again: this process can listen on it.
      for (const url of [openai, llama, smtp]) expect(await listensOn(Number(new URL(url).port))).toBe(true);
    } finally {
      mails.remove();
    }
  });

  it("runs one stand-in alone with the default key and no extras in its line", async () => {
    const m = runMock("openai", options());
    await eventually(() => m.out().includes("Ctrl-C stops them."), 30_000);
    expect(m.out()).toMatch(
      /^OpenAI-compatible stand-in: OPENAI_BASE_URL=http:\/\/127\.0\.0\.1:\d+\/v1 OPENAI_API_KEY=sk-local\n {2}latency median 0 ms, p95 0 ms; 500 requests and 200000 tokens per minute per key\nCtrl-C stops them\.\n$/,
    );
    m.stop();
    expect(await m.code).toBe(0);

    const l = runMock("llamaparse", options());
    await eventually(() => l.out().includes("Ctrl-C stops them."), 30_000);
    expect(l.out()).toMatch(
      /^LlamaParse stand-in: LLAMA_CLOUD_BASE_URL=http:\/\/127\.0\.0\.1:\d+ LLAMA_CLOUD_API_KEY=llx-local\n {2}0 ms queued \+ 0 ms per page; 50 uploads per 10 s\nCtrl-C stops them\.\n$/,
    );
    l.stop();
    expect(await l.code).toBe(0);
  });

  it("names an unknown stand-in and starts nothing (exit 2)", async () => {
    const m = runMock("redis", options());
    expect(await m.code).toBe(2);
    expect(m.err()).toBe('jobscout mock: unknown stand-in "redis" (openai, llamaparse, smtp or all)\n');
    expect(m.out()).toBe("");
  });

  it("names each bad number option, port, count or share, and starts nothing (exit 2)", async () => {
    const m = runMock(
      "llamaparse",
      options({ llamaparsePort: "80.5", latency: " ", seed: "Infinity", invent: "-0.1", credits: "ten" }),
    );
    expect(await m.code).toBe(2);
    expect(m.err()).toBe(
      'jobscout mock: --llamaparse-port must be a port number (0–65535), got "80.5"\n' +
        'jobscout mock: --latency must be a number ≥ 0, got " "\n' +
        'jobscout mock: --seed must be a number ≥ 0, got "Infinity"\n' +
        'jobscout mock: --credits must be a number ≥ 0, got "ten"\n' +
        'jobscout mock: --invent must be a share from 0 to 1, got "-0.1"\n',
    );
    expect(m.out()).toBe("");
  });

  it("refuses a --faults value that is not kind=rate, saying what it takes, before anything starts", async () => {
    const m = runMock("all", options({ faults: "500=0.1,slow=0.5" }));
    const error = await m.code.then(
      () => undefined,
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(AppError);
    expect((error as AppError).userMessageIn("en")).toBe(
      '--faults: "slow=0.5" is not kind=rate with a kind of 500, 503, timeout, truncate, bad_tool_args and a rate from 0 to 1.',
    );
    expect(m.out()).toBe("");
  });
});
