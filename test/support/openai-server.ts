// A local server speaking the OpenAI Chat Completions protocol, answering from a script, so the
// real ChatOpenAI client can be tested through OPENAI_BASE_URL; and the Embeddings protocol, with
// vectors from the offline hashing embedder (deterministic, and similar texts are similar).
import http from "node:http";
import type { AddressInfo } from "node:net";
import { HashingEmbedder } from "../../src/search/hashing.embedder.js";

export type ScriptedReply =
  { toolCalls: Array<{ name: string; args: Record<string, unknown> }> } | { text: string };

export interface ChatCompletionRequest {
  model: string;
  messages: Array<{ role: string; content: unknown; tool_calls?: unknown; tool_call_id?: string }>;
  tools?: Array<{ type: string; function: { name: string; description?: string; parameters?: unknown } }>;
  stream?: boolean;
}

export interface EmbeddingRequest {
  model: string;
  input: string | string[];
  dimensions?: number;
  encoding_format?: "float" | "base64";
}

export interface OpenAiServer {
  /** Base URL to use as OPENAI_BASE_URL (ends in /v1). */
  url: string;
  requests: Array<{ body: ChatCompletionRequest; authorization: string | undefined }>;
  embeddingRequests: Array<{ body: EmbeddingRequest; authorization: string | undefined }>;
  /** Answer the next `times` embedding requests with this HTTP status. */
  failEmbeddings(times: number, status?: number): void;
  close(): Promise<void>;
}

/**
 * Vector length per embedding model. `local-unnormalized` stands for servers (Ollama) whose vectors
 * are not unit length; `text-embedding-3-*` honour `dimensions`; unknown models get a 404.
 */
const EMBEDDING_MODELS: Record<string, number> = {
  "text-embedding-3-small": 1536,
  "text-embedding-3-large": 3072,
  "local-unnormalized": 768,
};

function embeddingAnswer(body: EmbeddingRequest): { status: number; payload: unknown } {
  const native = EMBEDDING_MODELS[body.model];
  if (native === undefined)
    return {
      status: 404,
      payload: { error: { message: `model ${body.model} not found`, type: "invalid_request_error" } },
    };
  const inputs = Array.isArray(body.input) ? body.input : [body.input];
  if (inputs.some((t) => typeof t !== "string" || t === ""))
    return {
      status: 400,
      payload: { error: { message: "'$.input' is invalid", type: "invalid_request_error" } },
    };
  const dim = body.model.startsWith("text-embedding-3-") && body.dimensions ? body.dimensions : native;
  const embedder = new HashingEmbedder({ dim });
  const scale = body.model === "local-unnormalized" ? 7.5 : 1;
  const data = inputs.map((t, index) => {
    const v = embedder.embedOne(t).map((x) => x * scale);
    const embedding =
      body.encoding_format === "base64" ? Buffer.from(new Float32Array(v).buffer).toString("base64") : [...v];
    return { object: "embedding", index, embedding };
  });
  return {
    status: 200,
    payload: {
      object: "list",
      data,
      model: body.model,
      usage: { prompt_tokens: inputs.length, total_tokens: inputs.length },
    },
  };
}

/** Replies are given in order, one per request; `delayMs` slows every answer (a slow model). */
export async function startOpenAiServer(
  script: ScriptedReply[] | ((req: ChatCompletionRequest, n: number) => ScriptedReply),
  opts: { delayMs?: number } = {},
): Promise<OpenAiServer> {
  const requests: OpenAiServer["requests"] = [];
  const embeddingRequests: OpenAiServer["embeddingRequests"] = [];
  const embeddingFaults: number[] = [];
  let n = 0;
  const server = http.createServer((req, res) => {
    let raw = "";
    req.on("data", (c: Buffer) => (raw += c.toString()));
    req.on("end", () => {
      if (req.method === "POST" && req.url?.endsWith("/embeddings")) {
        const body = JSON.parse(raw) as EmbeddingRequest;
        embeddingRequests.push({ body, authorization: req.headers.authorization });
        const fault = embeddingFaults.shift();
        const { status, payload } =
          fault !== undefined
            ? {
                status: fault,
                payload: { error: { message: "embedding service unavailable", type: "server_error" } },
              }
            : embeddingAnswer(body);
        res.writeHead(status, { "content-type": "application/json" }).end(JSON.stringify(payload));
        return;
      }
      if (req.method !== "POST" || !req.url?.endsWith("/chat/completions")) {
        res
          .writeHead(404, { "content-type": "application/json" })
          .end(JSON.stringify({ error: { message: `no route ${req.url}` } }));
        return;
      }
      const body = JSON.parse(raw) as ChatCompletionRequest;
      requests.push({ body, authorization: req.headers.authorization });
      const reply = typeof script === "function" ? script(body, n) : script[Math.min(n, script.length - 1)];
      n += 1;
      const message =
        reply && "toolCalls" in reply
          ? {
              role: "assistant",
              content: null,
              tool_calls: reply.toolCalls.map((c, i) => ({
                id: `call_${n}_${i}`,
                type: "function",
                function: { name: c.name, arguments: JSON.stringify(c.args) },
              })),
            }
          : { role: "assistant", content: reply?.text ?? "" };
      const payload = {
        id: `chatcmpl-${n}`,
        object: "chat.completion",
        created: Math.floor(Date.now() / 1000),
        model: body.model,
        choices: [
          {
            index: 0,
            message,
            finish_reason: "tool_calls" in message ? "tool_calls" : "stop",
            logprobs: null,
          },
        ],
        usage: { prompt_tokens: 10, completion_tokens: 5, total_tokens: 15 },
      };
      setTimeout(
        () => res.writeHead(200, { "content-type": "application/json" }).end(JSON.stringify(payload)),
        opts.delayMs ?? 0,
      );
    });
  });
  await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/v1`,
    requests,
    embeddingRequests,
    failEmbeddings: (times, status = 503) => {
      for (let i = 0; i < times; i++) embeddingFaults.push(status);
    },
    close: () => new Promise((r) => server.close(() => r())),
  };
}
