import type { DraftedLetters } from "../tools/draft-letters.tool.js";
import type { BaseChatModel } from "@langchain/core/language_models/chat_models";
import {
  AIMessage,
  HumanMessage,
  RemoveMessage,
  SystemMessage,
  ToolMessage,
  type BaseMessage,
} from "@langchain/core/messages";
import type { StructuredToolInterface } from "@langchain/core/tools";
import { MemorySaver, REMOVE_ALL_MESSAGES, type BaseCheckpointSaver } from "@langchain/langgraph";
import { createAgent, createMiddleware, ToolInvocationError } from "langchain";
import { phrasesFor } from "../answers/phrases/phrases.js";
import { AppError } from "../core/errors.js";
import { processMetrics } from "../core/process-metrics.js";
import type { JobCard } from "../core/job-card.js";
import type { TurnContext } from "../tools/context.js";
import { readRequest } from "../tools/request.js";
import type { RunSummary } from "../answers/run-summary.js";
import type { SearchJobsResult } from "../tools/search-jobs.tool.js";
import { detectLanguage, replyLanguage, type Lang } from "./language.js";
import { cardsInLang } from "../answers/fit-breakdown.js";
import { commandWords } from "./intent-letters.js";
import { choicesOf, type Choice } from "./choices.js";
import type { LetterView } from "../jobs/applications/letter-service.js";
import type { ExportedFile } from "../jobs/applications/export-service.js";

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
  /** How people name the model ("gpt-4o-mini at localhost:11434"), for errors. */
  modelDescription?: string;
  /**
   * Messages a conversation keeps (older turns are dropped whole, at a message of the person's):
   * follow-ups need the last searches, not the whole history, and every step stores what is kept.
   * @defaultValue `40`
   */
  keepMessages?: number;
}

/** What one turn produced: the answer text plus structured results for rich surfaces. */
export interface AgentAnswer {
  text: string;
  /** Jobs of the last search in this turn, for cards. */
  jobs: JobCard[];
  search: SearchJobsResult | null;
  /** The last run started or inspected in this turn. */
  run: RunSummary | null;
  /**
   * The run this turn started and waited for: its outcome is shown as one line above the words, by
   * the surface (or by the progress message that already ends on it). The words never repeat it.
   */
  outcome: RunSummary | null;
  /** The language of the answer: the person's, as this turn's message (or the conversation) shows. */
  lang: Lang;
  /** The answers a clarifying question offers (buttons on rich surfaces); empty otherwise. */
  choices: Choice[];
  /** The letter drafted, edited or approved this turn (shown with Approve / Edit / Regenerate). */
  letter: LetterView | null;
  /** Letters drafted at once this turn ("the top 3"), each with its number in the list. */
  letters: Array<{ n: number; view: LetterView }>;
  /** Files made this turn (exports), for the surface to deliver. */
  files: ExportedFile[];
  /** Tools called this turn, in order. */
  toolCalls: Array<{ name: string; args: Record<string, unknown> }>;
}

export interface JobAgent {
  /** Answer one message in its thread; memory is per `context.threadId`. */
  ask(text: string, context: TurnContext): Promise<AgentAnswer>;
  /**
   * The language a message is answered in: the member's chosen one, else the message's own, else
   * the conversation's latest, else the one the member last wrote in, else English.
   */
  language(
    text: string,
    context: Pick<TurnContext, "workspaceId" | "threadId" | "memberLang">,
  ): Promise<Lang>;
}

function textOf(m: BaseMessage): string {
  return typeof m.content === "string"
    ? m.content
    : m.content.map((c) => ("text" in c && typeof c.text === "string" ? c.text : "")).join("");
}

/**
 * A chat model that cannot be reached or refuses (connection, 401, 404, 429…) as an error that says
 * which model failed and what to check, instead of a bare "Connection error."
 */
function modelFailure(err: unknown, description: string): AppError {
  if (err instanceof AppError) return err;
  // LangChain appends a troubleshooting link on further lines; the first line says what happened.
  const why = (err instanceof Error ? err.message : String(err)).split("\n")[0]!.trim().replace(/\.+$/, "");
  const status = (err as { status?: unknown }).status;
  const retryable = typeof status !== "number" || status === 429 || status >= 500;
  return new AppError("model_failed", `chat model ${description}: ${why}`, {
    retryable,
    cause: err,
    userMessage: (lang) => phrasesFor(lang).modelFailed(description, why),
  });
}

/**
 * A tool call whose arguments do not fit the tool's schema, as a short result the model can correct
 * from: the schema's own complaint ("✖ Invalid input → at remote"), never LangChain's stack dump.
 */
function badArguments(
  err: ToolInvocationError,
  call: { id?: string | undefined; name: string },
): ToolMessage {
  const issues = String(err.message)
    .split("\n")
    .map((l) => l.trim())
    .filter((l) => l.startsWith("✖") || l.startsWith("→"))
    .join(" ")
    .slice(0, 300);
  return new ToolMessage({
    content: JSON.stringify({
      error: `The arguments for ${call.name} were not usable: ${issues || "invalid input"}`,
    }),
    tool_call_id: call.id ?? "",
    name: call.name,
    status: "error",
  });
}

/** The recent turns of a long history: at most `keep` messages, starting at one of the person's. */
export function recentTurns(messages: readonly BaseMessage[], keep: number): BaseMessage[] | undefined {
  if (messages.length <= keep) return undefined;
  let start = messages.length - keep;
  while (start < messages.length && !HumanMessage.isInstance(messages[start])) start++;
  return messages.slice(start);
}

/** Count a model call and the tokens it reported in this process's metrics. */
function countModelCall(
  model: string,
  outcome: "ok" | "error",
  answer?: { usage_metadata?: { input_tokens: number; output_tokens: number } | undefined },
): void {
  processMetrics.inc(processMetrics.modelCalls, { model, outcome });
  const usage = answer?.usage_metadata;
  if (!usage) return;
  processMetrics.inc(processMetrics.modelTokens, { model, kind: "input" }, usage.input_tokens);
  processMetrics.inc(processMetrics.modelTokens, { model, kind: "output" }, usage.output_tokens);
}

/** LangChain wraps what middleware throws (MiddlewareError); ours is in the cause chain. */
function ownError(err: unknown): unknown {
  for (let e: unknown = err, depth = 0; e instanceof Error && depth < 5; e = e.cause, depth++) {
    if (e instanceof AppError) return e;
  }
  return err;
}

/** What the system prompt adds for a turn's language; the offline model reads `lang` beside it. */
const ANSWER_IN: Record<Lang, string> = {
  en: "This person reads English: answer this turn in English.",
  de: "This person reads German: answer this turn in German (Deutsch), including job facts and errors.",
};

/** Every tool's description ends with this: what it returns is data, the answer is in the person's language. */
export const TOOL_LANGUAGE_NOTE =
  "Answer the person in their language (the system prompt names it, German or English), whatever language this tool's results are in; arguments stay as described.";

/** The tools as the model sees them: each description carries {@link TOOL_LANGUAGE_NOTE} once. */
function withLanguageNote(tools: StructuredToolInterface[]): StructuredToolInterface[] {
  for (const t of tools)
    if (!t.description.endsWith(TOOL_LANGUAGE_NOTE)) t.description = `${t.description} ${TOOL_LANGUAGE_NOTE}`;
  return tools;
}

/** The one agent every surface shares; the model is injected (never chosen by a test flag). */
export function createJobAgent(o: JobAgentOptions): JobAgent {
  const description = o.modelDescription ?? "the configured model";
  const modelName = o.model.getName();
  const agent = createAgent({
    model: o.model,
    tools: withLanguageNote(o.tools),
    systemPrompt: o.systemPrompt,
    checkpointer: o.checkpointer ?? new MemorySaver(),
    middleware: [
      createMiddleware({
        name: "BoundedHistory",
        beforeAgent: (state: { messages: BaseMessage[] }) => {
          const kept = recentTurns(state.messages, o.keepMessages ?? 40);
          return kept ? { messages: [new RemoveMessage({ id: REMOVE_ALL_MESSAGES }), ...kept] } : undefined;
        },
      }),
      createMiddleware({
        // The turn's language, decided once before the model runs, told to the model with the prompt.
        name: "AnswerLanguage",
        wrapModelCall: async (request, handler) => {
          // `ask` always decides it: every turn runs with a language in its context.
          const { lang } = request.runtime.context as { lang: Lang };
          const systemMessage = new SystemMessage({
            content: [request.systemMessage.text, ANSWER_IN[lang]].filter(Boolean).join("\n\n"),
            additional_kwargs: { lang },
          });
          return handler({ ...request, systemMessage });
        },
      }),
      createMiddleware({
        name: "ModelFailures",
        wrapModelCall: async (request, handler) => {
          try {
            const answer = await handler(request);
            countModelCall(modelName, "ok", answer);
            return answer;
          } catch (err) {
            countModelCall(modelName, "error");
            throw modelFailure(err, description);
          }
        },
      }),
      createMiddleware({
        name: "ToolFailures",
        wrapToolCall: async (request, handler) => {
          try {
            return await handler(request);
          } catch (err) {
            if (ToolInvocationError.isInstance(err)) return badArguments(err, request.toolCall);
            throw err;
          }
        },
      }),
    ],
  });
  const threadOf = (context: Pick<TurnContext, "workspaceId" | "threadId">) => ({
    configurable: { thread_id: `${context.workspaceId}/${context.threadId}` },
  });
  async function turnLanguage(text: string, context: Parameters<JobAgent["language"]>[1]): Promise<Lang> {
    const member = context.memberLang;
    if (member?.chosen) return member.lang;
    const own = detectLanguage(commandWords(text));
    if (own) return own;
    const earlier = await agent.graph.getState(threadOf(context));
    const messages = ((earlier.values as { messages?: BaseMessage[] } | undefined)?.messages ?? []).filter(
      (m) => HumanMessage.isInstance(m),
    );
    return replyLanguage(
      commandWords(text),
      messages.map((m) => commandWords(textOf(m))),
      member?.lang ?? "en",
    );
  }
  return {
    language: turnLanguage,
    async ask(text, context) {
      const lang = context.lang ?? (await turnLanguage(text, context));
      const state = await agent
        .invoke(
          { messages: [new HumanMessage(text)] },
          {
            ...threadOf(context),
            // What the person asked for is read from their words here, before any model or tool runs.
            context: { ...context, lang, request: readRequest(text), used: { marks: 0 } },
            recursionLimit: 2 * (o.maxSteps ?? 12) + 1,
            // The conversation is saved once, when the turn ends: a turn is short, and saving each step
            // (the whole bounded history every time) was most of what a turn cost.
            durability: "exit",
          },
        )
        .catch((err: unknown) => {
          throw ownError(err);
        });
      const messages = state.messages as BaseMessage[];
      let h = messages.length - 1;
      while (h >= 0 && !HumanMessage.isInstance(messages[h])) h--;
      const turn = messages.slice(h + 1);
      const final = [...turn]
        .reverse()
        .find((m): m is AIMessage => AIMessage.isInstance(m) && (m.tool_calls?.length ?? 0) === 0);
      let search: SearchJobsResult | null = null;
      let run: RunSummary | null = null;
      let outcome: RunSummary | null = null;
      let scored: JobCard[] | null = null;
      let letter: LetterView | null = null;
      let letters: AgentAnswer["letters"] = [];
      const files: ExportedFile[] = [];
      for (const m of turn) {
        if (!ToolMessage.isInstance(m) || m.artifact == null) continue;
        if (m.name === "draft_letter" || m.name === "letter_action") letter = m.artifact as LetterView;
        if (m.name === "draft_letters")
          letters = (m.artifact as DraftedLetters).letters.flatMap((l) =>
            l.view ? [{ n: l.n, view: l.view }] : [],
          );
        if (m.name === "export_applications") files.push(m.artifact as ExportedFile);
        if (m.name === "evaluate_jobs") {
          const a = m.artifact as { jobs: JobCard[]; run: RunSummary };
          scored = a.jobs;
          run = a.run;
        }
        if (m.name === "search_jobs") search = m.artifact as SearchJobsResult;
        if (m.name === "start_run" || m.name === "run_status") run = m.artifact as RunSummary;
        if (m.name === "start_run" && Array.isArray((m.artifact as Partial<RunSummary>).sources))
          outcome = m.artifact as RunSummary;
      }
      return {
        text: final ? textOf(final) : "",
        jobs: cardsInLang(scored ?? search?.jobs ?? [], lang),
        search,
        run,
        outcome,
        choices: choicesOf(final),
        letter,
        letters,
        files,
        lang,
        toolCalls: turn.flatMap((m) =>
          AIMessage.isInstance(m) ? (m.tool_calls ?? []).map((c) => ({ name: c.name, args: c.args })) : [],
        ),
      };
    },
  };
}
