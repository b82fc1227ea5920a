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
  /** The id `offset` places below `before` among jobs matching the words, newest first. */
  nthNewest(q: KeywordQuery, before: number, offset: number): Promise<number | undefined>;
  /** Ids in [from, to) matching the words, best rank first. */
  rankedRange(q: KeywordQuery, from: number, to: number): Promise<number[]>;
  /** Up to `limit` ids of titles holding the names inside their words, newest first. */
  titlesNewest(q: KeywordQuery, limit: number): Promise<number[]>;
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

  async nthNewest(q: KeywordQuery, before: number, offset: number): Promise<number | undefined> {
    const r = await sql<{
      id: number;
    }>`SELECT rowid AS id FROM jobs_fts WHERE jobs_fts MATCH ${fts5Expression(q)}
      AND rowid < ${before} ORDER BY rowid DESC LIMIT 1 OFFSET ${offset}`.execute(this.db.kysely);
    return r.rows[0]?.id;
  }

  async rankedRange(q: KeywordQuery, from: number, to: number): Promise<number[]> {
    const r = await sql<{
      id: number;
    }>`SELECT rowid AS id FROM jobs_fts WHERE jobs_fts MATCH ${fts5Expression(q)}
      AND rowid >= ${from} AND rowid < ${to} ORDER BY ${this.rank}`.execute(this.db.kysely);
    return r.rows.map((x) => x.id);
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

  async nthNewest(q: KeywordQuery, before: number, offset: number): Promise<number | undefined> {
    const r = await sql<{ id: number }>`SELECT id FROM jobs WHERE search_vec @@ ${this.tsquery(q)}
      AND id < ${before}::bigint ORDER BY id DESC LIMIT 1 OFFSET ${offset}`.execute(this.db.kysely);
    return r.rows[0]?.id;
  }

  async rankedRange(q: KeywordQuery, from: number, to: number): Promise<number[]> {
    const ranked = await sql<{ id: number }>`WITH q AS (SELECT ${this.tsquery(q)} AS q)
      SELECT id FROM jobs, q WHERE search_vec @@ q.q AND id >= ${from}::bigint AND id < ${to}::bigint
      ORDER BY ts_rank(${this.weights}::float4[], search_vec, q.q, 1) DESC, id DESC`.execute(this.db.kysely);
    return ranked.rows.map((x) => x.id);
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
