import LlamaCloud, { APIError } from "@llamaindex/llama-cloud";
import { AppError } from "../../core/errors.js";
import { cvError, type CvReader } from "./cv-file.js";

/** Options for {@link createLlamaParseReader}. */
export interface LlamaParseReaderOptions {
  /** `LLAMA_CLOUD_API_KEY`; sent only to `baseURL`. */
  apiKey: string;
  /** `LLAMA_CLOUD_BASE_URL`. @defaultValue LlamaCloud's own API */
  baseURL?: string | undefined;
  /** Give up on one document after this long. @defaultValue `300000` */
  timeoutMs?: number;
  /** First wait between status polls. @defaultValue `1000` */
  pollMs?: number;
  /** Retries of 408/409/429/5xx answers by the client (it honours Retry-After). @defaultValue `3` */
  maxRetries?: number;
}

const LATER = "Try again in a few minutes, or paste the CV as text.";

/**
 * CVs read by LlamaParse through its official client (`JOBSCOUT_CV_PARSER=llamaparse`): the bytes are
 * uploaded (v2 parse API), the job polled until done, its pages' text joined. Only PDF and DOCX go
 * there — the caller checks the bytes first and reads plain text itself. A failure is answered with
 * what to do; the key and the service's own words stay in the logs.
 */
export function createLlamaParseReader(o: LlamaParseReaderOptions): CvReader {
  const client = new LlamaCloud({
    apiKey: o.apiKey,
    ...(o.baseURL ? { baseURL: o.baseURL } : {}),
    maxRetries: o.maxRetries ?? 3,
  });
  const poll = (o.pollMs ?? 1000) / 1000;
  return async (bytes, name) => {
    try {
      const got = await client.parsing.parse(
        {
          tier: "fast",
          version: "latest",
          upload_file: new File([Buffer.from(bytes)], name),
          expand: ["text"],
        },
        { pollingInterval: poll, maxInterval: Math.max(poll, 5), timeout: (o.timeoutMs ?? 300_000) / 1000 },
      );
      return (got.text?.pages ?? []).map((p) => p.text).join("\n");
    } catch (err) {
      throw llamaParseError(err, name);
    }
  };
}

function llamaParseError(err: unknown, name: string): AppError {
  const why = err instanceof Error ? err.message : String(err);
  if (err instanceof APIError) {
    const status: number = typeof err.status === "number" ? err.status : 0;
    if (status === 401 || status === 403)
      return new AppError("llamaparse_auth", `LlamaParse refused the key (HTTP ${status})`, {
        userMessage: `I can't read “${name}” right now: the document service refused jobscout's key (the operator must check LLAMA_CLOUD_API_KEY). ${LATER}`,
      });
    if (status === 402)
      return new AppError("llamaparse_credits", "LlamaParse: out of credits (HTTP 402)", {
        userMessage: `I can't read “${name}” right now: the document service has no credits left (the operator must top them up). ${LATER}`,
      });
    if (status === 429 || status >= 500)
      return new AppError("llamaparse_unavailable", `LlamaParse answered HTTP ${status}: ${why}`, {
        retryable: true,
        userMessage: `I can't read “${name}” right now: the document service is busy or down. ${LATER}`,
      });
  }
  if (err instanceof Error && err.name === "PollingTimeoutError")
    return new AppError("llamaparse_timeout", `LlamaParse did not finish ${name}: ${why}`, {
      retryable: true,
      userMessage: `Reading “${name}” took the document service too long. ${LATER}`,
    });
  if (err instanceof Error && err.name === "PollingError") {
    const said = /Error: (.*)$/.exec(why)?.[1];
    return cvError(
      /password/i.test(why) ? "cv_encrypted" : "cv_unreadable",
      /password/i.test(why)
        ? `“${name}” is protected by a password, so I can't read it. Send it without the password, as a DOCX, or as plain text.`
        : `I couldn't read “${name}”${said ? ` (${said.slice(0, 120)})` : ""}. Export it again, or send a DOCX or plain text.`,
    );
  }
  return new AppError("llamaparse_failed", `LlamaParse: ${why}`, {
    retryable: true,
    userMessage: `I couldn't reach the document service to read “${name}”. ${LATER}`,
  });
}
