import type { Db } from "./db.js";

/** One finished fetch of a source, for latency and HTTP outcome metrics. */
export interface FetchSample {
  source: string;
  status: string;
  http: Record<string, number>;
  durationMs: number | null;
}

/** Aggregates of the store for `/metrics`: the store is what every worker process writes to. */
export class MetricsRepo {
  constructor(private readonly db: Db) {}

  async runsByStatus(): Promise<Array<{ status: string; count: number }>> {
    const rows = await this.db.kysely
      .selectFrom("runs")
      .select((eb) => ["status", eb.fn.countAll<number>().as("n")])
      .groupBy("status")
      .execute();
    return rows.map((r) => ({ status: r.status, count: Number(r.n) }));
  }

  async fetchesBySourceStatus(): Promise<Array<{ source: string; status: string; count: number }>> {
    const rows = await this.db.kysely
      .selectFrom("run_sources")
      .select((eb) => ["source", "status", eb.fn.countAll<number>().as("n")])
      .groupBy(["source", "status"])
      .execute();
    return rows.map((r) => ({ source: r.source, status: r.status, count: Number(r.n) }));
  }

  /** The latest `limit` finished fetches. */
  async recentFetches(limit: number): Promise<FetchSample[]> {
    const rows = await this.db.kysely
      .selectFrom("run_sources")
      .select(["source", "status", "http_json", "duration_ms"])
      .where("finished_at", "is not", null)
      .orderBy("finished_at", "desc")
      .limit(limit)
      .execute();
    return rows.map((r) => ({
      source: r.source,
      status: r.status,
      http: r.http_json ? (JSON.parse(r.http_json) as Record<string, number>) : {},
      durationMs: r.duration_ms,
    }));
  }

  /** When each stage of the latest `limit` finished runs started (ISO by stage, `done` last). */
  async recentStageTimes(limit: number): Promise<Array<Record<string, string>>> {
    const rows = await this.db.kysely
      .selectFrom("runs")
      .select("stats_json")
      .where("finished_at", "is not", null)
      .orderBy("created_at", "desc")
      .limit(limit)
      .execute();
    return rows.map((r) =>
      r.stats_json ? ((JSON.parse(r.stats_json) as { stages?: Record<string, string> }).stages ?? {}) : {},
    );
  }
}
