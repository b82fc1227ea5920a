import type Sqlite from "better-sqlite3";
import type { Db } from "./db.js";

/** Reads of one FTS5 table: by recency (common words) or by rank within a window of rows. */
export interface FtsReads {
  /** The rowid `offset` places below `before`, among rows matching the expression, newest first. */
  nthNewest: Sqlite.Statement<[string, number, number], number>;
  /** Rowids in [from, to) matching the expression, best rank first. */
  rankedRange: Sqlite.Statement<[string, number, number], number>;
}

function ftsReads(db: Db, table: string, rank: string): FtsReads {
  return {
    nthNewest: db.sqlite
      .prepare<[string, number, number], number>(
        `SELECT rowid FROM ${table} WHERE ${table} MATCH ? AND rowid < ? ORDER BY rowid DESC LIMIT 1 OFFSET ?`,
      )
      .pluck(),
    rankedRange: db.sqlite
      .prepare<[string, number, number], number>(
        `SELECT rowid FROM ${table} WHERE ${table} MATCH ? AND rowid >= ? AND rowid < ? ORDER BY ${rank}`,
      )
      .pluck(),
  };
}

/**
 * The keyword indexes' reads (FTS5 `jobs_fts` with bm25 weights per field, and the title trigram
 * table `jobs_title_fts`), prepared once. Synchronous on purpose: a search reads many small windows
 * on the hot path.
 */
export class KeywordIndexRepo {
  readonly words: FtsReads;
  /** Rowids of titles containing the trigram expression, newest first. */
  readonly titlesNewest: Sqlite.Statement<[string], number>;

  constructor(db: Db, weights: { title: number; company: number; place: number; description: number }) {
    const w = [weights.title, weights.company, weights.place, weights.description].map(Number).join(", ");
    this.words = ftsReads(db, "jobs_fts", `bm25(jobs_fts, ${w})`);
    this.titlesNewest = db.sqlite
      .prepare<[string], number>(
        "SELECT rowid FROM jobs_title_fts WHERE jobs_title_fts MATCH ? ORDER BY rowid DESC",
      )
      .pluck();
  }
}
