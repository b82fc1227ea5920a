import type { BaseChatModel } from "@langchain/core/language_models/chat_models";
import { ChatOpenAI } from "@langchain/openai";
import type { Config } from "../config/config.js";
import type { PlaceLookup } from "./intent.js";
import { OfflineChatModel } from "./offline-model.js";

/** The chat model from config: an OpenAI-compatible one when a key is set, else the offline model. */
export function createChatModel(
  config: Config,
  lookupPlace: PlaceLookup,
  placeChoices?: (written: string) => string[],
): { model: BaseChatModel; description: string } {
  const openai = createOpenAiChatModel(config);
  if (openai) {
    const where = config.OPENAI_BASE_URL ? ` at ${new URL(config.OPENAI_BASE_URL).host}` : "";
    return { model: openai, description: `${config.OPENAI_MODEL}${where}` };
  }
  return {
    model: new OfflineChatModel({ lookupPlace, placeChoices }),
    description: "built-in offline model (no API key set)",
  };
}

/** The configured OpenAI-compatible model (chat and letters share it), or undefined without a key. */
export function createOpenAiChatModel(config: Config): ChatOpenAI | undefined {
  if (!config.OPENAI_API_KEY) return undefined;
  return new ChatOpenAI({
    model: config.OPENAI_MODEL,
    apiKey: config.OPENAI_API_KEY,
    temperature: 0,
    // A model that is down should be said so within seconds, not after six slow retries; local
    // models on a CPU can take a while per answer, hence the long timeout. A 429 is retried after
    // its retry-after; an exhausted quota is not retried at all.
    maxRetries: 2,
    timeout: 120_000,
    ...(config.OPENAI_BASE_URL ? { configuration: { baseURL: config.OPENAI_BASE_URL } } : {}),
  });
}
