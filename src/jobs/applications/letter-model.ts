// Letters written by an OpenAI-compatible model. The model gets only what code chose — the CV lines
// by id, the requirements they answer, the posting as data — and its draft is checked by the same
// grounding code as any other letter before anyone sees it.
import type { BaseChatModel } from "@langchain/core/language_models/chat_models";
import { HumanMessage, SystemMessage } from "@langchain/core/messages";
import { loadPrompt } from "../../agents/prompts.js";
import { AppError } from "../../core/errors.js";
import type { LetterRequest } from "./letter-template.js";

/** The posting as the model reads it: enough to quote the company, never a whole page. */
const MAX_POSTING_CHARS = 6000;

/** What a model writes from: the request with the facts code chose for this length and focus. */
export interface LetterModel {
  /** The model's id as stored with each letter ("gpt-4o-mini"). */
  readonly id: string;
  /** The prompt's version, stored with each letter. */
  readonly promptVersion: string;
  /** The letter's text; throws when the model fails (after the client's own retries). */
  write(req: LetterRequest): Promise<string>;
}

/** Options of {@link createModelLetterWriter}. */
export interface ModelLetterWriterOptions {
  /** ChatOpenAI (or any chat model) as configured; its client retries 429s by `retry-after`. */
  model: BaseChatModel;
  /** Stored with each letter. */
  modelId: string;
  /**
   * Requests started per minute at most, so a batch of letters stays under the provider's limit
   * instead of collecting 429s. 0: no pacing. @defaultValue `0`
   */
  requestsPerMinute?: number | undefined;
  /** @defaultValue `prompts/letter.md` */
  prompt?: string | undefined;
}

/** The prompt file's version line: `<!-- version: letter-1 -->`. */
export function promptVersionOf(prompt: string): string {
  return /^<!--\s*version:\s*(\S+)\s*-->/.exec(prompt)?.[1] ?? "unversioned";
}

/** The user message: the request as JSON, the posting clipped and labelled as data by the prompt. */
export function letterMessage(req: LetterRequest): string {
  return JSON.stringify({
    task: "cover_letter",
    lang: req.lang,
    tone: req.tone ?? "neutral",
    length: req.length ?? "normal",
    ...(req.focus ? { focus: req.focus } : {}),
    applicant: { id: req.applicant.id, text: req.applicant.text },
    job: req.job,
    facts: req.facts.map((f) => ({
      id: f.lineId,
      text: f.text,
      ...(f.requirement ? { requirement: f.requirement } : {}),
    })),
    posting: req.posting.slice(0, MAX_POSTING_CHARS),
  });
}

/**
 * A token bucket like the provider's own (a minute's budget, refilled continuously): each start takes
 * a token, or waits for one, so no more than `perMinute` start in a minute. It holds one token less
 * than the provider's: a request reaches the provider a little after it left here, by a delay that
 * varies (the client's first call is the slowest), and that token absorbs up to one interval of it.
 */
function pacer(perMinute: number): () => Promise<void> {
  if (perMinute <= 0) return () => Promise.resolve();
  const gap = 60_000 / perMinute;
  const capacity = Math.max(1, perMinute - 1);
  let tokens = capacity;
  let at = Date.now();
  return () => {
    const now = Date.now();
    tokens = Math.min(capacity, tokens + (now - at) / gap);
    at = now;
    tokens -= 1; // reserved now; below zero it is a place in the queue
    return tokens >= 0 ? Promise.resolve() : new Promise((r) => setTimeout(r, Math.ceil(-tokens * gap)));
  };
}

/** The model writes; `write` throws an AppError naming quota exhaustion apart from other failures. */
export function createModelLetterWriter(o: ModelLetterWriterOptions): LetterModel {
  const prompt = o.prompt ?? loadPrompt("letter");
  const wait = pacer(o.requestsPerMinute ?? 0);
  return {
    id: o.modelId,
    promptVersion: promptVersionOf(prompt),
    async write(req) {
      await wait();
      try {
        const answer = await o.model.invoke([
          new SystemMessage(prompt),
          new HumanMessage(letterMessage(req)),
        ]);
        const text = (typeof answer.content === "string" ? answer.content : answer.text)
          .replace(/\r\n/g, "\n")
          .trim();
        if (!text) throw new AppError("letter_model_empty", "the model answered with no text");
        return text;
      } catch (err) {
        if (err instanceof AppError) throw err;
        const quota = isQuotaExhausted(err);
        throw new AppError(quota ? "model_quota" : "model_failed", describeModelError(err), {
          retryable: !quota,
          cause: err,
        });
      }
    },
  };
}

/** A 429 that waiting will not cure: the account's quota or credit is used up. */
export function isQuotaExhausted(err: unknown): boolean {
  if (typeof err !== "object" || err === null) return false;
  const e = err as { code?: unknown; name?: unknown; rateLimitReason?: unknown; error?: { type?: unknown } };
  return (
    e.code === "insufficient_quota" ||
    e.error?.type === "insufficient_quota" ||
    e.name === "InsufficientQuotaError" ||
    e.rateLimitReason === "insufficient_quota" ||
    e.rateLimitReason === "quota_message"
  );
}

function describeModelError(err: unknown): string {
  const e = err as { status?: unknown; code?: unknown; message?: unknown };
  const parts = [e.status, e.code].filter((x) => typeof x === "number" || typeof x === "string");
  const message = typeof e.message === "string" ? e.message.split("\n")[0]!.slice(0, 200) : String(err);
  return `letter model failed${parts.length ? ` (${parts.join(" ")})` : ""}: ${message}`;
}
