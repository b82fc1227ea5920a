import { foldText } from "../core/text.js";
import type { Db } from "../store/db.js";
import {
  fts5Expression,
  keywordIndex,
  type KeywordIndexRepo,
  type KeywordQuery,
} from "../store/keyword-index.repo.js";
import { STOPWORDS } from "./hashing.embedder.js";
import { alternatives } from "../core/job-names.js";

/** Column weights of bm25 over `jobs_fts(title, company, place, description)`. */
export interface LexicalWeights {
  title: number;
  company: number;
  place: number;
  description: number;
}

/** Options for {@link LexicalSearch}. */
export interface LexicalSearchOptions {
  /** @defaultValue `{ title: 5, company: 2, place: 1, description: 1 }` */
  weights?: LexicalWeights;
  /** Query words beyond this many are ignored. @defaultValue `12` */
  maxTerms?: number;
  /**
   * Matches ranked per pass. bm25 costs ~4 µs per match ranked at a million jobs (plus a count of
   * each word's documents per query): beyond this many matches the newest `window` are ranked, and
   * only when a filter leaves the page short the next `3 × window` older ones; older matches are
   * not looked at (`exhausted: false`). @defaultValue `500`
   */
  window?: number;
}

export interface LexicalResult {
  /** Job ids, best first. */
  ids: number[];
  /** The words searched for (lower case, as typed). */
  terms: string[];
  /** Whether every term had to match ("and") or any ("or", the fallback when "and" finds nothing). */
  mode: "and" | "or" | "none";
  /** Matches that passed `accept`; a lower bound when `exhausted` is false. */
  total: number;
  /** Whether every match was looked at (then `total` is exact). */
  exhausted: boolean;
}

/**
 * The words of untrusted user text, ready to quote: runs of letters and digits, lower-cased,
 * stopwords and one-letter words dropped, duplicates removed. Nothing of FTS5's query syntax
 * (quotes, operators, column filters, NEAR, `*`, `^`) survives.
 */
export function queryTerms(text: string, maxTerms = 12): string[] {
  const words = text.toLowerCase().match(/[\p{L}\p{N}]+/gu) ?? [];
  const out: string[] = [];
  const seen = new Set<string>();
  for (const w of words) {
    const folded = foldText(w);
    if (STOPWORDS.has(folded) || seen.has(folded)) continue;
    if (w.length < 2 && words.length > 1) continue;
    seen.add(folded);
    out.push(w);
    if (out.length >= maxTerms) break;
  }
  return out;
}

/** Options for {@link matchExpression}. */
export interface MatchOptions {
  /** Or each term with its other names ("nursing" → `("nursing" OR "pflege" …)`). @defaultValue `false` */
  synonyms?: boolean;
  /** Leave out names shorter than this, and names holding another (for the trigram index). */
  minLetters?: number;
}

/** The query for the keyword index: every term a group of its names (as typed, or with its other names). */
export function keywordQuery(
  terms: readonly string[],
  mode: "and" | "or",
  options: MatchOptions = {},
): KeywordQuery {
  return {
    mode,
    groups: terms.map((t) => {
      const all = options.synonyms ? alternatives(t) : [t];
      return options.minLetters ? infixNames(all, options.minLetters) : all;
    }),
  };
}

/** The FTS5 MATCH expression of {@link keywordQuery} (what the SQLite store runs). */
export function matchExpression(
  terms: readonly string[],
  mode: "and" | "or",
  options: MatchOptions = {},
): string {
  return fts5Expression(keywordQuery(terms, mode, options));
}

/** Names to look for inside words: long enough, and none that holds another ("pflegekraft" ⊃ "pflege"). */
function infixNames(all: readonly string[], minLetters: number): string[] {
  const names = all.filter((a) => foldText(a).length >= minLetters);
  const folded = names.map(foldText);
  return names.filter(
    (_, i) => !folded.some((g, j) => j !== i && folded[i]!.includes(g) && (g !== folded[i] || j < i)),
  );
}

/** Words this long are also looked for inside title words (trigrams): compounds, not stray syllables. */
const MIN_INFIX_LETTERS = 4;

/** Rows of the title trigram index looked at per search, newest first (beyond: `exhausted: false`). */
const INFIX_SCAN = 1500;

/** Ids found (best first, at most the limit), how many passed the filter, whether all were looked at. */
interface Matches {
  ids: number[];
  total: number;
  exhausted: boolean;
}

/**
 * Keyword search over the store's keyword index (FTS5 with bm25 on SQLite, tsvector with ts_rank
 * on PostgreSQL; title weighted highest).
 * Whole words are matched in every field; when they do not fill the page, words of 4+ letters also
 * inside title words, so German compounds are found ("Pflege" → "Altenpflegerin", "Entwickler" →
 * "Softwareentwickler"). Filtering happens here, while reading ranked rows, so a selective filter
 * still fills the page. Very common words are ranked in recency windows (see
 * {@link LexicalSearchOptions.window}), which bounds the cost and, for a job search, prefers fresh
 * postings among equally weak matches.
 */
export class LexicalSearch {
  private readonly index: KeywordIndexRepo;
  private readonly maxTerms: number;
  private readonly window: number;

  constructor(db: Db, options: LexicalSearchOptions = {}) {
    this.index = keywordIndex(db, options.weights ?? { title: 5, company: 2, place: 1, description: 1 });
    this.maxTerms = options.maxTerms ?? 12;
    this.window = Math.max(1, options.window ?? 500);
  }

  /**
   * Up to `limit` ids passing `accept`, best first. All terms must match; when that finds nothing
   * (and there are several terms), any term may. Words inside title compounds are looked for when
   * fewer than `need` (the page: offset + limit) matched otherwise.
   */
  async search(
    text: string,
    limit: number,
    accept?: (id: number) => boolean,
    need = limit,
  ): Promise<LexicalResult> {
    const terms = queryTerms(text, this.maxTerms);
    if (terms.length === 0 || limit <= 0) return { ids: [], terms, mode: "none", total: 0, exhausted: true };
    const and = await this.both(terms, "and", limit, accept, need);
    if (and.ids.length > 0 || terms.length === 1) return { ...and, terms, mode: "and" };
    return { ...(await this.both(terms, "or", limit, accept, need)), terms, mode: "or" };
  }

  /**
   * The words as typed; when they do not fill the page, also by their other names ("nursing" →
   * "Pflege"); when that does not either, inside title compounds ("Pflege" → "Altenpflegerin").
   * Each widening is looked for only when needed: it costs more, and finds weaker matches.
   */
  private async both(
    terms: readonly string[],
    mode: "and" | "or",
    limit: number,
    accept: ((id: number) => boolean) | undefined,
    need: number,
  ): Promise<Matches> {
    const out = await this.run(keywordQuery(terms, mode), limit, accept);
    const seen = new Set(out.ids);
    const unseen = (id: number) => !seen.has(id) && (!accept || accept(id));
    const add = (more: Matches) => {
      for (const id of more.ids) {
        if (out.ids.length >= limit || seen.has(id)) continue;
        out.ids.push(id);
        seen.add(id);
      }
      out.total += more.total;
      out.exhausted &&= more.exhausted;
    };
    if (out.ids.length < limit && terms.some((t) => alternatives(t).length > 1))
      add(await this.run(keywordQuery(terms, mode, { synonyms: true }), limit, unseen));
    const long = terms.filter((t) => foldText(t).length >= MIN_INFIX_LETTERS);
    // Inside compounds only when the page itself is short: the trigram index's cost grows with the
    // jobs (~20 ms for two words at a million), the other widenings' with the matches.
    if (out.ids.length < need && long.length > 0 && (mode === "or" || long.length === terms.length)) {
      const q = keywordQuery(long, mode, { synonyms: true, minLetters: MIN_INFIX_LETTERS });
      add(await this.inTitles(q, limit, unseen));
    }
    return out;
  }

  /**
   * Titles holding the words inside compounds, newest first (bm25 over trigrams says little, and
   * ranking every match costs milliseconds at 100k jobs); they come after the whole-word matches.
   */
  private async inTitles(
    q: KeywordQuery,
    limit: number,
    accept: ((id: number) => boolean) | undefined,
  ): Promise<Matches> {
    const ids: number[] = [];
    let total = 0;
    let scanned = 0;
    for (const id of await this.index.titlesNewest(q, INFIX_SCAN + 1)) {
      if (++scanned > INFIX_SCAN) return { ids, total, exhausted: false };
      if (accept && !accept(id)) continue;
      total++;
      if (ids.length < limit) ids.push(id);
    }
    return { ids, total, exhausted: true };
  }

  private async run(
    q: KeywordQuery,
    limit: number,
    accept: ((id: number) => boolean) | undefined,
  ): Promise<Matches> {
    const ids: number[] = [];
    let total = 0;
    let upper = Number.MAX_SAFE_INTEGER;
    // Newest `window` matches first; if a filter leaves the page short, the next 3 windows.
    for (const size of [this.window, this.window * 3]) {
      const rows = await this.index.newestRanked(q, upper, size);
      const lower = rows.length > 0 ? rows[rows.length - 1]!.id : 0;
      rows.sort((a, b) => b.rank - a.rank || b.id - a.id);
      for (const { id } of rows) {
        if (accept && !accept(id)) continue;
        total++;
        if (ids.length < limit) ids.push(id);
      }
      if (rows.length < size) return { ids, total, exhausted: true };
      if (ids.length >= limit) break;
      upper = lower;
    }
    return { ids, total, exhausted: false };
  }
}
