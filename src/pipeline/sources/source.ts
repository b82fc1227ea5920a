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
}

export interface FetchContext {
  http: HttpClient;
  query: RunQuery;
  signal?: AbortSignal | undefined;
}

export type NormalizeResult = { ok: true; posting: Posting } | { ok: false; reason: string };

/** A job site behind one interface: params, paginated fetch, normalization, declared policy. */
export interface SourceAdapter {
  /** Stable id used in runs, source references and settings (`arbeitnow`). */
  readonly id: string;
  readonly displayName: string;
  readonly policy: AccessPolicy;
  /** Schema of the source's extra parameters (beyond the run query), if any. */
  readonly paramsSchema?: z.ZodType;
  /** Fetch one page; `cursor` is undefined for the first page. Throws AppError (retryable or not). */
  fetchPage(ctx: FetchContext, cursor: string | undefined): Promise<SourcePage>;
  /** Turn one raw item into a unified posting, or say why not. Never throws. */
  normalize(item: RawItem): NormalizeResult;
}
