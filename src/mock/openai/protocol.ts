// The parts of the OpenAI Chat Completions and Embeddings protocols the stand-in speaks.

export interface ChatMessage {
  role: "system" | "developer" | "user" | "assistant" | "tool";
  content: unknown;
  name?: string;
  tool_calls?: Array<{ id: string; type: "function"; function: { name: string; arguments: string } }>;
  tool_call_id?: string;
}

export interface ChatTool {
  type: string;
  function: { name: string; description?: string; parameters?: unknown };
}

export interface ChatCompletionRequest {
  model: string;
  messages: ChatMessage[];
  tools?: ChatTool[];
  tool_choice?: "auto" | "none" | "required" | { type: "function"; function: { name: string } };
  response_format?: {
    type: "text" | "json_object" | "json_schema";
    json_schema?: { name: string; schema?: unknown };
  };
  stream?: boolean;
  stream_options?: { include_usage?: boolean };
  max_tokens?: number;
  max_completion_tokens?: number;
}

export interface EmbeddingRequest {
  model: string;
  input: string | string[];
  dimensions?: number;
  encoding_format?: "float" | "base64";
}

/** What the model "decides": words, or tool calls. */
export type Reply = { toolCalls: Array<{ name: string; args: Record<string, unknown> }> } | { text: string };

/** Decides the reply to request number `n` (0-based). Rules by default; tests may script it. */
export type Responder = (req: ChatCompletionRequest, n: number) => Reply | Promise<Reply>;

/** The text of a message's content, whether a string or an array of parts. */
export function contentText(content: unknown): string {
  if (typeof content === "string") return content;
  if (!Array.isArray(content)) return "";
  return content
    .map((p: unknown) =>
      p && typeof p === "object" && "text" in p && typeof p.text === "string" ? p.text : "",
    )
    .join("");
}

/** Tokens as OpenAI counts them, near enough: about four characters each. */
export function estimateTokens(text: string): number {
  return Math.ceil(text.length / 4);
}

export function openAiError(
  message: string,
  type: string,
  code: string | null = null,
  param: string | null = null,
): { error: { message: string; type: string; param: string | null; code: string | null } } {
  return { error: { message, type, param, code } };
}
