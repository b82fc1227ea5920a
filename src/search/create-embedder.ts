import type { Config } from "../config/config.js";
import type { Embedder } from "./embedder.js";
import { HashingEmbedder } from "./hashing.embedder.js";

/** The embedder the configuration asks for: offline hashing by default, an OpenAI-compatible model on request. */
export async function createEmbedder(config: Config): Promise<Embedder> {
  if (config.JOBSCOUT_EMBEDDER === "openai" && config.OPENAI_API_KEY) {
    // LangChain's OpenAI client is loaded only for this embedder (the offline default needs none of it).
    const { OpenAiEmbedder } = await import("./openai.embedder.js");
    return OpenAiEmbedder.create({
      apiKey: config.OPENAI_API_KEY,
      baseUrl: config.OPENAI_BASE_URL,
      model: config.OPENAI_EMBEDDING_MODEL,
      dim: config.JOBSCOUT_EMBEDDING_DIM,
    });
  }
  return new HashingEmbedder(
    config.JOBSCOUT_EMBEDDING_DIM === undefined ? {} : { dim: config.JOBSCOUT_EMBEDDING_DIM },
  );
}
