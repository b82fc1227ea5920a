// What the OpenAI-compatible embedder makes of answers a server should not give, through the real
// LangChain/OpenAI client: a refused request fails the run's stage for good with what to check, a
// server error is worth another try, vectors of the wrong length or count are refused with what to
// set, and an all-zero vector becomes a fixed unit vector instead of breaking cosine distances.
import http from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { OpenAiEmbedder } from "../../src/search/openai.embedder.js";
import { startOpenAiServer, type OpenAiServer } from "../support/openai-server.js";
import { refusal } from "../support/harness.js";

/** Vectors the local server answers with, per input, for the next request. */
let answer: (inputs: string[]) => number[][] = (inputs) => inputs.map(() => [3, 4, 0, 0]);
const local = http.createServer((req, res) => {
  let body = "";
  req.on("data", (c: Buffer) => (body += c.toString()));
  req.on("end", () => {
    const input = (JSON.parse(body) as { input: string | string[] }).input;
    const inputs = Array.isArray(input) ? input : [input];
    const data = answer(inputs).map((embedding, index) => ({ object: "embedding", index, embedding }));
    res.writeHead(200, { "content-type": "application/json" });
    res.end(
      JSON.stringify({
        object: "list",
        data,
        model: "local-4d",
        usage: { prompt_tokens: 1, total_tokens: 1 },
      }),
    );
  });
});
let localUrl = "";
let standIn: OpenAiServer;
beforeAll(async () => {
  await new Promise<void>((r) => local.listen(0, "127.0.0.1", r));
  localUrl = `http://127.0.0.1:${(local.address() as AddressInfo).port}/v1`;
  standIn = await startOpenAiServer([]);
});
afterAll(async () => {
  await new Promise<void>((r) => local.close(() => r()));
  await standIn.close();
});

describe("answers an embedding server should not give", () => {
  it("learns a local model's length from one vector, and normalizes what it gets", async () => {
    answer = (inputs) => inputs.map(() => [3, 4, 0, 0]);
    const e = await OpenAiEmbedder.create({ apiKey: "sk-local", baseUrl: localUrl, model: "local-4d" });
    expect(e.dim).toBe(4);
    const [v] = await e.embed(["Python developer"]);
    expect([...v!]).toEqual([0.6000000238418579, 0.800000011920929, 0, 0]);
    expect([...(await e.embedQuery("Python developer"))]).toEqual([
      0.6000000238418579, 0.800000011920929, 0, 0,
    ]);
    // Nothing to embed: a fixed unit vector, and no request.
    expect([...(await e.embedQuery("   "))]).toEqual([1, 0, 0, 0]);
  });

  it("turns an all-zero vector into a fixed unit vector", async () => {
    answer = (inputs) => inputs.map(() => [3, 4, 0, 0]);
    const e = await OpenAiEmbedder.create({ apiKey: "sk-local", baseUrl: localUrl, model: "local-4d" });
    answer = (inputs) => inputs.map(() => [0, 0, 0, 0]);
    expect((await e.embed(["Pflegefachkraft"])).map((v) => [...v])).toEqual([[1, 0, 0, 0]]);
  });

  it("refuses vectors of another length, saying which setting to match", async () => {
    answer = (inputs) => inputs.map(() => [3, 4, 0, 0]);
    const e = await OpenAiEmbedder.create({ apiKey: "sk-local", baseUrl: localUrl, model: "local-4d" });
    answer = (inputs) => inputs.map(() => [1, 2, 3]);
    const err = await refusal(e.embed(["Python developer"]));
    expect(err.code).toBe("embedder_failed");
    expect(err.userMessageIn("en")).toBe(
      "The embedding model returned 3-dimensional vectors, not 4. Was OPENAI_EMBEDDING_MODEL changed? Set JOBSCOUT_EMBEDDING_DIM to match.",
    );
  });

  it("fails an answer with fewer vectors than texts, to be tried again", async () => {
    answer = (inputs) => inputs.map(() => [3, 4, 0, 0]);
    const e = await OpenAiEmbedder.create({ apiKey: "sk-local", baseUrl: localUrl, model: "local-4d" });
    answer = (inputs) => inputs.slice(1).map(() => [3, 4, 0, 0]);
    const err = await refusal(e.embed(["Python developer", "Data engineer"]));
    expect(err).toMatchObject({ code: "embedder_failed", retryable: true });
    expect(err.userMessageIn("en")).toBe("The embedding model local-4d did not answer; the run tries again.");
  });

  it("fails for good when the service refuses the request, naming what to check", async () => {
    const e = await OpenAiEmbedder.create({
      apiKey: "sk-refused",
      baseUrl: standIn.url,
      model: "text-embedding-3-small",
      dim: 32,
    });
    standIn.failEmbeddings(1, 400);
    const err = await refusal(e.embed(["Python developer"]));
    expect(err).toMatchObject({ code: "embedder_failed", retryable: false });
    expect(err.userMessageIn("en")).toMatch(
      /^The embedding model text-embedding-3-small refused the request \(.+\)\. Check OPENAI_API_KEY, OPENAI_BASE_URL and OPENAI_EMBEDDING_MODEL\.$/,
    );
    expect(err.userMessageIn("en")).not.toContain("sk-refused");
  });
});
