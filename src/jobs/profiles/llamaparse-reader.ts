import LlamaCloud, { APIError } from "@llamaindex/llama-cloud";
import { phrasesFor } from "../../answers/phrases/phrases.js";
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
        userMessage: (lang) => phrasesFor(lang).cv.serviceKey(name),
      });
    if (status === 402)
      return new AppError("llamaparse_credits", "LlamaParse: out of credits (HTTP 402)", {
        userMessage: (lang) => phrasesFor(lang).cv.serviceCredits(name),
      });
    if (status === 429 || status >= 500)
      return new AppError("llamaparse_unavailable", `LlamaParse answered HTTP ${status}: ${why}`, {
        retryable: true,
        userMessage: (lang) => phrasesFor(lang).cv.serviceBusy(name),
      });
  }
  if (err instanceof Error && err.name === "PollingTimeoutError")
    return new AppError("llamaparse_timeout", `LlamaParse did not finish ${name}: ${why}`, {
      retryable: true,
      userMessage: (lang) => phrasesFor(lang).cv.serviceSlow(name),
    });
  if (err instanceof Error && err.name === "PollingError") {
    const said = /Error: (.*)$/.exec(why)?.[1];
    return /password/i.test(why)
      ? cvError("cv_encrypted", (w) => w.encrypted(name))
      : cvError("cv_unreadable", (w) => w.unreadable(name, said?.slice(0, 120)));
  }
  return new AppError("llamaparse_failed", `LlamaParse: ${why}`, {
    retryable: true,
    userMessage: (lang) => phrasesFor(lang).cv.serviceUnreachable(name),
  });
}
