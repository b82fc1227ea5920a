import {
  AIMessage,
  HumanMessage,
  SystemMessage,
  ToolMessage,
  type BaseMessage,
} from "@langchain/core/messages";
import type { BindToolsInput } from "@langchain/core/language_models/chat_models";
import { OfflineChatModel } from "../../agents/offline-model.js";
import type { PlaceLookup } from "../../agents/intent.js";
import {
  contentText,
  type ChatCompletionRequest,
  type ChatMessage,
  type Reply,
  type Responder,
} from "./protocol.js";
import { fitVerdictRule } from "./fit-verdict.rule.js";
import { sampleOf } from "./schema-sample.js";

/** One rule: a reply when it applies to the request, else undefined (the next rule is asked). */
export type Rule = (req: ChatCompletionRequest) => Reply | undefined;

function parseArgs(raw: string): Record<string, unknown> {
  try {
    const v: unknown = JSON.parse(raw);
    return v && typeof v === "object" ? (v as Record<string, unknown>) : {};
  } catch {
    return {};
  }
}

/** OpenAI messages as LangChain messages; a tool result gets its tool's name from the call it answers. */
export function toLangChain(messages: readonly ChatMessage[]): BaseMessage[] {
  const names = new Map<string, string>();
  return messages.map((m) => {
    const text = contentText(m.content);
    switch (m.role) {
      case "system":
      case "developer":
        return new SystemMessage(text);
      case "assistant": {
        const calls = (m.tool_calls ?? []).map((c) => {
          names.set(c.id, c.function.name);
          return {
            id: c.id,
            name: c.function.name,
            args: parseArgs(c.function.arguments),
            type: "tool_call" as const,
          };
        });
        return new AIMessage({ content: text, tool_calls: calls });
      }
      case "tool":
        return new ToolMessage({
          content: text,
          tool_call_id: m.tool_call_id ?? "",
          name: names.get(m.tool_call_id ?? "") ?? m.name ?? "",
        });
      default:
        return new HumanMessage(text);
    }
  });
}

/** Structured output: a request that names a JSON schema gets the schema's smallest valid value. */
export const structuredOutputRule: Rule = (req) => {
  const forced = typeof req.tool_choice === "object" ? req.tool_choice.function.name : undefined;
  if (forced) {
    const tool = req.tools?.find((t) => t.function.name === forced);
    const args = sampleOf(tool?.function.parameters);
    return { toolCalls: [{ name: forced, args: (args ?? {}) as Record<string, unknown> }] };
  }
  if (req.response_format?.type === "json_schema")
    return { text: JSON.stringify(sampleOf(req.response_format.json_schema?.schema)) };
  if (req.response_format?.type === "json_object") return { text: "{}" };
  return undefined;
};

/**
 * The stand-in's default answers: the given rules first (letters…), then fit verdicts, then
 * structured output, then
 * jobscout's own offline model — the same rules over the conversation the offline chat uses, so an
 * agent loop with tools runs end to end, deterministically and never from a script.
 */
export function createRuleResponder(o: { lookupPlace: PlaceLookup; rules?: readonly Rule[] }): Responder {
  const rules = [...(o.rules ?? []), fitVerdictRule, structuredOutputRule];
  const offline = new OfflineChatModel({ lookupPlace: o.lookupPlace });
  return async (req) => {
    for (const rule of rules) {
      const reply = rule(req);
      if (reply) return reply;
    }
    const tools = req.tool_choice === "none" ? [] : (req.tools ?? []);
    const model = tools.length
      ? offline.bindTools(
          tools.map((t): BindToolsInput => ({ name: t.function.name, description: "", schema: {} })),
        )
      : offline;
    const answer = await model.invoke(toLangChain(req.messages));
    const calls = answer.tool_calls ?? [];
    if (calls.length > 0 && tools.length > 0)
      return { toolCalls: calls.map((c) => ({ name: c.name, args: c.args })) };
    const text = contentText(answer.content);
    if (calls.length === 0 && text) return { text };
    // No tools offered and the rules wanted one: say what was heard, plainly.
    const last = [...req.messages].reverse().find((m) => m.role === "user");
    return { text: `Noted: ${contentText(last?.content).slice(0, 200)}` };
  };
}
