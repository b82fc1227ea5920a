// The OpenAI-compatible stand-in's answers by plain HTTP, as any client meets them: a whole
// conversation (system and developer prompts, the model's tool calls, tool results, content in
// parts) answered by jobscout's rules, tool_choice "none", structured output (a JSON schema's
// smallest valid value, json_object), a streamed text answer, the embeddings protocol's errors and
// options, rate limits on requests, tokens and quota with OpenAI's headers, and the faults and
// malformed requests it answers with OpenAI's error shape.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startRuleOpenAiMock, type OpenAiMock } from "../../src/mock/standins.js";

const KEY = "sk-protocol";
const headers = { authorization: `Bearer ${KEY}`, "content-type": "application/json" };

async function post(mock: OpenAiMock, path: string, body: unknown, key = KEY) {
  const res = await fetch(`${mock.url}${path}`, {
    method: "POST",
    headers: { ...headers, authorization: `Bearer ${key}` },
    body: typeof body === "string" ? body : JSON.stringify(body),
  });
  return { status: res.status, headers: res.headers, text: await res.text() };
}
const json = (r: { text: string }) => JSON.parse(r.text) as Record<string, unknown>;
const chat = (mock: OpenAiMock, body: Record<string, unknown>, key?: string) =>
  post(mock, "/chat/completions", { model: "gpt-4o-mini", ...body }, key);
const message = (r: { text: string }) =>
  (
    json(r).choices as Array<{
      message: { content: string | null; tool_calls?: unknown[] };
      finish_reason: string;
    }>
  )[0]!;

const SEARCH = { type: "function", function: { name: "search_jobs", parameters: { type: "object" } } };
const RUN = { type: "function", function: { name: "start_run", parameters: { type: "object" } } };

describe("the OpenAI stand-in's protocol", () => {
  let mock: OpenAiMock;
  beforeAll(async () => {
    mock = await startRuleOpenAiMock({ apiKeys: [KEY] });
  });
  afterAll(() => mock.close());

  it("answers a whole conversation with tool results by jobscout's rules", async () => {
    const result = {
      query: { keywords: "python", place: "Berlin", remote: "any", offset: 0, limit: 5 },
      total: 7,
      notes: [],
      jobs: [
        { n: 1, jobId: "a", title: "Backend Engineer", company: "Acme" },
        { n: 2, jobId: "b", title: "Data Engineer", company: "Beta" },
      ],
    };
    const r = await chat(mock, {
      tools: [SEARCH, RUN],
      messages: [
        { role: "system", content: "You help people find jobs." },
        { role: "developer", content: [{ type: "text", text: "Answer briefly." }] },
        {
          role: "user",
          content: [
            { type: "text", text: "python jobs in " },
            { type: "image_url", image_url: { url: "data:image/png;base64,AAAA" } },
            { type: "text", text: "Berlin" },
          ],
        },
        {
          role: "assistant",
          content: null,
          tool_calls: [
            {
              id: "c1",
              type: "function",
              function: { name: "search_jobs", arguments: '{"keywords":"python"}' },
            },
          ],
        },
        { role: "tool", tool_call_id: "c1", content: JSON.stringify(result) },
      ],
    });
    expect(r.status).toBe(200);
    expect(message(r)).toMatchObject({
      message: { content: "Here are 2 of 7 matches for “python” in or near Berlin:" },
      finish_reason: "stop",
    });
  });

  it("reads tool calls whose arguments are not an object, and a tool result named by the client", async () => {
    const r = await chat(mock, {
      tools: [SEARCH],
      messages: [
        { role: "user", content: "status" },
        {
          role: "assistant",
          content: "",
          tool_calls: [
            { id: "c1", type: "function", function: { name: "run_status", arguments: "{not json" } },
            { id: "c2", type: "function", function: { name: "run_status", arguments: "[1, 2]" } },
          ],
        },
        {
          role: "tool",
          tool_call_id: "c9",
          name: "dashboard_link",
          content: '{"message":"Open the dashboard."}',
        },
      ],
    });
    expect(message(r).message.content).toBe("Open the dashboard.");
  });

  it("answers in words when the client allows no tool, saying what it heard", async () => {
    const r = await chat(mock, {
      tools: [SEARCH],
      tool_choice: "none",
      messages: [{ role: "user", content: "python jobs in Berlin" }],
    });
    expect(message(r).message.content).toBe("Noted: python jobs in Berlin");
    // Without tools, words it has are said as they are.
    const hello = await chat(mock, { messages: [{ role: "user", content: "hello" }] });
    expect(message(hello).message.content).toMatch(/^Hello! I search job postings for you\./);
  });

  it("gives structured output: the smallest value a JSON schema allows, and {} for json_object", async () => {
    const schema = {
      type: "object",
      properties: {
        a: { enum: ["x", "y"] },
        b: { const: 5 },
        c: { anyOf: [{ type: "string", minLength: 2 }, { type: "null" }] },
        d: { type: "array", minItems: 2, items: { type: "integer", minimum: 3 } },
        e: { type: ["null", "boolean"] },
        f: { type: "number" },
        g: { type: "array", items: {} },
        h: { type: "string" },
        i: {},
        j: { type: "object", properties: { k: { type: "string" }, l: { type: "string" } }, required: ["k"] },
      },
    };
    const r = await chat(mock, {
      response_format: { type: "json_schema", json_schema: { name: "x", schema } },
      messages: [{ role: "user", content: "give me the shape" }],
    });
    expect(JSON.parse(message(r).message.content!)).toEqual({
      a: "x",
      b: 5,
      c: "xx",
      d: [3, 3],
      e: false,
      f: 0,
      g: [],
      h: "",
      i: null,
      j: { k: "" },
    });
    const noSchema = await chat(mock, {
      response_format: { type: "json_schema", json_schema: { name: "x" } },
      messages: [{ role: "user", content: "anything" }],
    });
    expect(message(noSchema).message.content).toBe("null");
    const object = await chat(mock, {
      response_format: { type: "json_object" },
      messages: [{ role: "user", content: "anything" }],
    });
    expect(message(object).message.content).toBe("{}");
    // A forced tool that the request does not describe: called with no arguments.
    const forced = await chat(mock, {
      tool_choice: { type: "function", function: { name: "record_verdict" } },
      messages: [{ role: "user", content: "anything" }],
    });
    expect(message(forced).message.tool_calls).toEqual([
      {
        id: expect.any(String) as string,
        type: "function",
        function: { name: "record_verdict", arguments: "{}" },
      },
    ]);
  });

  it("streams a text answer in chunks ending with stop, and no usage chunk unless asked", async () => {
    const r = await chat(mock, { stream: true, messages: [{ role: "user", content: "hello" }] });
    expect(r.headers.get("content-type")).toBe("text/event-stream");
    const events = r.text
      .split("\n\n")
      .filter(Boolean)
      .map((e) => e.replace(/^data: /, ""));
    expect(events.at(-1)).toBe("[DONE]");
    const chunks = events
      .slice(0, -1)
      .map(
        (e) =>
          JSON.parse(e) as { choices: Array<{ delta: { content?: string }; finish_reason: string | null }> },
      );
    expect(chunks.every((c) => c.choices.length === 1)).toBe(true);
    expect(chunks.at(-1)!.choices[0]!.finish_reason).toBe("stop");
    expect(chunks.map((c) => c.choices[0]!.delta.content ?? "").join("")).toMatch(
      /^Hello! I search job postings/,
    );
  });

  it("answers the embeddings protocol's errors and honours dimensions and unnormalised models", async () => {
    const embed = (body: unknown) => post(mock, "/embeddings", body);
    const unknown = await embed({ model: "text-embedding-ada-999", input: "x" });
    expect(unknown.status).toBe(404);
    expect(json(unknown).error).toMatchObject({ code: "model_not_found", type: "invalid_request_error" });
    for (const input of [[], "", ["ok", 7]]) {
      const bad = await embed({ model: "text-embedding-3-small", input });
      expect(bad.status).toBe(400);
      expect(json(bad).error).toMatchObject({ message: "'$.input' is invalid", param: "input" });
    }
    const small = json(await embed({ model: "text-embedding-3-small", input: ["python"], dimensions: 64 }));
    expect((small.data as Array<{ embedding: number[] }>)[0]!.embedding).toHaveLength(64);
    const local = json(await embed({ model: "local-unnormalized", input: "python developer" }));
    const v = (local.data as Array<{ embedding: number[] }>)[0]!.embedding;
    expect(v).toHaveLength(768);
    expect(Math.hypot(...v)).toBeCloseTo(7.5, 3);
  });

  it("refuses what is not a request: unknown routes, bad JSON, no messages; lists its models", async () => {
    const get = await fetch(`${mock.url}/chat/completions`, { headers });
    expect(get.status).toBe(404);
    expect(((await get.json()) as { error: { message: string } }).error.message).toBe(
      "Invalid URL (GET /v1/chat/completions)",
    );
    const bad = await post(mock, "/chat/completions", "{model:");
    expect(bad.status).toBe(400);
    expect(json(bad).error).toMatchObject({ message: "We could not parse the JSON body of your request." });
    const none = await chat(mock, { messages: [] });
    expect(none.status).toBe(400);
    expect(json(none).error).toMatchObject({ param: "messages" });
    const models = (await (await fetch(`${mock.url}/models/`)).json()) as { data: Array<{ id: string }> };
    expect(models.data.map((m) => m.id)).toEqual([
      "gpt-4o-mini",
      "text-embedding-3-small",
      "text-embedding-3-large",
      "local-unnormalized",
    ]);
  });

  it("answers an injected 401 and 503 in OpenAI's words, on chat and on embeddings", async () => {
    mock.injectFault("chat", 401);
    const refused = await chat(mock, { messages: [{ role: "user", content: "hello" }] });
    expect(refused.status).toBe(401);
    expect(json(refused).error).toMatchObject({
      message: "Incorrect API key provided.",
      type: "invalid_request_error",
    });
    mock.injectFault("embeddings", "503");
    const busy = await post(mock, "/embeddings", { model: "text-embedding-3-small", input: "x" });
    expect(busy.status).toBe(503);
    expect(json(busy).error).toMatchObject({
      message: "The engine is currently overloaded, please try again later.",
      type: "server_error",
    });
  });
});

describe("the OpenAI stand-in's limits", () => {
  it("refuses a second request within the minute with 429, retry-after and OpenAI's message", async () => {
    const mock = await startRuleOpenAiMock({
      limits: { requestsPerMinute: 1, tokensPerMinute: 0, quotaTokens: 0 },
    });
    try {
      const ask = () => chat(mock, { max_tokens: 5, messages: [{ role: "user", content: "hello" }] });
      expect((await ask()).status).toBe(200);
      const second = await ask();
      expect(second.status).toBe(429);
      expect(json(second).error).toMatchObject({ type: "requests", code: "rate_limit_exceeded" });
      expect((json(second).error as { message: string }).message).toMatch(
        /^Rate limit reached for requests per min \(RPM\): Limit 1, Used 1, Requested 1\. Please try again in (59\.\d+s|1m0s)\.$/,
      );
      expect(Number(second.headers.get("retry-after"))).toBeGreaterThanOrEqual(59);
      // Embeddings share the key's budget.
      const embed = await post(mock, "/embeddings", { model: "text-embedding-3-small", input: "x" });
      expect(embed.status).toBe(429);
    } finally {
      await mock.close();
    }
  });

  it("refuses tokens over the minute's budget, and any request once the quota is spent", async () => {
    const tokens = await startRuleOpenAiMock({
      limits: { requestsPerMinute: 0, tokensPerMinute: 50, quotaTokens: 0 },
    });
    const quota = await startRuleOpenAiMock({
      limits: { requestsPerMinute: 0, tokensPerMinute: 0, quotaTokens: 10 },
    });
    try {
      const long = { max_completion_tokens: 40, messages: [{ role: "user", content: "hello ".repeat(20) }] };
      expect((await chat(tokens, long)).status).toBe(200);
      const over = await chat(tokens, long);
      expect(over.status).toBe(429);
      expect(json(over).error).toMatchObject({ type: "tokens", code: "rate_limit_exceeded" });
      expect((json(over).error as { message: string }).message).toMatch(
        /^Rate limit reached for tokens per min \(TPM\): Limit 50, Used \d+, Requested 50\. Please try again in [\d.]+s\.$/,
      );
      expect((await chat(quota, long)).status).toBe(200);
      const spent = await chat(quota, long);
      expect(spent.status).toBe(429);
      expect(json(spent).error).toMatchObject({ type: "insufficient_quota", code: "insufficient_quota" });
      expect(spent.headers.get("retry-after")).toBeNull();
    } finally {
      await tokens.close();
      await quota.close();
    }
  });
});
