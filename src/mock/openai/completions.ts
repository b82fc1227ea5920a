import type { ChatCompletionRequest, Reply } from "./protocol.js";

export interface Usage {
  prompt_tokens: number;
  completion_tokens: number;
  total_tokens: number;
}

type ToolCall = { id: string; type: "function"; function: { name: string; arguments: string } };

function toolCallsOf(reply: Reply, n: number, badArgs: boolean): ToolCall[] | undefined {
  if (!("toolCalls" in reply)) return undefined;
  return reply.toolCalls.map((c, i) => {
    const args = JSON.stringify(c.args);
    // An injected fault: arguments cut off mid-JSON, as models sometimes send them.
    return {
      id: `call_${n}_${i}`,
      type: "function",
      function: { name: c.name, arguments: badArgs ? args.slice(0, -1) : args },
    };
  });
}

/** A whole `chat.completion` object. */
export function completionBody(
  req: ChatCompletionRequest,
  reply: Reply,
  n: number,
  usage: Usage,
  badArgs = false,
): unknown {
  const calls = toolCallsOf(reply, n, badArgs);
  return {
    id: `chatcmpl-${n}`,
    object: "chat.completion",
    created: Math.floor(Date.now() / 1000),
    model: req.model,
    choices: [
      {
        index: 0,
        message: calls
          ? { role: "assistant", content: null, tool_calls: calls, refusal: null }
          : { role: "assistant", content: "text" in reply ? reply.text : "", refusal: null },
        finish_reason: calls ? "tool_calls" : "stop",
        logprobs: null,
      },
    ],
    usage,
  };
}

function pieces(text: string, size: number): string[] {
  const out: string[] = [];
  for (let i = 0; i < text.length; i += size) out.push(text.slice(i, i + size));
  return out;
}

/**
 * The `chat.completion.chunk` objects of a streamed answer, in the order OpenAI sends them: the
 * role, content or tool-call fragments (a call's first fragment carries its id and name), the
 * finish reason, then — when asked with `stream_options.include_usage` — a chunk with no choices
 * and the usage.
 */
export function completionChunks(
  req: ChatCompletionRequest,
  reply: Reply,
  n: number,
  usage: Usage,
  badArgs = false,
): unknown[] {
  const base = {
    id: `chatcmpl-${n}`,
    object: "chat.completion.chunk",
    created: Math.floor(Date.now() / 1000),
    model: req.model,
  };
  const chunk = (delta: unknown, finish: string | null = null) => ({
    ...base,
    choices: [{ index: 0, delta, finish_reason: finish, logprobs: null }],
  });
  const out: unknown[] = [chunk({ role: "assistant", content: "" })];
  const calls = toolCallsOf(reply, n, badArgs);
  if (calls) {
    calls.forEach((c, index) => {
      out.push(
        chunk({
          tool_calls: [
            { index, id: c.id, type: "function", function: { name: c.function.name, arguments: "" } },
          ],
        }),
      );
      for (const part of pieces(c.function.arguments, 16))
        out.push(chunk({ tool_calls: [{ index, function: { arguments: part } }] }));
    });
    out.push(chunk({}, "tool_calls"));
  } else {
    for (const part of pieces("text" in reply ? reply.text : "", 24)) out.push(chunk({ content: part }));
    out.push(chunk({}, "stop"));
  }
  if (req.stream_options?.include_usage) out.push({ ...base, choices: [], usage });
  return out;
}
