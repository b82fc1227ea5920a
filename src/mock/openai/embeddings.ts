import { HashingEmbedder } from "../../search/hashing.embedder.js";
import { openAiError, type EmbeddingRequest } from "./protocol.js";

/**
 * Vector length per embedding model. `local-unnormalized` stands for servers (Ollama) whose vectors
 * are not unit length; `text-embedding-3-*` honour `dimensions`; unknown models get a 404.
 */
export const EMBEDDING_MODELS: Readonly<Record<string, number>> = {
  "text-embedding-3-small": 1536,
  "text-embedding-3-large": 3072,
  "local-unnormalized": 768,
};

/**
 * Vectors from the offline hashing embedder: deterministic, and similar texts get similar vectors.
 * Floats, or little-endian float32 in base64 when asked (openai-node's default).
 */
export function embeddingAnswer(body: EmbeddingRequest): { status: number; payload: unknown } {
  const native = EMBEDDING_MODELS[body.model];
  if (native === undefined)
    return {
      status: 404,
      payload: openAiError(
        `The model \`${body.model}\` does not exist or you do not have access to it.`,
        "invalid_request_error",
        "model_not_found",
      ),
    };
  const inputs = Array.isArray(body.input) ? body.input : [body.input];
  if (inputs.length === 0 || inputs.length > 2048 || inputs.some((t) => typeof t !== "string" || t === ""))
    return {
      status: 400,
      payload: openAiError("'$.input' is invalid", "invalid_request_error", null, "input"),
    };
  const dim = body.model.startsWith("text-embedding-3-") && body.dimensions ? body.dimensions : native;
  const embedder = new HashingEmbedder({ dim });
  const scale = body.model === "local-unnormalized" ? 7.5 : 1;
  let tokens = 0;
  const data = inputs.map((t, index) => {
    tokens += Math.ceil(t.length / 4);
    const v = embedder.embedOne(t).map((x) => x * scale);
    const embedding =
      body.encoding_format === "base64" ? Buffer.from(new Float32Array(v).buffer).toString("base64") : [...v];
    return { object: "embedding", index, embedding };
  });
  return {
    status: 200,
    payload: {
      object: "list",
      data,
      model: body.model,
      usage: { prompt_tokens: tokens, total_tokens: tokens },
    },
  };
}
