import { AppError } from "../../core/errors.js";

/** An HTTP failure, with the status when the server answered. */
export class HttpError extends AppError {
  readonly status: number | undefined;
  /** Seconds the server asked us to wait (Retry-After), when given. */
  readonly retryAfterSeconds: number | undefined;

  constructor(
    code: "http_status" | "http_timeout" | "http_network" | "http_bad_body",
    message: string,
    opts: {
      status?: number | undefined;
      retryable: boolean;
      retryAfterSeconds?: number | undefined;
      cause?: unknown;
    },
  ) {
    super(code, message, { retryable: opts.retryable, userMessage: message, cause: opts.cause });
    this.name = "HttpError";
    this.status = opts.status;
    this.retryAfterSeconds = opts.retryAfterSeconds;
  }
}

export interface HttpTextResponse {
  status: number;
  headers: Headers;
  text: string;
}

/** The one way sources talk HTTP: identifying User-Agent, timeouts, errors classified for retries. */
export interface HttpClient {
  getText(
    url: string,
    init?: { headers?: Record<string, string>; signal?: AbortSignal | undefined },
  ): Promise<HttpTextResponse>;
  /** GET and parse JSON; a body that is not JSON (truncated, an HTML error page) is an `http_bad_body` error. */
  getJson(
    url: string,
    init?: { headers?: Record<string, string>; signal?: AbortSignal | undefined },
  ): Promise<{ status: number; data: unknown }>;
}

/** Options for {@link createHttpClient}. */
export interface HttpClientOptions {
  /** Sent on every request, e.g. `jobscout/0.1 (+https://example.org/contact)`. */
  userAgent: string;
  /** Per request, including reading the body. */
  timeoutMs: number;
}

function parseRetryAfter(value: string | null): number | undefined {
  if (!value) return undefined;
  const secs = Number(value);
  if (Number.isFinite(secs)) return Math.max(0, secs);
  const at = Date.parse(value);
  return Number.isNaN(at) ? undefined : Math.max(0, Math.ceil((at - Date.now()) / 1000));
}

export function createHttpClient(options: HttpClientOptions): HttpClient {
  const getText: HttpClient["getText"] = async (url, init = {}) => {
    const host = new URL(url).host;
    const timeout = AbortSignal.timeout(options.timeoutMs);
    const signal = init.signal ? AbortSignal.any([init.signal, timeout]) : timeout;
    let res: Response;
    let text: string;
    try {
      res = await fetch(url, {
        headers: { "user-agent": options.userAgent, accept: "application/json, */*;q=0.5", ...init.headers },
        signal,
        redirect: "follow",
      });
      text = await res.text();
    } catch (err) {
      if (timeout.aborted) {
        throw new HttpError("http_timeout", `${host} did not answer within ${options.timeoutMs} ms`, {
          retryable: true,
          cause: err,
        });
      }
      if (init.signal?.aborted) throw err;
      const reason =
        err instanceof Error ? ((err.cause as Error | undefined)?.message ?? err.message) : String(err);
      throw new HttpError("http_network", `${host} could not be reached: ${reason}`, {
        retryable: true,
        cause: err,
      });
    }
    if (!res.ok) {
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
    return { status: res.status, headers: res.headers, text };
  };

  return {
    getText,
    async getJson(url, init) {
      const res = await getText(url, init);
      return { status: res.status, data: parseJsonBody(url, res) };
    },
  };
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
      { status: res.status, retryable: !looksHtml, cause: err },
    );
  }
}
