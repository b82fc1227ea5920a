import http from "node:http";
import https from "node:https";
import { AppError } from "../../core/errors.js";
import { boundedGet, RequestFailure, type RawResponse } from "./bounded-request.js";
import type { OutboundPolicy } from "./outbound-policy.js";

/** An HTTP failure, with the status when the server answered. */
export class HttpError extends AppError {
  readonly status: number | undefined;
  /** Seconds the server asked us to wait (Retry-After), when given. */
  readonly retryAfterSeconds: number | undefined;
  /** The limit that was reached: the timeout (`http_timeout`) or the body cap (`http_too_large`). */
  readonly limit: number | undefined;
  /** An `http_bad_body` that is an HTML page where data was expected (an error or maintenance page). */
  readonly html: boolean;

  constructor(
    code:
      "http_status" | "http_timeout" | "http_network" | "http_bad_body" | "http_too_large" | "http_refused",
    message: string,
    opts: {
      status?: number | undefined;
      retryable: boolean;
      retryAfterSeconds?: number | undefined;
      /** The timeout in ms (`http_timeout`) or the body cap in bytes (`http_too_large`). */
      limit?: number | undefined;
      /** The body is an HTML page where data was expected. @defaultValue `false` */
      html?: boolean;
      cause?: unknown;
    },
  ) {
    super(code, message, { retryable: opts.retryable, userMessage: message, cause: opts.cause });
    this.name = "HttpError";
    this.status = opts.status;
    this.retryAfterSeconds = opts.retryAfterSeconds;
    this.limit = opts.limit;
    this.html = opts.html === true;
  }
}

export interface HttpTextResponse {
  status: number;
  headers: Headers;
  text: string;
}

/** Per-request options of {@link HttpClient}. */
export interface GetInit {
  headers?: Record<string, string>;
  signal?: AbortSignal | undefined;
  /** Largest body read (after decompression); more fails the request. @defaultValue the client's `maxBodyBytes` */
  maxBytes?: number | undefined;
}

/** The one way sources talk HTTP: identifying User-Agent, timeouts, errors classified for retries. */
export interface HttpClient {
  getText(url: string, init?: GetInit): Promise<HttpTextResponse>;
  /** GET and parse JSON; a body that is not JSON (truncated, an HTML error page) is an `http_bad_body` error. */
  getJson(url: string, init?: GetInit): Promise<{ status: number; data: unknown }>;
}

/** Options for {@link createHttpClient}. */
export interface HttpClientOptions {
  /** Sent on every request, e.g. `jobscout/0.1 (+https://example.org/contact)`. */
  userAgent: string;
  /** Per request, including reading the body. */
  timeoutMs: number;
  /** Where requests may go (checked before each request, at connect time and on every redirect); undefined: anywhere. */
  outbound?: OutboundPolicy | undefined;
  /** `JOBSCOUT_MAX_BODY_BYTES`: largest body read, counted before and after decompression. @defaultValue `10485760` */
  maxBodyBytes?: number | undefined;
  /** Redirects followed per request. @defaultValue `5` */
  maxRedirects?: number | undefined;
}

/** 10 MiB: far above any real job page or API page, far below what hurts a worker. */
export const DEFAULT_MAX_BODY_BYTES = 10 * 1024 * 1024;

function parseRetryAfter(value: string | null): number | undefined {
  if (!value) return undefined;
  const secs = Number(value);
  if (Number.isFinite(secs)) return Math.max(0, secs);
  const at = Date.parse(value);
  return Number.isNaN(at) ? undefined : Math.max(0, Math.ceil((at - Date.now()) / 1000));
}

const size = (n: number): string =>
  n >= 1024 * 1024 ? `${Math.round((n / 1024 / 1024) * 10) / 10} MB` : `${Math.ceil(n / 1024)} KB`;

export function createHttpClient(options: HttpClientOptions): HttpClient {
  const agents = { http: new http.Agent({ keepAlive: true }), https: new https.Agent({ keepAlive: true }) };
  const maxRedirects = options.maxRedirects ?? 5;

  const getText: HttpClient["getText"] = async (url, init = {}) => {
    const host = new URL(url).host;
    const maxBytes = init.maxBytes ?? options.maxBodyBytes ?? DEFAULT_MAX_BODY_BYTES;
    const timeout = AbortSignal.timeout(options.timeoutMs);
    const signal = init.signal ? AbortSignal.any([init.signal, timeout]) : timeout;
    const headers = {
      "user-agent": options.userAgent,
      accept: "application/json, */*;q=0.5",
      ...init.headers,
    };
    let current = new URL(url);
    // Redirects are followed here, one hop at a time, so each hop's address passes the policy.
    for (let hop = 0; ; hop++) {
      await options.outbound?.check(current);
      let res: RawResponse;
      try {
        res = await boundedGet(current, {
          headers,
          signal,
          maxBytes,
          lookup: options.outbound?.lookup,
          agents,
        });
      } catch (err) {
        throw failure(err, host, maxBytes, { timeout, signal: init.signal, timeoutMs: options.timeoutMs });
      }
      if (res.location !== undefined) {
        if (hop >= maxRedirects)
          throw new HttpError("http_status", `${host} redirected more than ${maxRedirects} times`, {
            status: res.status,
            retryable: false,
          });
        const next = URL.canParse(res.location, current.href) ? new URL(res.location, current) : undefined;
        if (!next)
          throw new HttpError("http_status", `${host} redirected to an address that is not a URL`, {
            status: res.status,
            retryable: false,
          });
        current = next;
        continue;
      }
      if (res.status < 200 || res.status > 299) {
        const retryable = res.status === 429 || res.status === 408 || res.status >= 500;
        throw new HttpError(
          "http_status",
          `${host} answered HTTP ${res.status}${res.statusText ? ` ${res.statusText}` : ""}`,
          {
            status: res.status,
            retryable,
            retryAfterSeconds: parseRetryAfter(res.headers.get("retry-after")),
          },
        );
      }
      return { status: res.status, headers: res.headers, text: res.text };
    }
  };

  return {
    getText,
    async getJson(url, init) {
      const res = await getText(url, init);
      return { status: res.status, data: parseJsonBody(url, res) };
    },
  };
}

/** Classify what ended a request: an over-limit or undecodable body fails for good, the network may recover. */
function failure(
  err: unknown,
  host: string,
  maxBytes: number,
  o: { timeout: AbortSignal; signal: AbortSignal | undefined; timeoutMs: number },
): unknown {
  if (err instanceof HttpError) return err;
  if (o.timeout.aborted)
    return new HttpError("http_timeout", `${host} did not answer within ${o.timeoutMs} ms`, {
      retryable: true,
      limit: o.timeoutMs,
      cause: err,
    });
  if (o.signal?.aborted) return err;
  if (err instanceof RequestFailure && err.kind === "too_large")
    return new HttpError(
      "http_too_large",
      `${host} sent more than ${size(maxBytes)} (JOBSCOUT_MAX_BODY_BYTES); not read`,
      { retryable: false, limit: maxBytes, cause: err },
    );
  if (err instanceof RequestFailure && err.kind === "bad_encoding")
    return new HttpError("http_bad_body", `${host} sent a compressed body that does not unpack`, {
      retryable: false,
      cause: err,
    });
  const reason = err instanceof Error ? err.message : String(err);
  return new HttpError("http_network", `${host} could not be reached: ${reason}`, {
    retryable: true,
    cause: err,
  });
}

/** Parse a JSON body; one that is not JSON (cut off, an HTML error page) is an `http_bad_body` error. */
export function parseJsonBody(url: string, res: Pick<HttpTextResponse, "status" | "text">): unknown {
  try {
    return JSON.parse(res.text) as unknown;
  } catch (err) {
    const host = new URL(url).host;
    const looksHtml = /^\s*</.test(res.text);
    // A cut-off body is usually a transfer hiccup (retry); HTML instead of JSON is a changed endpoint.
    throw new HttpError(
      "http_bad_body",
      looksHtml
        ? `${host} sent HTML where JSON was expected`
        : `${host} sent a malformed JSON body (${res.text.length} bytes)`,
      { status: res.status, retryable: !looksHtml, html: looksHtml, cause: err },
    );
  }
}
