import { OpenAIEmbeddings } from "@langchain/openai";
import { AppError } from "../core/errors.js";
import type { Embedder } from "./embedder.js";

/** Vector lengths of OpenAI's embedding models; other models are measured with one request. */
const KNOWN_DIMS: Readonly<Record<string, number>> = {
  "text-embedding-3-small": 1536,
  "text-embedding-3-large": 3072,
  "text-embedding-ada-002": 1536,
};
/** Only these accept a `dimensions` parameter (shortened vectors). */
const SHORTENABLE = /^text-embedding-3-/;

/** Options for {@link OpenAiEmbedder.create}. */
export interface OpenAiEmbedderOptions {
  apiKey: string;
  /** OpenAI-compatible endpoint (Ollama, vLLM, LM Studio…); default OpenAI's. */
  baseUrl?: string | undefined;
  model: string;
  /** Wanted vector length: sent as `dimensions` to models that can shorten, checked against others. */
  dim?: number | undefined;
  /** Texts per request; job texts are long, so keep requests well inside a token budget. @defaultValue `64` */
  batchSize?: number | undefined;
  /** @defaultValue `30000` */
  timeoutMs?: number | undefined;
}

/**
 * Embeddings from an OpenAI-compatible `/embeddings` endpoint, through LangChain's client (retries,
 * batching). Vectors are L2-normalized here, since not every server returns unit vectors.
 */
export class OpenAiEmbedder implements Embedder {
  readonly id: string;
  readonly version = "1";

  private constructor(
    private readonly client: OpenAIEmbeddings,
    /** Same settings, one retry and a short timeout: for searches, which fall back to keywords. */
    private readonly queryClient: OpenAIEmbeddings,
    model: string,
    readonly dim: number,
  ) {
    this.id = `openai:${model}`;
  }

  /** Build the embedder; a model of unknown length is asked once for one vector to learn it. */
  static async create(o: OpenAiEmbedderOptions): Promise<OpenAiEmbedder> {
    const shorten = o.dim !== undefined && SHORTENABLE.test(o.model) ? o.dim : undefined;
    const settings = {
      apiKey: o.apiKey,
      model: o.model,
      batchSize: o.batchSize ?? 64,
      // Plain floats: every OpenAI-compatible server speaks them, not all speak base64.
      encodingFormat: "float" as const,
      ...(shorten !== undefined ? { dimensions: shorten } : {}),
      ...(o.baseUrl ? { configuration: { baseURL: o.baseUrl } } : {}),
    };
    const client = new OpenAIEmbeddings({ ...settings, timeout: o.timeoutMs ?? 30_000, maxRetries: 3 });
    const queryClient = new OpenAIEmbeddings({ ...settings, timeout: 5_000, maxRetries: 1 });
    const known = shorten ?? KNOWN_DIMS[o.model];
    const dim = known ?? (await measure(queryClient, o.model));
    if (o.dim !== undefined && dim !== o.dim)
      throw new AppError("config_invalid", `embedding model ${o.model} gives ${dim}-d vectors`, {
        userMessage: `JOBSCOUT_EMBEDDING_DIM is ${o.dim}, but the model ${o.model} gives ${dim}-dimensional vectors and cannot shorten them. Unset JOBSCOUT_EMBEDDING_DIM or set it to ${dim}.`,
      });
    return new OpenAiEmbedder(client, queryClient, o.model, dim);
  }

  async embed(texts: readonly string[]): Promise<Float32Array[]> {
    // The API refuses empty input; an empty text gets a fixed unit vector without a request.
    const asked = texts.map((t, i) => ({ t: t.trim(), i })).filter((x) => x.t !== "");
    const out = texts.map(() => emptyVector(this.dim));
    if (asked.length === 0) return out;
    const vectors = await this.client.embedDocuments(asked.map((x) => x.t)).catch((err: unknown) => {
      throw refused(err, this.id.slice("openai:".length));
    });
    if (vectors.length !== asked.length)
      throw new AppError("embedder_failed", `got ${vectors.length} embeddings for ${asked.length} texts`, {
        retryable: true,
      });
    asked.forEach((x, n) => (out[x.i] = unit(vectors[n]!, this.dim)));
    return out;
  }

  async embedQuery(text: string): Promise<Float32Array> {
    const t = text.trim();
    return t === "" ? emptyVector(this.dim) : unit(await this.queryClient.embedQuery(t), this.dim);
  }
}

/**
 * An embedding request the service refused (bad key, unknown model, bad input: 4xx but 408, 409 and
 * 429) fails for good — retrying the stage would only ask again; anything else may pass on retry.
 */
function refused(err: unknown, model: string): AppError {
  if (err instanceof AppError) return err;
  const status = (err as { status?: unknown }).status;
  const why = (err instanceof Error ? err.message : String(err)).split("\n")[0]!.trim();
  const retryable = typeof status !== "number" || status >= 500 || [408, 409, 429].includes(status);
  return new AppError("embedder_failed", `embedding model ${model}: ${why}`, {
    retryable,
    cause: err,
    userMessage: retryable
      ? `The embedding model ${model} did not answer; the run tries again.`
      : `The embedding model ${model} refused the request (${why}). Check OPENAI_API_KEY, OPENAI_BASE_URL and OPENAI_EMBEDDING_MODEL.`,
  });
}

async function measure(client: OpenAIEmbeddings, model: string): Promise<number> {
  try {
    return (await client.embedQuery("dimension probe")).length;
  } catch (err) {
    // LangChain appends a troubleshooting link on further lines; the first line says what happened.
    const why = (err instanceof Error ? err.message : String(err)).split("\n")[0]!.trim();
    throw new AppError("embedder_unreachable", `embedding model ${model}: ${why}`, {
      userMessage: `Could not reach the embedding model ${model} to learn its vector length (${why}). Check OPENAI_BASE_URL and OPENAI_EMBEDDING_MODEL, or set JOBSCOUT_EMBEDDING_DIM.`,
      cause: err,
    });
  }
}

function emptyVector(dim: number): Float32Array {
  const v = new Float32Array(dim);
  v[0] = 1;
  return v;
}

function unit(values: readonly number[], dim: number): Float32Array {
  if (values.length !== dim)
    throw new AppError("embedder_failed", `got a ${values.length}-d embedding, expected ${dim}`, {
      userMessage: `The embedding model returned ${values.length}-dimensional vectors, not ${dim}. Was OPENAI_EMBEDDING_MODEL changed? Set JOBSCOUT_EMBEDDING_DIM to match.`,
    });
  const v = Float32Array.from(values);
  let s = 0;
  for (const x of v) s += x * x;
  const n = Math.sqrt(s);
  if (n === 0 || !Number.isFinite(n)) return emptyVector(dim);
  for (let i = 0; i < v.length; i++) v[i]! /= n;
  return v;
}
