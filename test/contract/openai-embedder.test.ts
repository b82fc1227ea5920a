// The OpenAI-compatible embedder through the real LangChain/OpenAI client, against a local server
// speaking the Embeddings protocol (OPENAI_BASE_URL).
import { afterAll, describe, expect, it } from "vitest";
import { AppError } from "../../src/core/errors.js";
import { OpenAiEmbedder } from "../../src/search/openai.embedder.js";
import { deadPort } from "../support/dead-port.js";
import { startOpenAiServer } from "../support/openai-server.js";
import { embedderContract } from "./embedder.contract.js";

const server = await startOpenAiServer([]);
afterAll(() => server.close());

const KEY = "sk-test-embeddings-key";
const make = (model: string, extra: { dim?: number; batchSize?: number } = {}) =>
  OpenAiEmbedder.create({ apiKey: KEY, baseUrl: server.url, model, ...extra });

embedderContract({
  name: "OpenAiEmbedder (text-embedding-3-small shortened to 256)",
  create: () => make("text-embedding-3-small", { dim: 256 }),
  dim: 256,
});
embedderContract({
  name: "OpenAiEmbedder (a local model whose length is measured, vectors not unit length)",
  create: () => make("local-unnormalized"),
  dim: 768,
});

describe("OpenAiEmbedder", () => {
  it("knows OpenAI's model lengths without a request, and names model and length in its key", async () => {
    const before = server.embeddingRequests.length;
    const e = await make("text-embedding-3-small");
    expect(server.embeddingRequests.length).toBe(before);
    expect(e.dim).toBe(1536);
    expect(e.id).toBe("openai:text-embedding-3-small");
  });

  it("sends the key as a bearer token, plain floats, at most batchSize texts per request", async () => {
    const e = await make("text-embedding-3-small", { dim: 64, batchSize: 4 });
    const before = server.embeddingRequests.length;
    const texts = Array.from({ length: 10 }, (_, i) => `Python developer number ${i}`);
    const vs = await e.embed(texts);
    expect(vs).toHaveLength(10);
    const sent = server.embeddingRequests.slice(before);
    expect(sent.map((r) => (r.body.input as string[]).length)).toEqual([4, 4, 2]);
    for (const r of sent) {
      expect(r.authorization).toBe(`Bearer ${KEY}`);
      expect(r.body).toMatchObject({
        model: "text-embedding-3-small",
        dimensions: 64,
        encoding_format: "float",
      });
    }
    // Order is kept across batches.
    const [alone] = await e.embed([texts[7]!]);
    expect([...alone!]).toEqual([...vs[7]!]);
  });

  it("never sends empty texts (the API refuses them)", async () => {
    const e = await make("text-embedding-3-small", { dim: 32 });
    const before = server.embeddingRequests.length;
    const vs = await e.embed(["", "   "]);
    expect(server.embeddingRequests.length).toBe(before);
    expect(vs.map((v) => Math.hypot(...v))).toEqual([1, 1]);
  });

  it("embeds a search query like a document, retrying it only once", async () => {
    const e = await make("text-embedding-3-small", { dim: 32 });
    const [doc] = await e.embed(["Data Scientist"]);
    expect([...(await e.embedQuery("Data Scientist"))]).toEqual([...doc!]);
    server.failEmbeddings(2, 503);
    const before = server.embeddingRequests.length;
    await expect(e.embedQuery("Data Scientist")).rejects.toMatchObject({ status: 503 });
    expect(server.embeddingRequests.length - before).toBe(2);
  });

  it("retries a 503 and then answers", async () => {
    const e = await make("text-embedding-3-small", { dim: 32 });
    server.failEmbeddings(1, 503);
    const before = server.embeddingRequests.length;
    const [v] = await e.embed(["Krankenpfleger"]);
    expect(v).toHaveLength(32);
    expect(server.embeddingRequests.length - before).toBe(2);
  });

  it("stops with a message naming the setting when the length cannot be what was asked", async () => {
    const err = await make("local-unnormalized", { dim: 384 }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(AppError);
    expect((err as AppError).userMessage).toMatch(/JOBSCOUT_EMBEDDING_DIM is 384.*768-dimensional/);
  });

  it("says what to check when the model cannot be reached or is unknown", async () => {
    const unknown = await make("no-such-model").catch((e: unknown) => e);
    expect((unknown as AppError).userMessage).toMatch(
      /embedding model no-such-model.*OPENAI_EMBEDDING_MODEL/s,
    );
    const dead = await deadPort();
    const gone = await OpenAiEmbedder.create({
      apiKey: KEY,
      baseUrl: `http://127.0.0.1:${dead.port}/v1`,
      model: "some-local-model",
    })
      .catch((e: unknown) => e)
      .finally(() => dead.close());
    expect((gone as AppError).userMessage).toMatch(/Could not reach the embedding model.*OPENAI_BASE_URL/s);
    expect((gone as AppError).userMessage).not.toContain(KEY);
  });
});
