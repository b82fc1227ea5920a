import robotsParserModule from "robots-parser";
import { AppError } from "../../core/errors.js";
import { HttpError, type HttpTextResponse } from "./http.js";

// robots-parser is CommonJS with an ES-style default in its typings: at run time the default import
// is the function itself, while NodeNext types it as the module namespace.
const robotsParser = robotsParserModule as unknown as typeof robotsParserModule.default;
type Robot = ReturnType<typeof robotsParser>;

/** RFC 9309 §2.5: crawlers must read at least 500 KiB; whatever follows is ignored. */
const MAX_ROBOTS_CHARS = 500 * 1024;

/** The site's robots.txt disallows this URL for our user agent. Retrying will not help. */
export class RobotsDisallowedError extends AppError {
  constructor(url: string, agent: string) {
    const u = new URL(url);
    const message = `robots.txt of ${u.host} disallows ${u.pathname}${u.search} for ${agent}; not fetched`;
    super("robots_disallowed", message, { retryable: false, userMessage: message });
    this.name = "RobotsDisallowedError";
  }
}

/** robots.txt answered 5xx/429 or could not be reached: RFC 9309 says treat the site as disallowed for now. */
export class RobotsUnavailableError extends AppError {
  /**
   * @param cause the HTTP failure, given only to the request that met it: a repeat from the cache sent
   * nothing, so it must not count against the source's circuit breaker.
   */
  constructor(host: string, detail: string, cause?: HttpError) {
    const message = `robots.txt of ${host} is unavailable (${detail}), so its pages are not fetched for now`;
    super("robots_unavailable", message, { retryable: true, userMessage: message, cause });
    this.name = "RobotsUnavailableError";
  }
}

/** What robots.txt lets us do with one URL. */
export interface RobotsVerdict {
  /** Crawl-delay for our agent (or `*`), in ms, when the file sets one. */
  crawlDelayMs: number | undefined;
}

/** Options for {@link RobotsGate}. */
export interface RobotsGateOptions {
  /** Token matched against `User-agent:` lines. @defaultValue `jobscout` */
  agent?: string;
  /** How long a fetched robots.txt is used (RFC 9309: at most 24 h). @defaultValue `3600000` */
  ttlMs?: number;
  /** How long an unavailable robots.txt keeps the site disallowed before we ask again. @defaultValue `60000` */
  unavailableTtlMs?: number;
}

/** GET a robots.txt — through the host's rate limit, with our User-Agent, like any request. */
export type RobotsFetch = (url: string) => Promise<HttpTextResponse>;

type RobotsFile =
  | { kind: "rules"; robot: Robot; response: HttpTextResponse }
  | { kind: "none"; error: HttpError }
  | { kind: "unavailable"; error: HttpError };

/** robots.txt per origin, fetched once and kept in memory for a while, checked before page fetches. */
export class RobotsGate {
  private readonly agent: string;
  private readonly cache = new Map<string, { expires: number; file: Promise<RobotsFile> }>();

  constructor(private readonly o: RobotsGateOptions = {}) {
    this.agent = o.agent ?? "jobscout";
  }

  /** Allow `url` (with the site's Crawl-delay) or throw {@link RobotsDisallowedError} / {@link RobotsUnavailableError}. */
  async check(url: string, fetch: RobotsFetch): Promise<RobotsVerdict> {
    if (isRobotsUrl(url)) return { crawlDelayMs: undefined };
    const file = await this.file(url, fetch);
    if (file.kind === "none") return { crawlDelayMs: undefined };
    // undefined: another origin than the file's, which load() never hands us.
    if (file.robot.isAllowed(url, this.agent) === false) throw new RobotsDisallowedError(url, this.agent);
    const delay = file.robot.getCrawlDelay(this.agent);
    return { crawlDelayMs: delay !== undefined && delay > 0 ? delay * 1000 : undefined };
  }

  /** The robots.txt response itself, from the cache: an adapter reading `Sitemap:` lines costs no request. */
  async robotsTxt(url: string, fetch: RobotsFetch): Promise<HttpTextResponse> {
    const file = await this.file(url, fetch);
    if (file.kind === "rules") return file.response;
    throw file.error;
  }

  /** The origin's file, with an unavailable one turned into the error to throw. */
  private async file(url: string, fetch: RobotsFetch): Promise<Exclude<RobotsFile, { kind: "unavailable" }>> {
    const { file, fresh } = this.load(url, fetch);
    const f = await file;
    if (f.kind !== "unavailable") return f;
    throw new RobotsUnavailableError(new URL(url).host, f.error.message, fresh ? f.error : undefined);
  }

  private load(url: string, fetch: RobotsFetch): { file: Promise<RobotsFile>; fresh: boolean } {
    const origin = new URL(url).origin;
    const hit = this.cache.get(origin);
    if (hit && hit.expires > Date.now()) return { file: hit.file, fresh: false };
    const file = this.fetchFile(origin, fetch);
    const entry = { expires: Number.POSITIVE_INFINITY, file };
    this.cache.set(origin, entry);
    void file.then(
      (f) => {
        const ttl =
          f.kind === "unavailable" ? (this.o.unavailableTtlMs ?? 60_000) : (this.o.ttlMs ?? 3_600_000);
        entry.expires = Date.now() + ttl;
      },
      // Not an answer about robots.txt (the host is throttled, the process is stopping): ask again next time.
      () => this.cache.get(origin) === entry && this.cache.delete(origin),
    );
    return { file, fresh: true };
  }

  private async fetchFile(origin: string, fetch: RobotsFetch): Promise<RobotsFile> {
    const robotsUrl = `${origin}/robots.txt`;
    try {
      const response = await fetch(robotsUrl);
      const robot = robotsParser(robotsUrl, response.text.slice(0, MAX_ROBOTS_CHARS));
      return { kind: "rules", robot, response };
    } catch (err) {
      if (!(err instanceof HttpError)) throw err;
      // An address the outbound policy refuses is no answer about robots.txt: the page is refused too.
      if (err.code === "http_refused") throw err;
      const status = err.status ?? 0;
      // RFC 9309 §2.3.1.3: 4xx means there are no rules. 429 is the server asking us to slow down,
      // not saying there is no file, so it counts with 5xx and network errors as unreachable (§2.3.1.4).
      if (status >= 400 && status < 500 && status !== 429) return { kind: "none", error: err };
      return { kind: "unavailable", error: err };
    }
  }
}

/** `/robots.txt` itself is always allowed (RFC 9309 §2.2.2). */
export function isRobotsUrl(url: string): boolean {
  const u = new URL(url);
  return u.pathname === "/robots.txt" && u.search === "";
}
