// The letter writer that asks an OpenAI-compatible model (the real ChatOpenAI against the local
// stand-in): what the model is sent (the chosen CV lines by id, the posting clipped, defaults named),
// what comes back (trimmed, one line ending), and how failures are told apart — a used-up quota is
// final, a server error is worth another try. A batch is paced under the provider's per-minute limit.
import { AIMessage } from "@langchain/core/messages";
import { FakeListChatModel, FakeStreamingChatModel } from "@langchain/core/utils/testing";
import { ChatOpenAI } from "@langchain/openai";
import { afterEach, describe, expect, it, vi } from "vitest";
import { AppError } from "../../src/core/errors.js";
import {
  createModelLetterWriter,
  isQuotaExhausted,
  type LetterModel,
} from "../../src/jobs/applications/letter-model.js";
import type { LetterRequest } from "../../src/jobs/applications/letter-template.js";
import { startOpenAiMock, type OpenAiMock, type OpenAiMockSettings } from "../../src/mock/openai/server.js";
import { contentText, type Reply } from "../../src/mock/openai/protocol.js";

const mocks: OpenAiMock[] = [];
afterEach(async () => {
  vi.useRealTimers();
  for (const m of mocks.splice(0)) await m.close();
});

async function writerAt(
  reply: (n: number) => Reply,
  settings: Partial<OpenAiMockSettings> = {},
  prompt?: string,
): Promise<{ writer: LetterModel; mock: OpenAiMock }> {
  const mock = await startOpenAiMock((_req, n) => reply(n), settings);
  mocks.push(mock);
  const model = new ChatOpenAI({
    model: "gpt-4o-mini",
    apiKey: "sk-letter-writer-test",
    temperature: 0,
    maxRetries: 0,
    configuration: { baseURL: mock.url },
  });
  return { writer: createModelLetterWriter({ model, modelId: "gpt-4o-mini", prompt }), mock };
}

const REQUEST: LetterRequest = {
  lang: "en",
  applicant: { id: "L1", text: "Jane Doe" },
  job: { title: "Data Engineer", company: "Example Bank" },
  posting: `We use Kafka. ${"x".repeat(7000)}`,
  facts: [
    { lineId: "L7", text: "Built pipelines with Kafka.", requirement: "Kafka" },
    { lineId: "L9", text: "Skills: Python, SQL" },
  ],
};

describe("letters from a model", () => {
  it("sends the chosen facts by line id and the posting clipped, and returns the letter trimmed", async () => {
    const { writer, mock } = await writerAt(() => ({
      text: "  Dear Example Bank team,\r\nI build pipelines.\r\n\r\nJane Doe \n",
    }));
    expect(writer).toMatchObject({ id: "gpt-4o-mini", promptVersion: "letter-1" });
    expect(await writer.write(REQUEST)).toBe("Dear Example Bank team,\nI build pipelines.\n\nJane Doe");
    const [system, user] = mock.requests[0]!.body.messages;
    expect(system?.role).toBe("system");
    expect(contentText(system?.content)).toMatch(/^<!-- version: letter-1 -->\nYou write one cover letter/);
    expect(JSON.parse(contentText(user?.content))).toEqual({
      task: "cover_letter",
      lang: "en",
      tone: "neutral",
      length: "normal",
      applicant: { id: "L1", text: "Jane Doe" },
      job: { title: "Data Engineer", company: "Example Bank" },
      facts: [
        { id: "L7", text: "Built pipelines with Kafka.", requirement: "Kafka" },
        { id: "L9", text: "Skills: Python, SQL" },
      ],
      posting: `We use Kafka. ${"x".repeat(6000 - 14)}`,
    });
  });

  it("passes the tone, length and focus the person asked for; a prompt without a version line is 'unversioned'", async () => {
    const { writer, mock } = await writerAt(
      () => ({ text: "Sehr geehrte Damen und Herren," }),
      {},
      "Write a letter.",
    );
    expect(writer.promptVersion).toBe("unversioned");
    await writer.write({ ...REQUEST, lang: "de", tone: "formal", length: "short", focus: "Kafka" });
    const [system, user] = mock.requests[0]!.body.messages;
    expect(contentText(system?.content)).toBe("Write a letter.");
    expect(JSON.parse(contentText(user?.content))).toMatchObject({
      lang: "de",
      tone: "formal",
      length: "short",
      focus: "Kafka",
    });
  });

  it("refuses an empty answer instead of storing an empty letter", async () => {
    const { writer } = await writerAt(() => ({ text: " \r\n " }));
    await expect(writer.write(REQUEST)).rejects.toMatchObject({
      code: "letter_model_empty",
      message: "the model answered with no text",
    });
  });

  it("says a used-up quota is final, and a server error worth another try", async () => {
    // The quota covers the first request only.
    const { writer, mock } = await writerAt(() => ({ text: "Dear team," }), {
      limits: { requestsPerMinute: 0, tokensPerMinute: 0, quotaTokens: 1 },
    });
    expect(await writer.write(REQUEST)).toBe("Dear team,");
    const quota = await writer.write(REQUEST).then(
      () => undefined,
      (e: unknown) => e as AppError,
    );
    expect(quota).toBeInstanceOf(AppError);
    expect(quota).toMatchObject({ code: "model_quota", retryable: false });
    expect(quota?.message).toMatch(/^letter model failed \(429[^)]*\): .*You exceeded your current quota/);
    expect(mock.stats.insufficient_quota).toBe(1);

    const { writer: busy, mock: down } = await writerAt(() => ({ text: "Dear team," }));
    down.injectFault("chat", 500, 1);
    const failed = await busy.write(REQUEST).then(
      () => undefined,
      (e: unknown) => e as AppError,
    );
    expect(failed).toMatchObject({ code: "model_failed", retryable: true });
    expect(failed?.message).toMatch(
      /^letter model failed \(500\b.*\): .*The server had an error while processing your request\./,
    );
    // The next letter goes through.
    expect(await busy.write(REQUEST)).toBe("Dear team,");
  });

  it("takes the text of an answer given in content parts", async () => {
    const model = new FakeStreamingChatModel({
      responses: [new AIMessage({ content: [{ type: "text", text: "Dear team,\r\nJane Doe" }] })],
    });
    const writer = createModelLetterWriter({ model, modelId: "parts-model" });
    expect(await writer.write(REQUEST)).toBe("Dear team,\nJane Doe");
  });
});

describe("pacing a batch of letters", () => {
  it("starts at most the per-minute limit, holding one in reserve, and lets the rest wait their turn", async () => {
    vi.useFakeTimers({ toFake: ["Date", "setTimeout"] });
    const model = new FakeListChatModel({ responses: ["one", "two", "three"] });
    // 2 a minute: one start at once (one token held back), then one every 30 s.
    const writer = createModelLetterWriter({ model, modelId: "paced", requestsPerMinute: 2 });
    const done: string[] = [];
    const letters = [1, 2, 3].map((i) => writer.write(REQUEST).then((t) => done.push(`${i}:${t}`)));
    await letters[0];
    expect(done).toEqual(["1:one"]);
    // The second's turn comes 30 s later (on the test's clock); nothing else can start it.
    await vi.advanceTimersByTimeAsync(29_999);
    expect(done).toEqual(["1:one"]);
    await vi.advanceTimersByTimeAsync(1);
    await letters[1];
    expect(done).toEqual(["1:one", "2:two"]);
    await vi.advanceTimersByTimeAsync(30_000);
    await Promise.all(letters);
    expect(done).toEqual(["1:one", "2:two", "3:three"]);
  });
});

describe("recognising a used-up quota", () => {
  it.each([
    ["the API's code", { code: "insufficient_quota" }],
    ["the error body's type (older answers had no code)", { error: { type: "insufficient_quota" } }],
    ["LangChain's error name", { name: "InsufficientQuotaError" }],
    ["the rate-limit reason", { rateLimitReason: "insufficient_quota" }],
    ["the quota message", { rateLimitReason: "quota_message" }],
  ])("by %s", (_how, err) => {
    expect(isQuotaExhausted(err)).toBe(true);
  });

  it.each([
    ["a rate limit", { status: 429, code: "rate_limit_exceeded" }],
    ["a text", "insufficient_quota"],
    ["nothing", null],
  ])("not from %s", (_what, err) => {
    expect(isQuotaExhausted(err)).toBe(false);
  });
});
