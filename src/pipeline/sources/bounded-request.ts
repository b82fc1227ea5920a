// One GET on the wire with node:http, reading the body as a stream under a byte cap that counts
// what arrives and what it decompresses to: a 50 MB page or a 1 MB gzip that unpacks to 1 GB stops
// at the cap instead of growing the worker's memory. node:http rather than fetch because its
// `lookup` option lets the outbound policy check the address each socket actually connects to.
import http, { type IncomingMessage } from "node:http";
import https from "node:https";
import type { LookupFunction } from "node:net";
import type { Readable } from "node:stream";
import { createBrotliDecompress, createGunzip, createInflate } from "node:zlib";

/** A response as read: the body decoded as UTF-8, or, for a redirect, where it points. */
export interface RawResponse {
  status: number;
  statusText: string;
  headers: Headers;
  text: string;
  /** `Location` of a 3xx answer (its body is not read). */
  location?: string | undefined;
}

/** Why a request ended without a response; the caller turns it into an HttpError. */
export class RequestFailure extends Error {
  constructor(
    readonly kind: "too_large" | "bad_encoding" | "network",
    message: string,
    options?: { cause?: unknown },
  ) {
    super(message, options);
    this.name = "RequestFailure";
  }
}

export interface BoundedRequestOptions {
  headers: Record<string, string>;
  signal: AbortSignal;
  /** Largest body read, counted before and after decompression. */
  maxBytes: number;
  lookup?: LookupFunction | undefined;
  agents: { http: http.Agent; https: https.Agent };
}

const REDIRECTS = new Set([301, 302, 303, 307, 308]);

function toHeaders(res: IncomingMessage): Headers {
  const out = new Headers();
  for (const [k, v] of Object.entries(res.headers)) {
    if (v === undefined) continue;
    for (const one of Array.isArray(v) ? v : [v]) out.append(k, one);
  }
  return out;
}

function decoderFor(encoding: string | undefined): NodeJS.ReadWriteStream | undefined {
  const e = (encoding ?? "").trim().toLowerCase();
  if (e === "gzip" || e === "x-gzip") return createGunzip();
  if (e === "deflate") return createInflate();
  if (e === "br") return createBrotliDecompress();
  return undefined;
}

/** GET `url` once (no redirects followed), reading at most `maxBytes` of body. */
export function boundedGet(url: URL, o: BoundedRequestOptions): Promise<RawResponse> {
  return new Promise<RawResponse>((resolve, reject) => {
    let settled = false;
    const streams: Array<{ destroy(err?: Error): unknown }> = [];
    const finish = (err: unknown, value?: RawResponse) => {
      if (settled) return;
      settled = true;
      o.signal.removeEventListener("abort", onAbort);
      if (err !== undefined) {
        for (const s of streams) s.destroy();
        reject(err instanceof Error ? err : new Error("request failed", { cause: err }));
      } else if (value) resolve(value);
    };
    const onAbort = () => finish(o.signal.reason ?? new Error("aborted"));
    if (o.signal.aborted) return onAbort();
    o.signal.addEventListener("abort", onAbort, { once: true });

    const tooLarge = () => new RequestFailure("too_large", `the body is larger than ${o.maxBytes} bytes`);
    const client = url.protocol === "https:" ? https : http;
    const req = client.request(
      url,
      {
        method: "GET",
        headers: { "accept-encoding": "gzip, deflate, br", ...o.headers },
        agent: url.protocol === "https:" ? o.agents.https : o.agents.http,
        ...(o.lookup ? { lookup: o.lookup } : {}),
      },
      (res) => {
        streams.push(res);
        const base = {
          status: res.statusCode ?? 0,
          statusText: res.statusMessage ?? "",
          headers: toHeaders(res),
        };
        const location = res.headers.location;
        if (REDIRECTS.has(base.status) && location) {
          res.resume(); // drain, so the connection can be reused
          return finish(undefined, { ...base, text: "", location });
        }
        const declared = Number(res.headers["content-length"]);
        if (Number.isFinite(declared) && declared > o.maxBytes) return finish(tooLarge());
        let wire = 0;
        res.on("data", (chunk: Buffer) => {
          wire += chunk.length;
          if (wire > o.maxBytes) finish(tooLarge());
        });
        res.on("error", (err) => finish(new RequestFailure("network", err.message, { cause: err })));
        res.on("close", () => {
          if (!res.complete)
            finish(new RequestFailure("network", "the connection closed before the body ended"));
        });
        const decoder = decoderFor(res.headers["content-encoding"]);
        let body: Readable = res;
        if (decoder) {
          streams.push(decoder as unknown as Readable);
          decoder.on("error", (err: Error) =>
            finish(new RequestFailure("bad_encoding", err.message, { cause: err })),
          );
          body = res.pipe(decoder) as unknown as Readable;
        }
        const chunks: Buffer[] = [];
        let size = 0;
        body.on("data", (chunk: Buffer) => {
          size += chunk.length;
          if (size > o.maxBytes) return finish(tooLarge());
          chunks.push(chunk);
        });
        body.on("end", () =>
          finish(undefined, { ...base, text: new TextDecoder().decode(Buffer.concat(chunks, size)) }),
        );
      },
    );
    streams.push(req);
    req.on("error", (err) => finish(new RequestFailure("network", err.message, { cause: err })));
    req.end();
  });
}
