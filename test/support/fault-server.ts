// The HTTP scaffolding every local stand-in for a job site shares: record each request, and inject
// faults by path prefix — an HTTP status (with Retry-After), a delay, or a broken body.
import http, { type IncomingHttpHeaders, type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import path from "node:path";
import { pathToFileURL } from "node:url";
import { sendBigBody, type BigBody } from "./big-bodies.js";

/** A fault the server injects for requests whose path starts with a prefix. */
export type ReplayFault =
  | { status: number; retryAfter?: number }
  | { delayMs: number }
  | { body: "truncated" | "html" | "malformed" }
  /** A body too large to hold, generated as it is sent (see big-bodies.ts). */
  | { big: BigBody }
  /** A 302 to this URL. */
  | { redirect: string };

export interface RecordedRequest {
  method: string;
  path: string;
  query: Record<string, string>;
  headers: IncomingHttpHeaders;
  /** When it arrived (ms since the epoch). */
  at: number;
  /** The client's address (which host asked, in multi-host drills). */
  from: string;
}

/** A local server standing in for a job site. */
export interface FaultInjectingServer {
  /** Base URL, e.g. `http://127.0.0.1:40123`. */
  url: string;
  /** Every request received, in order. */
  requests: RecordedRequest[];
  /**
   * Inject a fault for paths starting with `pathPrefix`; with `times`, only for that many requests;
   * with `query`, only for requests whose query has those values (one page of a listing).
   */
  fail(pathPrefix: string, fault: ReplayFault & { times?: number; query?: Record<string, string> }): void;
  /** Remove all faults. */
  clearFaults(): void;
  close(): Promise<void>;
}

/** What the stand-in answers when no fault applies. */
export interface Answer {
  status: number;
  body: string;
  /** @defaultValue `application/json` */
  type?: string | undefined;
}

/** Options for {@link startFaultServer}. */
export interface FaultServerOptions {
  /** @defaultValue `0` (any free port) */
  port?: number | undefined;
  /** @defaultValue `127.0.0.1` */
  host?: string | undefined;
  /** The site's real answer to a request; `origin` is the server's own base URL. */
  answer(req: IncomingMessage, url: URL, origin: string): Answer;
  /** A syntactically broken body of the answer's kind (for the `malformed` fault). */
  malformed(answer: Answer): string;
  /** Called once listening, with the origin (some sites link to themselves). */
  onListen?(origin: string): void;
}

const MAINTENANCE_PAGE =
  "<!DOCTYPE html><html><head><title>Wartungsarbeiten</title></head><body><h1>503 – bitte später erneut versuchen</h1></body></html>";

function send(res: ServerResponse, a: Answer, extra: Record<string, string> = {}): void {
  res.writeHead(a.status, {
    "content-type": a.type ?? "application/json",
    "content-length": Buffer.byteLength(a.body),
    ...extra,
  });
  res.end(a.body);
}

export async function startFaultServer(o: FaultServerOptions): Promise<FaultInjectingServer> {
  const requests: RecordedRequest[] = [];
  let faults: Array<{
    prefix: string;
    fault: ReplayFault;
    remaining: number;
    query?: Record<string, string> | undefined;
  }> = [];
  const timers = new Set<NodeJS.Timeout>();
  let origin = "";

  const handle = (req: IncomingMessage, res: ServerResponse): void => {
    const url = new URL(req.url ?? "/", origin);
    requests.push({
      method: req.method ?? "GET",
      path: url.pathname,
      query: Object.fromEntries(url.searchParams),
      headers: req.headers,
      at: Date.now(),
      from: req.socket.remoteAddress ?? "",
    });
    const active = faults.find(
      (f) =>
        url.pathname.startsWith(f.prefix) &&
        f.remaining > 0 &&
        Object.entries(f.query ?? {}).every(([k, v]) => url.searchParams.get(k) === v),
    );
    if (active) active.remaining--;
    const fault = active?.fault;
    if (fault && "status" in fault) {
      const extra: Record<string, string> =
        fault.retryAfter === undefined ? {} : { "retry-after": String(fault.retryAfter) };
      send(
        res,
        { status: fault.status, body: JSON.stringify({ message: `injected HTTP ${fault.status}` }) },
        extra,
      );
      return;
    }
    if (fault && "big" in fault) return sendBigBody(res, fault.big);
    if (fault && "redirect" in fault) {
      res.writeHead(302, { location: fault.redirect, "content-length": 0 });
      res.end();
      return;
    }
    const a = o.answer(req, url, origin);
    if (fault && "delayMs" in fault) {
      const t = setTimeout(() => {
        timers.delete(t);
        if (!res.destroyed) send(res, a);
      }, fault.delayMs);
      timers.add(t);
      return;
    }
    if (fault && "body" in fault) {
      if (fault.body === "html")
        send(res, { status: 200, type: "text/html; charset=utf-8", body: MAINTENANCE_PAGE });
      else if (fault.body === "truncated")
        send(res, { ...a, body: a.body.slice(0, Math.max(1, Math.floor(a.body.length / 2))) });
      else send(res, { ...a, status: 200, body: o.malformed(a) });
      return;
    }
    send(res, a);
  };

  const server = http.createServer(handle);
  // Tests block the event loop at times; a kept-alive socket the server times out would race the
  // client's next request ("could not be reached"). One request per connection avoids that.
  server.keepAliveTimeout = 0;
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(o.port ?? 0, o.host ?? "127.0.0.1", () => resolve());
  });
  const addr = server.address() as AddressInfo;
  origin = `http://${addr.family === "IPv6" ? `[${addr.address}]` : addr.address}:${addr.port}`;
  o.onListen?.(origin);

  return {
    url: origin,
    requests,
    fail(prefix, fault) {
      const { times, query, ...rest } = fault;
      faults.push({ prefix, fault: rest, remaining: times ?? Number.POSITIVE_INFINITY, query });
    },
    clearFaults() {
      faults = [];
    },
    close() {
      for (const t of timers) clearTimeout(t);
      timers.clear();
      server.closeAllConnections();
      return new Promise<void>((resolve, reject) => server.close((err) => (err ? reject(err) : resolve())));
    },
  };
}

/** The value after `--name` in a command line, if any. */
export function cliArg(argv: readonly string[], name: string): string | undefined {
  const i = argv.indexOf(name);
  return i >= 0 ? argv[i + 1] : undefined;
}

/**
 * Run a stand-in from the command line when `moduleUrl` is the script node was started with
 * (`npx tsx test/support/replay-server.ts --port 8787`): `start` starts it and says how to point
 * jobscout at it; Ctrl-C stops it.
 */
export function runAsCommand(
  moduleUrl: string,
  name: string,
  start: (argv: string[]) => Promise<{ close(): Promise<void> }>,
): void {
  if (!process.argv[1] || moduleUrl !== pathToFileURL(path.resolve(process.argv[1])).href) return;
  start(process.argv.slice(2)).then(
    (server) => {
      const stop = () => void server.close().then(() => process.exit(0));
      process.once("SIGINT", stop);
      process.once("SIGTERM", stop);
    },
    (err: unknown) => {
      process.stderr.write(`${name}: ${err instanceof Error ? err.message : String(err)}\n`);
      process.exit(1);
    },
  );
}
