// The plain HTTP client against a local server: redirects followed hop by hop under the outbound
// policy, compressed bodies unpacked, and the body cap applied to what arrives.
import { gzipSync } from "node:zlib";
import http from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createHttpClient, HttpError } from "../../src/pipeline/sources/http.js";
import { createOutboundPolicy } from "../../src/pipeline/sources/outbound-policy.js";

let origin = "";
const seen: string[] = [];
const server = http.createServer((req, res) => {
  seen.push(req.url ?? "");
  if (req.url === "/old") return void res.writeHead(301, { location: "/new" }).end();
  if (req.url === "/loop") return void res.writeHead(302, { location: "/loop" }).end();
  if (req.url === "/away")
    return void res.writeHead(302, { location: "http://169.254.169.254/latest/" }).end();
  if (req.url === "/bad-location") return void res.writeHead(302, { location: "http://[::1" }).end();
  if (req.url === "/gz") {
    const body = gzipSync(JSON.stringify({ jobs: ["Übersetzer:in"] }));
    return void res.writeHead(200, { "content-encoding": "gzip", "content-length": body.length }).end(body);
  }
  res.writeHead(200, { "content-type": "text/plain" }).end(`page ${req.url}`);
});
beforeAll(async () => {
  await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
  origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(async () => {
  server.closeAllConnections();
  await new Promise<void>((r) => server.close(() => r()));
});

const client = () =>
  createHttpClient({
    userAgent: "jobscout-test",
    timeoutMs: 3000,
    outbound: createOutboundPolicy({ allowPrivate: ["127.0.0.1"] }),
    maxRedirects: 3,
  });

const failure = (p: Promise<unknown>) =>
  p.then(
    () => undefined,
    (e: unknown) => e as HttpError,
  );

describe("http client", () => {
  it("follows a redirect on an allowed host", async () => {
    const res = await client().getText(`${origin}/old`);
    expect(res).toMatchObject({ status: 200, text: "page /new" });
  });

  it("refuses a hop to the metadata address, and stops a redirect loop", async () => {
    const away = await failure(client().getText(`${origin}/away`));
    expect(away).toMatchObject({
      code: "http_refused",
      message: "this address is not allowed",
      retryable: false,
    });
    seen.length = 0;
    const loop = await failure(client().getText(`${origin}/loop`));
    expect(loop).toMatchObject({ code: "http_status", retryable: false });
    expect(loop?.message).toMatch(/redirected more than 3 times/);
    expect(seen).toHaveLength(4);
    const bad = await failure(client().getText(`${origin}/bad-location`));
    expect(bad?.message).toMatch(/redirected to an address that is not a URL/);
  });

  it("unpacks a gzip body, and counts the cap on what it unpacks to", async () => {
    expect((await client().getJson(`${origin}/gz`)).data).toEqual({ jobs: ["Übersetzer:in"] });
    const small = await failure(client().getText(`${origin}/gz`, { maxBytes: 10 }));
    expect(small).toMatchObject({ code: "http_too_large", retryable: false });
  });
});
