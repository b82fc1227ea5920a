// The OpenAI-compatible stand-in (`jobscout mock openai`) against the real clients: ChatOpenAI
// (plain and streaming, tool calls), OpenAIEmbeddings (floats and base64), the rate limits with
// their headers and retry-after, the quota and injected faults.
import { ChatOpenAI, OpenAIEmbeddings } from "@langchain/openai";
import { tool } from "@langchain/core/tools";
import type { AIMessageChunk } from "@langchain/core/messages";
import { concat } from "@langchain/core/utils/stream";
import { z } from "zod";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startRuleOpenAiMock, type OpenAiMock } from "../../src/mock/standins.js";

const KEY = "sk-mock-test";
const searchJobs = tool(() => "[]", {
  name: "search_jobs",
  description: "search jobs",
  schema: z.object({ keywords: z.string(), place: z.string().optional() }),
});

function chat(mock: OpenAiMock, extra: Partial<ConstructorParameters<typeof ChatOpenAI>[0]> = {}) {
  return new ChatOpenAI({
    model: "gpt-4o-mini",
    apiKey: KEY,
    temperature: 0,
    maxRetries: 2,
    configuration: { baseURL: mock.url },
    ...extra,
  });
}

describe("the OpenAI stand-in answers by rules", () => {
  let mock: OpenAiMock;
  beforeAll(async () => {
    mock = await startRuleOpenAiMock();
  });
  afterAll(() => mock.close());

  it("turns a job request into a search_jobs call, plain and streamed, the same both ways", async () => {
    const plain = await chat(mock).bindTools([searchJobs]).invoke("find python jobs in Frankfurt");
    // Streamed through .stream(): ChatOpenAI's `streaming: true` + invoke counts tokens with tiktoken
    // files it downloads, which an offline test must not depend on.
    const chunks: AIMessageChunk[] = [];
    for await (const c of await chat(mock).bindTools([searchJobs]).stream("find python jobs in Frankfurt"))
      chunks.push(c);
    const streamed = chunks.reduce((a, b) => concat(a, b));
    for (const answer of [plain, streamed]) {
      expect(answer.tool_calls).toHaveLength(1);
      expect(answer.tool_calls?.[0]).toMatchObject({
        name: "search_jobs",
        args: { keywords: "python", place: "Frankfurt am Main" },
      });
    }
    // ChatOpenAI asks for usage in streams; the stand-in sends it in a last chunk with no choices.
    expect(mock.requests.at(-1)?.body.stream).toBe(true);
    expect((streamed.usage_metadata as { total_tokens: number } | undefined)?.total_tokens).toBeGreaterThan(
      0,
    );
    // A different request gets a different, rule-made answer: nothing is canned.
    const other = await chat(mock).bindTools([searchJobs]).invoke("Pflegejobs in Würzburg");
    expect(other.tool_calls?.[0]?.args).toMatchObject({ place: "Würzburg" });
  });

  it("answers a structured-output request with the smallest value its schema allows, as JSON schema or forced tool", async () => {
    const verdict = z.object({
      verdict: z.enum(["fit", "maybe", "no"]),
      points: z.number().int().min(-10).max(10),
      reason: z.string().min(3),
      citations: z.array(z.object({ line: z.number().int().min(1), quote: z.string() })).min(1),
      urgent: z.boolean(),
      note: z.string().nullable(),
      kind: z.literal("verdict"),
      either: z.union([z.number().min(2), z.string()]),
    });
    const expected = {
      verdict: "fit",
      points: -10,
      reason: "xxx",
      citations: [{ line: 1, quote: "" }],
      urgent: false,
      note: "",
      kind: "verdict",
      either: 2,
    };
    for (const method of ["jsonSchema", "functionCalling"] as const) {
      const answer = await chat(mock).withStructuredOutput(verdict, { method }).invoke("judge this job");
      expect(answer).toEqual(expected);
    }
    // JSON mode without a schema: an empty object, still valid JSON.
    const res = await fetch(`${mock.url}/chat/completions`, {
      method: "POST",
      headers: { authorization: `Bearer ${KEY}`, "content-type": "application/json" },
      body: JSON.stringify({
        model: "gpt-4o-mini",
        messages: [{ role: "user", content: "answer in JSON" }],
        response_format: { type: "json_object" },
      }),
    });
    const body = (await res.json()) as { choices: Array<{ message: { content: string } }> };
    expect(body.choices[0]?.message.content).toBe("{}");
  });

  it("embeds as floats and as base64 alike, and lists its models", async () => {
    const float = new OpenAIEmbeddings({
      model: "text-embedding-3-small",
      apiKey: KEY,
      dimensions: 64,
      encodingFormat: "float",
      configuration: { baseURL: mock.url },
    });
    // Without a format openai-node asks for base64 and decodes it itself.
    const base64 = new OpenAIEmbeddings({
      model: "text-embedding-3-small",
      apiKey: KEY,
      dimensions: 64,
      configuration: { baseURL: mock.url },
    });
    const [a] = await float.embedDocuments(["Python developer Frankfurt"]);
    const [b] = await base64.embedDocuments(["Python developer Frankfurt"]);
    expect(a).toHaveLength(64);
    expect(mock.embeddingRequests.at(-1)?.body.encoding_format).toBe("base64");
    expect([...b!].map((x) => Math.fround(x))).toEqual(a!.map((x) => Math.fround(x)));
    const models = (await (
      await fetch(`${mock.url}/models`, { headers: { authorization: `Bearer ${KEY}` } })
    ).json()) as { data: Array<{ id: string }> };
    expect(models.data.map((m) => m.id)).toEqual(
      expect.arrayContaining(["gpt-4o-mini", "text-embedding-3-small"]),
    );
  });

  it("refuses a request without a key as OpenAI does", async () => {
    const res = await fetch(`${mock.url}/chat/completions`, {
      method: "POST",
      body: JSON.stringify({ model: "x", messages: [{ role: "user", content: "hi" }] }),
    });
    expect(res.status).toBe(401);
    expect(((await res.json()) as { error: { code: string } }).error.code).toBe("invalid_api_key");
  });
});

describe("the OpenAI stand-in's limits", () => {
  it("answers past the request limit with 429 rate_limit_exceeded, retry-after and x-ratelimit headers; ChatOpenAI waits and succeeds", async () => {
    // Two requests per 2 s: a third at once must wait about a second.
    const mock = await startRuleOpenAiMock({
      limits: { requestsPerMinute: 2, tokensPerMinute: 0, quotaTokens: 0, periodMs: 2000 },
    });
    try {
      const ask = () =>
        fetch(`${mock.url}/chat/completions`, {
          method: "POST",
          headers: { authorization: `Bearer ${KEY}`, "content-type": "application/json" },
          body: JSON.stringify({
            model: "gpt-4o-mini",
            messages: [{ role: "user", content: "jobs in Berlin" }],
          }),
        });
      const first = await ask();
      expect(first.headers.get("x-ratelimit-limit-requests")).toBe("2");
      expect(first.headers.get("x-ratelimit-remaining-requests")).toBe("1");
      await ask();
      const refused = await ask();
      expect(refused.status).toBe(429);
      expect(Number(refused.headers.get("retry-after"))).toBeGreaterThanOrEqual(1);
      expect(Number(refused.headers.get("retry-after-ms"))).toBeGreaterThan(0);
      const body = (await refused.json()) as { error: { code: string; type: string; message: string } };
      expect(body.error).toMatchObject({ code: "rate_limit_exceeded", type: "requests" });
      expect(body.error.message).toMatch(/try again in [\d.]+m?s/);

      // The real client honours retry-after and gets its answer.
      const before = mock.stats.rate_limited ?? 0;
      const answer = await chat(mock).invoke("jobs in Berlin");
      expect(answer.content).not.toBe("");
      expect((mock.stats.rate_limited ?? 0) - before).toBeGreaterThanOrEqual(1);
    } finally {
      await mock.close();
    }
  });

  it("ends a spent quota in 429 insufficient_quota, which the client does not retry", async () => {
    const mock = await startRuleOpenAiMock({
      limits: { requestsPerMinute: 0, tokensPerMinute: 0, quotaTokens: 50 },
    });
    try {
      await chat(mock).invoke("jobs in Berlin");
      const asked = mock.requests.length;
      const err = (await chat(mock)
        .invoke("jobs in Berlin")
        .catch((e: unknown) => e)) as { status?: number; code?: string; message: string };
      expect(err.status ?? 429).toBe(429);
      expect(err.message).toMatch(/exceeded your current quota/);
      expect(mock.requests.length - asked).toBe(1);
    } finally {
      await mock.close();
    }
  });

  it("injects faults: a 503 is retried, a cut-off stream and broken tool arguments fail the answer", async () => {
    const mock = await startRuleOpenAiMock();
    try {
      mock.injectFault("chat", "503");
      const asked = mock.requests.length;
      expect((await chat(mock).invoke("jobs in Berlin")).content).not.toBe("");
      expect(mock.requests.length - asked).toBe(2);

      mock.injectFault("chat", "truncate");
      const cut = async () => {
        for await (const _ of await chat(mock, { maxRetries: 0 })
          .bindTools([searchJobs])
          .stream("jobs in Berlin"))
          void _;
      };
      await expect(cut()).rejects.toThrow();

      mock.injectFault("chat", "bad_tool_args");
      const broken = await chat(mock, { maxRetries: 0 }).bindTools([searchJobs]).invoke("jobs in Berlin");
      expect(broken.tool_calls ?? []).toHaveLength(0);
      expect(broken.invalid_tool_calls?.[0]?.name).toBe("search_jobs");

      mock.injectFault("chat", "timeout");
      await expect(chat(mock, { maxRetries: 0, timeout: 300 }).invoke("jobs in Berlin")).rejects.toThrow(
        /timed out|timeout|abort/i,
      );
    } finally {
      await mock.close();
    }
  });
});
