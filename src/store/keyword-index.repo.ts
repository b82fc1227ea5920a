import { sql, type RawBuilder } from "kysely";
import type { Db } from "./db.js";

/**
 * A keyword query: every group must match ("and") or any group may ("or"); a group matches when
 * any of its names does. Names are words (or phrases) as the user typed them, never query syntax.
 */
export interface KeywordQuery {
  groups: ReadonlyArray<readonly string[]>;
  mode: "and" | "or";
}

/** Column weights of the ranking over (title, company, place, description). */
export interface KeywordWeights {
  title: number;
  company: number;
  place: number;
  description: number;
}

/**
 * Reads of the keyword indexes: whole words in every field (ranked, title weighted highest) and
 * words inside titles (German compounds). Ids are job ids, which grow with insertion order, so
 * "newest" means the highest ids.
 */
export interface KeywordIndexRepo {
  /**
   * The newest `limit` jobs below id `before` matching the words, newest first, each with its rank
   * (higher is better: title matches above description matches, shorter postings above longer).
   */
  newestRanked(q: KeywordQuery, before: number, limit: number): Promise<RankedId[]>;
  /** Up to `limit` ids of titles holding the names inside their words, newest first. */
  titlesNewest(q: KeywordQuery, limit: number): Promise<number[]>;
}

/** A job id and how well it matches (comparable within one query only). */
export interface RankedId {
  id: number;
  rank: number;
}

const quote = (t: string) => `"${t.replace(/"/g, '""')}"`;

/**
 * An FTS5 MATCH expression: every name a quoted string (FTS5 applies its own tokenizer and
 * diacritic folding inside), so nothing of its query syntax survives from user text.
 */
export function fts5Expression(q: KeywordQuery): string {
  return q.groups
    .map((names) => (names.length === 1 ? quote(names[0]!) : `(${names.map(quote).join(" OR ")})`))
    .join(q.mode === "and" ? " AND " : " OR ");
}

/**
 * SQLite: the contentless FTS5 tables `jobs_fts` (unicode61, diacritics removed; bm25 with the
 * weights) and `jobs_title_fts` (trigrams of the title).
 */
class SqliteKeywordIndex implements KeywordIndexRepo {
  private readonly rank: RawBuilder<unknown>;

  constructor(
    private readonly db: Db,
    w: KeywordWeights,
  ) {
    const weights = [w.title, w.company, w.place, w.description].map(Number).join(", ");
    this.rank = sql.raw(`bm25(jobs_fts, ${weights})`);
  }

  // One pass: FTS5 walks the doclists newest first and stops at the limit; bm25 (lower is better)
  // is computed for those rows only (its per-query cost, a count of each word's documents, stays).
  async newestRanked(q: KeywordQuery, before: number, limit: number): Promise<RankedId[]> {
    const r = await sql<{ id: number; bm25: number }>`SELECT rowid AS id, ${this.rank} AS bm25
      FROM jobs_fts WHERE jobs_fts MATCH ${fts5Expression(q)} AND rowid < ${before}
      ORDER BY rowid DESC LIMIT ${limit}`.execute(this.db.kysely);
    return r.rows.map((x) => ({ id: x.id, rank: -x.bm25 }));
  }

  async titlesNewest(q: KeywordQuery, limit: number): Promise<number[]> {
    const r = await sql<{ id: number }>`SELECT rowid AS id FROM jobs_title_fts
      WHERE jobs_title_fts MATCH ${fts5Expression(q)} ORDER BY rowid DESC LIMIT ${limit}`.execute(
      this.db.kysely,
    );
    return r.rows.map((x) => x.id);
  }
}

/** Escape LIKE's wildcards in a name looked for inside titles. */
const likeInfix = (name: string) => `%${name.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;

/**
 * PostgreSQL: the `search_vec` tsvector of `jobs` (simple configuration over unaccented text,
 * weights A–D for title, company, place, description; GIN index) ranked by `ts_rank` with its
 * length normalisation (shorter postings first among equal matches, as bm25 does), and a
 * pg_trgm index over the unaccented lower-case title for words inside compounds.
 */
class PostgresKeywordIndex implements KeywordIndexRepo {
  private readonly weights: string;

  constructor(
    private readonly db: Db,
    w: KeywordWeights,
  ) {
    // ts_rank's weight array is {D, C, B, A}: description, place, company, title.
    const max = Math.max(w.title, w.company, w.place, w.description, 1e-9);
    this.weights = `{${[w.description, w.place, w.company, w.title].map((x) => Number(x) / max).join(",")}}`;
  }

  private tsquery(q: KeywordQuery): RawBuilder<unknown> {
    const group = (names: readonly string[]) =>
      sql`(${sql.join(
        names.map((n) => sql`phraseto_tsquery('simple', jobscout_fold(${n}))`),
        sql` || `,
      )})`;
    return sql`(${sql.join(q.groups.map(group), q.mode === "and" ? sql` && ` : sql` || `)})`;
  }

  async newestRanked(q: KeywordQuery, before: number, limit: number): Promise<RankedId[]> {
    const r = await sql<{ id: number; rank: number }>`WITH q AS (SELECT ${this.tsquery(q)} AS q)
      SELECT id, ts_rank(${this.weights}::float4[], search_vec, q.q, 1) AS rank FROM jobs, q
      WHERE search_vec @@ q.q AND id < ${before}::bigint ORDER BY id DESC LIMIT ${limit}`.execute(
      this.db.kysely,
    );
    return r.rows.map((x) => ({ id: Number(x.id), rank: Number(x.rank) }));
  }

  async titlesNewest(q: KeywordQuery, limit: number): Promise<number[]> {
    const title = sql`jobscout_fold(title)`;
    const group = (names: readonly string[]) =>
      sql`(${sql.join(
        names.map((n) => sql`${title} LIKE jobscout_fold(${likeInfix(n)})`),
        sql` OR `,
      )})`;
    const where = sql.join(q.groups.map(group), q.mode === "and" ? sql` AND ` : sql` OR `);
    const r = await sql<{ id: number }>`SELECT id FROM jobs WHERE ${where}
      ORDER BY id DESC LIMIT ${limit}`.execute(this.db.kysely);
    return r.rows.map((x) => x.id);
  }
}

/** The keyword index of the store's engine. */
export function keywordIndex(db: Db, weights: KeywordWeights): KeywordIndexRepo {
  return db.dialect === "postgres"
    ? new PostgresKeywordIndex(db, weights)
    : new SqliteKeywordIndex(db, weights);
}
