import { createHash } from "node:crypto";
import type { z } from "zod";
import type { Posting } from "../../core/posting.js";
import type { RunQuery } from "../../store/runs.repo.js";
import type { HttpClient } from "./http.js";

/** How a source is accessed and what we promise its operator. */
export interface AccessPolicy {
  kind: "api" | "feed" | "page";
  /** Requests per minute we allow ourselves against this host. */
  rateLimitPerMinute: number;
  /** The operator's terms, in a sentence, with where they are published. */
  terms: string;
}

/** One item as fetched, before normalization: the source's own id and its raw JSON. */
export interface RawItem {
  sourceId: string;
  raw: unknown;
}

export interface SourcePage {
  items: RawItem[];
  /** Opaque cursor for the next page; undefined when this was the last page. */
  next: string | undefined;
  /** Total items the source says match, when it says. */
  total?: number | undefined;
  /** The adapter stopped early (an incremental fetch using `since`), so this was not a full listing. */
  incremental?: boolean | undefined;
}

export interface FetchContext {
  /** HTTP for this source: rate-limited per host, robots-aware for pages, behind the source's circuit breaker. */
  http: HttpClient;
  query: RunQuery;
  signal?: AbortSignal | undefined;
  /** When this source last completed a fetch (ISO), for incremental fetches where the API allows. */
  since?: string | undefined;
}

export type NormalizeResult = { ok: true; posting: Posting } | { ok: false; reason: string };

/** A job site behind one interface: params, paginated fetch, normalization, declared policy. */
export interface SourceAdapter {
  /** Stable key used in runs and source references: the kind, plus the params' key (`greenhouse-n26`). */
  readonly id: string;
  readonly displayName: string;
  readonly policy: AccessPolicy;
  /** Schema of the source's extra parameters (beyond the run query), if any. */
  readonly paramsSchema?: z.ZodType;
  /** Fetch one page; `cursor` is undefined for the first page. Throws AppError (retryable or not). */
  fetchPage(ctx: FetchContext, cursor: string | undefined): Promise<SourcePage>;
  /** Turn one raw item into a unified posting, or say why not. Never throws. */
  normalize(item: RawItem): NormalizeResult;
  /**
   * A fetch lists everything the source has (an ATS board, a feed), so a job missing from a complete
   * fetch has closed. False for search APIs, whose answers depend on the query. @defaultValue false
   */
  readonly completeListing?: boolean;
}

/**
 * A kind of source — one adapter file. Search APIs (Arbeitnow, Jobsuche) have one instance; boards
 * and feeds have one per company or URL, configured per workspace with `params`.
 */
export interface SourceKind<P extends Record<string, unknown> = Record<string, unknown>> {
  /** `greenhouse`, `lever`, `rss`… (lower case, digits, '-'). */
  readonly kind: string;
  readonly displayName: string;
  readonly policy: AccessPolicy;
  /** Parameters of one configured source (board token, feed URL…); `{}` for search APIs. */
  readonly paramsSchema: z.ZodType<P>;
  /** The setting naming its API host (`GREENHOUSE_BASE_URL`); undefined when params carry full URLs. */
  readonly baseUrlSetting?: string | undefined;
  /** Recognise a URL a user pasted ("https://boards.greenhouse.io/n26") as params of this kind. */
  detect?(url: URL): P | undefined;
  /** The params' part of the source key ("n26", a feed URL…); "" for single-instance kinds. */
  keyOf(params: P): string;
  /** How a person names this source ("Greenhouse n26"). */
  label(params: P): string;
  /** An adapter for one configured source; `baseUrl` is the setting's value when the kind has one. */
  create(params: P, env: { baseUrl?: string | undefined }): SourceAdapter;
}

/**
 * Source key of a kind and its params' key: `arbeitnow`, `greenhouse-n26`, `rss-weworkremotely-com-3f2a91`.
 * Only [a-z0-9-]; a part that had to be simplified gets a short hash so two keys never collide.
 */
export function sourceKey(kind: string, part: string): string {
  if (!part) return kind;
  const slug = part
    .toLowerCase()
    .replace(/^https?:\/\//, "")
    .replace(/[^a-z0-9]+/g, "-")
    .replace(/^-+|-+$/g, "")
    .slice(0, 40);
  const exact = slug === part.toLowerCase();
  const hash = createHash("sha1").update(part).digest("hex").slice(0, 6);
  return exact && slug ? `${kind}-${slug}` : `${kind}-${slug ? `${slug}-` : ""}${hash}`;
}
