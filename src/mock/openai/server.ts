import http from "node:http";
import { randomUUID } from "node:crypto";
import { drawLatency, seededRandom, type Latency } from "../random.js";
import { listen, readBody, sendJson, sleep, type MockServer } from "../http.js";
import { RateLimits, type RateLimitSettings } from "./rate-limits.js";
import { completionBody, completionChunks, type Usage } from "./completions.js";
import { EMBEDDING_MODELS, embeddingAnswer } from "./embeddings.js";
import {
  contentText,
  estimateTokens,
  openAiError,
  type ChatCompletionRequest,
  type EmbeddingRequest,
  type Responder,
} from "./protocol.js";

/**
 * Faults the stand-in injects: server errors, a request never answered, a stream cut off, bad tool
 * JSON; a queued fault may also be any HTTP status (401, 404…).
 */
export type FaultKind = "500" | "503" | "timeout" | "truncate" | "bad_tool_args";
type Fault = FaultKind | number;
export const FAULT_KINDS: readonly FaultKind[] = ["500", "503", "timeout", "truncate", "bad_tool_args"];

/** Settings of {@link startOpenAiMock}. */
export interface OpenAiMockSettings {
  /** Time to answer (to the first chunk when streaming). @defaultValue no delay */
  latency: Latency;
  limits: RateLimitSettings;
  /** Probability per request of each fault, drawn from the seeded source. @defaultValue none */
  faultRates: Partial<Record<FaultKind, number>>;
  /** Seed of latencies and faults, so a run repeats. @defaultValue `1` */
  seed: number;
  /** Keys accepted; empty accepts any non-empty key. @defaultValue `[]` */
  apiKeys: readonly string[];
  /** Chat model names /v1/models lists (any name is answered). @defaultValue `["gpt-4o-mini"]` */
  chatModels: readonly string[];
}

export const DEFAULT_OPENAI_MOCK: OpenAiMockSettings = {
  latency: { medianMs: 0 },
  limits: { requestsPerMinute: 0, tokensPerMinute: 0, quotaTokens: 0 },
  faultRates: {},
  seed: 1,
  apiKeys: [],
  chatModels: ["gpt-4o-mini"],
};

/** What a test or the command sees of a running stand-in. */
export interface OpenAiMock extends MockServer {
  /** Base URL for OPENAI_BASE_URL (ends in /v1). */
  url: string;
  requests: Array<{ body: ChatCompletionRequest; authorization: string | undefined }>;
  embeddingRequests: Array<{ body: EmbeddingRequest; authorization: string | undefined }>;
  /**
   * Counts by outcome: answered, rate_limited, insufficient_quota, fault, unauthorized; and
   * max_in_flight, the most chat requests it held at once.
   */
  stats: Record<string, number>;
  /** The next `times` requests to `route` get this fault (before any drawn by rate). */
  injectFault(route: "chat" | "embeddings", kind: FaultKind | number, times?: number): void;
}

type Ctx = { req: http.IncomingMessage; res: http.ServerResponse; key: string; requestId: string };

/** Start the OpenAI-compatible stand-in on `port` (0: a free one). */
export async function startOpenAiMock(
  responder: Responder,
  settings: Partial<OpenAiMockSettings> = {},
  port = 0,
  host = "127.0.0.1",
): Promise<OpenAiMock> {
  const s: OpenAiMockSettings = { ...DEFAULT_OPENAI_MOCK, ...settings };
  const random = seededRandom(s.seed);
  const limits = new RateLimits(s.limits);
  const queued: Record<"chat" | "embeddings", Fault[]> = { chat: [], embeddings: [] };
  const stats: Record<string, number> = {};
  const count = (k: string) => (stats[k] = (stats[k] ?? 0) + 1);
  const requests: OpenAiMock["requests"] = [];
  const embeddingRequests: OpenAiMock["embeddingRequests"] = [];
  let n = 0;

  const fault = (route: "chat" | "embeddings"): Fault | undefined => {
    const next = queued[route].shift();
    if (next) return next;
    for (const kind of FAULT_KINDS) if (random() < (s.faultRates[kind] ?? 0)) return kind;
    return undefined;
  };

  /** Auth, quota and rate limits; false when an error was sent. */
  const admit = (ctx: Ctx, tokens: number): Record<string, string> | undefined => {
    const base = { "x-request-id": ctx.requestId };
    if (!ctx.key || (s.apiKeys.length > 0 && !s.apiKeys.includes(ctx.key))) {
      count("unauthorized");
      sendJson(
        ctx.res,
        401,
        openAiError("Incorrect API key provided.", "invalid_request_error", "invalid_api_key"),
        base,
      );
      return undefined;
    }
    const d = limits.take(ctx.key, tokens);
    if (!d.ok) {
      const quota = d.kind === "insufficient_quota";
      count(quota ? "insufficient_quota" : "rate_limited");
      const body = quota
        ? openAiError(d.message, "insufficient_quota", "insufficient_quota")
        : openAiError(d.message, d.kind, "rate_limit_exceeded");
      sendJson(ctx.res, 429, body, { ...base, ...d.headers });
      return undefined;
    }
    return { ...base, ...d.headers };
  };

  /** Sends a 5xx or holds the request for a server, timeout fault; true when the request is spent. */
  const serverFault = (ctx: Ctx, kind: Fault | undefined): boolean => {
    const status = typeof kind === "number" ? kind : kind === "500" || kind === "503" ? Number(kind) : 0;
    if (status > 0) {
      count("fault");
      const message =
        status === 401
          ? "Incorrect API key provided."
          : status === 503
            ? "The engine is currently overloaded, please try again later."
            : "The server had an error while processing your request.";
      const type = status < 500 ? "invalid_request_error" : "server_error";
      sendJson(ctx.res, status, openAiError(message, type), { "x-request-id": ctx.requestId });
      return true;
    }
    if (kind === "timeout") {
      count("fault");
      return true; // never answered: the client's timeout decides
    }
    return false;
  };

  // Chat requests being answered at once (admitted, not yet answered), and the most there were.
  let inFlight = 0;
  const chat = async (ctx: Ctx, body: ChatCompletionRequest) => {
    inFlight++;
    stats.max_in_flight = Math.max(stats.max_in_flight ?? 0, inFlight);
    try {
      await answerChat(ctx, body);
    } finally {
      inFlight--;
    }
  };

  const answerChat = async (ctx: Ctx, body: ChatCompletionRequest) => {
    requests.push({ body, authorization: ctx.req.headers.authorization });
    const prompt = estimateTokens(
      body.messages.map((m) => contentText(m.content)).join("\n") + JSON.stringify(body.tools ?? []),
    );
    const headers = admit(ctx, prompt + (body.max_completion_tokens ?? body.max_tokens ?? 64));
    if (!headers) return;
    const kind = fault("chat");
    await sleep(drawLatency(s.latency, random));
    if (serverFault(ctx, kind)) return;
    const index = n++;
    const reply = await responder(body, index);
    const completion = estimateTokens("text" in reply ? reply.text : JSON.stringify(reply.toolCalls));
    const usage: Usage = {
      prompt_tokens: prompt,
      completion_tokens: completion,
      total_tokens: prompt + completion,
    };
    const badArgs = kind === "bad_tool_args";
    if (badArgs) count("fault");
    if (!body.stream) {
      count("answered");
      sendJson(ctx.res, 200, completionBody(body, reply, index + 1, usage, badArgs), headers);
      return;
    }
    ctx.res.writeHead(200, { "content-type": "text/event-stream", "cache-control": "no-cache", ...headers });
    const chunks = completionChunks(body, reply, index + 1, usage, badArgs);
    const cut = kind === "truncate" ? Math.max(1, Math.floor(chunks.length / 2)) : chunks.length;
    for (const c of chunks.slice(0, cut)) ctx.res.write(`data: ${JSON.stringify(c)}\n\n`);
    if (kind === "truncate") {
      count("fault");
      ctx.res.destroy(); // the connection drops mid-answer, with no [DONE]
      return;
    }
    count("answered");
    ctx.res.end("data: [DONE]\n\n");
  };

  const embeddings = async (ctx: Ctx, body: EmbeddingRequest) => {
    embeddingRequests.push({ body, authorization: ctx.req.headers.authorization });
    const inputs = Array.isArray(body.input) ? body.input : [body.input];
    const headers = admit(ctx, estimateTokens(inputs.join(" ")));
    if (!headers) return;
    const kind = fault("embeddings");
    await sleep(drawLatency(s.latency, random));
    if (serverFault(ctx, kind)) return;
    const { status, payload } = embeddingAnswer(body);
    count("answered");
    sendJson(ctx.res, status, payload, headers);
  };

  const models = (ctx: Ctx) => {
    const ids = [...s.chatModels, ...Object.keys(EMBEDDING_MODELS)];
    sendJson(ctx.res, 200, {
      object: "list",
      data: ids.map((id) => ({ id, object: "model", created: 1_700_000_000, owned_by: "jobscout-mock" })),
    });
  };

  const server = http.createServer((req, res) => {
    const ctx: Ctx = {
      req,
      res,
      key: (req.headers.authorization ?? "").replace(/^Bearer\s+/i, "").trim(),
      requestId: `req_${randomUUID().replace(/-/g, "").slice(0, 24)}`,
    };
    const route = (req.url ?? "").split("?")[0]!.replace(/\/+$/, "");
    const handle = async () => {
      if (req.method === "GET" && route.endsWith("/v1/models")) return models(ctx);
      if (req.method !== "POST" || !/\/v1\/(chat\/completions|embeddings)$/.test(route))
        return sendJson(
          res,
          404,
          openAiError(`Invalid URL (${req.method} ${route})`, "invalid_request_error"),
        );
      let body: unknown;
      try {
        body = JSON.parse((await readBody(req)).toString("utf8"));
      } catch {
        return sendJson(
          res,
          400,
          openAiError("We could not parse the JSON body of your request.", "invalid_request_error"),
        );
      }
      if (route.endsWith("/embeddings")) return embeddings(ctx, body as EmbeddingRequest);
      const chatBody = body as ChatCompletionRequest;
      if (!Array.isArray(chatBody.messages) || chatBody.messages.length === 0)
        return sendJson(
          res,
          400,
          openAiError(
            "'messages' must contain at least one message.",
            "invalid_request_error",
            null,
            "messages",
          ),
        );
      return chat(ctx, chatBody);
    };
    handle().catch((err: unknown) =>
      sendJson(
        res,
        500,
        openAiError(`stand-in failed: ${err instanceof Error ? err.message : String(err)}`, "server_error"),
      ),
    );
  });
  const base = await listen(server, port, host);
  return {
    ...base,
    url: `${base.origin}/v1`,
    requests,
    embeddingRequests,
    stats,
    injectFault: (route, kind, times = 1) => {
      for (let i = 0; i < times; i++) queued[route].push(kind);
    },
  };
}
