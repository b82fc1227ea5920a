/** Per-key limits of the OpenAI stand-in, as OpenAI's organisation limits behave. */
export interface RateLimitSettings {
  /** Requests per minute per key; 0 means unlimited. @defaultValue `0` */
  requestsPerMinute: number;
  /** Tokens (prompt + expected completion) per minute per key; 0 means unlimited. @defaultValue `0` */
  tokensPerMinute: number;
  /** Tokens a key may use in all; past it every request gets 429 insufficient_quota. 0: no quota. @defaultValue `0` */
  quotaTokens: number;
  /** The window the per-minute budgets refill over; shorter compresses time for tests. @defaultValue `60000` */
  periodMs?: number;
}

/** The answer to "may this request run now?" with the headers OpenAI sends either way. */
export type LimitDecision =
  | { ok: true; headers: Record<string, string> }
  | {
      ok: false;
      kind: "requests" | "tokens" | "insufficient_quota";
      retryAfterMs: number;
      message: string;
      headers: Record<string, string>;
    };

interface Bucket {
  level: number;
  at: number;
}

/** OpenAI writes durations as "6m0s", "1.574s", "120ms". */
export function formatDuration(ms: number): string {
  if (ms < 1000) return `${Math.max(0, Math.ceil(ms))}ms`;
  const s = ms / 1000;
  if (s < 60) return `${Number(s.toFixed(3))}s`;
  const m = Math.floor(s / 60);
  return `${m}m${Math.round(s - m * 60)}s`;
}

/**
 * Token buckets per key that refill continuously (a minute's budget over a minute), as OpenAI's
 * limits do, plus a spend counter for the quota.
 */
export class RateLimits {
  private readonly requests = new Map<string, Bucket>();
  private readonly tokens = new Map<string, Bucket>();
  private readonly spent = new Map<string, number>();

  private readonly period: number;

  constructor(
    private readonly settings: RateLimitSettings,
    private readonly now: () => number = Date.now,
  ) {
    this.period = settings.periodMs ?? 60_000;
  }

  /** Take one request and `tokens` tokens for `key`, or say how long to wait. */
  take(key: string, tokens: number): LimitDecision {
    const s = this.settings;
    const spent = this.spent.get(key) ?? 0;
    if (s.quotaTokens > 0 && spent >= s.quotaTokens)
      return {
        ok: false,
        kind: "insufficient_quota",
        retryAfterMs: 0,
        message:
          "You exceeded your current quota, please check your plan and billing details. For more information on this error, read the docs: https://platform.openai.com/docs/guides/error-codes/api-errors.",
        headers: {},
      };
    const req = this.level(this.requests, key, s.requestsPerMinute);
    const tok = this.level(this.tokens, key, s.tokensPerMinute);
    const wantTokens = s.tokensPerMinute > 0 ? Math.min(tokens, s.tokensPerMinute) : tokens;
    if (s.requestsPerMinute > 0 && req < 1) {
      const wait = ((1 - req) * this.period) / s.requestsPerMinute;
      return this.refuse(
        "requests",
        wait,
        `Rate limit reached for requests per min (RPM): Limit ${s.requestsPerMinute}, Used ${s.requestsPerMinute}, Requested 1.`,
        key,
      );
    }
    if (s.tokensPerMinute > 0 && tok < wantTokens) {
      const wait = ((wantTokens - tok) * this.period) / s.tokensPerMinute;
      return this.refuse(
        "tokens",
        wait,
        `Rate limit reached for tokens per min (TPM): Limit ${s.tokensPerMinute}, Used ${Math.ceil(s.tokensPerMinute - tok)}, Requested ${wantTokens}.`,
        key,
      );
    }
    if (s.requestsPerMinute > 0) this.requests.set(key, { level: req - 1, at: this.now() });
    if (s.tokensPerMinute > 0) this.tokens.set(key, { level: tok - wantTokens, at: this.now() });
    this.spent.set(key, spent + tokens);
    return { ok: true, headers: this.headers(key) };
  }

  /** Tokens `key` has used in all (for the quota). */
  used(key: string): number {
    return this.spent.get(key) ?? 0;
  }

  private refuse(kind: "requests" | "tokens", waitMs: number, what: string, key: string): LimitDecision {
    const retryAfterMs = Math.ceil(waitMs);
    return {
      ok: false,
      kind,
      retryAfterMs,
      message: `${what} Please try again in ${formatDuration(retryAfterMs)}.`,
      headers: {
        ...this.headers(key),
        "retry-after": String(Math.max(1, Math.ceil(retryAfterMs / 1000))),
        "retry-after-ms": String(retryAfterMs),
      },
    };
  }

  private level(map: Map<string, Bucket>, key: string, perMinute: number): number {
    if (perMinute <= 0) return Number.POSITIVE_INFINITY;
    const b = map.get(key) ?? { level: perMinute, at: this.now() };
    return Math.min(perMinute, b.level + ((this.now() - b.at) * perMinute) / this.period);
  }

  private headers(key: string): Record<string, string> {
    const s = this.settings;
    const out: Record<string, string> = {};
    for (const [name, map, limit] of [
      ["requests", this.requests, s.requestsPerMinute],
      ["tokens", this.tokens, s.tokensPerMinute],
    ] as const) {
      if (limit <= 0) continue;
      const level = this.level(map, key, limit);
      out[`x-ratelimit-limit-${name}`] = String(limit);
      out[`x-ratelimit-remaining-${name}`] = String(Math.max(0, Math.floor(level)));
      out[`x-ratelimit-reset-${name}`] = formatDuration(((limit - level) * this.period) / limit);
    }
    return out;
  }
}
