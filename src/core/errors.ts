/** Options for {@link AppError}. */
export interface AppErrorOptions {
  /** Whether trying again later could succeed (network, 5xx, 429). @defaultValue `false` */
  retryable?: boolean;
  /** Text safe to show a user in chat; when absent the user sees a generic message. */
  userMessage?: string;
  cause?: unknown;
}

/** The one error base: a stable string `code`, whether a retry may help, and an optional user-facing message. */
export class AppError extends Error {
  readonly code: string;
  readonly retryable: boolean;
  readonly userMessage: string | undefined;

  constructor(code: string, message: string, options: AppErrorOptions = {}) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.name = "AppError";
    this.code = code;
    this.retryable = options.retryable ?? false;
    this.userMessage = options.userMessage;
  }
}

/** Wrap anything thrown into an AppError at an edge (CLI, worker, chat handler). */
export function asAppError(err: unknown, code = "unexpected"): AppError {
  if (err instanceof AppError) return err;
  const message = err instanceof Error ? err.message : String(err);
  return new AppError(code, message, { cause: err });
}

/** A short message for humans: the user-facing text when there is one, else the message. */
export function describeError(err: unknown): string {
  if (err instanceof AppError) return err.userMessage ?? err.message;
  return err instanceof Error ? err.message : String(err);
}
