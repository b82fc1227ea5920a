// The OpenAI-compatible stand-in (src/mock/openai) answering from a test's script, so the real
// ChatOpenAI client can be tested through OPENAI_BASE_URL; embeddings come from the stand-in as is
// (the offline hashing embedder: deterministic, and similar texts are similar).
import { startOpenAiMock, type OpenAiMockSettings } from "../../src/mock/openai/server.js";
import type { ChatCompletionRequest, EmbeddingRequest, Reply } from "../../src/mock/openai/protocol.js";

export type ScriptedReply = Reply;
export type { ChatCompletionRequest, EmbeddingRequest };

export interface OpenAiServer {
  /** Base URL to use as OPENAI_BASE_URL (ends in /v1). */
  url: string;
  requests: Array<{ body: ChatCompletionRequest; authorization: string | undefined }>;
  embeddingRequests: Array<{ body: EmbeddingRequest; authorization: string | undefined }>;
  /** Answer the next `times` embedding requests with this HTTP status. */
  failEmbeddings(times: number, status?: number): void;
  close(): Promise<void>;
}

/** Replies are given in order, one per request; `delayMs` slows every answer (a slow model). */
export async function startOpenAiServer(
  script: ScriptedReply[] | ((req: ChatCompletionRequest, n: number) => ScriptedReply),
  opts: { delayMs?: number; settings?: Partial<OpenAiMockSettings> } = {},
): Promise<OpenAiServer> {
  const mock = await startOpenAiMock(
    (req, n) =>
      typeof script === "function"
        ? script(req, n)
        : (script[Math.min(n, script.length - 1)] ?? { text: "" }),
    { latency: { medianMs: opts.delayMs ?? 0 }, ...opts.settings },
  );
  return {
    url: mock.url,
    requests: mock.requests,
    embeddingRequests: mock.embeddingRequests,
    failEmbeddings: (times, status = 503) => mock.injectFault("embeddings", status, times),
    close: () => mock.close(),
  };
}
