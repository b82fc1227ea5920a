import { describeError } from "../core/errors.js";
import { processMetrics } from "../core/process-metrics.js";
import type { Logger } from "../core/logger.js";
import type { EmploymentType, RemoteMode, Seniority } from "../core/posting.js";
import type { Db } from "../store/db.js";
import type { JobsRepo, StoredJob } from "../store/jobs.repo.js";
import type { Embedder } from "./embedder.js";
import { explain, jobDistanceKm, type WhyWords } from "./explain.js";
import type { FacetFilter, Facets, PlaceFilter } from "./facets.js";
import { reciprocalRankFusion } from "./fusion.js";
import type { IndexSync } from "./index-sync.js";
import { LexicalSearch, queryTerms, type LexicalSearchOptions } from "./lexical.js";
import { filteredVectorSearch } from "./filtered-vector-search.js";
import type { VectorHit } from "./vector-index.js";

export type { PlaceFilter } from "./facets.js";

export interface SearchRequest {
  /** Keywords; "" = no keywords (rank by recency within filters). */
  text: string;
  /** Job within radiusKm of the point, or (no coordinates) same folded city name. */
  place?: PlaceFilter | undefined;
  /** Allowed remote modes (e.g. ["remote"] = only remote). */
  remote?: readonly RemoteMode[] | undefined;
  /** "Remote ok": remote jobs pass the place filter. */
  remoteAnywhere?: boolean | undefined;
  /** Allowed employment types (e.g. ["full_time"]); absent = all. */
  employment?: readonly EmploymentType[] | undefined;
  /** ISO date-time. */
  postedAfter?: string | undefined;
  /** Yearly salary floor (jobs naming no salary pass). */
  salaryAtLeast?: number | undefined;
  /** Allowed seniorities (jobs not saying pass). */
  seniority?: readonly Seniority[] | undefined;
  /** The words of the "why" lines, in the person's language. @defaultValue English */
  whyWords?: WhyWords | undefined;
  limit: number;
  offset?: number | undefined;
  excludeJobIds?: ReadonlySet<number> | undefined;
  /** Only these jobs may match (a digest's new and changed jobs). */
  onlyJobIds?: ReadonlySet<number> | undefined;
}

export interface SearchHit {
  job: StoredJob;
  /** Relevance in (0, 1]: 1 = first in both keyword and meaning ranking (or newest, without keywords). */
  score: number;
  distanceKm: number | null;
  why: string[];
}

export interface SearchResult {
  hits: SearchHit[];
  /** Candidates that passed the filters (best effort: a lower bound for broad keyword searches). */
  total: number;
  /** `total` is estimated from a sample (a search without keywords over very many jobs). */
  approximate?: boolean;
}

/** Options for {@link SearchService}. */
export interface SearchServiceOptions {
  db: Db;
  jobs: JobsRepo;
  embedder: Embedder;
  sync: IndexSync;
  facets: Facets;
  logger?: Logger;
  /**
   * Up to this many jobs passing the filters are always ranked exactly (each costs a vector read from
   * hnswlib, ~50 µs). @defaultValue `200`
   */
  exactBelow?: number;
  /** Most hits asked of hnswlib in one search (to filter afterwards). @defaultValue `2000` */
  maxOverfetch?: number;
  /** Ranked ids taken from each of the keyword and the vector side before fusion (at least offset + limit + 10). @defaultValue `30` */
  depth?: number;
  /**
   * Vector hits less similar (cosine) than this are dropped unless they also match the keywords.
   * For random unit vectors similarity has a standard deviation of 1/√dim, and hashing vectors of
   * unrelated texts behave so; 5σ keeps chance collisions out. Set it for a model embedder.
   * @defaultValue `5 / √dim` (0.255 at 384 dimensions)
   */
  minSimilarity?: number;
  lexical?: LexicalSearchOptions;
  now?: () => Date;
}

const RRF_K = 60;
/**
 * Keyword matches nearer than hnswlib's answer that the graph is searched around, at most. At a
 * million postings one and three both gave recall@10 0.9977; three cost more ("python Berlin" p95
 * 13.2 → 16.2 CPU ms).
 */
const AROUND_SEEDS = 1;
/**
 * hnswlib's beam for a search around a keyword match: from a posting's own vector a narrow one finds
 * its neighbours (at a million postings the same recall as the index's 320, at a sixth of the cost).
 */
const AROUND_EF = 64;

/**
 * Hybrid job search: FTS5 keywords and hnswlib nearest neighbours, both filtered by the in-memory
 * facet table, fused by reciprocal rank, explained per hit. Catches up with the store first, so jobs
 * indexed by other processes are found without a restart.
 */
export class SearchService {
  private readonly lexical: LexicalSearch;
  private readonly exactBelow: number;
  private readonly maxOverfetch: number;
  private readonly depth: number;
  private readonly maxDistance: number;
  private readonly now: () => Date;

  constructor(private readonly o: SearchServiceOptions) {
    this.lexical = new LexicalSearch(o.db, o.lexical);
    this.exactBelow = o.exactBelow ?? 200;
    this.maxOverfetch = o.maxOverfetch ?? 2000;
    this.depth = o.depth ?? 30;
    this.maxDistance = 1 - (o.minSimilarity ?? 5 / Math.sqrt(o.embedder.dim));
    this.now = o.now ?? (() => new Date());
    // Re-embedded jobs changed content, so their facets (place, dates) may have changed too.
    o.sync.onApplied((ids) => o.facets.refreshJobs(ids));
  }

  /** Catch up with the store: new vectors and new jobs. Cheap when nothing changed. */
  async refresh(): Promise<{ vectors: number; jobs: number }> {
    const jobs = await this.o.facets.catchUp();
    const vectors = await this.o.sync.catchUp();
    return { vectors, jobs };
  }

  /** Tell the search that these jobs changed in the store (closed, updated) by this process. */
  jobsChanged(ids: readonly number[]): Promise<void> {
    return this.o.facets.refreshJobs(ids);
  }

  search(req: SearchRequest): Promise<SearchResult> {
    return processMetrics.time(processMetrics.searchSeconds, () => this.searchNow(req));
  }

  private async searchNow(req: SearchRequest): Promise<SearchResult> {
    await this.refresh();
    // Text without a usable word ("", "in", "!!") ranks by recency, like no text at all.
    const text = queryTerms(req.text).length === 0 ? "" : req.text.trim();
    const q = text === "" ? undefined : await this.embedQuery(text);
    const first = await this.run(req, text, q);
    if (first.stale === 0) return first.result;
    // Some candidates were closed by another process after our facets loaded them; the facets are
    // refreshed now, so a second pass gives the page (and the keyword fallback) a fresh table would.
    return (await this.run(req, text, q)).result;
  }

  /** `q` undefined: no text, rank by recency; null: text but no vector (embedder down), keywords only. */
  private async run(
    req: SearchRequest,
    text: string,
    q: Float32Array | null | undefined,
  ): Promise<{ result: SearchResult; stale: number }> {
    const offset = Math.max(0, req.offset ?? 0);
    const want = offset + Math.max(0, req.limit);
    const filter: FacetFilter = {
      place: req.place,
      remote: req.remote,
      remoteAnywhere: req.remoteAnywhere,
      employment: req.employment,
      postedAfter: req.postedAfter,
      salaryAtLeast: req.salaryAtLeast,
      seniority: req.seniority,
      excludeJobIds: req.excludeJobIds,
      onlyJobIds: req.onlyJobIds,
    };
    if (q === undefined) {
      const { ids, total, approximate } = this.o.facets.newest(filter, want);
      const page = await this.hits(ids, offset, req, [], new Set(), new Set(), (r) => RRF_K / (RRF_K + r));
      return {
        result: { hits: page.hits, total, ...(approximate ? { approximate } : {}) },
        stale: page.stale,
      };
    }
    const accept = this.o.facets.matcher(filter);
    const depth = Math.max(this.depth, want + 10);
    // Whole words (and other names) first; words inside title compounds only when neither they nor
    // the meaning fill the page (the trigram index costs ~15 ms at a million jobs).
    let lex = await this.lexical.search(text, depth, accept, 0);
    const near = q ? await this.vectorSide(q, depth, want, filter, accept, lex.ids) : [];
    let lexIds = new Set(lex.ids);
    let vec = this.similarEnough(near, depth, lexIds);
    let fused = reciprocalRankFusion([lex.ids, vec]);
    if (fused.length < want && lex.terms.length > 0) {
      lex = await this.lexical.search(text, depth, accept, want);
      lexIds = new Set(lex.ids);
      vec = this.similarEnough(near, depth, lexIds);
      fused = reciprocalRankFusion([lex.ids, vec]);
    }
    const top = 2 / (RRF_K + 1);
    const scoreOf = new Map(fused.map((f) => [f.id, f.score / top]));
    const ids = fused.map((f) => f.id);
    const page = await this.hits(
      ids,
      offset,
      req,
      lex.terms,
      lexIds,
      new Set(vec),
      (_, id) => scoreOf.get(id) ?? 0,
    );
    return { result: { hits: page.hits, total: Math.max(fused.length, lex.total) }, stale: page.stale };
  }

  /** The query's vector; null when a remote embedder fails, so the search still answers by keywords. */
  private async embedQuery(text: string): Promise<Float32Array | null> {
    const e = this.o.embedder as Embedder & { embedOne?: (t: string) => Float32Array };
    if (typeof e.embedOne === "function") return e.embedOne(text);
    try {
      if (e.embedQuery) return await e.embedQuery(text);
      const [v] = await e.embed([text]);
      return v ?? null;
    } catch (err) {
      this.o.logger?.warn("query embedding failed; searching by keywords only", {
        embedder: e.id,
        error: describeError(err),
      });
      return null;
    }
  }

  /**
   * The meaning side of a search on its own: up to `k` jobs passing the filter nearest the text,
   * nearest first, found as {@link search} finds them. What a recall measurement compares with
   * exact ranking.
   */
  async nearest(text: string, k: number, filter: FacetFilter = {}): Promise<VectorHit[]> {
    await this.refresh();
    const q = queryTerms(text).length === 0 ? null : await this.embedQuery(text.trim());
    if (!q) return [];
    const accept = this.o.facets.matcher(filter);
    const depth = Math.max(this.depth, k + 10);
    const lex = await this.lexical.search(text, depth, accept, 0);
    return (await this.vectorSide(q, depth, k, filter, accept, lex.ids)).slice(0, k);
  }

  /**
   * Nearest jobs passing the filters, nearest first: hnswlib's answer, and the best keyword matches
   * (`seeds`) ranked exactly beside it. From its entry point hnswlib's graph need not lead into a
   * small group of postings in a language few others use (at a million postings, four Dutch titles
   * of 300 queries got none of their ten nearest); their words lead there. A keyword match nearer
   * than hnswlib's `want`-th hit shows such a miss: the graph is searched again from the nearest such
   * match's own vector (it leads to a posting's own neighbourhood), and what it finds is ranked
   * exactly too.
   */
  private async vectorSide(
    q: Float32Array,
    depth: number,
    want: number,
    filter: FacetFilter,
    accept: (id: number) => boolean,
    seeds: readonly number[],
  ): Promise<VectorHit[]> {
    const hits = this.indexSide(q, depth, filter, accept);
    const seeded = await this.rankedExactly(q, seeds, hits);
    const out = mergeHits(hits, seeded);
    const kth = hits[want - 1]?.distance ?? Infinity;
    const entries = seeded.filter((h) => h.distance < kth).slice(0, AROUND_SEEDS);
    if (entries.length === 0) return out;
    const around = this.narrow(() =>
      entries.flatMap((e) => this.indexSide(e.vector, depth, filter, accept).map((h) => h.label)),
    );
    return mergeHits(out, await this.rankedExactly(q, around, out));
  }

  /** `fn` with hnswlib's beam at {@link AROUND_EF}: a posting's own neighbourhood is near its vector. */
  private narrow<T>(fn: () => T): T {
    const index = this.o.sync.index;
    const before = index.ef;
    index.ef = Math.min(before, AROUND_EF);
    try {
      return fn();
    } finally {
      index.ef = before;
    }
  }

  /** These jobs (those not in `have`) by their stored vectors' distance from `q`. */
  private rankedExactly(q: Float32Array, ids: readonly number[], have: readonly VectorHit[]) {
    const seen = new Set(have.map((h) => h.label));
    const fresh = ids.filter((id) => !seen.has(id));
    return fresh.length === 0 ? Promise.resolve([]) : this.o.sync.distances(q, fresh);
  }

  /** hnswlib's nearest jobs passing the filters, nearest first. */
  private indexSide(q: Float32Array, depth: number, filter: FacetFilter, accept: (id: number) => boolean) {
    return filteredVectorSearch(this.o.sync.index, this.o.facets, q, {
      k: depth,
      filter,
      accept,
      selective: isSelective(filter),
      maxDistance: this.maxDistance,
      exactBelow: this.exactBelow,
      maxOverfetch: this.maxOverfetch,
    });
  }

  /**
   * The nearest `depth` ids that are keyword matches or clearly similar: with hashing vectors a low
   * similarity is mostly bucket collisions.
   */
  private similarEnough(
    hits: ReadonlyArray<{ label: number; distance: number }>,
    depth: number,
    lexical: ReadonlySet<number>,
  ): number[] {
    const out: number[] = [];
    for (const h of hits) {
      if (out.length >= depth) break;
      if (h.distance <= this.maxDistance || lexical.has(h.label)) out.push(h.label);
    }
    return out;
  }

  /** Rows for the page, closed jobs dropped (the facet table may lag a close done elsewhere). */
  private async hits(
    ranked: readonly number[],
    offset: number,
    req: SearchRequest,
    terms: readonly string[],
    lexical: ReadonlySet<number>,
    semantic: ReadonlySet<number>,
    score: (rank: number, id: number) => number,
  ): Promise<{ hits: SearchHit[]; stale: number }> {
    const out: SearchHit[] = [];
    let staleCount = 0;
    const now = this.now();
    let next = offset;
    while (out.length < req.limit && next < ranked.length) {
      const page = ranked.slice(next, next + (req.limit - out.length));
      const rows = new Map((await this.o.jobs.getMany(page)).map((j) => [j.id, j]));
      const stale: number[] = [];
      for (const [i, id] of page.entries()) {
        const job = rows.get(id);
        if (!job || job.status !== "open") {
          stale.push(id);
          continue;
        }
        const distanceKm = jobDistanceKm(job, req.place);
        const why = explain({
          job,
          terms,
          lexical: lexical.has(id),
          semantic: semantic.has(id),
          place: req.place,
          distanceKm,
          now,
          words: req.whyWords,
        });
        out.push({ job, score: score(next + i, id), distanceKm, why });
      }
      if (stale.length > 0) await this.o.facets.refreshJobs(stale);
      staleCount += stale.length;
      next += page.length;
    }
    return { hits: out, stale: staleCount };
  }
}

/** Two lists of distinct hits as one, nearest first. */
function mergeHits(a: readonly VectorHit[], b: readonly VectorHit[]): VectorHit[] {
  if (b.length === 0) return [...a];
  return [...a, ...b].sort((x, y) => x.distance - y.distance || x.label - y.label);
}

/** Whether the filter can rule out a large share of jobs (place, remote mode, date). */
function isSelective(f: FacetFilter): boolean {
  return (
    f.place !== undefined ||
    (f.remote !== undefined && f.remote.length > 0) ||
    f.postedAfter !== undefined ||
    f.onlyJobIds !== undefined
  );
}
