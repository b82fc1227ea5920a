import { HttpError, type HttpClient } from "./http.js";

/**
 * Wrap a client to count what each request ended as: status code, `timeout` or `network`, on top
 * of `earlier` (the counts of a source's earlier attempts in the same run).
 */
export function countingHttp(
  inner: HttpClient,
  earlier: Readonly<Record<string, number>> = {},
): { http: HttpClient; counts: Record<string, number> } {
  const counts: Record<string, number> = { ...earlier };
  const bump = (k: string) => {
    counts[k] = (counts[k] ?? 0) + 1;
  };
  const track = async <T extends { status: number }>(p: Promise<T>): Promise<T> => {
    try {
      const r = await p;
      bump(String(r.status));
      return r;
    } catch (err) {
      if (err instanceof HttpError) {
        bump(
          err.code === "http_timeout"
            ? "timeout"
            : err.code === "http_network"
              ? "network"
              : String(err.status ?? err.code),
        );
      } else bump("error");
      throw err;
    }
  };
  return {
    counts,
    http: {
      getText: (url, init) => track(inner.getText(url, init)),
      getJson: (url, init) => track(inner.getJson(url, init)),
    },
  };
}
