// What the sources' HTTP client makes of bodies and answers that are not plain 200s, against a local
// server: every compression a site may use is unpacked, a body that grows past the cap on the wire
// or when unpacked stops there, a broken or cut-off body is told apart from a network fault (one is
// final, the other retried), status answers carry Retry-After, and a caller's stop is the caller's.
import { spawnSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import http from "node:http";
import https from "node:https";
import os from "node:os";
import path from "node:path";
import net, { type AddressInfo } from "node:net";
import { brotliCompressSync, deflateSync, gzipSync } from "node:zlib";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createHttpClient, HttpError } from "../../src/pipeline/sources/http.js";
import { deadPort, type DeadPort } from "../support/dead-port.js";
import { eventually } from "../support/harness.js";

const JOBS = JSON.stringify({ jobs: ["Übersetzer:in", "Pflegefachkraft"] });
let origin = "";
let host = "";
const seen: string[] = [];
const server = http.createServer((req, res) => {
  seen.push(req.url ?? "");
  res.on("error", () => undefined);
  switch (req.url) {
    case "/deflate":
      return void res.writeHead(200, { "content-encoding": "deflate" }).end(deflateSync(JOBS));
    case "/br":
      return void res.writeHead(200, { "content-encoding": " BR " }).end(brotliCompressSync(JOBS));
    case "/x-gzip":
      return void res.writeHead(200, { "content-encoding": "x-gzip" }).end(gzipSync(JOBS));
    case "/bomb": // about a kilobyte on the wire, 1 MB unpacked
      return void res.writeHead(200, { "content-encoding": "gzip" }).end(gzipSync(Buffer.alloc(1024 * 1024)));
    case "/stream": {
      // No length given: only counting what arrives can stop it.
      res.writeHead(200, { "content-type": "text/plain" });
      for (let i = 0; i < 4; i++) res.write(Buffer.alloc(8 * 1024, 0x61));
      return void res.end();
    }
    case "/declared":
      res.writeHead(200, { "content-length": String(3 * 1024 * 1024) });
      return void res.write("a");
    case "/not-gzip":
      return void res.writeHead(200, { "content-encoding": "gzip" }).end("this was never compressed");
    case "/cut":
      res.writeHead(200, { "content-length": "1000" });
      res.write("only the first bytes");
      return void setImmediate(() => res.socket?.destroy());
    case "/not-modified":
      return void res.writeHead(304).end();
    case "/busy-seconds":
      return void res.writeHead(503, { "retry-after": "120" }).end();
    case "/busy-date":
      return void res.writeHead(429, { "retry-after": "Wed, 21 Oct 2015 07:28:00 GMT" }).end();
    case "/busy-words":
      return void res.writeHead(503, { "retry-after": "soon" }).end();
    case "/gone":
      return void res.writeHead(410).end();
    case "/cookies":
      return void res.writeHead(200, { "set-cookie": ["a=1", "b=2"] }).end("ok");
    case "/html":
      return void res
        .writeHead(200, { "content-type": "text/html" })
        .end("<!doctype html><p>Maintenance</p>");
    case "/cut-json":
      return void res.writeHead(200, { "content-type": "application/json" }).end('{"jobs": [');
    case "/slow":
      return; // never answers
    default:
      return void res.writeHead(200).end(JOBS);
  }
});
let dead: DeadPort;
beforeAll(async () => {
  await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
  host = `127.0.0.1:${(server.address() as AddressInfo).port}`;
  origin = `http://${host}`;
  dead = await deadPort();
});
afterAll(async () => {
  server.closeAllConnections();
  await new Promise<void>((r) => server.close(() => r()));
  await dead.close();
});

const client = (o: { maxBodyBytes?: number; timeoutMs?: number } = {}) =>
  createHttpClient({ userAgent: "jobscout-test", timeoutMs: o.timeoutMs ?? 10_000, ...o });

const failure = (p: Promise<unknown>) =>
  p.then(
    () => {
      throw new Error("the request succeeded");
    },
    (e: unknown) => e as HttpError,
  );

describe("bodies", () => {
  it.each(["/deflate", "/br", "/x-gzip"])("unpacks a %s body", async (path) => {
    expect((await client().getJson(`${origin}${path}`)).data).toEqual({
      jobs: ["Übersetzer:in", "Pflegefachkraft"],
    });
  });

  it("stops a small gzip that unpacks past the cap, and a body without a length that grows past it", async () => {
    const bomb = await failure(client({ maxBodyBytes: 10_000 }).getText(`${origin}/bomb`));
    expect(bomb).toMatchObject({
      code: "http_too_large",
      retryable: false,
      message: `${host} sent more than 10 KB (JOBSCOUT_MAX_BODY_BYTES); not read`,
    });
    const stream = await failure(client().getText(`${origin}/stream`, { maxBytes: 20_000 }));
    expect(stream).toMatchObject({
      code: "http_too_large",
      message: `${host} sent more than 20 KB (JOBSCOUT_MAX_BODY_BYTES); not read`,
    });
    // Within the cap the same body arrives whole.
    expect((await client().getText(`${origin}/stream`, { maxBytes: 40_000 })).text).toBe(
      "a".repeat(32 * 1024),
    );
  });

  it("refuses a body whose declared length is over the cap before reading it", async () => {
    const big = await failure(client({ maxBodyBytes: 2 * 1024 * 1024 }).getText(`${origin}/declared`));
    expect(big).toMatchObject({
      code: "http_too_large",
      message: `${host} sent more than 2 MB (JOBSCOUT_MAX_BODY_BYTES); not read`,
    });
  });

  it("fails a body that claims a compression it does not have for good, and a cut-off body to be retried", async () => {
    const bad = await failure(client().getText(`${origin}/not-gzip`));
    expect(bad).toMatchObject({
      code: "http_bad_body",
      retryable: false,
      message: `${host} sent a compressed body that does not unpack`,
    });
    const cut = await failure(client().getText(`${origin}/cut`));
    expect(cut).toMatchObject({ code: "http_network", retryable: true });
    expect(cut.message).toMatch(new RegExp(`^${host} could not be reached: `));
  });

  it("tells HTML where JSON was expected (a changed endpoint, final) from cut-off JSON (retried)", async () => {
    const html = await failure(client().getJson(`${origin}/html`));
    expect(html).toMatchObject({
      code: "http_bad_body",
      retryable: false,
      message: `${host} sent HTML where JSON was expected`,
    });
    const cut = await failure(client().getJson(`${origin}/cut-json`));
    expect(cut).toMatchObject({
      code: "http_bad_body",
      retryable: true,
      status: 200,
      message: `${host} sent a malformed JSON body (10 bytes)`,
    });
  });

  it("keeps a header the site sent twice as two values", async () => {
    const res = await client().getText(`${origin}/cookies`);
    expect(res.headers.getSetCookie()).toEqual(["a=1", "b=2"]);
  });
});

describe("answers other than 200", () => {
  it("reports a 3xx without a Location as the status it is", async () => {
    const e = await failure(client().getText(`${origin}/not-modified`));
    expect(e).toMatchObject({ code: "http_status", status: 304, retryable: false });
    expect(e.message).toBe(`${host} answered HTTP 304 Not Modified`);
  });

  it("reads Retry-After in seconds or as a date, ignores one in words, and retries only what may recover", async () => {
    expect(await failure(client().getText(`${origin}/busy-seconds`))).toMatchObject({
      status: 503,
      retryable: true,
      retryAfterSeconds: 120,
    });
    // A date already past: try again now.
    expect(await failure(client().getText(`${origin}/busy-date`))).toMatchObject({
      status: 429,
      retryable: true,
      retryAfterSeconds: 0,
    });
    const words = await failure(client().getText(`${origin}/busy-words`));
    expect(words).toMatchObject({ status: 503, retryable: true });
    expect(words.retryAfterSeconds).toBeUndefined();
    const gone = await failure(client().getText(`${origin}/gone`));
    expect(gone).toMatchObject({ status: 410, retryable: false, message: `${host} answered HTTP 410 Gone` });
    expect(gone.retryAfterSeconds).toBeUndefined();
  });

  it("does not trust a site whose certificate nobody vouches for", async () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), "jobscout-tls-"));
    try {
      const made = spawnSync(
        "openssl",
        [
          "req",
          "-x509",
          "-newkey",
          "ec",
          "-pkeyopt",
          "ec_paramgen_curve:prime256v1",
          "-nodes",
          "-days",
          "1",
          "-subj",
          "/CN=127.0.0.1",
          "-keyout",
          path.join(dir, "key.pem"),
          "-out",
          path.join(dir, "cert.pem"),
        ],
        { stdio: "ignore" },
      );
      expect(made.status).toBe(0);
      const tls = https.createServer(
        { key: readFileSync(path.join(dir, "key.pem")), cert: readFileSync(path.join(dir, "cert.pem")) },
        (_req, res) => res.end(JOBS),
      );
      await new Promise<void>((r) => tls.listen(0, "127.0.0.1", r));
      try {
        const port = (tls.address() as AddressInfo).port;
        const e = await failure(client().getJson(`https://127.0.0.1:${port}/jobs`));
        expect(e).toMatchObject({ code: "http_network", retryable: true });
        expect(e.message).toBe(`127.0.0.1:${port} could not be reached: self-signed certificate`);
      } finally {
        tls.closeAllConnections();
        await new Promise<void>((r) => tls.close(() => r()));
      }
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it("names the status alone when the server sends no reason phrase", async () => {
    // Raw HTTP: Node's own server always writes a reason phrase.
    const bare = net.createServer((socket) => {
      socket.on("error", () => undefined);
      socket.once("data", () =>
        socket.end("HTTP/1.1 503 \r\ncontent-length: 0\r\nconnection: close\r\n\r\n"),
      );
    });
    await new Promise<void>((r) => bare.listen(0, "127.0.0.1", r));
    try {
      const port = (bare.address() as AddressInfo).port;
      const e = await failure(client().getText(`http://127.0.0.1:${port}/jobs`));
      expect(e).toMatchObject({
        status: 503,
        retryable: true,
        message: `127.0.0.1:${port} answered HTTP 503`,
      });
    } finally {
      await new Promise<void>((r) => bare.close(() => r()));
    }
  });

  it("retries a host that drops the connection", async () => {
    const e = await failure(client().getText(`http://127.0.0.1:${dead.port}/jobs`));
    expect(e).toMatchObject({ code: "http_network", retryable: true });
    expect(e.message).toMatch(new RegExp(`^127\\.0\\.0\\.1:${dead.port} could not be reached: `));
  });
});

describe("stopping a request", () => {
  it("gives up on a site that does not answer in time, to be retried", async () => {
    const e = await failure(client({ timeoutMs: 300 }).getText(`${origin}/slow`));
    expect(e).toMatchObject({
      code: "http_timeout",
      retryable: true,
      message: `${host} did not answer within 300 ms`,
    });
  });

  it("hands the caller's own stop back to the caller, before or during the request", async () => {
    const before = new AbortController();
    before.abort(new Error("the run was cancelled"));
    const count = seen.length;
    await expect(client().getText(`${origin}/jobs`, { signal: before.signal })).rejects.toThrow(
      /^the run was cancelled$/,
    );
    // Stopped before anything went out.
    expect(seen.length).toBe(count);

    const during = new AbortController();
    const pending = client().getText(`${origin}/slow`, { signal: during.signal });
    await eventually(() => seen.length > count && seen.at(-1) === "/slow");
    during.abort("shutting down");
    // A reason that is no error still comes back as one, carrying the reason.
    const e = await pending.then(
      () => undefined,
      (err: unknown) => err as Error,
    );
    expect(e?.message).toBe("request failed");
    expect(e?.cause).toBe("shutting down");
  });
});
