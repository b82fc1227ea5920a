import type { Logger } from "../core/logger.js";

/**
 * What a role opened, closed last-first on shutdown. Composers register each part's close here as
 * they build it, so a failure half-way closes exactly what was built.
 */
export class Closers {
  private readonly fns: Array<() => Promise<void>> = [];

  constructor(private readonly logger: Logger) {}

  add(fn: () => Promise<void>): void {
    this.fns.push(fn);
  }

  /** Close everything registered, newest first; one failing close does not stop the others. */
  async close(): Promise<void> {
    for (let fn = this.fns.pop(); fn; fn = this.fns.pop()) {
      try {
        await fn();
      } catch (err) {
        this.logger.warn("error while shutting down", { error: String(err) });
      }
    }
  }
}

/** Run a composition; if it throws, close what it had built and rethrow. */
export async function composing<T>(closers: Closers, build: () => Promise<T>): Promise<T> {
  try {
    return await build();
  } catch (err) {
    await closers.close();
    throw err;
  }
}
