import type { Lang } from "./lang.js";

/** A text for a person: fixed, or in the language they are answered in (from the phrase tables). */
export type UserText = string | ((lang: Lang) => string);

/** A {@link UserText} in a language. */
export function textIn(text: UserText, lang: Lang): string {
  return typeof text === "function" ? text(lang) : text;
}

/** Options for {@link AppError}. */
export interface AppErrorOptions {
  /** Whether trying again later could succeed (network, 5xx, 429). @defaultValue `false` */
  retryable?: boolean;
  /**
   * Text safe to show a user in chat, or a function giving it in their language; when absent the
   * user sees a generic message.
   */
  userMessage?: UserText;
  cause?: unknown;
}

/** The one error base: a stable string `code`, whether a retry may help, and an optional user-facing message. */
export class AppError extends Error {
  readonly code: string;
  readonly retryable: boolean;
  private readonly userText: UserText | undefined;

  constructor(code: string, message: string, options: AppErrorOptions = {}) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.name = "AppError";
    this.code = code;
    this.retryable = options.retryable ?? false;
    this.userText = options.userMessage;
  }

  /** The user-facing text in English (logs, the terminal before any language is known). */
  get userMessage(): string | undefined {
    return this.userMessageIn("en");
  }

  /** The user-facing text in a person's language. */
  userMessageIn(lang: Lang): string | undefined {
    return this.userText === undefined ? undefined : textIn(this.userText, lang);
  }
}

/** Wrap anything thrown into an AppError at an edge (CLI, worker, chat handler). */
export function asAppError(err: unknown, code = "unexpected"): AppError {
  if (err instanceof AppError) return err;
  const message = err instanceof Error ? err.message : String(err);
  return new AppError(code, message, { cause: err });
}

/** A short message for humans: the user-facing text (in `lang`) when there is one, else the message. */
export function describeError(err: unknown, lang: Lang = "en"): string {
  if (err instanceof AppError) return err.userMessageIn(lang) ?? err.message;
  return err instanceof Error ? err.message : String(err);
}
