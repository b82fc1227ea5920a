// A local server speaking the OpenAI Chat Completions protocol, answering from a script, so the
// real ChatOpenAI client can be tested through OPENAI_BASE_URL.
import http from "node:http";
import type { AddressInfo } from "node:net";

export type ScriptedReply =
  { toolCalls: Array<{ name: string; args: Record<string, unknown> }> } | { text: string };

export interface ChatCompletionRequest {
  model: string;
  messages: Array<{ role: string; content: unknown; tool_calls?: unknown; tool_call_id?: string }>;
  tools?: Array<{ type: string; function: { name: string; description?: string; parameters?: unknown } }>;
  stream?: boolean;
}

export interface OpenAiServer {
  /** Base URL to use as OPENAI_BASE_URL (ends in /v1). */
  url: string;
  requests: Array<{ body: ChatCompletionRequest; authorization: string | undefined }>;
  close(): Promise<void>;
}

/** Replies are given in order, one per request; `delayMs` slows every answer (a slow model). */
export async function startOpenAiServer(
  script: ScriptedReply[] | ((req: ChatCompletionRequest, n: number) => ScriptedReply),
  opts: { delayMs?: number } = {},
): Promise<OpenAiServer> {
  const requests: OpenAiServer["requests"] = [];
  let n = 0;
  const server = http.createServer((req, res) => {
    let raw = "";
    req.on("data", (c: Buffer) => (raw += c.toString()));
    req.on("end", () => {
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
    close: () => new Promise((r) => server.close(() => r())),
  };
}
