import type { BaseChatModel } from "@langchain/core/language_models/chat_models";
import type { ChatOpenAI } from "@langchain/openai";
import type { Config } from "../config/config.js";
import type { PlaceLookup } from "./intent.js";

/**
 * The configured OpenAI-compatible model (`OPENAI_MODEL` at `OPENAI_BASE_URL`), or undefined when
 * no key is set. `maxRetries` is LangChain's: it retries 429s after their retry-after (up to 60 s)
 * and never retries a used-up quota. LangChain's OpenAI client (some 300 modules) is loaded only
 * when a key is set: without one every command would pay for compiling it at start.
 */
export async function createOpenAiModel(
  config: Config,
  o: { maxRetries: number },
): Promise<ChatOpenAI | undefined> {
  if (!config.OPENAI_API_KEY) return undefined;
  const { ChatOpenAI } = await import("@langchain/openai");
  return new ChatOpenAI({
    model: config.OPENAI_MODEL,
    apiKey: config.OPENAI_API_KEY,
    temperature: 0,
    maxRetries: o.maxRetries,
    // Local models on a CPU can take a while per answer, hence the long timeout.
    timeout: 120_000,
    ...(config.OPENAI_BASE_URL ? { configuration: { baseURL: config.OPENAI_BASE_URL } } : {}),
  });
}

/** The chat model from config: an OpenAI-compatible one when a key is set, else the offline model. */
export async function createChatModel(
  config: Config,
  lookupPlace: PlaceLookup,
  placeChoices?: (written: string) => string[],
): Promise<{ model: BaseChatModel; description: string }> {
  const openai = await createOpenAiChatModel(config);
  if (openai) {
    const where = config.OPENAI_BASE_URL ? ` at ${new URL(config.OPENAI_BASE_URL).host}` : "";
    return { model: openai, description: `${config.OPENAI_MODEL}${where}` };
  }
  // Loaded here, not with this module: the pipeline roles ask this module for the fit-verdict model
  // only, and the offline chat model brings LangChain's core.
  const { OfflineChatModel } = await import("./offline-model.js");
  return {
    model: new OfflineChatModel({ lookupPlace, placeChoices }),
    description: "built-in offline model (no API key set)",
  };
}

/**
 * The model chat and letters share: a model that is down should be said so within seconds, not
 * after six slow retries (a 429 is still retried after its retry-after).
 */
export function createOpenAiChatModel(config: Config): Promise<ChatOpenAI | undefined> {
  return createOpenAiModel(config, { maxRetries: 2 });
}
