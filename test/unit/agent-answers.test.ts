// The agent loop around a scripted chat model (STYLE 8: the model is a parameter): what a turn's
// answer carries from the tools it ran (letters, exports, scores, runs), what the model is told when
// it calls a tool with arguments that do not fit, the language a turn is answered in, and what a
// person is told when the model fails — whatever the model threw.
import { BaseChatModel } from "@langchain/core/language_models/chat_models";
import { AIMessage, ToolMessage, type BaseMessage } from "@langchain/core/messages";
import type { ChatResult } from "@langchain/core/outputs";
import { tool, type StructuredToolInterface } from "@langchain/core/tools";
import { z } from "zod";
import { describe, expect, it } from "vitest";
import { createJobAgent, TOOL_LANGUAGE_NOTE } from "../../src/agents/agent.js";
import { AppError } from "../../src/core/errors.js";
import { processMetrics } from "../../src/core/process-metrics.js";
import { parsePrometheusText } from "../support/prometheus-text.js";

type Step = AIMessage | Error | string | ((seen: BaseMessage[]) => AIMessage);

/** A chat model that answers each call with the next step of its script (and notes what it saw). */
class ScriptedModel extends BaseChatModel {
  readonly seen: BaseMessage[][] = [];
  private next = 0;
  constructor(private readonly script: Step[]) {
    super({});
  }
  _llmType(): string {
    return "scripted";
  }
  override bindTools(): this {
    return this;
  }
  async _generate(messages: BaseMessage[]): Promise<ChatResult> {
    this.seen.push(messages);
    const step = this.script[this.next++];
    if (step === undefined) throw new Error("the script has no more steps");
    if (step instanceof Error) throw step;
    if (typeof step === "string") throw step as unknown as Error;
    const message = typeof step === "function" ? step(messages) : step;
    const text = typeof message.content === "string" ? message.content : "";
    return Promise.resolve({ generations: [{ text, message }] });
  }
}

const calls = (...list: Array<[string, Record<string, unknown>]>) =>
  new AIMessage({
    content: "",
    tool_calls: list.map(([name, args], i) => ({
      name,
      args,
      id: `c${i}-${name}`,
      type: "tool_call" as const,
    })),
  });
/** The model's words: what the last tool said (as the offline model does for a tool it does not know). */
const sayLastTool = (seen: BaseMessage[]) => {
  const said = [...seen].reverse().find((m) => ToolMessage.isInstance(m))?.content;
  return new AIMessage(typeof said === "string" ? said : "");
};

/** A tool that returns `content` to the model and `artifact` to the surfaces. */
function fixedTool(name: string, content: unknown, artifact: unknown): StructuredToolInterface {
  return tool(() => [JSON.stringify(content), artifact], {
    name,
    description: `${name} (test)`,
    schema: z.object({}).passthrough(),
    responseFormat: "content_and_artifact",
  });
}

const context = (threadId: string, extra: Record<string, unknown> = {}) => ({
  workspaceId: "ws-agent",
  userId: "u-agent",
  threadId,
  platform: "test",
  ...extra,
});

const JOB = { title: "Backend Engineer", company: "Acme GmbH" };
const view = (id: string) => ({
  letter: {
    id,
    text: "Dear team.",
    status: "draft",
    report: { supported: true, unsupported: [], claims: 1 },
  },
  job: JOB,
  focusMissing: false,
});
const run = (sources: unknown[] | undefined) => ({
  runId: "run-1",
  status: "completed",
  stage: "done",
  progress: 100,
  query: {},
  createdAt: "2026-12-04T10:00:00.000Z",
  finishedAt: "2026-12-04T10:01:00.000Z",
  ...(sources ? { sources } : {}),
});

describe("an agent turn's answer", () => {
  it("carries the letters, the file, the scored jobs and the run the turn's tools made", async () => {
    const card = { n: 1, jobId: "job-1", ...JOB, why: [], sources: ["arbeitnow"] };
    const model = new ScriptedModel([
      calls(["draft_letters", {}], ["export_applications", {}], ["evaluate_jobs", {}], ["run_status", {}]),
      calls(["start_run", {}]),
      new AIMessage("Done: two letters, an export and your scores."),
    ]);
    const agent = createJobAgent({
      model,
      systemPrompt: "You help people find jobs.",
      tools: [
        fixedTool(
          "draft_letters",
          { letters: 2 },
          {
            letters: [
              { n: 1, view: view("let-1") },
              { n: 2, error: "the posting has no text" },
            ],
          },
        ),
        fixedTool(
          "export_applications",
          { exported: 1 },
          { name: "applications.xlsx", path: "/tmp/a.xlsx", mimeType: "x" },
        ),
        fixedTool("evaluate_jobs", { evaluated: 1 }, { jobs: [card], run: run([]) }),
        fixedTool("run_status", { status: "completed" }, run(undefined)),
        fixedTool("start_run", { error: "busy" }, null),
      ],
    });
    const answer = await agent.ask(
      "draft letters for the top 2, export them and score my jobs",
      context("t1"),
    );
    expect(answer.text).toBe("Done: two letters, an export and your scores.");
    expect(answer.letters).toEqual([{ n: 1, view: view("let-1") }]);
    expect(answer.files).toEqual([{ name: "applications.xlsx", path: "/tmp/a.xlsx", mimeType: "x" }]);
    expect(answer.jobs.map((j) => j.jobId)).toEqual(["job-1"]);
    // run_status came after evaluate_jobs: the run shown is the one asked about; it started nothing.
    expect(answer.run).toEqual(run(undefined));
    expect(answer.outcome).toBeNull();
    expect(answer.letter).toBeNull();
    expect(answer.toolCalls.map((c) => c.name)).toEqual([
      "draft_letters",
      "export_applications",
      "evaluate_jobs",
      "run_status",
      "start_run",
    ]);
  });

  it("tells the model what was wrong with a tool call's arguments, in the schema's words, so it can correct them", async () => {
    const model = new ScriptedModel([calls(["search_jobs", { limit: "lots" }]), sayLastTool]);
    const search = tool(() => "[]", {
      name: "search_jobs",
      description: "search",
      schema: z.object({ keywords: z.string(), limit: z.number() }),
    });
    const agent = createJobAgent({ model, tools: [search], systemPrompt: "p" });
    const answer = await agent.ask("jobs please", context("t2"));
    const said = JSON.parse(answer.text) as { error: string };
    expect(Object.keys(said)).toEqual(["error"]);
    expect(said.error).toMatch(
      /^The arguments for search_jobs were not usable: ✖ .*→ at keywords.*✖ .*→ at limit/,
    );
  });

  it("gives every tool the language note once, however many agents share the tools", () => {
    const t = fixedTool("saved_jobs", {}, null);
    createJobAgent({ model: new ScriptedModel([]), tools: [t], systemPrompt: "p" });
    createJobAgent({ model: new ScriptedModel([]), tools: [t], systemPrompt: "p" });
    expect(t.description).toBe(`saved_jobs (test) ${TOOL_LANGUAGE_NOTE}`);
  });
});

describe("a conversation's turns", () => {
  it("shows the model only the recent turns of a long conversation, starting at one of the person's", async () => {
    const model = new ScriptedModel([new AIMessage("one"), new AIMessage("two"), new AIMessage("three")]);
    const agent = createJobAgent({ model, tools: [], systemPrompt: "p", keepMessages: 3 });
    for (const text of ["first question", "second question", "third question"])
      await agent.ask(text, context("h1"));
    const last = model.seen.at(-1)!.filter((m) => m.getType() !== "system");
    expect(last.map((m) => [m.getType(), m.content])).toEqual([
      ["human", "second question"],
      ["ai", "two"],
      ["human", "third question"],
    ]);
  });

  it("reads an answer the model gives in parts as its text parts", async () => {
    const model = new ScriptedModel([
      new AIMessage({
        content: [
          { type: "text", text: "Here are " },
          { type: "image_url", image_url: { url: "data:image/png;base64,AAAA" } },
          { type: "text", text: "three jobs." },
        ],
      }),
    ]);
    const answer = await createJobAgent({ model, tools: [], systemPrompt: "p" }).ask("jobs", context("p1"));
    expect(answer.text).toBe("Here are three jobs.");
  });

  it("counts each model call and the tokens the model reported in the process's metrics", async () => {
    const tokens = async (kind: string) =>
      parsePrometheusText(await processMetrics.render())
        .get("jobscout_model_tokens_total")
        ?.samples.find((x) => x.labels.model === "ScriptedModel" && x.labels.kind === kind)?.value ?? 0;
    const before = { input: await tokens("input"), output: await tokens("output") };
    // As ChatOpenAI sets it from the response's usage.
    const answer = Object.assign(new AIMessage("ok"), {
      usage_metadata: { input_tokens: 120, output_tokens: 7, total_tokens: 127 },
    });
    const model = new ScriptedModel([answer]);
    await createJobAgent({ model, tools: [], systemPrompt: "p" }).ask("jobs", context("m1"));
    // Other tests in this process count too: the difference is this turn's.
    expect((await tokens("input")) - before.input).toBe(120);
    expect((await tokens("output")) - before.output).toBe(7);
  });

  it("fails the turn when a tool breaks (not a bad argument), with the tool's error", async () => {
    const broken = tool(
      () => {
        throw new Error("the index file is unreadable");
      },
      { name: "search_jobs", description: "search", schema: z.object({}) },
    );
    const model = new ScriptedModel([calls(["search_jobs", {}]), sayLastTool]);
    const agent = createJobAgent({ model, tools: [broken], systemPrompt: "p" });
    await expect(agent.ask("jobs", context("x1"))).rejects.toThrow(/the index file is unreadable/);
  });
});

describe("the language of a turn", () => {
  const agent = (script: Step[]) =>
    createJobAgent({ model: new ScriptedModel(script), tools: [], systemPrompt: "p" });

  it("is the member's chosen one, else the message's, else the conversation's, else the one they last wrote in", async () => {
    const a = agent([new AIMessage("ok"), new AIMessage("ok")]);
    expect(
      await a.language("jobs in Berlin", { ...context("l1"), memberLang: { lang: "de", chosen: true } }),
    ).toBe("de");
    expect(await a.language("Ich suche Stellen als Pflegekraft in Würzburg", context("l1"))).toBe("de");
    // Nothing in "42" or the (empty) conversation tells: what the member last wrote in, else English.
    expect(await a.language("42", { ...context("l1"), memberLang: { lang: "de", chosen: false } })).toBe(
      "de",
    );
    expect(await a.language("42", context("l1"))).toBe("en");
    await a.ask("Ich suche Stellen als Pflegekraft in Würzburg", context("l2"));
    expect(await a.language("42", context("l2"))).toBe("de");
    const answered = await a.ask("42", context("l2"));
    expect(answered.lang).toBe("de");
  });
});

describe("a chat model that fails", () => {
  const ask = async (failure: Error | string, modelDescription?: string) => {
    const agent = createJobAgent({
      model: new ScriptedModel([failure]),
      tools: [],
      systemPrompt: "p",
      ...(modelDescription ? { modelDescription } : {}),
    });
    return (await agent.ask("jobs in Berlin", context("f1")).catch((e: unknown) => e)) as AppError;
  };

  it("is said with the model's name and the first line of why; a refusal is not retried, an outage is", async () => {
    const refused = Object.assign(new Error("401 Incorrect API key provided...\n\nTroubleshooting URL: x"), {
      status: 401,
    });
    const err = await ask(refused, "gpt-4o-mini at api.example.com");
    expect(err).toBeInstanceOf(AppError);
    expect(err.code).toBe("model_failed");
    expect(err.retryable).toBe(false);
    expect(err.userMessage).toBe(
      "The chat model (gpt-4o-mini at api.example.com) did not answer: 401 Incorrect API key provided. Check OPENAI_BASE_URL, OPENAI_MODEL and OPENAI_API_KEY, or unset OPENAI_API_KEY to use the built-in offline model.",
    );
    const limited = await ask(Object.assign(new Error("429 Rate limit reached"), { status: 429 }));
    expect(limited.retryable).toBe(true);
    expect(limited.userMessage).toMatch(
      /^The chat model \(the configured model\) did not answer: 429 Rate limit reached\./,
    );
    const down = await ask(Object.assign(new Error("503 Service Unavailable"), { status: 503 }));
    expect(down.retryable).toBe(true);
  });

  it("is said even when what the model threw is not an Error", async () => {
    const err = await ask("socket hang up");
    expect(err.retryable).toBe(true);
    expect(err.userMessage).toMatch(
      /^The chat model \(the configured model\) did not answer: socket hang up\./,
    );
  });

  it("keeps an error of our own as it is", async () => {
    const own = new AppError("model_quota", "quota used up", {
      userMessage: "The model's quota is used up.",
    });
    const err = await ask(own);
    expect(err).toBe(own);
    expect(err.userMessage).toBe("The model's quota is used up.");
  });
});
