import type { BaseChatModel } from "@langchain/core/language_models/chat_models";
import { AIMessage, HumanMessage, ToolMessage, type BaseMessage } from "@langchain/core/messages";
import type { StructuredToolInterface } from "@langchain/core/tools";
import { MemorySaver, type BaseCheckpointSaver } from "@langchain/langgraph";
import { createAgent } from "langchain";
import type { JobCard } from "../core/job-card.js";
import type { TurnContext } from "../tools/context.js";
import type { RunSummary } from "../tools/run-summary.js";
import type { SearchJobsResult } from "../tools/search-jobs.tool.js";

/** Options for {@link createJobAgent}. */
export interface JobAgentOptions {
  /** Any LangChain chat model that can call tools (OpenAI-compatible, the offline model, a scripted fake). */
  model: BaseChatModel;
  tools: StructuredToolInterface[];
  systemPrompt: string;
  /** Conversation memory, keyed by thread. @defaultValue an in-memory saver */
  checkpointer?: BaseCheckpointSaver;
  /** Max model/tool steps per turn. @defaultValue `12` */
  maxSteps?: number;
}

/** What one turn produced: the answer text plus structured results for rich surfaces. */
export interface AgentAnswer {
  text: string;
  /** Jobs of the last search in this turn, for cards. */
  jobs: JobCard[];
  search: SearchJobsResult | null;
  /** The last run started or inspected in this turn. */
  run: RunSummary | null;
  /** Tools called this turn, in order. */
  toolCalls: Array<{ name: string; args: Record<string, unknown> }>;
}

export interface JobAgent {
  /** Answer one message in its thread; memory is per `context.threadId`. */
  ask(text: string, context: TurnContext): Promise<AgentAnswer>;
}

function textOf(m: BaseMessage): string {
  return typeof m.content === "string"
    ? m.content
    : m.content.map((c) => ("text" in c && typeof c.text === "string" ? c.text : "")).join("");
}

/** The one agent every surface shares; the model is injected (never chosen by a test flag). */
export function createJobAgent(o: JobAgentOptions): JobAgent {
  const agent = createAgent({
    model: o.model,
    tools: o.tools,
    systemPrompt: o.systemPrompt,
    checkpointer: o.checkpointer ?? new MemorySaver(),
  });
  return {
    async ask(text, context) {
      const state = await agent.invoke(
        { messages: [new HumanMessage(text)] },
        {
          configurable: { thread_id: `${context.workspaceId}/${context.threadId}` },
          context,
          recursionLimit: 2 * (o.maxSteps ?? 12) + 1,
        },
      );
      const messages = state.messages as BaseMessage[];
      let h = messages.length - 1;
      while (h >= 0 && !HumanMessage.isInstance(messages[h])) h--;
      const turn = messages.slice(h + 1);
      const final = [...turn]
        .reverse()
        .find((m) => AIMessage.isInstance(m) && (m.tool_calls?.length ?? 0) === 0);
      let search: SearchJobsResult | null = null;
      let run: RunSummary | null = null;
      for (const m of turn) {
        if (!ToolMessage.isInstance(m) || m.artifact == null) continue;
        if (m.name === "search_jobs") search = m.artifact as SearchJobsResult;
        if (m.name === "start_run" || m.name === "run_status") run = m.artifact as RunSummary;
      }
      return {
        text: final ? textOf(final) : "",
        jobs: search?.jobs ?? [],
        search,
        run,
        toolCalls: turn.flatMap((m) =>
          AIMessage.isInstance(m) ? (m.tool_calls ?? []).map((c) => ({ name: c.name, args: c.args })) : [],
        ),
      };
    },
  };
}
